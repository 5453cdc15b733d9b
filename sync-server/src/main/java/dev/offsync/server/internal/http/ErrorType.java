package dev.offsync.server.internal.http;

/** Error names the server sends in {@code x-amzn-ErrorType}, with their HTTP status. */
public enum ErrorType {
  InvalidParameterException(400),
  NotAuthorizedException(403),
  ResourceNotFoundException(404),
  ResourceConflictException(409),
  LimitExceededException(400),
  TooManyRequestsException(429),
  InvalidConfigurationException(400),
  ConcurrentModificationException(400),
  DuplicateRequestException(400),
  AlreadyStreamedException(400),
  // Sync Trigger (Cognito Events) failures; LambdaSocketTimeoutException is in AWS's API reference, not the model
  InvalidLambdaFunctionOutputException(400),
  LambdaThrottledException(429),
  LambdaSocketTimeoutException(400),
  InternalErrorException(500),
  // a body that did not arrive within the deadline (slow or stalled client); the connection is closed after it
  RequestTimeoutException(408),
  // SigV4 failures, named as AWS names them; all 403 as the issue demands
  MissingAuthenticationTokenException(403),
  IncompleteSignatureException(403),
  InvalidSignatureException(403),
  UnrecognizedClientException(403),
  ExpiredTokenException(403),
  // routing
  UnknownOperationException(404),
  MethodNotAllowedException(405);

  private final int status;

  ErrorType(int status) {
    this.status = status;
  }

  /**
   * The HTTP status of this error.
   *
   * @return the status code
   */
  public int status() {
    return status;
  }
}
