package dev.offsync.sqlite;

/**
 * SQLite's {@code PRAGMA synchronous} setting for the store's connections (the database runs in WAL mode).
 *
 * <p>Both settings make every committed write survive a crash or kill of the application process. They
 * differ only on power loss or an operating-system crash.
 */
public enum Synchronous {
  /**
   * {@code synchronous=NORMAL} (the default): the WAL is synced at checkpoints, not at every commit. A
   * commit survives the process being killed; on power loss the last few commits may be rolled back, but
   * the database is never corrupted.
   */
  NORMAL,

  /**
   * {@code synchronous=FULL}: the WAL is synced at every commit, so a commit also survives power loss.
   * Single-record write transactions are several times slower.
   */
  FULL
}
