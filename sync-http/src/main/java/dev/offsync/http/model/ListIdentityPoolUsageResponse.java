package dev.offsync.http.model;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Objects;

/**
 * Returned for a successful ListIdentityPoolUsage request.
 *
 * <p>Immutable; create one with {@link #builder()} and derive a modified copy with {@link #newBuilder()}.
 */
public final class ListIdentityPoolUsageResponse {
  private final List<IdentityPoolUsage> identityPoolUsages;
  private final Integer maxResults;
  private final Integer count;
  private final String nextToken;

  private ListIdentityPoolUsageResponse(Builder builder) {
    this.identityPoolUsages = builder.identityPoolUsages == null ? Collections.<IdentityPoolUsage>emptyList() : builder.identityPoolUsages;
    this.maxResults = builder.maxResults;
    this.count = builder.count;
    this.nextToken = builder.nextToken;
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
   * Usage information for the identity pools.
   *
   * @return the identityPoolUsages member (wire name {@code IdentityPoolUsages}); an unmodifiable list, empty when absent
   */
  public List<IdentityPoolUsage> identityPoolUsages() {
    return identityPoolUsages;
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
   * Total number of identities for the identity pool.
   *
   * @return the count member (wire name {@code Count}), or {@code null} when absent
   */
  public Integer count() {
    return count;
  }

  /**
   * A pagination token for obtaining the next page of results.
   *
   * @return the nextToken member (wire name {@code NextToken}), or {@code null} when absent
   */
  public String nextToken() {
    return nextToken;
  }

  @Override
  public boolean equals(Object other) {
    if (this == other) {
      return true;
    }
    if (!(other instanceof ListIdentityPoolUsageResponse)) {
      return false;
    }
    ListIdentityPoolUsageResponse that = (ListIdentityPoolUsageResponse) other;
    return Objects.equals(identityPoolUsages, that.identityPoolUsages)
        && Objects.equals(maxResults, that.maxResults)
        && Objects.equals(count, that.count)
        && Objects.equals(nextToken, that.nextToken);
  }

  @Override
  public int hashCode() {
    return Objects.hash(identityPoolUsages, maxResults, count, nextToken);
  }

  @Override
  public String toString() {
    return "ListIdentityPoolUsageResponse{"
        + "identityPoolUsages=" + identityPoolUsages
        + ", maxResults=" + maxResults
        + ", count=" + count
        + ", nextToken=" + nextToken
        + "}";
  }

  /** Builds {@link ListIdentityPoolUsageResponse} values; not thread-safe. */
  public static final class Builder {
    private List<IdentityPoolUsage> identityPoolUsages;
    private Integer maxResults;
    private Integer count;
    private String nextToken;

    private Builder() {}

    private Builder(ListIdentityPoolUsageResponse value) {
      this.identityPoolUsages = value.identityPoolUsages;
      this.maxResults = value.maxResults;
      this.count = value.count;
      this.nextToken = value.nextToken;
    }

    /**
     * Sets the identityPoolUsages member (wire name {@code IdentityPoolUsages}). Usage information for the
     * identity pools.
     *
     * @param identityPoolUsages the new value, not null
     * @return this builder
     */
    public Builder identityPoolUsages(List<IdentityPoolUsage> identityPoolUsages) {
      Objects.requireNonNull(identityPoolUsages, "identityPoolUsages == null");
      List<IdentityPoolUsage> copy = new ArrayList<>(identityPoolUsages.size());
      for (IdentityPoolUsage element : identityPoolUsages) {
        copy.add(Objects.requireNonNull(element, "identityPoolUsages element == null"));
      }
      this.identityPoolUsages = Collections.unmodifiableList(copy);
      return this;
    }

    /**
     * Sets the identityPoolUsages member from varargs; see {@link #identityPoolUsages(List)}.
     *
     * @param identityPoolUsages the elements, none null
     * @return this builder
     */
    public Builder identityPoolUsages(IdentityPoolUsage... identityPoolUsages) {
      return identityPoolUsages(Arrays.asList(Objects.requireNonNull(identityPoolUsages, "identityPoolUsages == null")));
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
     * Sets the count member (wire name {@code Count}). Total number of identities for the identity pool.
     *
     * @param count the new value, not null
     * @return this builder
     */
    public Builder count(Integer count) {
      Objects.requireNonNull(count, "count == null");
      this.count = count;
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
     * Builds the value.
     *
     * @return the immutable value
     */
    public ListIdentityPoolUsageResponse build() {
      ListIdentityPoolUsageResponse value = new ListIdentityPoolUsageResponse(this);
      return value;
    }
  }
}
