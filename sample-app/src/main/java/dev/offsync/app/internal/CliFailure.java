package dev.offsync.app.internal;

/**
 * A command failed for a reason the user should read in one line (exit code 1): the server is unreachable, the
 * service rejected the request, the local file cannot be opened.
 */
public final class CliFailure extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /**
   * Creates the failure.
   *
   * @param message one line saying what failed
   */
  public CliFailure(String message) {
    super(message);
  }

  /**
   * Creates the failure with its cause.
   *
   * @param message one line saying what failed
   * @param cause the underlying exception
   */
  public CliFailure(String message, Throwable cause) {
    super(message, cause);
  }
}
