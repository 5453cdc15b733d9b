package dev.offsync.http.model;

import java.util.Objects;
import java.util.regex.Pattern;

/**
 * The input for the BulkPublish operation.
 *
 * <p>Immutable; create one with {@link #builder()} and derive a modified copy with {@link #newBuilder()}.
 * {@link Builder#build()} validates the model's constraints (required members, lengths, patterns, sizes) and
 * throws {@link IllegalArgumentException} naming the offending field.
 */
public final class BulkPublishRequest {
  private static final Pattern IDENTITY_POOL_ID_PATTERN = Pattern.compile("[\\w-]+:[0-9a-f-]+");

  private final String identityPoolId;

  private BulkPublishRequest(Builder builder) {
    this.identityPoolId = builder.identityPoolId;
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

  void validate(String path) {
    Validation.require(identityPoolId, path + ".identityPoolId");
    if (identityPoolId != null) {
      Validation.checkLength(identityPoolId, 1, 55, path + ".identityPoolId");
      Validation.checkPattern(identityPoolId, IDENTITY_POOL_ID_PATTERN, path + ".identityPoolId");
    }
  }

  @Override
  public boolean equals(Object other) {
    if (this == other) {
      return true;
    }
    if (!(other instanceof BulkPublishRequest)) {
      return false;
    }
    BulkPublishRequest that = (BulkPublishRequest) other;
    return Objects.equals(identityPoolId, that.identityPoolId);
  }

  @Override
  public int hashCode() {
    return Objects.hash(identityPoolId);
  }

  @Override
  public String toString() {
    return "BulkPublishRequest{"
        + "identityPoolId=" + identityPoolId
        + "}";
  }

  /** Builds {@link BulkPublishRequest} values; not thread-safe. */
  public static final class Builder {
    private String identityPoolId;

    private Builder() {}

    private Builder(BulkPublishRequest value) {
      this.identityPoolId = value.identityPoolId;
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
     * Builds the value after validating the model's constraints.
     *
     * @return the immutable value
     * @throws IllegalArgumentException if a required member is missing or a constraint is violated; the
     *     message names the field
     */
    public BulkPublishRequest build() {
      BulkPublishRequest value = new BulkPublishRequest(this);
      value.validate("BulkPublishRequest");
      return value;
    }
  }
}
