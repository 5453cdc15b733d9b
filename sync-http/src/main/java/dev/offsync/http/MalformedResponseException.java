package dev.offsync.http;

/**
 * A response arrived but could not be used: the body is not the JSON the operation defines, or it is larger than
 * the client's response size limit. Not retried: the same request would most likely get the same answer.
 */
public final class MalformedResponseException extends CognitoSyncException {
  private static final long serialVersionUID = 1L;

  /** The status code. */
  private final int statusCode;
  /** The request id, or {@code null} if the response carried none. */
  private final String requestId;

  /**
   * Creates the exception.
   *
   * @param message what was wrong, free of secrets
   * @param statusCode the HTTP status code of the response
   * @param requestId the service's request id, or {@code null}
   * @param cause the parse failure, or {@code null}
   */
  public MalformedResponseException(
      String message, int statusCode, String requestId, Throwable cause) {
    super(message + " (Status Code: " + statusCode + "; Request ID: " + requestId + ")", cause);
    this.statusCode = statusCode;
    this.requestId = requestId;
  }

  /**
   * Returns the HTTP status code of the response.
   *
   * @return the status code
   */
  public int statusCode() {
    return statusCode;
  }

  /**
   * Returns the service's request id.
   *
   * @return the request id, or {@code null} if the response carried none
   */
  public String requestId() {
    return requestId;
  }
}
