package dev.offsync.http.model;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Objects;

/**
 * Returned for a successful ListDatasets request.
 *
 * <p>Immutable; create one with {@link #builder()} and derive a modified copy with {@link #newBuilder()}.
 */
public final class ListDatasetsResponse {
  private final List<Dataset> datasets;
  private final Integer count;
  private final String nextToken;

  private ListDatasetsResponse(Builder builder) {
    this.datasets = builder.datasets == null ? Collections.<Dataset>emptyList() : builder.datasets;
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
   * A set of datasets.
   *
   * @return the datasets member (wire name {@code Datasets}); an unmodifiable list, empty when absent
   */
  public List<Dataset> datasets() {
    return datasets;
  }

  /**
   * Number of datasets returned.
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
    if (!(other instanceof ListDatasetsResponse)) {
      return false;
    }
    ListDatasetsResponse that = (ListDatasetsResponse) other;
    return Objects.equals(datasets, that.datasets)
        && Objects.equals(count, that.count)
        && Objects.equals(nextToken, that.nextToken);
  }

  @Override
  public int hashCode() {
    return Objects.hash(datasets, count, nextToken);
  }

  @Override
  public String toString() {
    return "ListDatasetsResponse{"
        + "datasets=" + datasets
        + ", count=" + count
        + ", nextToken=" + nextToken
        + "}";
  }

  /** Builds {@link ListDatasetsResponse} values; not thread-safe. */
  public static final class Builder {
    private List<Dataset> datasets;
    private Integer count;
    private String nextToken;

    private Builder() {}

    private Builder(ListDatasetsResponse value) {
      this.datasets = value.datasets;
      this.count = value.count;
      this.nextToken = value.nextToken;
    }

    /**
     * Sets the datasets member (wire name {@code Datasets}). A set of datasets.
     *
     * @param datasets the new value, not null
     * @return this builder
     */
    public Builder datasets(List<Dataset> datasets) {
      Objects.requireNonNull(datasets, "datasets == null");
      List<Dataset> copy = new ArrayList<>(datasets.size());
      for (Dataset element : datasets) {
        copy.add(Objects.requireNonNull(element, "datasets element == null"));
      }
      this.datasets = Collections.unmodifiableList(copy);
      return this;
    }

    /**
     * Sets the datasets member from varargs; see {@link #datasets(List)}.
     *
     * @param datasets the elements, none null
     * @return this builder
     */
    public Builder datasets(Dataset... datasets) {
      return datasets(Arrays.asList(Objects.requireNonNull(datasets, "datasets == null")));
    }

    /**
     * Sets the count member (wire name {@code Count}). Number of datasets returned.
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
    public ListDatasetsResponse build() {
      ListDatasetsResponse value = new ListDatasetsResponse(this);
      return value;
    }
  }
}
