package dev.offsync.http.model;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Objects;

/**
 * Returned for a successful ListRecordsRequest.
 *
 * <p>Immutable; create one with {@link #builder()} and derive a modified copy with {@link #newBuilder()}.
 */
public final class ListRecordsResponse {
  private final List<Record> records;
  private final String nextToken;
  private final Integer count;
  private final Long datasetSyncCount;
  private final String lastModifiedBy;
  private final List<String> mergedDatasetNames;
  private final Boolean datasetExists;
  private final Boolean datasetDeletedAfterRequestedSyncCount;
  private final String syncSessionToken;

  private ListRecordsResponse(Builder builder) {
    this.records = builder.records == null ? Collections.<Record>emptyList() : builder.records;
    this.nextToken = builder.nextToken;
    this.count = builder.count;
    this.datasetSyncCount = builder.datasetSyncCount;
    this.lastModifiedBy = builder.lastModifiedBy;
    this.mergedDatasetNames = builder.mergedDatasetNames == null ? Collections.<String>emptyList() : builder.mergedDatasetNames;
    this.datasetExists = builder.datasetExists;
    this.datasetDeletedAfterRequestedSyncCount = builder.datasetDeletedAfterRequestedSyncCount;
    this.syncSessionToken = builder.syncSessionToken;
  }

  /**
   * Returns a new, empty builder.
   *
   * @return a new builder
   */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * Returns a builder initialised with every member of this value.
   *
   * @return a new builder holding a copy of this value
   */
  public Builder newBuilder() {
    return new Builder(this);
  }

  /**
   * A list of all records.
   *
   * @return the records member (wire name {@code Records}); an unmodifiable list, empty when absent
   */
  public List<Record> records() {
    return records;
  }

  /**
   * A pagination token for obtaining the next page of results.
   *
   * @return the nextToken member (wire name {@code NextToken}), or {@code null} when absent
   */
  public String nextToken() {
    return nextToken;
  }

  /**
   * Total number of records.
   *
   * @return the count member (wire name {@code Count}), or {@code null} when absent
   */
  public Integer count() {
    return count;
  }

  /**
   * Server sync count for this dataset.
   *
   * @return the datasetSyncCount member (wire name {@code DatasetSyncCount}), or {@code null} when absent
   */
  public Long datasetSyncCount() {
    return datasetSyncCount;
  }

  /**
   * The user/device that made the last change to this record.
   *
   * @return the lastModifiedBy member (wire name {@code LastModifiedBy}), or {@code null} when absent
   */
  public String lastModifiedBy() {
    return lastModifiedBy;
  }

  /**
   * Names of merged datasets.
   *
   * @return the mergedDatasetNames member (wire name {@code MergedDatasetNames}); an unmodifiable list, empty when absent
   */
  public List<String> mergedDatasetNames() {
    return mergedDatasetNames;
  }

  /**
   * Indicates whether the dataset exists.
   *
   * @return the datasetExists member (wire name {@code DatasetExists}), or {@code null} when absent
   */
  public Boolean datasetExists() {
    return datasetExists;
  }

  /**
   * A boolean value specifying whether to delete the dataset locally.
   *
   * @return the datasetDeletedAfterRequestedSyncCount member (wire name {@code DatasetDeletedAfterRequestedSyncCount}), or {@code null} when absent
   */
  public Boolean datasetDeletedAfterRequestedSyncCount() {
    return datasetDeletedAfterRequestedSyncCount;
  }

  /**
   * A token containing a session ID, identity ID, and expiration.
   *
   * @return the syncSessionToken member (wire name {@code SyncSessionToken}), or {@code null} when absent
   */
  public String syncSessionToken() {
    return syncSessionToken;
  }

  @Override
  public boolean equals(Object other) {
    if (this == other) {
      return true;
    }
    if (!(other instanceof ListRecordsResponse)) {
      return false;
    }
    ListRecordsResponse that = (ListRecordsResponse) other;
    return Objects.equals(records, that.records)
        && Objects.equals(nextToken, that.nextToken)
        && Objects.equals(count, that.count)
        && Objects.equals(datasetSyncCount, that.datasetSyncCount)
        && Objects.equals(lastModifiedBy, that.lastModifiedBy)
        && Objects.equals(mergedDatasetNames, that.mergedDatasetNames)
        && Objects.equals(datasetExists, that.datasetExists)
        && Objects.equals(datasetDeletedAfterRequestedSyncCount, that.datasetDeletedAfterRequestedSyncCount)
        && Objects.equals(syncSessionToken, that.syncSessionToken);
  }

  @Override
  public int hashCode() {
    return Objects.hash(records, nextToken, count, datasetSyncCount, lastModifiedBy, mergedDatasetNames, datasetExists, datasetDeletedAfterRequestedSyncCount, syncSessionToken);
  }

  @Override
  public String toString() {
    return "ListRecordsResponse{"
        + "records=" + records
        + ", nextToken=" + nextToken
        + ", count=" + count
        + ", datasetSyncCount=" + datasetSyncCount
        + ", lastModifiedBy=" + lastModifiedBy
        + ", mergedDatasetNames=" + mergedDatasetNames
        + ", datasetExists=" + datasetExists
        + ", datasetDeletedAfterRequestedSyncCount=" + datasetDeletedAfterRequestedSyncCount
        + ", syncSessionToken=" + (syncSessionToken == null ? "null" : "<redacted>")
        + "}";
  }

  /** Builds {@link ListRecordsResponse} values; not thread-safe. */
  public static final class Builder {
    private List<Record> records;
    private String nextToken;
    private Integer count;
    private Long datasetSyncCount;
    private String lastModifiedBy;
    private List<String> mergedDatasetNames;
    private Boolean datasetExists;
    private Boolean datasetDeletedAfterRequestedSyncCount;
    private String syncSessionToken;

