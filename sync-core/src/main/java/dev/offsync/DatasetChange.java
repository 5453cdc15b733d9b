package dev.offsync;

import static dev.offsync.internal.Preconditions.checkNotNull;

import java.util.Objects;

/**
 * One key of a dataset changed, by the app ({@link Source#LOCAL}) or by a sync applying a remote change
 * or a conflict resolution ({@link Source#REMOTE}). Emitted by {@link Dataset#observe()}. Immutable.
 */
public final class DatasetChange {
  /** Where a change came from. */
  public enum Source {
    /** The app wrote through {@link Dataset}. */
    LOCAL,
    /** A sync applied a remote change or a conflict resolution. */
    REMOTE
  }

  private final String datasetName;
  private final Record record;
  private final Source source;

  /**
   * Creates a change.
   *
   * @param datasetName the dataset
   * @param record the record's state after the change (a tombstone if deleted)
   * @param source where the change came from
   */
  public DatasetChange(String datasetName, Record record, Source source) {
    this.datasetName = checkNotNull(datasetName, "datasetName");
    this.record = checkNotNull(record, "record");
    this.source = checkNotNull(source, "source");
  }

  /** @return the dataset */
  public String datasetName() {
    return datasetName;
  }

  /** @return the key */
  public String key() {
    return record.key();
  }

  /** @return the new value, or {@code null} if the key was deleted */
  public String value() {
    return record.value();
  }

  /** @return the record's state after the change */
  public Record record() {
    return record;
  }

  /** @return where the change came from */
  public Source source() {
    return source;
  }

  @Override
  public boolean equals(Object o) {
    if (!(o instanceof DatasetChange)) {
      return false;
    }
    DatasetChange c = (DatasetChange) o;
    return datasetName.equals(c.datasetName) && record.equals(c.record) && source == c.source;
  }

  @Override
  public int hashCode() {
    return Objects.hash(datasetName, record, source);
  }

  @Override
  public String toString() {
    return "DatasetChange{" + datasetName + "/" + record.key() + ", " + source
        + (record.isDeleted() ? ", deleted" : "") + "}";
  }
}
