package dev.offsync.internal;

/** Argument checks shared by offsync's value types. Not API. */
public final class Preconditions {
  private Preconditions() {}

  /** Returns {@code value}, or throws {@link NullPointerException} with {@code "<name> == null"}. */
  public static <T> T checkNotNull(T value, String name) {
    if (value == null) {
      throw new NullPointerException(name + " == null");
    }
    return value;
  }

  /** Throws {@link IllegalArgumentException} with {@code message} unless {@code condition}. */
  public static void checkArgument(boolean condition, String message) {
    if (!condition) {
      throw new IllegalArgumentException(message);
    }
  }
}
