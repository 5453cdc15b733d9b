package dev.offsync.http;

import java.time.Duration;

/**
 * Thrown if the request is throttled.
 *
 * <p>The model's {@code TooManyRequestsException} error; the service sends it with HTTP 429.
 * Retried by the client according to its {@link RetryPolicy}; thrown when the attempts are exhausted.
 */
public final class TooManyRequestsException extends CognitoSyncServiceException {
  private static final long serialVersionUID = 1L;

  /**
   * Creates the exception.
   *
   * @param statusCode the HTTP status code
   * @param errorType the error type as sent by the service, not null
   * @param errorMessage the service's message, not null (may be empty)
   * @param requestId the service's request id, or {@code null} if none was sent
   */
  public TooManyRequestsException(int statusCode, String errorType, String errorMessage, String requestId) {
    super(statusCode, errorType, errorMessage, requestId);
  }

  /**
   * Creates the exception with the server's {@code Retry-After} hint.
   *
   * @param statusCode the HTTP status code
   * @param errorType the error type as sent by the service, not null
   * @param errorMessage the service's message, not null (may be empty)
   * @param requestId the service's request id, or {@code null} if none was sent
   * @param retryAfter the {@code Retry-After} hint, or {@code null} if none was sent
   */
  public TooManyRequestsException(
      int statusCode, String errorType, String errorMessage, String requestId, Duration retryAfter) {
    super(statusCode, errorType, errorMessage, requestId, retryAfter);
  }
}
