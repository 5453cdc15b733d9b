package dev.offsync.spi;

import static dev.offsync.internal.Preconditions.checkArgument;
import static dev.offsync.internal.Preconditions.checkNotNull;

import java.time.Instant;
import java.util.Objects;

/**
 * One change pushed with {@code UpdateRecords} (the model's {@code RecordPatch}): {@code replace} with a
 * value, or {@code remove}, based on the record's last known server sync count ({@code 0} for a key never
 * seen). Immutable.
 */
public final class RecordPatch {
  private final String key;
  private final String value;
  private final long syncCount;
  private final Instant deviceLastModifiedDate;

  private RecordPatch(String key, String value, long syncCount, Instant deviceLastModifiedDate) {
    this.key = checkNotNull(key, "key");
    checkArgument(syncCount >= 0, "syncCount < 0: " + syncCount);
    this.value = value;
    this.syncCount = syncCount;
    this.deviceLastModifiedDate = deviceLastModifiedDate;
  }

  /**
   * A {@code replace} patch.
   *
   * @param key the key
   * @param value the new value (may be empty, never {@code null})
   * @param syncCount the base sync count the change was made on, 0 if the key was never synced
   * @param deviceLastModifiedDate the device clock at the local write, or {@code null}
   * @return the patch
   */
  public static RecordPatch replace(String key, String value, long syncCount, Instant deviceLastModifiedDate) {
    return new RecordPatch(key, checkNotNull(value, "value"), syncCount, deviceLastModifiedDate);
  }

  /**
   * A {@code remove} patch.
   *
   * @param key the key
   * @param syncCount the base sync count the removal was made on, 0 if the key was never synced
   * @param deviceLastModifiedDate the device clock at the local removal, or {@code null}
   * @return the patch
   */
  public static RecordPatch remove(String key, long syncCount, Instant deviceLastModifiedDate) {
    return new RecordPatch(key, null, syncCount, deviceLastModifiedDate);
  }

  /** @return the key */
  public String key() {
    return key;
  }

  /** @return the new value, or {@code null} for a {@code remove} patch */
  public String value() {
    return value;
  }

  /** @return whether this patch removes the key ({@code Op: remove}) */
  public boolean isRemove() {
    return value == null;
  }

  /** @return the base sync count the change was made on */
  public long syncCount() {
    return syncCount;
  }

  /** @return the device clock at the local change, or {@code null} */
  public Instant deviceLastModifiedDate() {
    return deviceLastModifiedDate;
  }

  @Override
  public boolean equals(Object o) {
    if (this == o) {
      return true;
    }
    if (!(o instanceof RecordPatch)) {
      return false;
    }
    RecordPatch that = (RecordPatch) o;
    return syncCount == that.syncCount
        && key.equals(that.key)
        && Objects.equals(value, that.value)
        && Objects.equals(deviceLastModifiedDate, that.deviceLastModifiedDate);
  }

  @Override
  public int hashCode() {
    return Objects.hash(key, value, syncCount, deviceLastModifiedDate);
  }

  @Override
  public String toString() {
    return "RecordPatch{" + (isRemove() ? "remove" : "replace") + " key=" + key + ", syncCount=" + syncCount + "}";
  }
}
