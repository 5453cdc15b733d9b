package dev.offsync.awscompat;

/**
 * The failure handed to {@link CompatDataset.SyncCallback#onFailure}: AWS's {@code DataStorageException}. The
 * cause is the engine's typed error (a {@link dev.offsync.SyncException} subclass) when the engine failed, or the
 * exception a callback threw; it is {@code null} when a callback cancelled the sync.
 */
public final class CompatSyncException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /** Why the sync ended without success. */
  public enum Reason {
    /** The engine's sync failed (network, authorization, limits, ...): see the cause. */
    SYNC_FAILED,
    /** A callback returned {@code false}; every local edit is still stored, dirty. */
    CANCELLED,
    /** A callback threw; every local edit is still stored, dirty. See the cause. */
    CALLBACK_FAILED,
    /** Conflicts stayed unresolved after the callback; they are kept (see {@link CompatDataset#getConflicts()}). */
    UNRESOLVED_CONFLICTS
  }

  /** @serial why the sync failed */
  private final Reason reason;

  /**
   * Creates the exception.
   *
   * @param reason why the sync failed
   * @param message a description
   * @param cause the underlying error, or {@code null}
   */
  public CompatSyncException(Reason reason, String message, Throwable cause) {
    super(message, cause);
    this.reason = java.util.Objects.requireNonNull(reason, "reason == null");
  }

  /** @return why the sync failed */
  public Reason reason() {
    return reason;
  }
}
