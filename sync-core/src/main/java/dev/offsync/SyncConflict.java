package dev.offsync;

import static dev.offsync.internal.Preconditions.checkArgument;
import static dev.offsync.internal.Preconditions.checkNotNull;

import java.util.Objects;

/**
 * A record both edited locally and changed remotely to a different value since the local edit's base.
 * Carries three states so that resolvers can do true three-way merges: the {@link #local()} record (the
 * pending edit), the {@link #remote()} record (the server's current one), and the <em>base</em>: the last
 * synced value the local edit was made on ({@link #baseValue()}, at {@link #baseSyncCount()}). Immutable.
 */
public final class SyncConflict {
  private final String datasetName;
  private final String key;
  private final Record local;
  private final Record remote;
  private final String baseValue;
  private final long baseSyncCount;

  /**
   * Creates a conflict.
   *
   * @param datasetName the dataset
   * @param local the local record (its value {@code null} for a local deletion)
   * @param remote the remote record (its value {@code null} for a remote deletion)
   * @param baseValue the value the local edit was based on, or {@code null} if the key did not exist
   *     (or was deleted) then
   * @param baseSyncCount the sync count the local edit was based on, 0 if the key was never synced
   */
  public SyncConflict(String datasetName, Record local, Record remote, String baseValue, long baseSyncCount) {
    this.datasetName = checkNotNull(datasetName, "datasetName");
    this.local = checkNotNull(local, "local");
    this.remote = checkNotNull(remote, "remote");
    checkArgument(local.key().equals(remote.key()), "local and remote keys differ");
    checkArgument(baseSyncCount >= 0, "baseSyncCount < 0: " + baseSyncCount);
    this.key = local.key();
    this.baseValue = baseValue;
    this.baseSyncCount = baseSyncCount;
  }

  /** @return the dataset name */
  public String datasetName() {
    return datasetName;
  }

  /** @return the key */
  public String key() {
    return key;
  }

  /** @return the local record, with the pending edit */
  public Record local() {
    return local;
  }

  /** @return the remote record as the server holds it now */
  public Record remote() {
    return remote;
  }

  /** @return the value the local edit was made on, or {@code null} if the key was absent or deleted then */
  public String baseValue() {
    return baseValue;
  }

  /** @return the sync count the local edit was made on; 0 if never synced */
  public long baseSyncCount() {
    return baseSyncCount;
  }

  @Override
  public boolean equals(Object o) {
    if (this == o) {
      return true;
    }
    if (!(o instanceof SyncConflict)) {
      return false;
    }
    SyncConflict that = (SyncConflict) o;
    return baseSyncCount == that.baseSyncCount
        && datasetName.equals(that.datasetName)
        && local.equals(that.local)
        && remote.equals(that.remote)
        && Objects.equals(baseValue, that.baseValue);
  }

  @Override
  public int hashCode() {
    return Objects.hash(datasetName, local, remote, baseValue, baseSyncCount);
  }

  @Override
  public String toString() {
    return "SyncConflict{dataset=" + datasetName + ", key=" + key + ", base=" + baseSyncCount
        + ", remote=" + remote.syncCount() + "}";
  }
}
