package dev.offsync.awscompat;

import dev.offsync.Record;
import dev.offsync.Resolution;
import dev.offsync.SyncConflict;
import java.util.Objects;

/**
 * One conflict handed to {@link CompatDataset.SyncCallback#onConflict}: AWS's {@code SyncConflict} (renamed so it
 * never clashes with sync-core's {@link SyncConflict}, which it wraps). Resolve it by passing the result of one of
 * the {@code resolveWith...} methods to {@link CompatDataset#resolve(java.util.List)}.
 */
public final class CompatConflict {
  private final SyncConflict conflict;

  /**
   * Wraps an engine conflict.
   *
   * @param conflict the engine's conflict
   */
  public CompatConflict(SyncConflict conflict) {
    this.conflict = Objects.requireNonNull(conflict, "conflict == null");
  }

  /** @return the conflicting key */
  public String getKey() {
    return conflict.key();
  }

  /** @return the server's record */
  public Record getRemoteRecord() {
    return conflict.remote();
  }

  /** @return the local (edited) record */
  public Record getLocalRecord() {
    return conflict.local();
  }

  /** @return the engine's conflict, with its base value and base sync count */
  public SyncConflict unwrap() {
    return conflict;
  }

  /** @return a resolution keeping the server's record */
  public CompatResolution resolveWithRemoteRecord() {
    return new CompatResolution(getKey(), Resolution.useRemote());
  }

  /** @return a resolution keeping the local value (pushed on top of the server's sync count) */
  public CompatResolution resolveWithLocalRecord() {
    return new CompatResolution(getKey(), Resolution.useLocal());
  }

  /**
   * A resolution storing {@code value} (pushed on top of the server's sync count).
   *
   * @param value the value; {@code null} deletes the key
   * @return the resolution
   */
  public CompatResolution resolveWithValue(String value) {
    return new CompatResolution(getKey(), value == null ? Resolution.delete() : Resolution.useValue(value));
  }

  /**
   * AWS's last-writer-wins: the record whose last-modified date (server date for the remote record, device date
   * for the local edit) is later; the local one on a tie or when a date is missing.
   *
   * @return the resolution
   */
  public CompatResolution resolveWithLastWriterWins() {
    Record remote = conflict.remote();
    Record local = conflict.local();
    java.time.Instant r = remote.lastModifiedDate();
    java.time.Instant l = local.deviceLastModifiedDate() != null ? local.deviceLastModifiedDate()
        : local.lastModifiedDate();
    return r != null && l != null && r.isAfter(l) ? resolveWithRemoteRecord() : resolveWithLocalRecord();
  }

  @Override
  public String toString() {
    return "CompatConflict{" + conflict + "}";
  }
}
