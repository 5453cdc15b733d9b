package dev.offsync.http.model;

/**
 * The Operation enumeration of the Cognito Sync API.
 *
 * <p>Values of the model's {@code Operation} enum: {@code replace}, {@code remove}.
 */
public enum Operation {
  /** The wire value {@code replace}. */
  REPLACE("replace"),
  /** The wire value {@code remove}. */
  REMOVE("remove");

  private final String value;

  Operation(String value) {
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
  public static Operation fromValue(String value) {
    java.util.Objects.requireNonNull(value, "value == null");
    for (Operation candidate : values()) {
      if (value.equals(candidate.value)) {
        return candidate;
      }
    }
    throw new IllegalArgumentException("unknown Operation: " + value);
  }

  @Override
  public String toString() {
    return value;
  }
}
