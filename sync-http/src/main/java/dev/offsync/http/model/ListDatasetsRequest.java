package dev.offsync.http.model;

import java.util.Objects;
import java.util.regex.Pattern;

/**
 * Request for a list of datasets for an identity.
 *
 * <p>Immutable; create one with {@link #builder()} and derive a modified copy with {@link #newBuilder()}.
 * {@link Builder#build()} validates the model's constraints (required members, lengths, patterns, sizes) and
 * throws {@link IllegalArgumentException} naming the offending field.
 */
public final class ListDatasetsRequest {
  private static final Pattern IDENTITY_ID_PATTERN = Pattern.compile("[\\w-]+:[0-9a-f-]+");
  private static final Pattern IDENTITY_POOL_ID_PATTERN = Pattern.compile("[\\w-]+:[0-9a-f-]+");

  private final String identityPoolId;
  private final String identityId;
  private final String nextToken;
  private final Integer maxResults;

  private ListDatasetsRequest(Builder builder) {
    this.identityPoolId = builder.identityPoolId;
    this.identityId = builder.identityId;
    this.nextToken = builder.nextToken;
    this.maxResults = builder.maxResults;
  }

  /**
   * Returns a new, empty builder.
   *
   * @return a new builder
   */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * Returns a builder initialised with every member of this value.
   *
   * @return a new builder holding a copy of this value
   */
  public Builder newBuilder() {
    return new Builder(this);
  }

  /**
   * A name-spaced GUID (for example, us-east-1:23EC4050-6AEA-7089-A2DD-08002EXAMPLE) created by Amazon
   * Cognito. GUID generation is unique within a region.
   *
   * @return the identityPoolId member (wire name {@code IdentityPoolId}), or {@code null} when absent
   */
  public String identityPoolId() {
    return identityPoolId;
  }

  /**
   * A name-spaced GUID (for example, us-east-1:23EC4050-6AEA-7089-A2DD-08002EXAMPLE) created by Amazon
   * Cognito. GUID generation is unique within a region.
   *
   * @return the identityId member (wire name {@code IdentityId}), or {@code null} when absent
   */
  public String identityId() {
    return identityId;
  }

  /**
   * A pagination token for obtaining the next page of results.
   *
   * @return the nextToken member (wire name {@code NextToken}), or {@code null} when absent
   */
  public String nextToken() {
    return nextToken;
  }

  /**
   * The maximum number of results to be returned.
   *
   * @return the maxResults member (wire name {@code MaxResults}), or {@code null} when absent
   */
  public Integer maxResults() {
    return maxResults;
  }

  void validate(String path) {
    Validation.require(identityPoolId, path + ".identityPoolId");
    if (identityPoolId != null) {
      Validation.checkLength(identityPoolId, 1, 55, path + ".identityPoolId");
      Validation.checkPattern(identityPoolId, IDENTITY_POOL_ID_PATTERN, path + ".identityPoolId");
    }
    Validation.require(identityId, path + ".identityId");
    if (identityId != null) {
      Validation.checkLength(identityId, 1, 55, path + ".identityId");
      Validation.checkPattern(identityId, IDENTITY_ID_PATTERN, path + ".identityId");
    }
  }

  @Override
  public boolean equals(Object other) {
    if (this == other) {
      return true;
    }
    if (!(other instanceof ListDatasetsRequest)) {
      return false;
    }
    ListDatasetsRequest that = (ListDatasetsRequest) other;
    return Objects.equals(identityPoolId, that.identityPoolId)
        && Objects.equals(identityId, that.identityId)
        && Objects.equals(nextToken, that.nextToken)
        && Objects.equals(maxResults, that.maxResults);
  }

  @Override
  public int hashCode() {
    return Objects.hash(identityPoolId, identityId, nextToken, maxResults);
  }

  @Override
  public String toString() {
    return "ListDatasetsRequest{"
        + "identityPoolId=" + identityPoolId
        + ", identityId=" + identityId
        + ", nextToken=" + nextToken
        + ", maxResults=" + maxResults
        + "}";
  }

  /** Builds {@link ListDatasetsRequest} values; not thread-safe. */
  public static final class Builder {
    private String identityPoolId;
    private String identityId;
    private String nextToken;
    private Integer maxResults;

    private Builder() {}

    private Builder(ListDatasetsRequest value) {
      this.identityPoolId = value.identityPoolId;
      this.identityId = value.identityId;
      this.nextToken = value.nextToken;
      this.maxResults = value.maxResults;
    }

    /**
     * Sets the identityPoolId member (wire name {@code IdentityPoolId}). Required. A name-spaced GUID (for
     * example, us-east-1:23EC4050-6AEA-7089-A2DD-08002EXAMPLE) created by Amazon Cognito. GUID generation is
     * unique within a region.
     *
     * @param identityPoolId the new value, not null
     * @return this builder
     */
    public Builder identityPoolId(String identityPoolId) {
      Objects.requireNonNull(identityPoolId, "identityPoolId == null");
      this.identityPoolId = identityPoolId;
      return this;
    }

    /**
     * Sets the identityId member (wire name {@code IdentityId}). Required. A name-spaced GUID (for example,
     * us-east-1:23EC4050-6AEA-7089-A2DD-08002EXAMPLE) created by Amazon Cognito. GUID generation is unique
     * within a region.
     *
     * @param identityId the new value, not null
     * @return this builder
     */
    public Builder identityId(String identityId) {
      Objects.requireNonNull(identityId, "identityId == null");
      this.identityId = identityId;
      return this;
    }

    /**
     * Sets the nextToken member (wire name {@code NextToken}). A pagination token for obtaining the next page
     * of results.
     *
     * @param nextToken the new value, not null
     * @return this builder
     */
    public Builder nextToken(String nextToken) {
      Objects.requireNonNull(nextToken, "nextToken == null");
      this.nextToken = nextToken;
      return this;
    }

    /**
     * Sets the maxResults member (wire name {@code MaxResults}). The maximum number of results to be
     * returned.
     *
     * @param maxResults the new value, not null
     * @return this builder
     */
    public Builder maxResults(Integer maxResults) {
      Objects.requireNonNull(maxResults, "maxResults == null");
      this.maxResults = maxResults;
      return this;
    }

    /**
     * Builds the value after validating the model's constraints.
     *
     * @return the immutable value
     * @throws IllegalArgumentException if a required member is missing or a constraint is violated; the
     *     message names the field
     */
    public ListDatasetsRequest build() {
      ListDatasetsRequest value = new ListDatasetsRequest(this);
      value.validate("ListDatasetsRequest");
      return value;
    }
  }
}
