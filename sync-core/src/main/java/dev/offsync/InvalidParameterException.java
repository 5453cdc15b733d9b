package dev.offsync;

/**
 * The server rejected a request parameter ({@code InvalidParameterException}, HTTP 400), for example a watermark above the dataset's sync count or an invalid sync session token.
 */
public final class InvalidParameterException extends SyncException {
  private static final long serialVersionUID = 1L;

  /**
   * Creates the error.
   *
   * @param message what went wrong; never contains a secret
   * @param cause the underlying error, or {@code null}
   */
  public InvalidParameterException(String message, Throwable cause) {
    super(message, cause);
  }

  /**
   * Creates the error without a cause.
   *
   * @param message what went wrong; never contains a secret
   */
  public InvalidParameterException(String message) {
    this(message, null);
  }

  /** {@inheritDoc} */
  @Override
  public boolean isRetryable() {
    return false;
  }
}
