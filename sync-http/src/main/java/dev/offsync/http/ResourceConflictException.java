package dev.offsync.http;

/**
 * Thrown if an update can't be applied because the resource was changed by another call and this would result
 * in a conflict.
 *
 * <p>The model's {@code ResourceConflictException} error; the service sends it with HTTP 409.
 * The client also raises it for an HTTP 400 whose message starts with {@code "Current SyncCount for:"},
 * the form in which some deployments report a stale record sync count.
 */
public final class ResourceConflictException extends CognitoSyncServiceException {
  private static final long serialVersionUID = 1L;

  /**
   * Creates the exception.
   *
   * @param statusCode the HTTP status code
   * @param errorType the error type as sent by the service, not null
   * @param errorMessage the service's message, not null (may be empty)
   * @param requestId the service's request id, or {@code null} if none was sent
   */
  public ResourceConflictException(int statusCode, String errorType, String errorMessage, String requestId) {
    super(statusCode, errorType, errorMessage, requestId);
  }
}
