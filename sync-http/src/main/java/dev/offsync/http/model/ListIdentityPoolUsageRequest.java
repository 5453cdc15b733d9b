package dev.offsync.http.model;

import java.util.Objects;

/**
 * A request for usage information on an identity pool.
 *
 * <p>Immutable; create one with {@link #builder()} and derive a modified copy with {@link #newBuilder()}.
 * {@link Builder#build()} validates the model's constraints (required members, lengths, patterns, sizes) and
 * throws {@link IllegalArgumentException} naming the offending field.
 */
public final class ListIdentityPoolUsageRequest {
  private final String nextToken;
  private final Integer maxResults;

  private ListIdentityPoolUsageRequest(Builder builder) {
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
  }

  @Override
  public boolean equals(Object other) {
    if (this == other) {
      return true;
    }
    if (!(other instanceof ListIdentityPoolUsageRequest)) {
      return false;
    }
    ListIdentityPoolUsageRequest that = (ListIdentityPoolUsageRequest) other;
    return Objects.equals(nextToken, that.nextToken)
        && Objects.equals(maxResults, that.maxResults);
  }

  @Override
  public int hashCode() {
    return Objects.hash(nextToken, maxResults);
  }

  @Override
  public String toString() {
    return "ListIdentityPoolUsageRequest{"
        + "nextToken=" + nextToken
        + ", maxResults=" + maxResults
        + "}";
  }

  /** Builds {@link ListIdentityPoolUsageRequest} values; not thread-safe. */
  public static final class Builder {
    private String nextToken;
    private Integer maxResults;

    private Builder() {}

    private Builder(ListIdentityPoolUsageRequest value) {
      this.nextToken = value.nextToken;
      this.maxResults = value.maxResults;
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
    public ListIdentityPoolUsageRequest build() {
      ListIdentityPoolUsageRequest value = new ListIdentityPoolUsageRequest(this);
      value.validate("ListIdentityPoolUsageRequest");
      return value;
    }
  }
}
