package dev.offsync.app.internal.awscli;

/**
 * Bad input for a {@code cognito-sync} command: malformed shorthand or JSON, an unknown or missing parameter, or a
 * value the service model does not allow. The command line reports it as a usage error (exit code 2).
 */
public final class InputException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /**
   * Creates the exception.
   *
   * @param message one line saying what is wrong and where
   */
  public InputException(String message) {
    super(message);
  }
}
