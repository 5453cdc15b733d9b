package dev.offsync;

/**
 * What a sync does when it finds that the dataset was deleted on the server (by another device or an
 * administrator) since the last sync. Every policy ends the sync with a report, never a retry loop.
 */
public enum RemoteDeletionPolicy {
  /**
   * The default: without local edits the local copy is removed; with local edits every live local
   * record is pushed again as a new dataset (rebased on sync count 0).
   */
  PURGE_UNLESS_DIRTY,
  /** Always remove the local copy, discarding unsynced local edits. */
  ALWAYS_PURGE,
  /** Always keep the local copy and push every live record again as a new dataset. */
  ALWAYS_RECREATE
}
