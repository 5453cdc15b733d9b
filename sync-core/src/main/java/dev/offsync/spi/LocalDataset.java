package dev.offsync.spi;

import static dev.offsync.internal.Preconditions.checkArgument;
import static dev.offsync.internal.Preconditions.checkNotNull;

import java.time.Instant;
import java.util.Objects;

/**
 * A dataset's row in the local store: who owns it, its watermark, whether it is deleted locally
 * (pending a remote delete), and what was last learned about it from the server. Immutable.
 *
 * <p>The owner is an identity id, or the client's stable local owner id for data written before any
 * identity existed.
 */
public final class LocalDataset {
  private final String owner;
  private final String name;
  private final long watermark;
  private final boolean deletedLocally;
  private final Instant creationDate;
  private final Instant lastModifiedDate;
  private final String lastModifiedBy;
  private final Instant lastSyncedAt;
  private final long remoteStorageBytes;
  private final long remoteRecordCount;

  private LocalDataset(Builder b) {
    this.owner = checkNotNull(b.owner, "owner");
    this.name = checkNotNull(b.name, "name");
    this.watermark = b.watermark;
    this.deletedLocally = b.deletedLocally;
    this.creationDate = b.creationDate;
    this.lastModifiedDate = b.lastModifiedDate;
    this.lastModifiedBy = b.lastModifiedBy;
    this.lastSyncedAt = b.lastSyncedAt;
    this.remoteStorageBytes = b.remoteStorageBytes;
    this.remoteRecordCount = b.remoteRecordCount;
  }

  /**
   * Starts a builder.
   *
   * @param owner the owning identity id or local owner id
   * @param name the dataset name
   * @return a new builder
   */
  public static Builder builder(String owner, String name) {
    return new Builder().owner(owner).name(name);
  }

  /** @return a builder initialised with this dataset's values */
  public Builder newBuilder() {
    return new Builder(this);
  }

  /** @return the owning identity id, or the local owner id */
  public String owner() {
    return owner;
  }

  /** @return the dataset name */
  public String name() {
    return name;
  }

  /** @return the dataset sync count up to which every remote change has been applied; 0 = never */
  public long watermark() {
    return watermark;
  }

  /** @return whether the app deleted the dataset locally and the remote delete is still pending */
  public boolean isDeletedLocally() {
    return deletedLocally;
  }

  /** @return when the dataset was created (locally or, if known, on the server), or {@code null} */
  public Instant creationDate() {
    return creationDate;
  }

  /** @return when the dataset last changed (locally or remotely), or {@code null} */
  public Instant lastModifiedDate() {
    return lastModifiedDate;
  }

  /** @return who changed the dataset last, as the server reported, or {@code null} */
  public String lastModifiedBy() {
    return lastModifiedBy;
  }

  /** @return when a sync of this dataset last succeeded, or {@code null} if never */
  public Instant lastSyncedAt() {
    return lastSyncedAt;
  }

  /** @return the server's size of the dataset in bytes when last learned, 0 if unknown */
  public long remoteStorageBytes() {
    return remoteStorageBytes;
  }

  /** @return the server's live record count when last learned, 0 if unknown */
  public long remoteRecordCount() {
    return remoteRecordCount;
  }

  @Override
  public boolean equals(Object o) {
    if (this == o) {
      return true;
    }
    if (!(o instanceof LocalDataset)) {
      return false;
    }
    LocalDataset that = (LocalDataset) o;
    return watermark == that.watermark
        && deletedLocally == that.deletedLocally
        && remoteStorageBytes == that.remoteStorageBytes
        && remoteRecordCount == that.remoteRecordCount
        && owner.equals(that.owner)
        && name.equals(that.name)
        && Objects.equals(creationDate, that.creationDate)
        && Objects.equals(lastModifiedDate, that.lastModifiedDate)
        && Objects.equals(lastModifiedBy, that.lastModifiedBy)
        && Objects.equals(lastSyncedAt, that.lastSyncedAt);
  }

  @Override
  public int hashCode() {
    return Objects.hash(owner, name, watermark, deletedLocally, creationDate, lastModifiedDate,
        lastModifiedBy, lastSyncedAt, remoteStorageBytes, remoteRecordCount);
  }

  @Override
  public String toString() {
    return "LocalDataset{owner=" + owner + ", name=" + name + ", watermark=" + watermark
        + (deletedLocally ? ", deletedLocally" : "") + "}";
  }

  /** Builds {@link LocalDataset}. */
  public static final class Builder {
    private String owner;
    private String name;
    private long watermark;
    private boolean deletedLocally;
    private Instant creationDate;
    private Instant lastModifiedDate;
    private String lastModifiedBy;
    private Instant lastSyncedAt;
    private long remoteStorageBytes;
    private long remoteRecordCount;

    Builder() {}

    Builder(LocalDataset d) {
      owner = d.owner;
      name = d.name;
      watermark = d.watermark;
      deletedLocally = d.deletedLocally;
      creationDate = d.creationDate;
      lastModifiedDate = d.lastModifiedDate;
      lastModifiedBy = d.lastModifiedBy;
      lastSyncedAt = d.lastSyncedAt;
      remoteStorageBytes = d.remoteStorageBytes;
      remoteRecordCount = d.remoteRecordCount;
    }

    /**
     * @param owner the owner
     * @return this builder
     */
    public Builder owner(String owner) {
      this.owner = checkNotNull(owner, "owner");
      return this;
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
     * @param watermark the watermark, not negative
     * @return this builder
     */
    public Builder watermark(long watermark) {
      checkArgument(watermark >= 0, "watermark < 0: " + watermark);
      this.watermark = watermark;
      return this;
    }

    /**
     * @param deletedLocally whether a remote delete is pending
     * @return this builder
     */
    public Builder deletedLocally(boolean deletedLocally) {
      this.deletedLocally = deletedLocally;
      return this;
    }

    /**
     * @param creationDate creation time, or {@code null}
     * @return this builder
     */
    public Builder creationDate(Instant creationDate) {
      this.creationDate = creationDate;
      return this;
    }

    /**
     * @param lastModifiedDate last change time, or {@code null}
     * @return this builder
     */
    public Builder lastModifiedDate(Instant lastModifiedDate) {
      this.lastModifiedDate = lastModifiedDate;
      return this;
    }

    /**
     * @param lastModifiedBy who changed it last, or {@code null}
     * @return this builder
     */
    public Builder lastModifiedBy(String lastModifiedBy) {
      this.lastModifiedBy = lastModifiedBy;
      return this;
    }

    /**
     * @param lastSyncedAt last successful sync, or {@code null}
     * @return this builder
     */
    public Builder lastSyncedAt(Instant lastSyncedAt) {
      this.lastSyncedAt = lastSyncedAt;
      return this;
    }

    /**
     * @param bytes server size in bytes, not negative
     * @return this builder
     */
    public Builder remoteStorageBytes(long bytes) {
      checkArgument(bytes >= 0, "remoteStorageBytes < 0: " + bytes);
      this.remoteStorageBytes = bytes;
      return this;
    }

    /**
     * @param count server live record count, not negative
     * @return this builder
     */
    public Builder remoteRecordCount(long count) {
      checkArgument(count >= 0, "remoteRecordCount < 0: " + count);
      this.remoteRecordCount = count;
      return this;
    }

    /** @return the dataset row */
    public LocalDataset build() {
      return new LocalDataset(this);
    }
  }
}
