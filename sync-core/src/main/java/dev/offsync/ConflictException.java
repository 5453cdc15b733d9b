package dev.offsync;

/**
 * The server rejected a push because a record's sync count was stale (HTTP 409 {@code ResourceConflictException}, or a 400 whose message starts with {@code "Current SyncCount for:"}). The engine handles it by re-pulling and resolving; it reaches the app only wrapped in {@link ConflictRetriesExhaustedException}. The message is the server's.
 */
public final class ConflictException extends SyncException {
  private static final long serialVersionUID = 1L;

  /**
   * Creates the error.
   *
   * @param message what went wrong; never contains a secret
   * @param cause the underlying error, or {@code null}
   */
  public ConflictException(String message, Throwable cause) {
    super(message, cause);
  }

  /**
   * Creates the error without a cause.
   *
   * @param message what went wrong; never contains a secret
   */
  public ConflictException(String message) {
    this(message, null);
  }

  /** {@inheritDoc} */
  @Override
  public boolean isRetryable() {
    return false;
  }
}
