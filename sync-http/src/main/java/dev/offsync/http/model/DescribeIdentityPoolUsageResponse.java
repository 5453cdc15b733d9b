package dev.offsync.http.model;

import java.util.Objects;

/**
 * Response to a successful DescribeIdentityPoolUsage request.
 *
 * <p>Immutable; create one with {@link #builder()} and derive a modified copy with {@link #newBuilder()}.
 */
public final class DescribeIdentityPoolUsageResponse {
  private final IdentityPoolUsage identityPoolUsage;

  private DescribeIdentityPoolUsageResponse(Builder builder) {
    this.identityPoolUsage = builder.identityPoolUsage;
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
   * Information about the usage of the identity pool.
   *
   * @return the identityPoolUsage member (wire name {@code IdentityPoolUsage}), or {@code null} when absent
   */
  public IdentityPoolUsage identityPoolUsage() {
    return identityPoolUsage;
  }

  @Override
  public boolean equals(Object other) {
    if (this == other) {
      return true;
    }
    if (!(other instanceof DescribeIdentityPoolUsageResponse)) {
      return false;
    }
    DescribeIdentityPoolUsageResponse that = (DescribeIdentityPoolUsageResponse) other;
    return Objects.equals(identityPoolUsage, that.identityPoolUsage);
  }

  @Override
  public int hashCode() {
    return Objects.hash(identityPoolUsage);
  }

  @Override
  public String toString() {
    return "DescribeIdentityPoolUsageResponse{"
        + "identityPoolUsage=" + identityPoolUsage
        + "}";
  }

  /** Builds {@link DescribeIdentityPoolUsageResponse} values; not thread-safe. */
  public static final class Builder {
    private IdentityPoolUsage identityPoolUsage;

    private Builder() {}

    private Builder(DescribeIdentityPoolUsageResponse value) {
      this.identityPoolUsage = value.identityPoolUsage;
    }

    /**
     * Sets the identityPoolUsage member (wire name {@code IdentityPoolUsage}). Information about the usage of
     * the identity pool.
     *
     * @param identityPoolUsage the new value, not null
     * @return this builder
     */
    public Builder identityPoolUsage(IdentityPoolUsage identityPoolUsage) {
      Objects.requireNonNull(identityPoolUsage, "identityPoolUsage == null");
      this.identityPoolUsage = identityPoolUsage;
      return this;
    }

    /**
     * Builds the value.
     *
     * @return the immutable value
     */
    public DescribeIdentityPoolUsageResponse build() {
      DescribeIdentityPoolUsageResponse value = new DescribeIdentityPoolUsageResponse(this);
      return value;
    }
  }
}
