package dev.offsync.http.model;

import java.time.Instant;
import java.util.Objects;

/**
 * The basic data structure of a dataset.
 *
 * <p>Immutable; create one with {@link #builder()} and derive a modified copy with {@link #newBuilder()}.
 */
public final class Record {
  private final String key;
  private final String value;
  private final Long syncCount;
  private final Instant lastModifiedDate;
  private final String lastModifiedBy;
  private final Instant deviceLastModifiedDate;

  private Record(Builder builder) {
    this.key = builder.key;
    this.value = builder.value;
    this.syncCount = builder.syncCount;
    this.lastModifiedDate = builder.lastModifiedDate;
    this.lastModifiedBy = builder.lastModifiedBy;
    this.deviceLastModifiedDate = builder.deviceLastModifiedDate;
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
   * The key for the record.
   *
   * @return the key member (wire name {@code Key}), or {@code null} when absent
   */
  public String key() {
    return key;
  }

  /**
   * The value for the record.
   *
   * @return the value member (wire name {@code Value}), or {@code null} when absent
   */
  public String value() {
    return value;
  }

  /**
   * The server sync count for this record.
   *
   * @return the syncCount member (wire name {@code SyncCount}), or {@code null} when absent
   */
  public Long syncCount() {
    return syncCount;
  }

  /**
   * The date on which the record was last modified.
   *
   * @return the lastModifiedDate member (wire name {@code LastModifiedDate}), or {@code null} when absent
   */
  public Instant lastModifiedDate() {
    return lastModifiedDate;
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
   * The last modified date of the client device.
   *
   * @return the deviceLastModifiedDate member (wire name {@code DeviceLastModifiedDate}), or {@code null} when absent
   */
  public Instant deviceLastModifiedDate() {
    return deviceLastModifiedDate;
  }

  @Override
  public boolean equals(Object other) {
    if (this == other) {
      return true;
    }
    if (!(other instanceof Record)) {
      return false;
    }
    Record that = (Record) other;
    return Objects.equals(key, that.key)
        && Objects.equals(value, that.value)
        && Objects.equals(syncCount, that.syncCount)
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
    return "Record{"
        + "key=" + key
        + ", value=" + value
        + ", syncCount=" + syncCount
        + ", lastModifiedDate=" + lastModifiedDate
        + ", lastModifiedBy=" + lastModifiedBy
        + ", deviceLastModifiedDate=" + deviceLastModifiedDate
        + "}";
  }

  /** Builds {@link Record} values; not thread-safe. */
  public static final class Builder {
    private String key;
    private String value;
    private Long syncCount;
    private Instant lastModifiedDate;
    private String lastModifiedBy;
    private Instant deviceLastModifiedDate;

    private Builder() {}

    private Builder(Record value) {
      this.key = value.key;
      this.value = value.value;
      this.syncCount = value.syncCount;
      this.lastModifiedDate = value.lastModifiedDate;
      this.lastModifiedBy = value.lastModifiedBy;
      this.deviceLastModifiedDate = value.deviceLastModifiedDate;
    }

    /**
     * Sets the key member (wire name {@code Key}). The key for the record.
     *
     * @param key the new value, not null
     * @return this builder
     */
    public Builder key(String key) {
      Objects.requireNonNull(key, "key == null");
      this.key = key;
      return this;
    }

    /**
     * Sets the value member (wire name {@code Value}). The value for the record.
     *
     * @param value the new value, not null
     * @return this builder
     */
    public Builder value(String value) {
      Objects.requireNonNull(value, "value == null");
      this.value = value;
      return this;
    }

    /**
     * Sets the syncCount member (wire name {@code SyncCount}). The server sync count for this record.
     *
     * @param syncCount the new value, not null
     * @return this builder
     */
    public Builder syncCount(Long syncCount) {
      Objects.requireNonNull(syncCount, "syncCount == null");
      this.syncCount = syncCount;
      return this;
    }

    /**
     * Sets the lastModifiedDate member (wire name {@code LastModifiedDate}). The date on which the record was
     * last modified.
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
     * Sets the deviceLastModifiedDate member (wire name {@code DeviceLastModifiedDate}). The last modified
     * date of the client device.
     *
     * @param deviceLastModifiedDate the new value, not null
     * @return this builder
     */
    public Builder deviceLastModifiedDate(Instant deviceLastModifiedDate) {
      Objects.requireNonNull(deviceLastModifiedDate, "deviceLastModifiedDate == null");
      this.deviceLastModifiedDate = deviceLastModifiedDate;
      return this;
    }

    /**
     * Builds the value.
     *
     * @return the immutable value
     */
    public Record build() {
      Record value = new Record(this);
      return value;
    }
  }
}
