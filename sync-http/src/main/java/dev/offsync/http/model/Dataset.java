package dev.offsync.http.model;

import java.time.Instant;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * A collection of data for an identity pool. An identity pool can have multiple datasets. A dataset is per
 * identity and can be general or associated with a particular entity in an application (like a saved game).
 * Datasets are automatically created if they don't exist. Data is synced by dataset, and a dataset can hold
 * up to 1MB of key-value pairs.
 *
 * <p>Immutable; create one with {@link #builder()} and derive a modified copy with {@link #newBuilder()}.
 */
public final class Dataset {
  private static final Pattern DATASET_NAME_PATTERN = Pattern.compile("[a-zA-Z0-9_.:-]+");
  private static final Pattern IDENTITY_ID_PATTERN = Pattern.compile("[\\w-]+:[0-9a-f-]+");

  private final String identityId;
  private final String datasetName;
  private final Instant creationDate;
  private final Instant lastModifiedDate;
  private final String lastModifiedBy;
  private final Long dataStorage;
  private final Long numRecords;

  private Dataset(Builder builder) {
    this.identityId = builder.identityId;
    this.datasetName = builder.datasetName;
    this.creationDate = builder.creationDate;
    this.lastModifiedDate = builder.lastModifiedDate;
    this.lastModifiedBy = builder.lastModifiedBy;
    this.dataStorage = builder.dataStorage;
    this.numRecords = builder.numRecords;
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
   * A name-spaced GUID (for example, us-east-1:23EC4050-6AEA-7089-A2DD-08002EXAMPLE) created by Amazon
   * Cognito. GUID generation is unique within a region.
   *
   * @return the identityId member (wire name {@code IdentityId}), or {@code null} when absent
   */
  public String identityId() {
    return identityId;
  }

  /**
   * A string of up to 128 characters. Allowed characters are a-z, A-Z, 0-9, '_' (underscore), '-' (dash), and
   * '.' (dot).
   *
   * @return the datasetName member (wire name {@code DatasetName}), or {@code null} when absent
   */
  public String datasetName() {
    return datasetName;
  }

  /**
   * Date on which the dataset was created.
   *
   * @return the creationDate member (wire name {@code CreationDate}), or {@code null} when absent
   */
  public Instant creationDate() {
    return creationDate;
  }

  /**
   * Date when the dataset was last modified.
   *
   * @return the lastModifiedDate member (wire name {@code LastModifiedDate}), or {@code null} when absent
   */
  public Instant lastModifiedDate() {
    return lastModifiedDate;
  }

  /**
   * The device that made the last change to this dataset.
   *
   * @return the lastModifiedBy member (wire name {@code LastModifiedBy}), or {@code null} when absent
   */
  public String lastModifiedBy() {
    return lastModifiedBy;
  }

  /**
   * Total size in bytes of the records in this dataset.
   *
   * @return the dataStorage member (wire name {@code DataStorage}), or {@code null} when absent
   */
  public Long dataStorage() {
    return dataStorage;
  }

  /**
   * Number of records in this dataset.
   *
   * @return the numRecords member (wire name {@code NumRecords}), or {@code null} when absent
   */
  public Long numRecords() {
    return numRecords;
  }

  @Override
  public boolean equals(Object other) {
    if (this == other) {
      return true;
    }
    if (!(other instanceof Dataset)) {
      return false;
    }
    Dataset that = (Dataset) other;
    return Objects.equals(identityId, that.identityId)
        && Objects.equals(datasetName, that.datasetName)
        && Objects.equals(creationDate, that.creationDate)
        && Objects.equals(lastModifiedDate, that.lastModifiedDate)
        && Objects.equals(lastModifiedBy, that.lastModifiedBy)
        && Objects.equals(dataStorage, that.dataStorage)
        && Objects.equals(numRecords, that.numRecords);
  }

  @Override
  public int hashCode() {
    return Objects.hash(identityId, datasetName, creationDate, lastModifiedDate, lastModifiedBy, dataStorage, numRecords);
  }

  @Override
  public String toString() {
    return "Dataset{"
        + "identityId=" + identityId
        + ", datasetName=" + datasetName
        + ", creationDate=" + creationDate
        + ", lastModifiedDate=" + lastModifiedDate
        + ", lastModifiedBy=" + lastModifiedBy
        + ", dataStorage=" + dataStorage
        + ", numRecords=" + numRecords
        + "}";
  }

  /** Builds {@link Dataset} values; not thread-safe. */
  public static final class Builder {
    private String identityId;
    private String datasetName;
    private Instant creationDate;
    private Instant lastModifiedDate;
    private String lastModifiedBy;
    private Long dataStorage;
    private Long numRecords;

    private Builder() {}

    private Builder(Dataset value) {
      this.identityId = value.identityId;
      this.datasetName = value.datasetName;
      this.creationDate = value.creationDate;
      this.lastModifiedDate = value.lastModifiedDate;
      this.lastModifiedBy = value.lastModifiedBy;
      this.dataStorage = value.dataStorage;
      this.numRecords = value.numRecords;
    }

    /**
     * Sets the identityId member (wire name {@code IdentityId}). A name-spaced GUID (for example,
     * us-east-1:23EC4050-6AEA-7089-A2DD-08002EXAMPLE) created by Amazon Cognito. GUID generation is unique
     * within a region.
     *
     * @param identityId the new value, not null
     * @return this builder
     */
    public Builder identityId(String identityId) {
      Objects.requireNonNull(identityId, "identityId == null");
      this.identityId = identityId;
      return this;
    }

    /**
     * Sets the datasetName member (wire name {@code DatasetName}). A string of up to 128 characters. Allowed
     * characters are a-z, A-Z, 0-9, '_' (underscore), '-' (dash), and '.' (dot).
     *
     * @param datasetName the new value, not null
     * @return this builder
     */
    public Builder datasetName(String datasetName) {
      Objects.requireNonNull(datasetName, "datasetName == null");
      this.datasetName = datasetName;
      return this;
    }

    /**
     * Sets the creationDate member (wire name {@code CreationDate}). Date on which the dataset was created.
     *
     * @param creationDate the new value, not null
     * @return this builder
     */
    public Builder creationDate(Instant creationDate) {
      Objects.requireNonNull(creationDate, "creationDate == null");
      this.creationDate = creationDate;
      return this;
    }

    /**
     * Sets the lastModifiedDate member (wire name {@code LastModifiedDate}). Date when the dataset was last
     * modified.
     *
     * @param lastModifiedDate the new value, not null
     * @return this builder
     */
    public Builder lastModifiedDate(Instant lastModifiedDate) {
      Objects.requireNonNull(lastModifiedDate, "lastModifiedDate == null");
      this.lastModifiedDate = lastModifiedDate;
      return this;
    }

    /**
     * Sets the lastModifiedBy member (wire name {@code LastModifiedBy}). The device that made the last change
     * to this dataset.
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
     * Sets the dataStorage member (wire name {@code DataStorage}). Total size in bytes of the records in this
     * dataset.
     *
     * @param dataStorage the new value, not null
     * @return this builder
     */
    public Builder dataStorage(Long dataStorage) {
      Objects.requireNonNull(dataStorage, "dataStorage == null");
      this.dataStorage = dataStorage;
      return this;
    }

    /**
     * Sets the numRecords member (wire name {@code NumRecords}). Number of records in this dataset.
     *
     * @param numRecords the new value, not null
     * @return this builder
     */
    public Builder numRecords(Long numRecords) {
      Objects.requireNonNull(numRecords, "numRecords == null");
      this.numRecords = numRecords;
      return this;
    }

    /**
     * Builds the value.
     *
     * @return the immutable value
     */
    public Dataset build() {
      Dataset value = new Dataset(this);
      return value;
    }
  }
}
