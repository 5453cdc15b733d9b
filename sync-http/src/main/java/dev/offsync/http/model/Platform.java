package dev.offsync.http.model;

/**
 * The Platform enumeration of the Cognito Sync API.
 *
 * <p>Values of the model's {@code Platform} enum: {@code APNS}, {@code APNS_SANDBOX}, {@code GCM}, {@code ADM}.
 */
public enum Platform {
  /** The wire value {@code APNS}. */
  APNS("APNS"),
  /** The wire value {@code APNS_SANDBOX}. */
  APNS_SANDBOX("APNS_SANDBOX"),
  /** The wire value {@code GCM}. */
  GCM("GCM"),
  /** The wire value {@code ADM}. */
  ADM("ADM");

  private final String value;

  Platform(String value) {
    this.value = value;
  }

  /**
   * Returns the wire value.
   *
   * @return the string sent on the wire
   */
  public String value() {
    return value;
  }

  /**
   * Returns the constant for a wire value.
   *
   * @param value the wire value, not null
   * @return the constant
   * @throws IllegalArgumentException if the value is not one of the model's values
   */
  public static Platform fromValue(String value) {
    java.util.Objects.requireNonNull(value, "value == null");
    for (Platform candidate : values()) {
      if (value.equals(candidate.value)) {
        return candidate;
      }
    }
    throw new IllegalArgumentException("unknown Platform: " + value);
  }

  @Override
  public String toString() {
    return value;
  }
}
