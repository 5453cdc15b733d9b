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
 *   <li>{@link #pendingConflict()} is the remote side of a conflict the resolver deferred to the app
 *       ({@code null} = none): the server's record the dirty local state conflicts with, tombstones
 *       included. A store keeps it with the row like every other field, durably, across
 *       {@link LocalTransaction#moveDataset moves} and restarts, until a write of the row replaces it. The
 *       engine does not push a row that carries one; the app settles it with
 *       {@code Dataset.resolve(key, resolution)}. Its key is the record's key.
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
  private final RemoteRecord pendingConflict;

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
    this.pendingConflict = b.pendingConflict;
    checkArgument(pendingConflict == null || pendingConflict.key().equals(key),
        "pendingConflict is for another key: " + (pendingConflict == null ? null : pendingConflict.key()));
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

  /**
   * The remote side of a conflict deferred to the app: the server's record (a tombstone if its value is
   * {@code null}) that this row's dirty local state conflicts with. Stored durably with the row; while it
   * is set the engine does not push the row.
   *
   * @return the deferred conflict's remote record, or {@code null} if the row has no deferred conflict
   */
  public RemoteRecord pendingConflict() {
    return pendingConflict;
  }

  /** @return whether the row carries a deferred conflict ({@code pendingConflict() != null}) */
  public boolean hasPendingConflict() {
    return pendingConflict != null;
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
        && Objects.equals(lastModifiedBy, that.lastModifiedBy)
        && Objects.equals(pendingConflict, that.pendingConflict);
  }

  @Override
  public int hashCode() {
    return Objects.hash(key, value, syncCount, baseValue, dirty, version, deviceLastModifiedDate,
        lastModifiedDate, lastModifiedBy, pendingConflict);
  }

  @Override
  public String toString() {
    return "LocalRecord{key=" + key + (value == null ? ", deleted" : ", value.length=" + value.length())
        + ", syncCount=" + syncCount + ", dirty=" + dirty + ", version=" + version
        + (pendingConflict == null ? "" : ", pendingConflict=" + pendingConflict) + "}";
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
    private RemoteRecord pendingConflict;

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
      pendingConflict = r.pendingConflict;
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
     * @param value the value, or {@code null} for deleted
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
     * @param baseValue the value at the base sync count, or {@code null}
     * @return this builder
     */
    public Builder baseValue(String baseValue) {
      this.baseValue = baseValue;
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

    /**
     * @param date device clock at the last change, or {@code null}
     * @return this builder
     */
    public Builder deviceLastModifiedDate(Instant date) {
      this.deviceLastModifiedDate = date;
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
     * Sets the remote side of a deferred conflict, or clears it.
     *
     * @param remote the server's record the local state conflicts with (same key), or {@code null} for no
     *     deferred conflict
     * @return this builder
     */
    public Builder pendingConflict(RemoteRecord remote) {
      this.pendingConflict = remote;
      return this;
    }

    /**
     * Builds the record.
     *
     * @return the record
     * @throws IllegalArgumentException if the pending conflict's key is not the record's key
     */
    public LocalRecord build() {
      return new LocalRecord(this);
    }
  }
}
