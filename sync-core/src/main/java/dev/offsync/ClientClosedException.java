package dev.offsync;

/**
 * The {@link SyncClient} was closed: a sync that was running or waiting ends with this error, and calls
 * made after {@link SyncClient#close()} fail with it. Not retryable.
 */
public final class ClientClosedException extends SyncException {
  private static final long serialVersionUID = 1L;

  /**
   * Creates the error.
   *
   * @param message what was interrupted
   */
  public ClientClosedException(String message) {
    super(message, null);
  }

  /** {@inheritDoc} */
  @Override
  public boolean isRetryable() {
    return false;
  }
}
