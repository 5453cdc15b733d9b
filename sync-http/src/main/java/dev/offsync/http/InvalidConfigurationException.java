package dev.offsync.http;

/**
 * The InvalidConfigurationException error.
 *
 * <p>The model's {@code InvalidConfigurationException} error; the service sends it with HTTP 400.
 */
public final class InvalidConfigurationException extends CognitoSyncServiceException {
  private static final long serialVersionUID = 1L;

  /**
   * Creates the exception.
   *
   * @param statusCode the HTTP status code
   * @param errorType the error type as sent by the service, not null
   * @param errorMessage the service's message, not null (may be empty)
   * @param requestId the service's request id, or {@code null} if none was sent
   */
  public InvalidConfigurationException(int statusCode, String errorType, String errorMessage, String requestId) {
    super(statusCode, errorType, errorMessage, requestId);
  }
}
