package dev.offsync.http;

/**
 * The service rejected the request's SigV4 signature: error types {@code InvalidSignatureException},
 * {@code SignatureDoesNotMatch}, {@code IncompleteSignature(Exception)}, {@code MissingAuthenticationToken},
 * {@code UnrecognizedClientException}, {@code InvalidClientTokenId}, or a 403 whose message says the signature does
 * not match. Usually a wrong secret key, a clock skewed by more than five minutes, or a proxy that rewrites the
 * request. Not part of the service model.
 */
public final class InvalidSignatureException extends CognitoSyncServiceException {
  private static final long serialVersionUID = 1L;

  /**
   * Creates the exception.
   *
   * @param statusCode the HTTP status code
   * @param errorType the error type as sent by the service, not null
   * @param errorMessage the service's message, not null (may be empty)
   * @param requestId the service's request id, or {@code null} if none was sent
   */
  public InvalidSignatureException(
      int statusCode, String errorType, String errorMessage, String requestId) {
    super(statusCode, errorType, errorMessage, requestId);
  }
}
