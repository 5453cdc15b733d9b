package dev.offsync.http.model;

import java.util.Objects;

/**
 * The response to a successful DescribeIdentityUsage request.
 *
 * <p>Immutable; create one with {@link #builder()} and derive a modified copy with {@link #newBuilder()}.
 */
public final class DescribeIdentityUsageResponse {
  private final IdentityUsage identityUsage;

  private DescribeIdentityUsageResponse(Builder builder) {
    this.identityUsage = builder.identityUsage;
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
   * Usage information for the identity.
   *
   * @return the identityUsage member (wire name {@code IdentityUsage}), or {@code null} when absent
   */
  public IdentityUsage identityUsage() {
    return identityUsage;
  }

  @Override
  public boolean equals(Object other) {
    if (this == other) {
      return true;
    }
    if (!(other instanceof DescribeIdentityUsageResponse)) {
      return false;
    }
    DescribeIdentityUsageResponse that = (DescribeIdentityUsageResponse) other;
    return Objects.equals(identityUsage, that.identityUsage);
  }

  @Override
  public int hashCode() {
    return Objects.hash(identityUsage);
  }

  @Override
  public String toString() {
    return "DescribeIdentityUsageResponse{"
        + "identityUsage=" + identityUsage
        + "}";
  }

  /** Builds {@link DescribeIdentityUsageResponse} values; not thread-safe. */
  public static final class Builder {
    private IdentityUsage identityUsage;

    private Builder() {}

    private Builder(DescribeIdentityUsageResponse value) {
      this.identityUsage = value.identityUsage;
    }

    /**
     * Sets the identityUsage member (wire name {@code IdentityUsage}). Usage information for the identity.
     *
     * @param identityUsage the new value, not null
     * @return this builder
     */
    public Builder identityUsage(IdentityUsage identityUsage) {
      Objects.requireNonNull(identityUsage, "identityUsage == null");
      this.identityUsage = identityUsage;
      return this;
    }

    /**
     * Builds the value.
     *
     * @return the immutable value
     */
    public DescribeIdentityUsageResponse build() {
      DescribeIdentityUsageResponse value = new DescribeIdentityUsageResponse(this);
      return value;
    }
  }
}