    private Builder() {}

    private Builder(ListRecordsResponse value) {
      this.records = value.records;
      this.nextToken = value.nextToken;
      this.count = value.count;
      this.datasetSyncCount = value.datasetSyncCount;
      this.lastModifiedBy = value.lastModifiedBy;
      this.mergedDatasetNames = value.mergedDatasetNames;
      this.datasetExists = value.datasetExists;
      this.datasetDeletedAfterRequestedSyncCount = value.datasetDeletedAfterRequestedSyncCount;
      this.syncSessionToken = value.syncSessionToken;
    }

    /**
     * Sets the records member (wire name {@code Records}). A list of all records.
     *
     * @param records the new value, not null
     * @return this builder
     */
    public Builder records(List<Record> records) {
      Objects.requireNonNull(records, "records == null");
      List<Record> copy = new ArrayList<>(records.size());
      for (Record element : records) {
        copy.add(Objects.requireNonNull(element, "records element == null"));
      }
      this.records = Collections.unmodifiableList(copy);
      return this;
    }

    /**
     * Sets the records member from varargs; see {@link #records(List)}.
     *
     * @param records the elements, none null
     * @return this builder
     */
    public Builder records(Record... records) {
      return records(Arrays.asList(Objects.requireNonNull(records, "records == null")));
    }

    /**
     * Sets the nextToken member (wire name {@code NextToken}). A pagination token for obtaining the next page
     * of results.
     *
     * @param nextToken the new value, not null
     * @return this builder
     */
    public Builder nextToken(String nextToken) {
      Objects.requireNonNull(nextToken, "nextToken == null");
      this.nextToken = nextToken;
      return this;
    }

    /**
     * Sets the count member (wire name {@code Count}). Total number of records.
     *
     * @param count the new value, not null
     * @return this builder
     */
    public Builder count(Integer count) {
      Objects.requireNonNull(count, "count == null");
      this.count = count;
      return this;
    }

    /**
     * Sets the datasetSyncCount member (wire name {@code DatasetSyncCount}). Server sync count for this
     * dataset.
     *
     * @param datasetSyncCount the new value, not null
     * @return this builder
     */
    public Builder datasetSyncCount(Long datasetSyncCount) {
      Objects.requireNonNull(datasetSyncCount, "datasetSyncCount == null");
      this.datasetSyncCount = datasetSyncCount;
      return this;
    }

    /**
     * Sets the lastModifiedBy member (wire name {@code LastModifiedBy}). The user/device that made the last
     * change to this record.
     *
     * @param lastModifiedBy the new value, not null
     * @return this builder
     */
    public Builder lastModifiedBy(String lastModifiedBy) {
      Objects.requireNonNull(lastModifiedBy, "lastModifiedBy == null");
      this.lastModifiedBy = lastModifiedBy;
      return this;
    }

    /**
     * Sets the mergedDatasetNames member (wire name {@code MergedDatasetNames}). Names of merged datasets.
     *
     * @param mergedDatasetNames the new value, not null
     * @return this builder
     */
    public Builder mergedDatasetNames(List<String> mergedDatasetNames) {
      Objects.requireNonNull(mergedDatasetNames, "mergedDatasetNames == null");
      List<String> copy = new ArrayList<>(mergedDatasetNames.size());
      for (String element : mergedDatasetNames) {
        copy.add(Objects.requireNonNull(element, "mergedDatasetNames element == null"));
      }
      this.mergedDatasetNames = Collections.unmodifiableList(copy);
      return this;
    }

    /**
     * Sets the mergedDatasetNames member from varargs; see {@link #mergedDatasetNames(List)}.
     *
     * @param mergedDatasetNames the elements, none null
     * @return this builder
     */
    public Builder mergedDatasetNames(String... mergedDatasetNames) {
      return mergedDatasetNames(Arrays.asList(Objects.requireNonNull(mergedDatasetNames, "mergedDatasetNames == null")));
    }

    /**
     * Sets the datasetExists member (wire name {@code DatasetExists}). Indicates whether the dataset exists.
     *
     * @param datasetExists the new value, not null
     * @return this builder
     */
    public Builder datasetExists(Boolean datasetExists) {
      Objects.requireNonNull(datasetExists, "datasetExists == null");
      this.datasetExists = datasetExists;
      return this;
    }

    /**
     * Sets the datasetDeletedAfterRequestedSyncCount member (wire name {@code
     * DatasetDeletedAfterRequestedSyncCount}). A boolean value specifying whether to delete the dataset
     * locally.
     *
     * @param datasetDeletedAfterRequestedSyncCount the new value, not null
     * @return this builder
     */
    public Builder datasetDeletedAfterRequestedSyncCount(Boolean datasetDeletedAfterRequestedSyncCount) {
      Objects.requireNonNull(datasetDeletedAfterRequestedSyncCount, "datasetDeletedAfterRequestedSyncCount == null");
      this.datasetDeletedAfterRequestedSyncCount = datasetDeletedAfterRequestedSyncCount;
      return this;
    }

    /**
     * Sets the syncSessionToken member (wire name {@code SyncSessionToken}). A token containing a session ID,
     * identity ID, and expiration.
     *
     * @param syncSessionToken the new value, not null
     * @return this builder
     */
    public Builder syncSessionToken(String syncSessionToken) {
      Objects.requireNonNull(syncSessionToken, "syncSessionToken == null");
      this.syncSessionToken = syncSessionToken;
      return this;
    }

    /**
     * Builds the value.
     *
     * @return the immutable value
     */
    public ListRecordsResponse build() {
      ListRecordsResponse value = new ListRecordsResponse(this);
      return value;
    }
  }
}
