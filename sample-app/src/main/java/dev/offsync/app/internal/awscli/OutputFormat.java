package dev.offsync.app.internal.awscli;

import java.util.Locale;
import java.util.Optional;

/** The values of {@code --output} (and {@code AWS_DEFAULT_OUTPUT}) that offsync supports. */
enum OutputFormat {
  /** The AWS CLI's JSON, four-space indentation; the default. */
  JSON,
  /** Tab-separated values, see {@link TextOutput}. */
  TEXT,
  /** Boxed tables, see {@link TableOutput}. */
  TABLE;

  /** What {@code --output} says when the value is not one of these. */
  static final String CHOICES = "'json', 'text', 'table'";

  /**
   * Returns the format named exactly (lower case, as the AWS CLI compares it) by a value.
   *
   * @param value e.g. {@code text}
   * @return the format, or empty when there is none of that name
   */
  static Optional<OutputFormat> named(String value) {
    for (OutputFormat format : values()) {
      if (format.cliName().equals(value)) {
        return Optional.of(format);
      }
    }
    return Optional.empty();
  }

  /**
   * Returns the name on the command line.
   *
   * @return e.g. {@code table}
   */
  String cliName() {
    return name().toLowerCase(Locale.ROOT);
  }
}
