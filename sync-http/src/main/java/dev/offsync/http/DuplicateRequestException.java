package dev.offsync.http;

/**
 * An exception thrown when there is an IN_PROGRESS bulk publish operation for the given identity pool.
 *
 * <p>The model's {@code DuplicateRequestException} error; the service sends it with HTTP 400.
 */
public final class DuplicateRequestException extends CognitoSyncServiceException {
  private static final long serialVersionUID = 1L;

  /**
   * Creates the exception.
   *
   * @param statusCode the HTTP status code
   * @param errorType the error type as sent by the service, not null
   * @param errorMessage the service's message, not null (may be empty)
   * @param requestId the service's request id, or {@code null} if none was sent
   */
  public DuplicateRequestException(int statusCode, String errorType, String errorMessage, String requestId) {
    super(statusCode, errorType, errorMessage, requestId);
  }
}
