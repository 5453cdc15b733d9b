package dev.offsync.http;

/**
 * Thrown if the resource doesn't exist.
 *
 * <p>The model's {@code ResourceNotFoundException} error; the service sends it with HTTP 404.
 */
public final class ResourceNotFoundException extends CognitoSyncServiceException {
  private static final long serialVersionUID = 1L;

  /**
   * Creates the exception.
   *
   * @param statusCode the HTTP status code
   * @param errorType the error type as sent by the service, not null
   * @param errorMessage the service's message, not null (may be empty)
   * @param requestId the service's request id, or {@code null} if none was sent
   */
  public ResourceNotFoundException(int statusCode, String errorType, String errorMessage, String requestId) {
    super(statusCode, errorType, errorMessage, requestId);
  }
}
