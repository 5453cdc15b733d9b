package dev.offsync.http;

import java.time.Duration;
import java.util.Objects;

/**
 * The service answered with an error response. Subclasses stand for the model's errors (for example
 * {@link ResourceConflictException}), signature failures ({@link InvalidSignatureException}) and error types the
 * model does not define ({@link GenericServiceException}).
 *
 * <p>The error type comes from the {@code x-amzn-ErrorType} header (cut at {@code :}), else from the body's
 * {@code __type} or {@code code}; the message from the body's {@code message} or {@code Message}; the request id
 * from the {@code x-amzn-RequestId} header.
 */
public abstract class CognitoSyncServiceException extends CognitoSyncException {
  private static final long serialVersionUID = 1L;

  /** The status code. */
  private final int statusCode;
  /** The error type, empty if the response carried none. */
  private final String errorType;
  /** The message, possibly empty. */
  private final String errorMessage;
  /** The request id, or {@code null} if the response carried none. */
  private final String requestId;
  /** How long the service asked the client to wait ({@code Retry-After}), or {@code null} if it did not say. */
  private final Duration retryAfter;

  /**
   * Creates the exception.
   *
   * @param statusCode the HTTP status code
   * @param errorType the error type as sent by the service, not null (empty if none was sent)
   * @param errorMessage the service's message, not null (may be empty)
   * @param requestId the service's request id, or {@code null} if none was sent
   */
  protected CognitoSyncServiceException(
      int statusCode, String errorType, String errorMessage, String requestId) {
    this(statusCode, errorType, errorMessage, requestId, null);
  }

  /**
   * Creates the exception with the server's {@code Retry-After} hint.
   *
   * @param statusCode the HTTP status code
   * @param errorType the error type as sent by the service, not null (empty if none was sent)
   * @param errorMessage the service's message, not null (may be empty)
   * @param requestId the service's request id, or {@code null} if none was sent
   * @param retryAfter the {@code Retry-After} hint, or {@code null} if none was sent
   */
  protected CognitoSyncServiceException(
      int statusCode, String errorType, String errorMessage, String requestId, Duration retryAfter) {
    super(format(statusCode, errorType, errorMessage, requestId), null);
    this.statusCode = statusCode;
    this.errorType = Objects.requireNonNull(errorType, "errorType == null");
    this.errorMessage = Objects.requireNonNull(errorMessage, "errorMessage == null");
    this.requestId = requestId;
    this.retryAfter = retryAfter;
  }

  private static String format(int status, String type, String message, String requestId) {
    return message
        + " (Service: Cognito Sync; Status Code: "
        + status
        + "; Error Type: "
        + (type == null || type.isEmpty() ? "unknown" : type)
        + "; Request ID: "
        + requestId
        + ")";
  }

  /**
   * Returns the HTTP status code of the error response.
   *
   * @return the status code
   */
  public int statusCode() {
    return statusCode;
  }

  /**
   * Returns the error type the service sent, for example {@code ResourceConflictException}.
   *
   * @return the error type, empty if the response carried none
   */
  public String errorType() {
    return errorType;
  }

  /**
   * Returns the service's error message, without the status/type/request-id suffix of {@link #getMessage()}.
   *
   * @return the message, possibly empty
   */
  public String errorMessage() {
    return errorMessage;
  }

  /**
   * Returns the service's request id, useful when asking AWS support about a call.
   *
   * @return the request id, or {@code null} if the response carried none
   */
  public String requestId() {
    return requestId;
  }

  /**
   * Returns how long the service asked the client to wait ({@code Retry-After}), typically on a 429.
   *
   * @return the hint, or {@code null} if the response carried none
   */
  public Duration retryAfter() {
    return retryAfter;
  }
}
