package dev.offsync.http.model;

import java.util.regex.Pattern;

/** The model's constraint checks; every failure names the field it is about. */
final class Validation {
  private static final int MAX_QUOTED = 64;

  private Validation() {}

  static void require(Object value, String field) {
    if (value == null) {
      throw new IllegalArgumentException(field + " is required");
    }
  }

  static void checkLength(String value, int min, int max, String field) {
    int length = value.codePointCount(0, value.length());
    if (length < min || length > max) {
      throw new IllegalArgumentException(
          field + " must be " + min + ".." + max + " characters long but is " + length);
    }
  }

  static void checkSize(int size, int min, int max, String field) {
    if (size < min || size > max) {
      throw new IllegalArgumentException(
          field + " must have " + min + ".." + max + " entries but has " + size);
    }
  }

  static void checkPattern(String value, Pattern pattern, String field) {
    if (!pattern.matcher(value).matches()) {
      String quoted = value.length() > MAX_QUOTED ? value.substring(0, MAX_QUOTED) + "..." : value;
      throw new IllegalArgumentException(
          field + " must match " + pattern.pattern() + " but is \"" + quoted + "\"");
    }
  }
}
