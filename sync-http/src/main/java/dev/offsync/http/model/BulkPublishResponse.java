package dev.offsync.http.model;

import java.util.Objects;
import java.util.regex.Pattern;

/**
 * The output for the BulkPublish operation.
 *
 * <p>Immutable; create one with {@link #builder()} and derive a modified copy with {@link #newBuilder()}.
 */
public final class BulkPublishResponse {
  private static final Pattern IDENTITY_POOL_ID_PATTERN = Pattern.compile("[\\w-]+:[0-9a-f-]+");

  private final String identityPoolId;

  private BulkPublishResponse(Builder builder) {
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

  @Override
  public boolean equals(Object other) {
    if (this == other) {
      return true;
    }
    if (!(other instanceof BulkPublishResponse)) {
      return false;
    }
    BulkPublishResponse that = (BulkPublishResponse) other;
    return Objects.equals(identityPoolId, that.identityPoolId);
  }

  @Override
  public int hashCode() {
    return Objects.hash(identityPoolId);
  }

  @Override
  public String toString() {
    return "BulkPublishResponse{"
        + "identityPoolId=" + identityPoolId
        + "}";
  }

  /** Builds {@link BulkPublishResponse} values; not thread-safe. */
  public static final class Builder {
    private String identityPoolId;

    private Builder() {}

    private Builder(BulkPublishResponse value) {
      this.identityPoolId = value.identityPoolId;
    }

    /**
     * Sets the identityPoolId member (wire name {@code IdentityPoolId}). A name-spaced GUID (for example,
     * us-east-1:23EC4050-6AEA-7089-A2DD-08002EXAMPLE) created by Amazon Cognito. GUID generation is unique
     * within a region.
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
     * Builds the value.
     *
     * @return the immutable value
     */
    public BulkPublishResponse build() {
      BulkPublishResponse value = new BulkPublishResponse(this);
      return value;
    }
  }
}
