package dev.offsync.http;

/**
 * Credentials could not be obtained: environment variables missing, or Cognito Identity refused or failed to
 * issue credentials (the cause then is the {@link CognitoSyncServiceException} or {@link CognitoSyncIoException}
 * of that call).
 */
public final class CredentialsException extends CognitoSyncException {
  private static final long serialVersionUID = 1L;

  /**
   * Creates the exception.
   *
   * @param message what went wrong, free of secrets
   * @param cause the underlying failure, or {@code null}
   */
  public CredentialsException(String message, Throwable cause) {
    super(message, cause);
  }
}
