package dev.offsync.http;

/**
 * The AWS Lambda function returned invalid output or an exception.
 *
 * <p>The model's {@code InvalidLambdaFunctionOutputException} error; the service sends it with HTTP 400.
 */
public final class InvalidLambdaFunctionOutputException extends CognitoSyncServiceException {
  private static final long serialVersionUID = 1L;

  /**
   * Creates the exception.
   *
   * @param statusCode the HTTP status code
   * @param errorType the error type as sent by the service, not null
   * @param errorMessage the service's message, not null (may be empty)
   * @param requestId the service's request id, or {@code null} if none was sent
   */
  public InvalidLambdaFunctionOutputException(int statusCode, String errorType, String errorMessage, String requestId) {
    super(statusCode, errorType, errorMessage, requestId);
  }
}
