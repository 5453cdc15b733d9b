package dev.offsync.spi;

import static dev.offsync.internal.Preconditions.checkArgument;
import static dev.offsync.internal.Preconditions.checkNotNull;

import java.time.Instant;
import java.util.Objects;

/**
 * A record as the server holds it (the model's {@code Record} shape). A {@code null} {@link #value()}
 * is a tombstone: the key was removed at {@link #syncCount()}. An empty string is a value, never a
 * delete. Immutable.
 */
public final class RemoteRecord {
  private final String key;
  private final String value;
  private final long syncCount;
  private final Instant lastModifiedDate;
  private final String lastModifiedBy;
  private final Instant deviceLastModifiedDate;

  private RemoteRecord(Builder b) {
    this.key = checkNotNull(b.key, "key");
    this.value = b.value;
    this.syncCount = b.syncCount;
    this.lastModifiedDate = b.lastModifiedDate;
    this.lastModifiedBy = b.lastModifiedBy;
    this.deviceLastModifiedDate = b.deviceLastModifiedDate;
  }

  /**
   * Starts a builder for {@code key}.
   *
   * @param key the record key
   * @return a new builder
   */
  public static Builder builder(String key) {
    return new Builder().key(key);
  }

  /** @return a builder initialised with this record's values */
  public Builder newBuilder() {
    return new Builder(this);
  }

  /** @return the key */
  public String key() {
    return key;
  }

  /** @return the value, or {@code null} if this is a tombstone */
  public String value() {
    return value;
  }

  /** @return whether this is a tombstone ({@code value() == null}) */
  public boolean isDeleted() {
    return value == null;
  }

  /** @return the server sync count of the record's last change (the dataset count at that time) */
  public long syncCount() {
    return syncCount;
  }

  /** @return the server's time of the last change, or {@code null} if unknown */
  public Instant lastModifiedDate() {
    return lastModifiedDate;
  }

  /** @return who made the last change (device or user), or {@code null} if unknown */
  public String lastModifiedBy() {
    return lastModifiedBy;
  }

  /** @return the writing device's clock at the last change, or {@code null} if unknown */
  public Instant deviceLastModifiedDate() {
    return deviceLastModifiedDate;
  }

  @Override
  public boolean equals(Object o) {
    if (this == o) {
      return true;
    }
    if (!(o instanceof RemoteRecord)) {
      return false;
    }
    RemoteRecord that = (RemoteRecord) o;
    return syncCount == that.syncCount
        && key.equals(that.key)
        && Objects.equals(value, that.value)
        && Objects.equals(lastModifiedDate, that.lastModifiedDate)
        && Objects.equals(lastModifiedBy, that.lastModifiedBy)
        && Objects.equals(deviceLastModifiedDate, that.deviceLastModifiedDate);
  }

  @Override
  public int hashCode() {
    return Objects.hash(key, value, syncCount, lastModifiedDate, lastModifiedBy, deviceLastModifiedDate);
  }

  @Override
  public String toString() {
    return "RemoteRecord{key=" + key + (value == null ? ", deleted" : ", value.length=" + value.length())
        + ", syncCount=" + syncCount + "}";
  }

  /** Builds {@link RemoteRecord}. */
  public static final class Builder {
    private String key;
    private String value;
    private long syncCount;
    private Instant lastModifiedDate;
    private String lastModifiedBy;
    private Instant deviceLastModifiedDate;

    Builder() {}

    Builder(RemoteRecord r) {
      key = r.key;
      value = r.value;
      syncCount = r.syncCount;
      lastModifiedDate = r.lastModifiedDate;
      lastModifiedBy = r.lastModifiedBy;
      deviceLastModifiedDate = r.deviceLastModifiedDate;
    }

    /**
     * @param key the key
     * @return this builder
     */
    public Builder key(String key) {
      this.key = checkNotNull(key, "key");
      return this;
    }

    /**
     * @param value the value, or {@code null} for a tombstone
     * @return this builder
     */
    public Builder value(String value) {
      this.value = value;
      return this;
    }

    /**
     * @param syncCount the record's sync count, not negative
     * @return this builder
     */
    public Builder syncCount(long syncCount) {
      checkArgument(syncCount >= 0, "syncCount < 0: " + syncCount);
      this.syncCount = syncCount;
      return this;
    }

    /**
     * @param lastModifiedDate server time of the last change, or {@code null}
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
     * @param deviceLastModifiedDate device time of the last change, or {@code null}
     * @return this builder
     */
    public Builder deviceLastModifiedDate(Instant deviceLastModifiedDate) {
      this.deviceLastModifiedDate = deviceLastModifiedDate;
      return this;
    }

    /** @return the record */
    public RemoteRecord build() {
      return new RemoteRecord(this);
    }
  }
}
