package dev.offsync.http.model;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Objects;

/**
 * Returned for a successful UpdateRecordsRequest.
 *
 * <p>Immutable; create one with {@link #builder()} and derive a modified copy with {@link #newBuilder()}.
 */
public final class UpdateRecordsResponse {
  private final List<Record> records;

  private UpdateRecordsResponse(Builder builder) {
    this.records = builder.records == null ? Collections.<Record>emptyList() : builder.records;
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
   * A list of records that have been updated.
   *
   * @return the records member (wire name {@code Records}); an unmodifiable list, empty when absent
   */
  public List<Record> records() {
    return records;
  }

  @Override
  public boolean equals(Object other) {
    if (this == other) {
      return true;
    }
    if (!(other instanceof UpdateRecordsResponse)) {
      return false;
    }
    UpdateRecordsResponse that = (UpdateRecordsResponse) other;
    return Objects.equals(records, that.records);
  }

  @Override
  public int hashCode() {
    return Objects.hash(records);
  }

  @Override
  public String toString() {
    return "UpdateRecordsResponse{"
        + "records=" + records
        + "}";
  }

  /** Builds {@link UpdateRecordsResponse} values; not thread-safe. */
  public static final class Builder {
    private List<Record> records;

    private Builder() {}

    private Builder(UpdateRecordsResponse value) {
      this.records = value.records;
    }

    /**
     * Sets the records member (wire name {@code Records}). A list of records that have been updated.
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
     * Builds the value.
     *
     * @return the immutable value
     */
    public UpdateRecordsResponse build() {
      UpdateRecordsResponse value = new UpdateRecordsResponse(this);
      return value;
    }
  }
}
