package dev.offsync;

import static dev.offsync.internal.Preconditions.checkNotNull;

/**
 * What happened to one record during a sync. Immutable.
 */
public final class RecordEvent {
  /** Event types. */
  public enum Type {
    /** A remote change was applied locally ({@link #record()} is the stored state). */
    PULLED,
    /** A local change was acknowledged by the server ({@link #record()} is the stored state). */
    PUSHED,
    /** A conflict was detected ({@link #conflict()}). */
    CONFLICTED,
    /** A conflict was decided ({@link #conflict()}, {@link #resolution()}). */
    RESOLVED,
    /** Processing the record failed, for example its resolver threw ({@link #error()}). */
    FAILED
  }

  private final Type type;
  private final String datasetName;
  private final String key;
  private final Record record;
  private final SyncConflict conflict;
  private final Resolution resolution;
  private final Throwable error;

  private RecordEvent(Type type, String datasetName, String key, Record record, SyncConflict conflict,
      Resolution resolution, Throwable error) {
    this.type = checkNotNull(type, "type");
    this.datasetName = checkNotNull(datasetName, "datasetName");
    this.key = checkNotNull(key, "key");
    this.record = record;
    this.conflict = conflict;
    this.resolution = resolution;
    this.error = error;
  }

  /**
   * A {@link Type#PULLED} event.
   *
   * @param datasetName the dataset
   * @param record the record as stored after applying the remote change
   * @return the event
   */
  public static RecordEvent pulled(String datasetName, Record record) {
    checkNotNull(record, "record");
    return new RecordEvent(Type.PULLED, datasetName, record.key(), record, null, null, null);
  }

  /**
   * A {@link Type#PUSHED} event.
   *
   * @param datasetName the dataset
   * @param record the record as stored after the server acknowledged it
   * @return the event
   */
  public static RecordEvent pushed(String datasetName, Record record) {
    checkNotNull(record, "record");
    return new RecordEvent(Type.PUSHED, datasetName, record.key(), record, null, null, null);
  }

  /**
   * A {@link Type#CONFLICTED} event.
   *
   * @param conflict the conflict
   * @return the event
   */
  public static RecordEvent conflicted(SyncConflict conflict) {
    checkNotNull(conflict, "conflict");
    return new RecordEvent(Type.CONFLICTED, conflict.datasetName(), conflict.key(), conflict.local(), conflict,
        null, null);
  }

  /**
   * A {@link Type#RESOLVED} event.
   *
   * @param conflict the conflict
   * @param resolution the decision
   * @return the event
   */
  public static RecordEvent resolved(SyncConflict conflict, Resolution resolution) {
    checkNotNull(conflict, "conflict");
    checkNotNull(resolution, "resolution");
    return new RecordEvent(Type.RESOLVED, conflict.datasetName(), conflict.key(), null, conflict, resolution,
        null);
  }

  /**
   * A {@link Type#FAILED} event.
   *
   * @param datasetName the dataset
   * @param key the key
   * @param conflict the conflict being resolved, or {@code null}
   * @param error what went wrong
   * @return the event
   */
  public static RecordEvent failed(String datasetName, String key, SyncConflict conflict, Throwable error) {
    checkNotNull(error, "error");
    return new RecordEvent(Type.FAILED, datasetName, key, null, conflict, null, error);
  }

  /** @return the type */
  public Type type() {
    return type;
  }

  /** @return the dataset */
  public String datasetName() {
    return datasetName;
  }

  /** @return the key */
  public String key() {
    return key;
  }

  /** @return the record's state for {@code PULLED}, {@code PUSHED} and {@code CONFLICTED} (local side), else {@code null} */
  public Record record() {
    return record;
  }

  /** @return the conflict for {@code CONFLICTED}, {@code RESOLVED} and resolver failures, else {@code null} */
  public SyncConflict conflict() {
    return conflict;
  }

  /** @return the decision for {@code RESOLVED}, else {@code null} */
  public Resolution resolution() {
    return resolution;
  }

  /** @return the error for {@code FAILED}, else {@code null} */
  public Throwable error() {
    return error;
  }

  @Override
  public String toString() {
    return "RecordEvent{" + type + " " + datasetName + "/" + key
        + (resolution != null ? ", " + resolution : "") + (error != null ? ", error=" + error : "") + "}";
  }
}
