package dev.offsync.internal;

import dev.offsync.Limits;
import dev.offsync.ValidationException;
import java.util.regex.Pattern;

/** Argument validation of the public API against {@link Limits}. Not API. */
public final class Validation {
  private static final Pattern DATASET_NAME = Pattern.compile("[a-zA-Z0-9_.:-]+");

  private Validation() {}

  /** Checks a dataset name: pattern {@code [a-zA-Z0-9_.:-]}, 1..max characters. */
  public static String datasetName(String name, Limits limits) {
    Preconditions.checkNotNull(name, "datasetName");
    if (name.isEmpty() || name.length() > limits.maxDatasetNameLength()) {
      throw new ValidationException("datasetName", "datasetName length must be 1.."
          + limits.maxDatasetNameLength() + ", was " + name.length());
    }
    if (!DATASET_NAME.matcher(name).matches()) {
      throw new ValidationException("datasetName", "datasetName must match [a-zA-Z0-9_.:-]+: " + name);
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
    return key;
  }

  /** Checks a record value (non-null): at most max characters. */
  public static String value(String value, Limits limits) {
    Preconditions.checkNotNull(value, "value");
    if (value.length() > limits.maxValueLength()) {
      throw new ValidationException("value", "value length must be at most " + limits.maxValueLength()
          + ", was " + value.length());
    }
    return value;
  }
}
