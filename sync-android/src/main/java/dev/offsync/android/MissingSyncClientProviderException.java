package dev.offsync.android;

/**
 * {@link SyncJobService} ran in an app whose {@link android.app.Application} does not implement
 * {@link SyncClientProvider} (or whose provider returned {@code null}): a mistake in the app's setup, so it is thrown,
 * not retried.
 */
public final class MissingSyncClientProviderException extends IllegalStateException {
  private static final long serialVersionUID = 1L;

  /**
   * Creates the exception.
   *
   * @param message what is missing and how to fix it
   */
  public MissingSyncClientProviderException(String message) {
    super(message);
  }
}
