package dev.offsync.http.migration;

import dev.offsync.http.model.Record;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;

/**
 * One page of an {@code ImportRecords} call: a dataset's metadata as the source had it and some of its records
 * (tombstones have a null value), each with its own sync count, dates and writer.
 */
public final class DatasetImport {
  private final String identityPoolId;
  private final String identityId;
  private final String datasetName;
  private final long syncCount;
  private final Instant creationDate;
  private final Instant lastModifiedDate;
  private final String lastModifiedBy;
  private final List<Record> records;

  private DatasetImport(Builder b) {
    this.identityPoolId = Objects.requireNonNull(b.identityPoolId, "identityPoolId == null");
    this.identityId = Objects.requireNonNull(b.identityId, "identityId == null");
    this.datasetName = Objects.requireNonNull(b.datasetName, "datasetName == null");
    if (b.syncCount < 0) {
      throw new IllegalArgumentException("syncCount < 0: " + b.syncCount);
    }
    this.syncCount = b.syncCount;
    this.creationDate = Objects.requireNonNull(b.creationDate, "creationDate == null");
    this.lastModifiedDate = Objects.requireNonNull(b.lastModifiedDate, "lastModifiedDate == null");
    this.lastModifiedBy = b.lastModifiedBy;
    for (Record r : b.records) {
      Objects.requireNonNull(r.key(), "record key == null");
      Objects.requireNonNull(r.syncCount(), "record syncCount == null: " + r.key());
      Objects.requireNonNull(r.lastModifiedDate(), "record lastModifiedDate == null: " + r.key());
    }
    this.records = Collections.unmodifiableList(new ArrayList<>(b.records));
  }

  /**
   * Returns a new builder.
   *
   * @return the builder
   */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * The target identity pool.
   *
   * @return the pool id
   */
  public String identityPoolId() {
    return identityPoolId;
  }

  /**
   * The identity.
   *
   * @return the identity id
   */
  public String identityId() {
    return identityId;
  }

  /**
   * The dataset.
   *
   * @return the dataset name
   */
  public String datasetName() {
    return datasetName;
  }

  /**
   * The dataset's sync count at the source.
   *
   * @return the count
   */
  public long syncCount() {
    return syncCount;
  }

  /**
   * The dataset's creation date at the source.
   *
   * @return the date
   */
  public Instant creationDate() {
    return creationDate;
  }

  /**
   * The dataset's last-modified date at the source.
   *
   * @return the date
   */
  public Instant lastModifiedDate() {
    return lastModifiedDate;
  }

  /**
   * Who modified the dataset last at the source.
   *
   * @return the writer, may be null
   */
  public String lastModifiedBy() {
    return lastModifiedBy;
  }

  /**
   * The records of this page.
   *
   * @return the records, immutable
   */
  public List<Record> records() {
    return records;
  }

  /** Builder of {@link DatasetImport}. */
  public static final class Builder {
    private String identityPoolId;
    private String identityId;
    private String datasetName;
    private long syncCount;
    private Instant creationDate;
    private Instant lastModifiedDate;
    private String lastModifiedBy;
    private final List<Record> records = new ArrayList<>();

    private Builder() {}

    /**
     * Sets the target pool.
     *
     * @param identityPoolId the pool id
     * @return this
     */
    public Builder identityPoolId(String identityPoolId) {
      this.identityPoolId = Objects.requireNonNull(identityPoolId, "identityPoolId == null");
      return this;
    }

    /**
     * Sets the identity.
     *
     * @param identityId the identity id
     * @return this
     */
    public Builder identityId(String identityId) {
      this.identityId = Objects.requireNonNull(identityId, "identityId == null");
      return this;
    }

    /**
     * Sets the dataset.
     *
     * @param datasetName the name
     * @return this
     */
    public Builder datasetName(String datasetName) {
      this.datasetName = Objects.requireNonNull(datasetName, "datasetName == null");
      return this;
    }

    /**
     * Sets the dataset's sync count.
     *
     * @param syncCount not negative
     * @return this
     */
    public Builder syncCount(long syncCount) {
      this.syncCount = syncCount;
      return this;
    }

    /**
     * Sets the creation date.
     *
     * @param creationDate the date
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
     * Adds records.
     *
     * @param records records with key, sync count and last-modified date
     * @return this
     */
    public Builder records(List<Record> records) {
      Objects.requireNonNull(records, "records == null");
      this.records.addAll(records);
      return this;
    }

    /**
     * Builds the page.
     *
     * @return the page
     */
    public DatasetImport build() {
      return new DatasetImport(this);
    }
  }
}
