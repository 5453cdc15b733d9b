package dev.offsync.internal;

import dev.offsync.Limits;
import dev.offsync.ValidationException;
import java.util.regex.Pattern;

/** Argument validation of the public API against {@link Limits}. Not API. */
public final class Validation {
  private static final Pattern DATASET_NAME = Pattern.compile("[a-zA-Z0-9_.:-]+");

  private Validation() {}

  /** Checks a dataset name: pattern {@code [a-zA-Z0-9_.:-]}, 1..max characters, not {@code .} or {@code ..}. */
  public static String datasetName(String name, Limits limits) {
    Preconditions.checkNotNull(name, "datasetName");
    if (name.isEmpty() || name.length() > limits.maxDatasetNameLength()) {
      throw new ValidationException("datasetName", "datasetName length must be 1.."
          + limits.maxDatasetNameLength() + ", was " + name.length());
    }
    if (!DATASET_NAME.matcher(name).matches()) {
      throw new ValidationException("datasetName", "datasetName must match [a-zA-Z0-9_.:-]+: " + name);
    }
    if (name.equals(".") || name.equals("..")) {
      // the pattern allows them, but a URL cannot carry them as a path segment (normalization removes them),
      // so such a dataset could never be pushed or pulled
      throw new ValidationException("datasetName", "datasetName cannot be \"" + name
          + "\": URLs cannot carry it as a path segment");
    }
    return name;
  }

  /** Checks a record key: 1..max characters. */
  public static String key(String key, Limits limits) {
    Preconditions.checkNotNull(key, "key");
    if (key.isEmpty() || key.length() > limits.maxKeyLength()) {
      throw new ValidationException("key", "key length must be 1.." + limits.maxKeyLength() + ", was "
          + key.length());
    }
    checkText(key, "key");
    return key;
  }

  /** Checks a record value (non-null): at most max characters. */
  public static String value(String value, Limits limits) {
    Preconditions.checkNotNull(value, "value");
    if (value.length() > limits.maxValueLength()) {
      throw new ValidationException("value", "value length must be at most " + limits.maxValueLength()
          + ", was " + value.length());
    }
    checkText(value, "value");
    return value;
  }

  /**
   * Refuses what cannot travel as well-formed UTF-8 text or be stored by every server store: U+0000 and
   * unpaired surrogates (offsync's server answers 400 for them, so accepting them offline would make every
   * later push of the record fail).
   */
  static void checkText(String text, String field) {
    for (int i = 0; i < text.length(); i++) {
      char ch = text.charAt(i);
      if (ch == 0) {
        throw new ValidationException(field, field + " must not contain U+0000 (at index " + i + ")");
      }
      if (Character.isHighSurrogate(ch) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
        i++;
      } else if (Character.isSurrogate(ch)) {
        throw new ValidationException(field, field + " must not contain an unpaired surrogate (at index " + i
            + ")");
      }
    }
  }
}
