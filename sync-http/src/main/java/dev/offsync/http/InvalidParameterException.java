package dev.offsync.http;

/**
 * Thrown when a request parameter does not comply with the associated constraints.
 *
 * <p>The model's {@code InvalidParameterException} error; the service sends it with HTTP 400.
 */
public final class InvalidParameterException extends CognitoSyncServiceException {
  private static final long serialVersionUID = 1L;

  /**
   * Creates the exception.
   *
   * @param statusCode the HTTP status code
   * @param errorType the error type as sent by the service, not null
   * @param errorMessage the service's message, not null (may be empty)
   * @param requestId the service's request id, or {@code null} if none was sent
   */
  public InvalidParameterException(int statusCode, String errorType, String errorMessage, String requestId) {
    super(statusCode, errorType, errorMessage, requestId);
  }
}
