package dev.offsync.http;

/**
 * The root of every exception the Cognito Sync client throws for a failed call (other than argument errors, which
 * are {@link IllegalArgumentException} and {@link NullPointerException}).
 *
 * <p>Messages never contain credentials: secret keys, session tokens and signatures are redacted.
 */
public abstract class CognitoSyncException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /**
   * Creates the exception.
   *
   * @param message the message, free of secrets
   * @param cause the cause, or {@code null}
   */
  protected CognitoSyncException(String message, Throwable cause) {
    super(message, cause);
  }
}
