package dev.offsync;

/**
 * The server refused the credentials or the identity may not touch this data ({@code NotAuthorizedException}, HTTP 403, including signature failures).
 */
public final class NotAuthorizedException extends SyncException {
  private static final long serialVersionUID = 1L;

  /**
   * Creates the error.
   *
   * @param message what went wrong; never contains a secret
   * @param cause the underlying error, or {@code null}
   */
  public NotAuthorizedException(String message, Throwable cause) {
    super(message, cause);
  }

  /**
   * Creates the error without a cause.
   *
   * @param message what went wrong; never contains a secret
   */
  public NotAuthorizedException(String message) {
    this(message, null);
  }

  /** {@inheritDoc} */
  @Override
  public boolean isRetryable() {
    return false;
  }
}
