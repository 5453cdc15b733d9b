package dev.offsync.http.model;

import java.util.Objects;

/**
 * Response to an UnsubscribeFromDataset request.
 *
 * <p>Immutable; create one with {@link #builder()} and derive a modified copy with {@link #newBuilder()}.
 */
public final class UnsubscribeFromDatasetResponse {
  private UnsubscribeFromDatasetResponse(Builder builder) {
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

  @Override
  public boolean equals(Object other) {
    if (this == other) {
      return true;
    }
    if (!(other instanceof UnsubscribeFromDatasetResponse)) {
      return false;
    }
    return true;
  }

  @Override
  public int hashCode() {
    return UnsubscribeFromDatasetResponse.class.getName().hashCode();
  }

  @Override
  public String toString() {
    return "UnsubscribeFromDatasetResponse{}";
  }

  /** Builds {@link UnsubscribeFromDatasetResponse} values; not thread-safe. */
  public static final class Builder {
    private Builder() {}

    private Builder(UnsubscribeFromDatasetResponse value) {
    }

    /**
     * Builds the value.
     *
     * @return the immutable value
     */
    public UnsubscribeFromDatasetResponse build() {
      UnsubscribeFromDatasetResponse value = new UnsubscribeFromDatasetResponse(this);
      return value;
    }
  }
}
