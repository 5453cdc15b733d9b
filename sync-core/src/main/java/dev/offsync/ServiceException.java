package dev.offsync;

/**
 * The server failed in a way no more specific type describes: an internal error (HTTP 5xx, retryable),
 * or an unexpected 4xx error type (not retryable). Carries the HTTP status and the server's error type.
 */
public final class ServiceException extends SyncException {
  private static final long serialVersionUID = 1L;

  /** The status code, or 0 if there was no HTTP response. */
  private final int statusCode;
  /** The error type, or {@code null} if the server sent none. */
  private final String errorType;

  /**
   * Creates the error.
   *
   * @param message the server's message
   * @param statusCode the HTTP status code, or 0 if there was no HTTP response
   * @param errorType the server's error type (for example {@code InternalErrorException}), or {@code null}
   * @param cause the underlying error, or {@code null}
   */
  public ServiceException(String message, int statusCode, String errorType, Throwable cause) {
    super(message, cause);
    this.statusCode = statusCode;
    this.errorType = errorType;
  }

  /**
   * The HTTP status code of the failed response.
   *
   * @return the status code, or 0 if there was no HTTP response
   */
  public int statusCode() {
    return statusCode;
  }

  /**
   * The server's error type, such as {@code InternalErrorException}.
   *
   * @return the error type, or {@code null} if the server sent none
   */
  public String errorType() {
    return errorType;
  }

  /** Server errors (5xx) are retryable; anything else is not. */
  @Override
  public boolean isRetryable() {
    return statusCode >= 500;
  }
}
