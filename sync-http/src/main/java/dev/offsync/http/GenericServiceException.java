package dev.offsync.http;

/**
 * An error response whose type is none of the model's errors and not a signature failure: for example a 502 from a
 * proxy, a {@code ThrottlingException} from a gateway, or an error without any type. Retried when its status is
 * 5xx or 429; the {@link #statusCode()} and {@link #errorType()} tell what it was.
 */
public final class GenericServiceException extends CognitoSyncServiceException {
  private static final long serialVersionUID = 1L;

  /**
   * Creates the exception.
   *
   * @param statusCode the HTTP status code
   * @param errorType the error type as sent by the service, not null (empty if none was sent)
   * @param errorMessage the service's message, not null (may be empty)
   * @param requestId the service's request id, or {@code null} if none was sent
   */
  public GenericServiceException(
      int statusCode, String errorType, String errorMessage, String requestId) {
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
  public GenericServiceException(
      int statusCode, String errorType, String errorMessage, String requestId, java.time.Duration retryAfter) {
    super(statusCode, errorType, errorMessage, requestId, retryAfter);
  }
}
