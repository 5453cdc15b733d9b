package dev.offsync.http.model;

import java.util.Objects;

/**
 * The BulkPublishStatus enumeration of the Cognito Sync API.
 *
 * <p>Values of the model's {@code BulkPublishStatus} enum: {@code NOT_STARTED}, {@code IN_PROGRESS}, {@code FAILED}, {@code SUCCEEDED}.
 * {@link #UNKNOWN_TO_SDK_VERSION} stands for a value a newer server sent that this client does not know.
 */
public enum BulkPublishStatus {
  /** The wire value {@code NOT_STARTED}. */
  NOT_STARTED("NOT_STARTED"),
  /** The wire value {@code IN_PROGRESS}. */
  IN_PROGRESS("IN_PROGRESS"),
  /** The wire value {@code FAILED}. */
  FAILED("FAILED"),
  /** The wire value {@code SUCCEEDED}. */
  SUCCEEDED("SUCCEEDED"),
  /** A value this client does not know; never sent. */
  UNKNOWN_TO_SDK_VERSION(null);

  private final String value;

  BulkPublishStatus(String value) {
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
  public static BulkPublishStatus fromValue(String value) {
    Objects.requireNonNull(value, "value == null");
    for (BulkPublishStatus candidate : values()) {
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
