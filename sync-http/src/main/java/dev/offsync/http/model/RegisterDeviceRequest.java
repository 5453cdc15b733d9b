package dev.offsync.http.model;

import java.util.Objects;
import java.util.regex.Pattern;

/**
 * A request to RegisterDevice.
 *
 * <p>Immutable; create one with {@link #builder()} and derive a modified copy with {@link #newBuilder()}.
 * {@link Builder#build()} validates the model's constraints (required members, lengths, patterns, sizes) and
 * throws {@link IllegalArgumentException} naming the offending field.
 */
public final class RegisterDeviceRequest {
  private static final Pattern IDENTITY_ID_PATTERN = Pattern.compile("[\\w-]+:[0-9a-f-]+");
  private static final Pattern IDENTITY_POOL_ID_PATTERN = Pattern.compile("[\\w-]+:[0-9a-f-]+");

  private final String identityPoolId;
  private final String identityId;
  private final Platform platform;
  private final String token;

  private RegisterDeviceRequest(Builder builder) {
    this.identityPoolId = builder.identityPoolId;
    this.identityId = builder.identityId;
    this.platform = builder.platform;
    this.token = builder.token;
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
   * Cognito. Here, the ID of the pool that the identity belongs to.
   *
   * @return the identityPoolId member (wire name {@code IdentityPoolId}), or {@code null} when absent
   */
  public String identityPoolId() {
    return identityPoolId;
  }

  /**
   * The unique ID for this identity.
   *
   * @return the identityId member (wire name {@code IdentityId}), or {@code null} when absent
   */
  public String identityId() {
    return identityId;
  }

  /**
   * The SNS platform type (e.g. GCM, SDM, APNS, APNS_SANDBOX).
   *
   * @return the platform member (wire name {@code Platform}), or {@code null} when absent
   */
  public Platform platform() {
    return platform;
  }

  /**
   * The push token.
   *
   * @return the token member (wire name {@code Token}), or {@code null} when absent
   */
  public String token() {
    return token;
  }

  void validate(String path) {
    Validation.require(identityPoolId, path + ".identityPoolId");
    if (identityPoolId != null) {
      Validation.checkLength(identityPoolId, 1, 55, path + ".identityPoolId");
      Validation.checkPattern(identityPoolId, IDENTITY_POOL_ID_PATTERN, path + ".identityPoolId");
    }
    Validation.require(identityId, path + ".identityId");
    if (identityId != null) {
      Validation.checkLength(identityId, 1, 55, path + ".identityId");
      Validation.checkPattern(identityId, IDENTITY_ID_PATTERN, path + ".identityId");
    }
    Validation.require(platform, path + ".platform");
    Validation.require(token, path + ".token");
  }

  @Override
  public boolean equals(Object other) {
    if (this == other) {
      return true;
    }
    if (!(other instanceof RegisterDeviceRequest)) {
      return false;
    }
    RegisterDeviceRequest that = (RegisterDeviceRequest) other;
    return Objects.equals(identityPoolId, that.identityPoolId)
        && Objects.equals(identityId, that.identityId)
        && Objects.equals(platform, that.platform)
        && Objects.equals(token, that.token);
  }

  @Override
  public int hashCode() {
    return Objects.hash(identityPoolId, identityId, platform, token);
  }

  @Override
  public String toString() {
    return "RegisterDeviceRequest{"
        + "identityPoolId=" + identityPoolId
        + ", identityId=" + identityId
        + ", platform=" + platform
        + ", token=" + (token == null ? "null" : "<redacted>")
        + "}";
  }

  /** Builds {@link RegisterDeviceRequest} values; not thread-safe. */
  public static final class Builder {
    private String identityPoolId;
    private String identityId;
    private Platform platform;
    private String token;

    private Builder() {}

    private Builder(RegisterDeviceRequest value) {
      this.identityPoolId = value.identityPoolId;
      this.identityId = value.identityId;
      this.platform = value.platform;
      this.token = value.token;
    }

    /**
     * Sets the identityPoolId member (wire name {@code IdentityPoolId}). Required. A name-spaced GUID (for
     * example, us-east-1:23EC4050-6AEA-7089-A2DD-08002EXAMPLE) created by Amazon Cognito. Here, the ID of the
     * pool that the identity belongs to.
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
     * Sets the identityId member (wire name {@code IdentityId}). Required. The unique ID for this identity.
     *
     * @param identityId the new value, not null
     * @return this builder
     */
    public Builder identityId(String identityId) {
      Objects.requireNonNull(identityId, "identityId == null");
      this.identityId = identityId;
      return this;
    }

    /**
     * Sets the platform member (wire name {@code Platform}). Required. The SNS platform type (e.g. GCM, SDM,
     * APNS, APNS_SANDBOX).
     *
     * @param platform the new value, not null
     * @return this builder
     */
    public Builder platform(Platform platform) {
      Objects.requireNonNull(platform, "platform == null");
      this.platform = platform;
      return this;
    }

    /**
     * Sets the token member (wire name {@code Token}). Required. The push token.
     *
     * @param token the new value, not null
     * @return this builder
     */
    public Builder token(String token) {
      Objects.requireNonNull(token, "token == null");
      this.token = token;
      return this;
    }

    /**
     * Builds the value after validating the model's constraints.
     *
     * @return the immutable value
     * @throws IllegalArgumentException if a required member is missing or a constraint is violated; the
     *     message names the field
     */
    public RegisterDeviceRequest build() {
      RegisterDeviceRequest value = new RegisterDeviceRequest(this);
      value.validate("RegisterDeviceRequest");
      return value;
    }
  }
}
