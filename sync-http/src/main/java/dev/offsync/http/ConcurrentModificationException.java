package dev.offsync.http;

/**
 * Thrown if there are parallel requests to modify a resource.
 *
 * <p>The model's {@code ConcurrentModificationException} error; the service sends it with HTTP 400.
 */
public final class ConcurrentModificationException extends CognitoSyncServiceException {
  private static final long serialVersionUID = 1L;

  /**
   * Creates the exception.
   *
   * @param statusCode the HTTP status code
   * @param errorType the error type as sent by the service, not null
   * @param errorMessage the service's message, not null (may be empty)
   * @param requestId the service's request id, or {@code null} if none was sent
   */
  public ConcurrentModificationException(int statusCode, String errorType, String errorMessage, String requestId) {
    super(statusCode, errorType, errorMessage, requestId);
  }
}
