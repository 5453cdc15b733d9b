package dev.offsync.http.model;

import java.util.Objects;
import java.util.regex.Pattern;

/**
 * A request for a list of records.
 *
 * <p>Immutable; create one with {@link #builder()} and derive a modified copy with {@link #newBuilder()}.
 * {@link Builder#build()} validates the model's constraints (required members, lengths, patterns, sizes) and
 * throws {@link IllegalArgumentException} naming the offending field.
 */
public final class ListRecordsRequest {
  private static final Pattern DATASET_NAME_PATTERN = Pattern.compile("[a-zA-Z0-9_.:-]+");
  private static final Pattern IDENTITY_ID_PATTERN = Pattern.compile("[\\w-]+:[0-9a-f-]+");
  private static final Pattern IDENTITY_POOL_ID_PATTERN = Pattern.compile("[\\w-]+:[0-9a-f-]+");

  private final String identityPoolId;
  private final String identityId;
  private final String datasetName;
  private final Long lastSyncCount;
  private final String nextToken;
  private final Integer maxResults;
  private final String syncSessionToken;

  private ListRecordsRequest(Builder builder) {
    this.identityPoolId = builder.identityPoolId;
    this.identityId = builder.identityId;
    this.datasetName = builder.datasetName;
    this.lastSyncCount = builder.lastSyncCount;
    this.nextToken = builder.nextToken;
    this.maxResults = builder.maxResults;
    this.syncSessionToken = builder.syncSessionToken;
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
   * A string of up to 128 characters. Allowed characters are a-z, A-Z, 0-9, '_' (underscore), '-' (dash), and
   * '.' (dot).
   *
   * @return the datasetName member (wire name {@code DatasetName}), or {@code null} when absent
   */
  public String datasetName() {
    return datasetName;
  }

  /**
   * The last server sync count for this record.
   *
   * @return the lastSyncCount member (wire name {@code LastSyncCount}), or {@code null} when absent
   */
  public Long lastSyncCount() {
    return lastSyncCount;
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

  /**
   * A token containing a session ID, identity ID, and expiration.
   *
   * @return the syncSessionToken member (wire name {@code SyncSessionToken}), or {@code null} when absent
   */
  public String syncSessionToken() {
    return syncSessionToken;
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
    Validation.require(datasetName, path + ".datasetName");
    if (datasetName != null) {
      Validation.checkLength(datasetName, 1, 128, path + ".datasetName");
      Validation.checkPattern(datasetName, DATASET_NAME_PATTERN, path + ".datasetName");
    }
  }

  @Override
  public boolean equals(Object other) {
    if (this == other) {
      return true;
    }
    if (!(other instanceof ListRecordsRequest)) {
      return false;
    }
    ListRecordsRequest that = (ListRecordsRequest) other;
    return Objects.equals(identityPoolId, that.identityPoolId)
        && Objects.equals(identityId, that.identityId)
        && Objects.equals(datasetName, that.datasetName)
        && Objects.equals(lastSyncCount, that.lastSyncCount)
        && Objects.equals(nextToken, that.nextToken)
        && Objects.equals(maxResults, that.maxResults)
        && Objects.equals(syncSessionToken, that.syncSessionToken);
  }

  @Override
  public int hashCode() {
    return Objects.hash(identityPoolId, identityId, datasetName, lastSyncCount, nextToken, maxResults, syncSessionToken);
  }

  @Override
  public String toString() {
    return "ListRecordsRequest{"
        + "identityPoolId=" + identityPoolId
        + ", identityId=" + identityId
        + ", datasetName=" + datasetName
        + ", lastSyncCount=" + lastSyncCount
        + ", nextToken=" + nextToken
        + ", maxResults=" + maxResults
        + ", syncSessionToken=" + (syncSessionToken == null ? "null" : "<redacted>")
        + "}";
  }

  /** Builds {@link ListRecordsRequest} values; not thread-safe. */
  public static final class Builder {
    private String identityPoolId;
    private String identityId;
    private String datasetName;
    private Long lastSyncCount;
    private String nextToken;
    private Integer maxResults;
    private String syncSessionToken;

    private Builder() {}

    private Builder(ListRecordsRequest value) {
      this.identityPoolId = value.identityPoolId;
      this.identityId = value.identityId;
      this.datasetName = value.datasetName;
      this.lastSyncCount = value.lastSyncCount;
      this.nextToken = value.nextToken;
      this.maxResults = value.maxResults;
      this.syncSessionToken = value.syncSessionToken;
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
     * Sets the datasetName member (wire name {@code DatasetName}). Required. A string of up to 128
     * characters. Allowed characters are a-z, A-Z, 0-9, '_' (underscore), '-' (dash), and '.' (dot).
     *
     * @param datasetName the new value, not null
     * @return this builder
     */
    public Builder datasetName(String datasetName) {
      Objects.requireNonNull(datasetName, "datasetName == null");
      this.datasetName = datasetName;
      return this;
    }

    /**
     * Sets the lastSyncCount member (wire name {@code LastSyncCount}). The last server sync count for this
     * record.
     *
     * @param lastSyncCount the new value, not null
     * @return this builder
     */
    public Builder lastSyncCount(Long lastSyncCount) {
      Objects.requireNonNull(lastSyncCount, "lastSyncCount == null");
      this.lastSyncCount = lastSyncCount;
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
     * Sets the syncSessionToken member (wire name {@code SyncSessionToken}). A token containing a session ID,
     * identity ID, and expiration.
     *
     * @param syncSessionToken the new value, not null
     * @return this builder
     */
    public Builder syncSessionToken(String syncSessionToken) {
      Objects.requireNonNull(syncSessionToken, "syncSessionToken == null");
      this.syncSessionToken = syncSessionToken;
      return this;
    }

    /**
     * Builds the value after validating the model's constraints.
     *
     * @return the immutable value
     * @throws IllegalArgumentException if a required member is missing or a constraint is violated; the
     *     message names the field
     */
    public ListRecordsRequest build() {
      ListRecordsRequest value = new ListRecordsRequest(this);
      value.validate("ListRecordsRequest");
      return value;
    }
  }
}
