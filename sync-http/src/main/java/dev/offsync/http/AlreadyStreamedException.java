package dev.offsync.http;

/**
 * An exception thrown when a bulk publish operation is requested less than 24 hours after a previous bulk
 * publish operation completed successfully.
 *
 * <p>The model's {@code AlreadyStreamedException} error; the service sends it with HTTP 400.
 */
public final class AlreadyStreamedException extends CognitoSyncServiceException {
  private static final long serialVersionUID = 1L;

  /**
   * Creates the exception.
   *
   * @param statusCode the HTTP status code
   * @param errorType the error type as sent by the service, not null
   * @param errorMessage the service's message, not null (may be empty)
   * @param requestId the service's request id, or {@code null} if none was sent
   */
  public AlreadyStreamedException(int statusCode, String errorType, String errorMessage, String requestId) {
    super(statusCode, errorType, errorMessage, requestId);
  }
}
