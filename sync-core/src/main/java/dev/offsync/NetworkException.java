package dev.offsync;

/**
 * The server could not be reached or the connection failed mid-request (I/O error, timeout, no route). Retryable: the engine backs off and tries again; an edit stays dirty meanwhile.
 */
public final class NetworkException extends SyncException {
  private static final long serialVersionUID = 1L;

  /**
   * Creates the error.
   *
   * @param message what went wrong; never contains a secret
   * @param cause the underlying error, or {@code null}
   */
  public NetworkException(String message, Throwable cause) {
    super(message, cause);
  }

  /**
   * Creates the error without a cause.
   *
   * @param message what went wrong; never contains a secret
   */
  public NetworkException(String message) {
    this(message, null);
  }

  /** {@inheritDoc} */
  @Override
  public boolean isRetryable() {
    return true;
  }
}
