package dev.offsync.spi;

import static dev.offsync.internal.Preconditions.checkArgument;
import static dev.offsync.internal.Preconditions.checkNotNull;

/**
 * A compare-and-set write of one record in {@link LocalTransaction#writeRecords}: store {@link #record()}
 * only if the row's current {@link LocalRecord#version() version} is {@link #expectedVersion()}.
 * Immutable.
 */
public final class RecordWrite {
  /** Expect nothing: write whatever the row's state (used for local writes inside one transaction). */
  public static final long ANY_VERSION = -1;

  /** Expect the row not to exist. */
  public static final long ABSENT = 0;

  private final LocalRecord record;
  private final long expectedVersion;

  private RecordWrite(LocalRecord record, long expectedVersion) {
    this.record = checkNotNull(record, "record");
    checkArgument(expectedVersion >= ANY_VERSION, "expectedVersion < -1: " + expectedVersion);
    this.expectedVersion = expectedVersion;
  }

  /**
   * A write that succeeds only if the row's version is {@code expectedVersion} ({@link #ABSENT}: the row
   * must not exist).
   *
   * @param record the new state (its own version is ignored)
   * @param expectedVersion the version read earlier, or {@link #ABSENT}
   * @return the write
   */
  public static RecordWrite ifVersion(LocalRecord record, long expectedVersion) {
    checkArgument(expectedVersion >= 0, "expectedVersion < 0: " + expectedVersion);
    return new RecordWrite(record, expectedVersion);
  }

  /**
   * A write that succeeds whatever the row's state.
   *
   * @param record the new state (its own version is ignored)
   * @return the write
   */
  public static RecordWrite unconditional(LocalRecord record) {
    return new RecordWrite(record, ANY_VERSION);
  }

  /** @return the new state of the record */
  public LocalRecord record() {
    return record;
  }

  /** @return the version the row must have, {@link #ABSENT}, or {@link #ANY_VERSION} */
  public long expectedVersion() {
    return expectedVersion;
  }

  @Override
  public String toString() {
    return "RecordWrite{" + record + ", expectedVersion=" + expectedVersion + "}";
  }
}
