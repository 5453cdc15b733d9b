package dev.offsync.http.model;

import java.util.Objects;

/**
 * Response to a successful DeleteDataset request.
 *
 * <p>Immutable; create one with {@link #builder()} and derive a modified copy with {@link #newBuilder()}.
 */
public final class DeleteDatasetResponse {
  private final Dataset dataset;

  private DeleteDatasetResponse(Builder builder) {
    this.dataset = builder.dataset;
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
   * A collection of data for an identity pool. An identity pool can have multiple datasets. A dataset is per
   * identity and can be general or associated with a particular entity in an application (like a saved game).
   * Datasets are automatically created if they don't exist. Data is synced by dataset, and a dataset can hold
   * up to 1MB of key-value pairs.
   *
   * @return the dataset member (wire name {@code Dataset}), or {@code null} when absent
   */
  public Dataset dataset() {
    return dataset;
  }

  @Override
  public boolean equals(Object other) {
    if (this == other) {
      return true;
    }
    if (!(other instanceof DeleteDatasetResponse)) {
      return false;
    }
    DeleteDatasetResponse that = (DeleteDatasetResponse) other;
    return Objects.equals(dataset, that.dataset);
  }

  @Override
  public int hashCode() {
    return Objects.hash(dataset);
  }

  @Override
  public String toString() {
    return "DeleteDatasetResponse{"
        + "dataset=" + dataset
        + "}";
  }

  /** Builds {@link DeleteDatasetResponse} values; not thread-safe. */
  public static final class Builder {
    private Dataset dataset;

    private Builder() {}

    private Builder(DeleteDatasetResponse value) {
      this.dataset = value.dataset;
    }

    /**
     * Sets the dataset member (wire name {@code Dataset}). A collection of data for an identity pool. An
     * identity pool can have multiple datasets. A dataset is per identity and can be general or associated
     * with a particular entity in an application (like a saved game). Datasets are automatically created if
     * they don't exist. Data is synced by dataset, and a dataset can hold up to 1MB of key-value pairs.
     *
     * @param dataset the new value, not null
     * @return this builder
     */
    public Builder dataset(Dataset dataset) {
      Objects.requireNonNull(dataset, "dataset == null");
      this.dataset = dataset;
      return this;
    }

    /**
     * Builds the value.
     *
     * @return the immutable value
     */
    public DeleteDatasetResponse build() {
      DeleteDatasetResponse value = new DeleteDatasetResponse(this);
      return value;
    }
  }
}
