package dev.offsync.spi;

import static dev.offsync.internal.Preconditions.checkArgument;
import static dev.offsync.internal.Preconditions.checkNotNull;

import java.time.Instant;
import java.util.Objects;

/**
 * A record as the local store keeps it: the current value, the state it was last synced at (the
 * <em>base</em>: sync count and value), whether it has unacknowledged local changes, and a write counter
 * for compare-and-set. Immutable.
 *
 * <ul>
 *   <li>{@link #value()} {@code null} means deleted (a tombstone), distinct from {@code ""}.
 *   <li>{@link #syncCount()} is the server sync count the current state is based on; 0 = never synced.
 *   <li>{@link #baseValue()} is the value at that sync count ({@code null} if the key did not exist or
 *       was deleted), kept so resolvers can do three-way merges.
 *   <li>{@link #isDirty()}: the record has local changes the server has not acknowledged.
 *   <li>{@link #version()} is assigned by the store: it increases by one on every write of the row
 *       (local or remote), so an unchanged version proves that nobody wrote the row in between.
 * </ul>
 */
public final class LocalRecord {
  private final String key;
  private final String value;
  private final long syncCount;
  private final String baseValue;
  private final boolean dirty;
  private final long version;
  private final Instant deviceLastModifiedDate;
  private final Instant lastModifiedDate;
  private final String lastModifiedBy;

  private LocalRecord(Builder b) {
    this.key = checkNotNull(b.key, "key");
    this.value = b.value;
    this.syncCount = b.syncCount;
    this.baseValue = b.baseValue;
    this.dirty = b.dirty;
    this.version = b.version;
    this.deviceLastModifiedDate = b.deviceLastModifiedDate;
    this.lastModifiedDate = b.lastModifiedDate;
    this.lastModifiedBy = b.lastModifiedBy;
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

  /** @return the current value, or {@code null} if deleted */
  public String value() {
    return value;
  }

  /** @return whether the record is deleted ({@code value() == null}) */
  public boolean isDeleted() {
    return value == null;
  }

  /** @return the server sync count the current state is based on; 0 if never synced */
  public long syncCount() {
    return syncCount;
  }

  /** @return the value at {@link #syncCount()}, or {@code null} if the key was absent or deleted then */
  public String baseValue() {
    return baseValue;
  }

  /** @return whether the record has local changes the server has not acknowledged */
  public boolean isDirty() {
    return dirty;
  }

  /** @return the store's write counter of this row; 0 for a record not (yet) read from a store */
  public long version() {
    return version;
  }

  /** @return the device clock at the last change (local, or the remote writer's), or {@code null} */
  public Instant deviceLastModifiedDate() {
    return deviceLastModifiedDate;
  }

  /** @return the server's time of the last synced change, or {@code null} if never synced */
  public Instant lastModifiedDate() {
    return lastModifiedDate;
  }

  /** @return who made the last synced change, or {@code null} */
  public String lastModifiedBy() {
    return lastModifiedBy;
  }

  @Override
  public boolean equals(Object o) {
    if (this == o) {
      return true;
    }
    if (!(o instanceof LocalRecord)) {
      return false;
    }
    LocalRecord that = (LocalRecord) o;
    return syncCount == that.syncCount
        && dirty == that.dirty
        && version == that.version
        && key.equals(that.key)
        && Objects.equals(value, that.value)
        && Objects.equals(baseValue, that.baseValue)
        && Objects.equals(deviceLastModifiedDate, that.deviceLastModifiedDate)
        && Objects.equals(lastModifiedDate, that.lastModifiedDate)
        && Objects.equals(lastModifiedBy, that.lastModifiedBy);
  }

  @Override
  public int hashCode() {
    return Objects.hash(key, value, syncCount, baseValue, dirty, version, deviceLastModifiedDate,
        lastModifiedDate, lastModifiedBy);
  }

  @Override
  public String toString() {
    return "LocalRecord{key=" + key + (value == null ? ", deleted" : ", value.length=" + value.length())
        + ", syncCount=" + syncCount + ", dirty=" + dirty + ", version=" + version + "}";
  }

  /** Builds {@link LocalRecord}. */
  public static final class Builder {
    private String key;
    private String value;
    private long syncCount;
    private String baseValue;
    private boolean dirty;
    private long version;
    private Instant deviceLastModifiedDate;
    private Instant lastModifiedDate;
    private String lastModifiedBy;

    Builder() {}

    Builder(LocalRecord r) {
      key = r.key;
      value = r.value;
      syncCount = r.syncCount;
      baseValue = r.baseValue;
      dirty = r.dirty;
      version = r.version;
      deviceLastModifiedDate = r.deviceLastModifiedDate;
      lastModifiedDate = r.lastModifiedDate;
      lastModifiedBy = r.lastModifiedBy;
    }

    /** @param key the key @return this builder */
    public Builder key(String key) {
      this.key = checkNotNull(key, "key");
      return this;
    }

    /** @param value the value, or {@code null} for deleted @return this builder */
    public Builder value(String value) {
      this.value = value;
      return this;
    }

    /** @param syncCount the base sync count, not negative @return this builder */
    public Builder syncCount(long syncCount) {
      checkArgument(syncCount >= 0, "syncCount < 0: " + syncCount);
      this.syncCount = syncCount;
      return this;
    }

    /** @param baseValue the value at the base sync count, or {@code null} @return this builder */
    public Builder baseValue(String baseValue) {
      this.baseValue = baseValue;
      return this;
    }

    /** @param dirty whether there are unacknowledged local changes @return this builder */
    public Builder dirty(boolean dirty) {
      this.dirty = dirty;
      return this;
    }

    /**
     * Sets the write counter. Only stores set it when reading a row; a store ignores it on write.
     *
     * @param version the write counter, not negative
     * @return this builder
     */
    public Builder version(long version) {
      checkArgument(version >= 0, "version < 0: " + version);
      this.version = version;
      return this;
    }

    /** @param date device clock at the last change, or {@code null} @return this builder */
    public Builder deviceLastModifiedDate(Instant date) {
      this.deviceLastModifiedDate = date;
      return this;
    }

    /** @param date server time of the last synced change, or {@code null} @return this builder */
    public Builder lastModifiedDate(Instant date) {
      this.lastModifiedDate = date;
      return this;
    }

    /** @param lastModifiedBy who made the last synced change, or {@code null} @return this builder */
    public Builder lastModifiedBy(String lastModifiedBy) {
      this.lastModifiedBy = lastModifiedBy;
      return this;
    }

    /** @return the record */
    public LocalRecord build() {
      return new LocalRecord(this);
    }
  }
}
