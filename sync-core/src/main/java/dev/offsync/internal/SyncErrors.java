package dev.offsync.internal;

import dev.offsync.ConflictException;
import dev.offsync.InvalidParameterException;
import dev.offsync.ServiceException;
import dev.offsync.SyncException;

/** Error classification shared by the engine. Not API. */
final class SyncErrors {
  static final String STALE_SYNC_COUNT_PREFIX = "Current SyncCount for:";

  private SyncErrors() {}

  /** {@code e} as a {@link SyncException}: itself, or wrapped as a non-retryable service error. */
  static SyncException wrap(Throwable e) {
    if (e instanceof SyncException) {
      return (SyncException) e;
    }
    return new ServiceException("unexpected error: " + e, 0, null, e);
  }

  /** The conflict {@code e} stands for (a 409, or a 400 with the stale-sync-count message), or {@code null}. */
  static ConflictException asConflict(Throwable e) {
    if (e instanceof ConflictException) {
      return (ConflictException) e;
    }
    if (e instanceof InvalidParameterException && e.getMessage() != null
        && e.getMessage().startsWith(STALE_SYNC_COUNT_PREFIX)) {
      return new ConflictException(e.getMessage(), e);
    }
    return null;
  }
}
