package dev.offsync.spi;

/**
 * Sizes of one local dataset, computed by the store with a query (never by loading the records):
 * live (not deleted) record count, their UTF-8 bytes (key + value), and how many records are dirty.
 * Immutable.
 */
public final class DatasetUsage {
  private final long liveRecordCount;
  private final long liveBytes;
  private final long dirtyRecordCount;

  /**
   * Creates the usage figures.
   *
   * @param liveRecordCount records whose value is not {@code null}
   * @param liveBytes sum of UTF-8 byte lengths of key and value over live records
   * @param dirtyRecordCount records with unacknowledged local changes (tombstones included)
   */
  public DatasetUsage(long liveRecordCount, long liveBytes, long dirtyRecordCount) {
    if (liveRecordCount < 0 || liveBytes < 0 || dirtyRecordCount < 0) {
      throw new IllegalArgumentException("negative usage: " + liveRecordCount + ", " + liveBytes
          + ", " + dirtyRecordCount);
    }
    this.liveRecordCount = liveRecordCount;
    this.liveBytes = liveBytes;
    this.dirtyRecordCount = dirtyRecordCount;
  }

  /** @return the number of live (not deleted) records */
  public long liveRecordCount() {
    return liveRecordCount;
  }

  /** @return UTF-8 bytes of keys and values of live records */
  public long liveBytes() {
    return liveBytes;
  }

  /** @return the number of dirty records, tombstones included */
  public long dirtyRecordCount() {
    return dirtyRecordCount;
  }

  @Override
  public boolean equals(Object o) {
    if (!(o instanceof DatasetUsage)) {
      return false;
    }
    DatasetUsage that = (DatasetUsage) o;
    return liveRecordCount == that.liveRecordCount
        && liveBytes == that.liveBytes
        && dirtyRecordCount == that.dirtyRecordCount;
  }

  @Override
  public int hashCode() {
    return (int) (31 * (31 * liveRecordCount + liveBytes) + dirtyRecordCount);
  }

  @Override
  public String toString() {
    return "DatasetUsage{live=" + liveRecordCount + ", bytes=" + liveBytes + ", dirty=" + dirtyRecordCount + "}";
  }
}
