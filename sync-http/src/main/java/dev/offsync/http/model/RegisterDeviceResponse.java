package dev.offsync.http.model;

import java.util.Objects;

/**
 * Response to a RegisterDevice request.
 *
 * <p>Immutable; create one with {@link #builder()} and derive a modified copy with {@link #newBuilder()}.
 */
public final class RegisterDeviceResponse {
  private final String deviceId;

  private RegisterDeviceResponse(Builder builder) {
    this.deviceId = builder.deviceId;
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
   * The unique ID generated for this device by Cognito.
   *
   * @return the deviceId member (wire name {@code DeviceId}), or {@code null} when absent
   */
  public String deviceId() {
    return deviceId;
  }

  @Override
  public boolean equals(Object other) {
    if (this == other) {
      return true;
    }
    if (!(other instanceof RegisterDeviceResponse)) {
      return false;
    }
    RegisterDeviceResponse that = (RegisterDeviceResponse) other;
    return Objects.equals(deviceId, that.deviceId);
  }

  @Override
  public int hashCode() {
    return Objects.hash(deviceId);
  }

  @Override
  public String toString() {
    return "RegisterDeviceResponse{"
        + "deviceId=" + deviceId
        + "}";
  }

  /** Builds {@link RegisterDeviceResponse} values; not thread-safe. */
  public static final class Builder {
    private String deviceId;

    private Builder() {}

    private Builder(RegisterDeviceResponse value) {
      this.deviceId = value.deviceId;
    }

    /**
     * Sets the deviceId member (wire name {@code DeviceId}). The unique ID generated for this device by
     * Cognito.
     *
     * @param deviceId the new value, not null
     * @return this builder
     */
    public Builder deviceId(String deviceId) {
      Objects.requireNonNull(deviceId, "deviceId == null");
      this.deviceId = deviceId;
      return this;
    }

    /**
     * Builds the value.
     *
     * @return the immutable value
     */
    public RegisterDeviceResponse build() {
      RegisterDeviceResponse value = new RegisterDeviceResponse(this);
      return value;
    }
  }
}
