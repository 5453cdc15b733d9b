package dev.offsync.android;

/** The durability of a commit of {@link AndroidSqliteLocalStore} ({@code PRAGMA synchronous} in WAL mode). */
public enum Synchronous {
  /**
   * The default: a committed write survives the app's process being killed; on power loss or an OS crash the
   * last commits may be rolled back (never corrupted).
   */
  NORMAL,
  /** Every commit also survives power loss, at the cost of an fsync per commit. */
  FULL
}
