package dev.offsync.server.spi;

import java.time.Instant;
import java.util.Objects;

/**
 * Stored state of one dataset, kept after deletion so that sync counts keep rising across incarnations.
 *
 * @param id which dataset
 * @param live true while the dataset exists; false once deleted (the row stays to remember the counts)
 * @param syncCount the dataset sync count: the count of the last successful write, across all incarnations
 * @param deletedAtSyncCount the sync count at the last deletion, 0 if never deleted
 * @param creationDate creation time of the current (or last) incarnation
 * @param lastModifiedDate time of the last change
 * @param lastModifiedBy who made the last change (device id or identity id), may be null
 * @param numRecords number of live (non-tombstone) records
 * @param dataStorage UTF-8 bytes of key plus value over the live records
 */
public record DatasetState(
    DatasetId id,
    boolean live,
    long syncCount,
    long deletedAtSyncCount,
    Instant creationDate,
    Instant lastModifiedDate,
    String lastModifiedBy,
    long numRecords,
    long dataStorage) {

  /**
   * Validates the required components.
   *
   * @param id which dataset
   * @param live true while the dataset exists; false once deleted (the row stays to remember the counts)
   * @param syncCount the dataset sync count: the count of the last successful write, across all incarnations
   * @param deletedAtSyncCount the sync count at the last deletion, 0 if never deleted
   * @param creationDate creation time of the current (or last) incarnation
   * @param lastModifiedDate time of the last change
   * @param lastModifiedBy who made the last change (device id or identity id), may be null
   * @param numRecords number of live (non-tombstone) records
   * @param dataStorage UTF-8 bytes of key plus value over the live records
   */
  public DatasetState {
    Objects.requireNonNull(id, "id == null");
    Objects.requireNonNull(creationDate, "creationDate == null");
    Objects.requireNonNull(lastModifiedDate, "lastModifiedDate == null");
  }

  /**
   * Returns a builder initialised from this state.
   *
   * @return a builder
   */
  public Builder toBuilder() {
    return new Builder(this);
  }

  /**
   * Returns an empty builder for a dataset.
   *
   * @param id which dataset
   * @return a builder
   */
  public static Builder newBuilder(DatasetId id) {
    Objects.requireNonNull(id, "id == null");
    Builder b = new Builder();
    b.id = id;
    return b;
  }

  /** Builder of {@link DatasetState}. */
  public static final class Builder {
    private DatasetId id;
    private boolean live;
    private long syncCount;
    private long deletedAtSyncCount;
    private Instant creationDate;
    private Instant lastModifiedDate;
    private String lastModifiedBy;
    private long numRecords;
    private long dataStorage;

    private Builder() {}

    private Builder(DatasetState s) {
      id = s.id;
      live = s.live;
      syncCount = s.syncCount;
      deletedAtSyncCount = s.deletedAtSyncCount;
      creationDate = s.creationDate;
      lastModifiedDate = s.lastModifiedDate;
      lastModifiedBy = s.lastModifiedBy;
      numRecords = s.numRecords;
      dataStorage = s.dataStorage;
    }

    /**
     * Sets whether the dataset exists.
     *
     * @param live true while the dataset exists
     * @return this
     */
    public Builder live(boolean live) {
      this.live = live;
      return this;
    }

    /**
     * Sets the sync count.
     *
     * @param syncCount the dataset sync count
     * @return this
     */
    public Builder syncCount(long syncCount) {
      this.syncCount = syncCount;
      return this;
    }

    /**
     * Sets the sync count at the last deletion.
     *
     * @param deletedAtSyncCount 0 if never deleted
     * @return this
     */
    public Builder deletedAtSyncCount(long deletedAtSyncCount) {
      this.deletedAtSyncCount = deletedAtSyncCount;
      return this;
    }

    /**
     * Sets the creation date.
     *
     * @param creationDate the creation date
     * @return this
     */
    public Builder creationDate(Instant creationDate) {
      this.creationDate = Objects.requireNonNull(creationDate, "creationDate == null");
      return this;
    }

    /**
     * Sets the last-modified date.
     *
     * @param lastModifiedDate the date
     * @return this
     */
    public Builder lastModifiedDate(Instant lastModifiedDate) {
      this.lastModifiedDate = Objects.requireNonNull(lastModifiedDate, "lastModifiedDate == null");
      return this;
    }

    /**
     * Sets who modified the dataset last.
     *
     * @param lastModifiedBy may be null
     * @return this
     */
    public Builder lastModifiedBy(String lastModifiedBy) {
      this.lastModifiedBy = lastModifiedBy;
      return this;
    }

    /**
     * Sets the number of live records.
     *
     * @param numRecords the count
     * @return this
     */
    public Builder numRecords(long numRecords) {
      this.numRecords = numRecords;
      return this;
    }

    /**
     * Sets the storage used by live records.
     *
     * @param dataStorage bytes
     * @return this
     */
    public Builder dataStorage(long dataStorage) {
      this.dataStorage = dataStorage;
      return this;
    }

    /**
     * Builds the state.
     *
     * @return the immutable state
     */
    public DatasetState build() {
      return new DatasetState(
          id, live, syncCount, deletedAtSyncCount, creationDate, lastModifiedDate, lastModifiedBy, numRecords,
          dataStorage);
    }
  }
}
