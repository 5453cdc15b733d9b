package dev.offsync;

import static dev.offsync.internal.Preconditions.checkArgument;
import static dev.offsync.internal.Preconditions.checkNotNull;

import java.time.Instant;
import java.util.Objects;

/**
 * What is known about a dataset as a whole: its name, dates, who changed it last, and its size. Comes
 * from the server ({@code DescribeDataset}, {@code ListDatasets}) or from the local cache. Immutable.
 */
public final class DatasetMetadata {
  private final String name;
  private final Instant creationDate;
  private final Instant lastModifiedDate;
  private final String lastModifiedBy;
  private final long storageSizeBytes;
  private final long recordCount;

  private DatasetMetadata(Builder b) {
    this.name = checkNotNull(b.name, "name");
    this.creationDate = b.creationDate;
    this.lastModifiedDate = b.lastModifiedDate;
    this.lastModifiedBy = b.lastModifiedBy;
    this.storageSizeBytes = b.storageSizeBytes;
    this.recordCount = b.recordCount;
  }

  /**
   * Starts a builder for the dataset {@code name}.
   *
   * @param name the dataset name
   * @return a new builder
   */
  public static Builder builder(String name) {
    return new Builder().name(name);
  }

  /**
   * A builder initialised with this object's values.
   *
   * @return a new builder
   */
  public Builder newBuilder() {
    return new Builder(this);
  }

  /** @return the dataset name */
  public String name() {
    return name;
  }

  /** @return when the dataset was created, or {@code null} if unknown */
  public Instant creationDate() {
    return creationDate;
  }

  /** @return when the dataset was last modified, or {@code null} if unknown */
  public Instant lastModifiedDate() {
    return lastModifiedDate;
  }

  /** @return the device or user that last modified the dataset, or {@code null} if unknown */
  public String lastModifiedBy() {
    return lastModifiedBy;
  }

  /** @return total UTF-8 bytes of the live records' keys and values */
  public long storageSizeBytes() {
    return storageSizeBytes;
  }

  /** @return the number of live (not deleted) records */
  public long recordCount() {
    return recordCount;
  }

  @Override
  public boolean equals(Object o) {
    if (this == o) {
      return true;
    }
    if (!(o instanceof DatasetMetadata)) {
      return false;
    }
    DatasetMetadata that = (DatasetMetadata) o;
    return storageSizeBytes == that.storageSizeBytes
        && recordCount == that.recordCount
        && name.equals(that.name)
        && Objects.equals(creationDate, that.creationDate)
        && Objects.equals(lastModifiedDate, that.lastModifiedDate)
        && Objects.equals(lastModifiedBy, that.lastModifiedBy);
  }

  @Override
  public int hashCode() {
    return Objects.hash(name, creationDate, lastModifiedDate, lastModifiedBy, storageSizeBytes, recordCount);
  }

  @Override
  public String toString() {
    return "DatasetMetadata{name=" + name + ", records=" + recordCount + ", bytes=" + storageSizeBytes
        + ", lastModifiedDate=" + lastModifiedDate + ", lastModifiedBy=" + lastModifiedBy + "}";
  }

  /** Builds {@link DatasetMetadata}. */
  public static final class Builder {
    private String name;
    private Instant creationDate;
    private Instant lastModifiedDate;
    private String lastModifiedBy;
    private long storageSizeBytes;
    private long recordCount;

    Builder() {}

    Builder(DatasetMetadata m) {
      name = m.name;
      creationDate = m.creationDate;
      lastModifiedDate = m.lastModifiedDate;
      lastModifiedBy = m.lastModifiedBy;
      storageSizeBytes = m.storageSizeBytes;
      recordCount = m.recordCount;
    }

    /**
     * @param name the dataset name
     * @return this builder
     */
    public Builder name(String name) {
      this.name = checkNotNull(name, "name");
      return this;
    }

    /**
     * @param creationDate creation time, or {@code null} if unknown
     * @return this builder
     */
    public Builder creationDate(Instant creationDate) {
      this.creationDate = creationDate;
      return this;
    }

    /**
     * @param lastModifiedDate last modification time, or {@code null}
     * @return this builder
     */
    public Builder lastModifiedDate(Instant lastModifiedDate) {
      this.lastModifiedDate = lastModifiedDate;
      return this;
    }

    /**
     * @param lastModifiedBy who modified it last, or {@code null}
     * @return this builder
     */
    public Builder lastModifiedBy(String lastModifiedBy) {
      this.lastModifiedBy = lastModifiedBy;
      return this;
    }

    /**
     * @param storageSizeBytes live bytes, not negative
     * @return this builder
     */
    public Builder storageSizeBytes(long storageSizeBytes) {
      checkArgument(storageSizeBytes >= 0, "storageSizeBytes < 0: " + storageSizeBytes);
      this.storageSizeBytes = storageSizeBytes;
      return this;
    }

    /**
     * @param recordCount live record count, not negative
     * @return this builder
     */
    public Builder recordCount(long recordCount) {
      checkArgument(recordCount >= 0, "recordCount < 0: " + recordCount);
      this.recordCount = recordCount;
      return this;
    }

    /** @return the metadata */
    public DatasetMetadata build() {
      return new DatasetMetadata(this);
    }
  }
}
