package dev.offsync.http.model;

import java.time.Instant;
import java.util.Objects;

/**
 * An update operation for a record.
 *
 * <p>Immutable; create one with {@link #builder()} and derive a modified copy with {@link #newBuilder()}.
 * {@link Builder#build()} validates the model's constraints (required members, lengths, patterns, sizes) and
 * throws {@link IllegalArgumentException} naming the offending field.
 */
public final class RecordPatch {
  private final Operation op;
  private final String key;
  private final String value;
  private final Long syncCount;
  private final Instant deviceLastModifiedDate;

  private RecordPatch(Builder builder) {
    this.op = builder.op;
    this.key = builder.key;
    this.value = builder.value;
    this.syncCount = builder.syncCount;
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
   * An operation, either replace or remove.
   *
   * @return the op member (wire name {@code Op}), or {@code null} when absent
   */
  public Operation op() {
    return op;
  }

  /**
   * The key associated with the record patch.
   *
   * @return the key member (wire name {@code Key}), or {@code null} when absent
   */
  public String key() {
    return key;
  }

  /**
   * The value associated with the record patch.
   *
   * @return the value member (wire name {@code Value}), or {@code null} when absent
   */
  public String value() {
    return value;
  }

  /**
   * Last known server sync count for this record. Set to 0 if unknown.
   *
   * @return the syncCount member (wire name {@code SyncCount}), or {@code null} when absent
   */
  public Long syncCount() {
    return syncCount;
  }

  /**
   * The last modified date of the client device.
   *
   * @return the deviceLastModifiedDate member (wire name {@code DeviceLastModifiedDate}), or {@code null} when absent
   */
  public Instant deviceLastModifiedDate() {
    return deviceLastModifiedDate;
  }

  void validate(String path) {
    Validation.require(op, path + ".op");
    Validation.require(key, path + ".key");
    if (key != null) {
      Validation.checkLength(key, 1, 1024, path + ".key");
    }
    if (value != null) {
      Validation.checkLength(value, 0, 1048575, path + ".value");
    }
    Validation.require(syncCount, path + ".syncCount");
  }

  @Override
  public boolean equals(Object other) {
    if (this == other) {
      return true;
    }
    if (!(other instanceof RecordPatch)) {
      return false;
    }
    RecordPatch that = (RecordPatch) other;
    return Objects.equals(op, that.op)
        && Objects.equals(key, that.key)
        && Objects.equals(value, that.value)
        && Objects.equals(syncCount, that.syncCount)
        && Objects.equals(deviceLastModifiedDate, that.deviceLastModifiedDate);
  }

  @Override
  public int hashCode() {
    return Objects.hash(op, key, value, syncCount, deviceLastModifiedDate);
  }

  @Override
  public String toString() {
    return "RecordPatch{"
        + "op=" + op
        + ", key=" + key
        + ", value=" + value
        + ", syncCount=" + syncCount
        + ", deviceLastModifiedDate=" + deviceLastModifiedDate
        + "}";
  }

  /** Builds {@link RecordPatch} values; not thread-safe. */
  public static final class Builder {
    private Operation op;
    private String key;
    private String value;
    private Long syncCount;
    private Instant deviceLastModifiedDate;

    private Builder() {}

    private Builder(RecordPatch value) {
      this.op = value.op;
      this.key = value.key;
      this.value = value.value;
      this.syncCount = value.syncCount;
      this.deviceLastModifiedDate = value.deviceLastModifiedDate;
    }

    /**
     * Sets the op member (wire name {@code Op}). Required. An operation, either replace or remove.
     *
     * @param op the new value, not null
     * @return this builder
     */
    public Builder op(Operation op) {
      Objects.requireNonNull(op, "op == null");
      this.op = op;
      return this;
    }

    /**
     * Sets the key member (wire name {@code Key}). Required. The key associated with the record patch.
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
     * Sets the value member (wire name {@code Value}). The value associated with the record patch.
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
     * Sets the syncCount member (wire name {@code SyncCount}). Required. Last known server sync count for
     * this record. Set to 0 if unknown.
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
     * Builds the value after validating the model's constraints.
     *
     * @return the immutable value
     * @throws IllegalArgumentException if a required member is missing or a constraint is violated; the
     *     message names the field
     */
    public RecordPatch build() {
      RecordPatch value = new RecordPatch(this);
      value.validate("RecordPatch");
      return value;
    }
  }
}
