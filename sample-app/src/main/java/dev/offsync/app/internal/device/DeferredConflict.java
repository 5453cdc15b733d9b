package dev.offsync.app.internal.device;

import dev.offsync.SyncConflict;
import java.util.Objects;

/**
 * A conflict left for the user, as remembered beside the database between commands (sync-core keeps deferred
 * conflicts in memory only).
 *
 * @param dataset the dataset
 * @param key the key
 * @param local the local value, {@code null} if deleted locally
 * @param remote the server's value, {@code null} if deleted remotely
 * @param base the value both sides started from, {@code null} if the key did not exist
 * @param remoteSyncCount the server's sync count of the key
 */
public record DeferredConflict(
    String dataset, String key, String local, String remote, String base, long remoteSyncCount) {
  /** Rejects a null dataset or key. */
  public DeferredConflict {
    Objects.requireNonNull(dataset, "dataset == null");
    Objects.requireNonNull(key, "key == null");
  }

  /**
   * Captures a conflict sync-core deferred.
   *
   * @param conflict the conflict
   * @return its summary
   */
  public static DeferredConflict of(SyncConflict conflict) {
    Objects.requireNonNull(conflict, "conflict == null");
    return new DeferredConflict(
        conflict.datasetName(),
        conflict.key(),
        conflict.local().value(),
        conflict.remote().value(),
        conflict.baseValue(),
        conflict.remote().syncCount());
  }
}
