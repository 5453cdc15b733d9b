package dev.offsync.http.internal;

/** A JSON document does not have the shape an operation defines. */
public final class MalformedJsonException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /**
   * Creates the exception.
   *
   * @param message what was wrong
   * @param cause the parser's exception, or {@code null}
   */
  public MalformedJsonException(String message, Throwable cause) {
    super(message, cause);
  }
}
