package dev.offsync.http.model;

import java.util.Objects;

/**
 * Response to a SubscribeToDataset request.
 *
 * <p>Immutable; create one with {@link #builder()} and derive a modified copy with {@link #newBuilder()}.
 */
public final class SubscribeToDatasetResponse {
  private SubscribeToDatasetResponse(Builder builder) {
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
    if (!(other instanceof SubscribeToDatasetResponse)) {
      return false;
    }
    return true;
  }

  @Override
  public int hashCode() {
    return SubscribeToDatasetResponse.class.getName().hashCode();
  }

  @Override
  public String toString() {
    return "SubscribeToDatasetResponse{}";
  }

  /** Builds {@link SubscribeToDatasetResponse} values; not thread-safe. */
  public static final class Builder {
    private Builder() {}

    private Builder(SubscribeToDatasetResponse value) {
    }

    /**
     * Builds the value.
     *
     * @return the immutable value
     */
    public SubscribeToDatasetResponse build() {
      SubscribeToDatasetResponse value = new SubscribeToDatasetResponse(this);
      return value;
    }
  }
}
