package dev.offsync;

/**
 * The client's {@link dev.offsync.spi.RemoteStore} does not implement push sync ({@code RegisterDevice},
 * {@code SubscribeToDataset}, {@code UnsubscribeFromDataset} are optional in the SPI); the message names the store
 * class. Syncing is unaffected. Not retryable: only another store (or one that overrides those operations) helps.
 */
public final class PushSyncNotSupportedException extends SyncException {
  private static final long serialVersionUID = 1L;

  /**
   * Creates the error.
   *
   * @param message what went wrong; never contains a secret
   */
  public PushSyncNotSupportedException(String message) {
    super(message, null);
  }

  /** {@inheritDoc} */
  @Override
  public boolean isRetryable() {
    return false;
  }
}
