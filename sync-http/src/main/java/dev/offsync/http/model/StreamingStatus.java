package dev.offsync.http.model;

import java.util.Objects;

/**
 * The StreamingStatus enumeration of the Cognito Sync API.
 *
 * <p>Values of the model's {@code StreamingStatus} enum: {@code ENABLED}, {@code DISABLED}.
 * {@link #UNKNOWN_TO_SDK_VERSION} stands for a value a newer server sent that this client does not know.
 */
public enum StreamingStatus {
  /** The wire value {@code ENABLED}. */
  ENABLED("ENABLED"),
  /** The wire value {@code DISABLED}. */
  DISABLED("DISABLED"),
  /** A value this client does not know; never sent. */
  UNKNOWN_TO_SDK_VERSION(null);

  private final String value;

  StreamingStatus(String value) {
    this.value = value;
  }

  /**
   * Returns the wire value.
   *
   * @return the string sent on the wire, or {@code null} for {@link #UNKNOWN_TO_SDK_VERSION}
   */
  public String value() {
    return value;
  }

  /**
   * Returns the constant for a wire value.
   *
   * @param value the wire value, not null
   * @return the constant, or {@link #UNKNOWN_TO_SDK_VERSION} if the value is not known
   */
  public static StreamingStatus fromValue(String value) {
    Objects.requireNonNull(value, "value == null");
    for (StreamingStatus candidate : values()) {
      if (value.equals(candidate.value)) {
        return candidate;
      }
    }
    return UNKNOWN_TO_SDK_VERSION;
  }

  @Override
  public String toString() {
    return value == null ? name() : value;
  }
}
