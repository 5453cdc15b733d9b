package dev.offsync;

import static dev.offsync.internal.Preconditions.checkArgument;
import static dev.offsync.internal.Preconditions.checkNotNull;

import java.time.Instant;
import java.util.Objects;

/**
 * A record of a dataset as the app sees it: key, current value ({@code null} = deleted, a tombstone;
 * never confused with {@code ""}), the server sync count it is based on, whether it has local changes
 * the server has not acknowledged, and dates. Immutable.
 */
public final class Record {
  private final String key;
  private final String value;
  private final long syncCount;
  private final boolean dirty;
  private final Instant lastModifiedDate;
  private final String lastModifiedBy;
  private final Instant deviceLastModifiedDate;

  private Record(Builder b) {
    this.key = checkNotNull(b.key, "key");
    this.value = b.value;
    this.syncCount = b.syncCount;
    this.dirty = b.dirty;
    this.lastModifiedDate = b.lastModifiedDate;
    this.lastModifiedBy = b.lastModifiedBy;
    this.deviceLastModifiedDate = b.deviceLastModifiedDate;
  }

  /**
   * Starts a builder for {@code key}.
   *
   * @param key the key
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

  /** @return the value, or {@code null} if the record is deleted */
  public String value() {
    return value;
  }

  /** @return whether the record is a tombstone ({@code value() == null}) */
  public boolean isDeleted() {
    return value == null;
  }

  /**
   * The server sync count this record's state is based on: for a clean record the sync count of its
   * last synced change, for a dirty one the sync count its local edit was made on; 0 if never synced.
   *
   * @return the sync count
   */
  public long syncCount() {
    return syncCount;
  }

  /** @return whether the record has local changes the server has not acknowledged yet */
  public boolean isDirty() {
    return dirty;
  }

  /** @return the server's time of the last synced change, or {@code null} if unknown or never synced */
  public Instant lastModifiedDate() {
    return lastModifiedDate;
  }

  /** @return who made the last synced change (as the server reports it), or {@code null} */
  public String lastModifiedBy() {
    return lastModifiedBy;
  }

  /**
   * The device clock when the current value was written: this device's clock for a local edit, the
   * writing device's clock (as the server echoed it) for a remote one.
   *
   * @return the device time, or {@code null} if unknown
   */
  public Instant deviceLastModifiedDate() {
    return deviceLastModifiedDate;
  }

  @Override
  public boolean equals(Object o) {
    if (this == o) {
      return true;
    }
    if (!(o instanceof Record)) {
      return false;
    }
    Record that = (Record) o;
    return syncCount == that.syncCount
        && dirty == that.dirty
        && key.equals(that.key)
        && Objects.equals(value, that.value)
        && Objects.equals(lastModifiedDate, that.lastModifiedDate)
        && Objects.equals(lastModifiedBy, that.lastModifiedBy)
        && Objects.equals(deviceLastModifiedDate, that.deviceLastModifiedDate);
  }

  @Override
  public int hashCode() {
    return Objects.hash(key, value, syncCount, dirty, lastModifiedDate, lastModifiedBy, deviceLastModifiedDate);
  }

  @Override
  public String toString() {
    return "Record{key=" + key + (value == null ? ", deleted" : ", value.length=" + value.length())
        + ", syncCount=" + syncCount + (dirty ? ", dirty" : "") + "}";
  }

  /** Builds {@link Record}. */
  public static final class Builder {
    private String key;
    private String value;
    private long syncCount;
    private boolean dirty;
    private Instant lastModifiedDate;
    private String lastModifiedBy;
    private Instant deviceLastModifiedDate;

    Builder() {}

    Builder(Record r) {
      key = r.key;
      value = r.value;
      syncCount = r.syncCount;
      dirty = r.dirty;
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
     * @param syncCount the base sync count, not negative
     * @return this builder
     */
    public Builder syncCount(long syncCount) {
      checkArgument(syncCount >= 0, "syncCount < 0: " + syncCount);
      this.syncCount = syncCount;
      return this;
    }

    /**
     * @param dirty whether there are unacknowledged local changes
     * @return this builder
     */
    public Builder dirty(boolean dirty) {
      this.dirty = dirty;
      return this;
    }

    /**
     * @param date server time of the last synced change, or {@code null}
     * @return this builder
     */
    public Builder lastModifiedDate(Instant date) {
      this.lastModifiedDate = date;
      return this;
    }

    /**
     * @param lastModifiedBy who made the last synced change, or {@code null}
     * @return this builder
     */
    public Builder lastModifiedBy(String lastModifiedBy) {
      this.lastModifiedBy = lastModifiedBy;
      return this;
    }

    /**
     * @param date device clock at the write, or {@code null}
     * @return this builder
     */
    public Builder deviceLastModifiedDate(Instant date) {
      this.deviceLastModifiedDate = date;
      return this;
    }

    /** @return the record */
    public Record build() {
      return new Record(this);
    }
  }
}
