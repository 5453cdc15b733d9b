package dev.offsync.spi;

import static dev.offsync.internal.Preconditions.checkArgument;
import static dev.offsync.internal.Preconditions.checkNotNull;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * One page of {@code ListRecords}: records changed after the requested sync count, ordered by sync
 * count, and the dataset-level facts the synchronizer needs. Immutable.
 */
public final class RecordPage {
  private final List<RemoteRecord> records;
  private final String nextToken;
  private final long datasetSyncCount;
  private final boolean datasetExists;
  private final boolean datasetDeletedAfterRequestedSyncCount;
  private final List<String> mergedDatasetNames;
  private final String syncSessionToken;

  private RecordPage(Builder b) {
    this.records = Collections.unmodifiableList(new ArrayList<>(b.records));
    this.nextToken = b.nextToken;
    this.datasetSyncCount = b.datasetSyncCount;
    this.datasetExists = b.datasetExists;
    this.datasetDeletedAfterRequestedSyncCount = b.datasetDeletedAfterRequestedSyncCount;
    this.mergedDatasetNames = Collections.unmodifiableList(new ArrayList<>(b.mergedDatasetNames));
    this.syncSessionToken = checkNotNull(b.syncSessionToken, "syncSessionToken");
  }

  /** @return a new builder */
  public static Builder builder() {
    return new Builder();
  }

  /** @return the records of this page, ordered by sync count; tombstones have a {@code null} value */
  public List<RemoteRecord> records() {
    return records;
  }

  /** @return the token for the next page, or {@code null} if this is the last page */
  public String nextToken() {
    return nextToken;
  }

  /** @return the dataset's current sync count on the server (0 if it does not exist) */
  public long datasetSyncCount() {
    return datasetSyncCount;
  }

  /** @return whether the dataset exists on the server */
  public boolean datasetExists() {
    return datasetExists;
  }

  /**
   * @return whether the dataset was deleted (and possibly re-created) on the server after the
   *     requested sync count, so the local copy's watermark belongs to a dead incarnation
   */
  public boolean datasetDeletedAfterRequestedSyncCount() {
    return datasetDeletedAfterRequestedSyncCount;
  }

  /** @return names of datasets the server reports as merged into this one; empty if none */
  public List<String> mergedDatasetNames() {
    return mergedDatasetNames;
  }

  /** @return the session token to pass to the {@code UpdateRecords} that follows this pull */
  public String syncSessionToken() {
    return syncSessionToken;
  }

  @Override
  public String toString() {
    return "RecordPage{records=" + records.size() + ", datasetSyncCount=" + datasetSyncCount
        + ", exists=" + datasetExists + ", deletedAfter=" + datasetDeletedAfterRequestedSyncCount
        + ", merged=" + mergedDatasetNames + ", hasNext=" + (nextToken != null) + "}";
  }

  /** Builds {@link RecordPage}. */
  public static final class Builder {
    private List<RemoteRecord> records = Collections.emptyList();
    private String nextToken;
    private long datasetSyncCount;
    private boolean datasetExists;
    private boolean datasetDeletedAfterRequestedSyncCount;
    private List<String> mergedDatasetNames = Collections.emptyList();
    private String syncSessionToken;

    Builder() {}

    /**
     * @param records the page's records
     * @return this builder
     */
    public Builder records(List<RemoteRecord> records) {
      checkNotNull(records, "records");
      for (RemoteRecord r : records) {
        checkNotNull(r, "records element");
      }
      this.records = records;
      return this;
    }

    /**
     * @param nextToken the next page's token, or {@code null} on the last page
     * @return this builder
     */
    public Builder nextToken(String nextToken) {
      this.nextToken = nextToken;
      return this;
    }

    /**
     * @param datasetSyncCount the dataset's sync count, not negative
     * @return this builder
     */
    public Builder datasetSyncCount(long datasetSyncCount) {
      checkArgument(datasetSyncCount >= 0, "datasetSyncCount < 0: " + datasetSyncCount);
      this.datasetSyncCount = datasetSyncCount;
      return this;
    }

    /**
     * @param datasetExists whether the dataset exists
     * @return this builder
     */
    public Builder datasetExists(boolean datasetExists) {
      this.datasetExists = datasetExists;
      return this;
    }

    /**
     * @param deleted whether it was deleted after the requested sync count
     * @return this builder
     */
    public Builder datasetDeletedAfterRequestedSyncCount(boolean deleted) {
      this.datasetDeletedAfterRequestedSyncCount = deleted;
      return this;
    }

    /**
     * @param names merged dataset names
     * @return this builder
     */
    public Builder mergedDatasetNames(List<String> names) {
      this.mergedDatasetNames = checkNotNull(names, "names");
      return this;
    }

    /**
     * @param syncSessionToken the session token
     * @return this builder
     */
    public Builder syncSessionToken(String syncSessionToken) {
      this.syncSessionToken = checkNotNull(syncSessionToken, "syncSessionToken");
      return this;
    }

    /** @return the page */
    public RecordPage build() {
      return new RecordPage(this);
    }
  }
}
