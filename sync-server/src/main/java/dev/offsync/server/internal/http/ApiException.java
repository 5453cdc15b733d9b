package dev.offsync.server.internal.http;

/** A modelled error: becomes a JSON error response with its type header and status. */
public final class ApiException extends RuntimeException {
  private static final long serialVersionUID = 1L;
  private final ErrorType type;
  private final int status;

  /**
   * Creates the error with the type's own status.
   *
   * @param type the error name
   * @param message the message sent to the client
   */
  public ApiException(ErrorType type, String message) {
    this(type, type.status(), message);
  }

  /**
   * Creates the error with an explicit status.
   *
   * @param type the error name
   * @param status the HTTP status
   * @param message the message sent to the client
   */
  public ApiException(ErrorType type, int status, String message) {
    super(message, null, false, false);
    this.type = type;
    this.status = status;
  }

  /**
   * The error name.
   *
   * @return the type
   */
  public ErrorType type() {
    return type;
  }

  /**
   * The HTTP status.
   *
   * @return the status
   */
  public int status() {
    return status;
  }

  /**
   * Shorthand for an {@link ErrorType#InvalidParameterException}.
   *
   * @param message the message
   * @return the exception
   */
  public static ApiException invalid(String message) {
    return new ApiException(ErrorType.InvalidParameterException, message);
  }

  /**
   * Shorthand for a {@link ErrorType#NotAuthorizedException}.
   *
   * @param message the message
   * @return the exception
   */
  public static ApiException notAuthorized(String message) {
    return new ApiException(ErrorType.NotAuthorizedException, message);
  }

  /**
   * Shorthand for a {@link ErrorType#ResourceNotFoundException}.
   *
   * @param message the message
   * @return the exception
   */
  public static ApiException notFound(String message) {
    return new ApiException(ErrorType.ResourceNotFoundException, message);
  }
}
