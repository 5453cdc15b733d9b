package dev.offsync.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.offsync.spi.DatasetUsage;
import dev.offsync.spi.LocalDataset;
import dev.offsync.spi.LocalRecord;
import dev.offsync.spi.LocalStore;
import dev.offsync.spi.LocalTransaction;
import dev.offsync.spi.RecordWrite;
import dev.offsync.spi.RemoteRecord;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The behaviour every {@link LocalStore} must have, as a JUnit 5 suite: extend it, implement
 * {@link #createStore()} (and {@link #reopen(LocalStore)} for a durable store), and the subclass runs every
 * test below against your implementation.
 *
 * <p>Each test states one sentence of the {@link LocalStore} / {@link LocalTransaction} Javadoc (or a
 * consequence the engine relies on): atomicity and rollback, compare-and-set versions, batching limits,
 * ordering, usage figures, {@code null} versus {@code ""}, large and unicode data, concurrency, snapshot
 * isolation, non-reentrancy and closing. Tests that need durability are skipped (JUnit assumption) only
 * when {@link #reopen(LocalStore)} returns {@code null}.
 */
public abstract class LocalStoreContract {

  /** Owner used by most tests. */
  protected static final String OWNER = "us-east-1:owner-1";
  /** A second owner, to check isolation between owners. */
  protected static final String OTHER_OWNER = "us-east-1:owner-2";
  /** Dataset used by most tests. */
  protected static final String DS = "settings";

  private static final long TIMEOUT_SECONDS = 30;

  /** The store under test, created before each test by {@link #createStore()}. */
  protected LocalStore store;

  /**
   * Creates a new, empty store. Called once before each test.
   *
   * @return the store under test
   */
  protected abstract LocalStore createStore();

  /**
   * Re-opens the durable storage behind {@code closed} after it was closed, as after a process restart.
   * Stores that keep nothing across instances return {@code null} (the default), which skips the
   * durability tests.
   *
   * @param closed the store, already closed
   * @return a new store on the same storage, or {@code null} if the store is not durable
   */
  protected LocalStore reopen(LocalStore closed) {
    return null;
  }

  /** Creates {@link #store}. */
  @BeforeEach
  void createStoreUnderTest() {
    store = createStore();
  }

  /** Closes {@link #store}. */
  @AfterEach
  void closeStoreUnderTest() {
    if (store != null) {
      store.close();
    }
  }

  // ---------------------------------------------------------------------------------------------
  // helpers

  /**
   * A dataset row with a few non-default fields.
   *
   * @param owner the owner
   * @param name the name
   * @return the row
   */
  protected static LocalDataset dataset(String owner, String name) {
    return LocalDataset.builder(owner, name)
        .watermark(7)
        .creationDate(Instant.ofEpochMilli(1_000))
        .lastModifiedDate(Instant.ofEpochMilli(2_000))
        .lastModifiedBy("device-a")
        .lastSyncedAt(Instant.ofEpochMilli(3_000))
        .remoteStorageBytes(123)
        .remoteRecordCount(4)
        .build();
  }

  /**
   * A dirty record with a value, never synced.
   *
   * @param key the key
   * @param value the value, or {@code null} for a tombstone
   * @return the record
   */
  protected static LocalRecord rec(String key, String value) {
    return LocalRecord.builder(key).value(value).dirty(true).deviceLastModifiedDate(Instant.ofEpochMilli(5)).build();
  }

  /**
   * A synced (clean) record.
   *
   * @param key the key
   * @param value the value, or {@code null} for a tombstone
   * @param syncCount its base sync count
   * @return the record
   */
  protected static LocalRecord clean(String key, String value, long syncCount) {
    return LocalRecord.builder(key)
        .value(value)
        .baseValue(value)
        .syncCount(syncCount)
        .dirty(false)
        .lastModifiedDate(Instant.ofEpochMilli(10))
        .lastModifiedBy("device-b")
        .deviceLastModifiedDate(Instant.ofEpochMilli(9))
        .build();
  }

  /**
   * A dirty record whose conflict with the server's record was deferred to the app.
   *
   * @param key the key
   * @param value the local value, or {@code null} for a local tombstone
   * @param remoteValue the server's value, or {@code null} for a server tombstone
   * @param remoteSyncCount the server record's sync count
   * @return the record, based on sync count 2 and value {@code "base"}
   */
  protected static LocalRecord conflicted(String key, String value, String remoteValue, long remoteSyncCount) {
    return LocalRecord.builder(key)
        .value(value)
        .baseValue("base")
        .syncCount(2)
        .dirty(true)
        .deviceLastModifiedDate(Instant.ofEpochMilli(5))
        .lastModifiedDate(Instant.ofEpochMilli(4))
        .lastModifiedBy("device-a")
        .pendingConflict(RemoteRecord.builder(key)
            .value(remoteValue)
            .syncCount(remoteSyncCount)
            .lastModifiedDate(Instant.ofEpochMilli(20))
            .lastModifiedBy("device-c")
            .deviceLastModifiedDate(Instant.ofEpochMilli(19))
            .build())
        .build();
  }

  private void createDataset(String owner, String name) {
    store.write(tx -> {
      tx.putDataset(dataset(owner, name));
      return null;
    });
  }

  private Set<String> write(String owner, String ds, RecordWrite... writes) {
    return store.write(tx -> tx.writeRecords(owner, ds, Arrays.asList(writes)));
  }

  private LocalRecord read(String key) {
    return store.read(tx -> tx.record(OWNER, DS, key));
  }

  private LocalDataset datasetRow(String owner, String name) {
    return store.read(tx -> tx.dataset(owner, name));
  }

  private List<LocalDataset> datasetRows(String owner) {
    return store.read(tx -> tx.datasets(owner));
  }

  private List<LocalRecord> allRecords(String owner, String ds) {
    return store.read(tx -> tx.records(owner, ds));
  }

  private Map<String, LocalRecord> recordsByKeys(String owner, String ds, java.util.Collection<String> keys) {
    return store.read(tx -> tx.records(owner, ds, keys));
  }

  private List<LocalRecord> dirtyOf(String owner, String ds) {
    return store.read(tx -> tx.dirtyRecords(owner, ds));
  }

  private List<LocalRecord> conflictedOf(String owner, String ds) {
    return store.read(tx -> tx.conflictedRecords(owner, ds));
  }

  private DatasetUsage usageOf(String owner, String ds) {
    return store.read(tx -> tx.usage(owner, ds));
  }

  private Set<String> writeList(String owner, String ds, List<RecordWrite> writes) {
    return store.write(tx -> tx.writeRecords(owner, ds, writes));
  }

  private static RecordWrite any(LocalRecord r) {
    return RecordWrite.unconditional(r);
  }

  /** Compares the fields a store must keep, i.e. all but the version. */
  private static void assertSameContent(LocalRecord actual, LocalRecord expected) {
    assertThat(actual).isNotNull();
    assertThat(actual.newBuilder().version(0).build())
        .as("record %s (ignoring version)", expected.key())
        .isEqualTo(expected.newBuilder().version(0).build());
  }

  // ---------------------------------------------------------------------------------------------
  // datasets

  @Test
  void emptyStoreHasNothing() {
    store.read(tx -> {
      assertThat(tx.dataset(OWNER, DS)).isNull();
      assertThat(tx.datasets(OWNER)).isEmpty();
      assertThat(tx.record(OWNER, DS, "k")).isNull();
      assertThat(tx.records(OWNER, DS)).isEmpty();
      assertThat(tx.records(OWNER, DS, Arrays.asList("a", "b"))).isEmpty();
      assertThat(tx.dirtyRecords(OWNER, DS)).isEmpty();
      assertThat(tx.usage(OWNER, DS)).isEqualTo(new DatasetUsage(0, 0, 0));
      return null;
    });
  }

  @Test
  void putDatasetKeepsEveryField() {
    LocalDataset d = dataset(OWNER, DS).newBuilder().deletedLocally(true).build();
    store.write(tx -> {
      tx.putDataset(d);
      return null;
    });
    assertThat(datasetRow(OWNER, DS)).isEqualTo(d);
    LocalDataset minimal = LocalDataset.builder(OWNER, "minimal").build();
    store.write(tx -> {
      tx.putDataset(minimal);
      return null;
    });
    assertThat(datasetRow(OWNER, "minimal")).isEqualTo(minimal);
  }

  @Test
  void putDatasetReplacesTheRowAndKeepsItsRecords() {
    createDataset(OWNER, DS);
    write(OWNER, DS, any(rec("k", "v")));
    LocalDataset updated = dataset(OWNER, DS).newBuilder().watermark(42).lastModifiedBy(null).build();
    store.write(tx -> {
      tx.putDataset(updated);
      return null;
    });
    assertThat(datasetRow(OWNER, DS)).isEqualTo(updated);
    assertThat(read("k").value()).isEqualTo("v");
    assertThat(read("k").version()).isEqualTo(1);
  }

  @Test
  void datasetsAreOrderedByNameIncludeDeletedOnesAndAreScopedToTheOwner() {
    store.write(tx -> {
      for (String n : Arrays.asList("zeta", "alpha", "Mid", "beta.us-east-1:x", "beta")) {
        tx.putDataset(dataset(OWNER, n).newBuilder().deletedLocally(n.equals("alpha")).build());
      }
      tx.putDataset(dataset(OTHER_OWNER, "other"));
      return null;
    });
    List<String> names = store.read(tx -> tx.datasets(OWNER)).stream().map(LocalDataset::name)
        .collect(Collectors.toList());
    assertThat(names).containsExactly("Mid", "alpha", "beta", "beta.us-east-1:x", "zeta");
    assertThat(datasetRows(OTHER_OWNER)).extracting(LocalDataset::name).containsExactly("other");
    assertThat(datasetRows("nobody")).isEmpty();
    assertThat(store.read(tx -> tx.dataset(OWNER, "alpha")).isDeletedLocally()).isTrue();
  }

  @Test
  void deleteDatasetRemovesTheRowAndCascadesToItsRecordsOnly() {
    createDataset(OWNER, DS);
    createDataset(OWNER, "keep");
    createDataset(OTHER_OWNER, DS);
    write(OWNER, DS, any(rec("a", "1")), any(rec("b", null)));
    write(OWNER, "keep", any(rec("a", "k")));
    write(OTHER_OWNER, DS, any(rec("a", "o")));
    store.write(tx -> {
      tx.deleteDataset(OWNER, DS);
      return null;
    });
    store.read(tx -> {
      assertThat(tx.dataset(OWNER, DS)).isNull();
      assertThat(tx.records(OWNER, DS)).isEmpty();
      assertThat(tx.record(OWNER, DS, "a")).isNull();
      assertThat(tx.dirtyRecords(OWNER, DS)).isEmpty();
      assertThat(tx.usage(OWNER, DS)).isEqualTo(new DatasetUsage(0, 0, 0));
      assertThat(tx.record(OWNER, "keep", "a").value()).isEqualTo("k");
      assertThat(tx.record(OTHER_OWNER, DS, "a").value()).isEqualTo("o");
      return null;
    });
    // recreating the dataset starts without records, and new rows start at version 1
    createDataset(OWNER, DS);
    assertThat(allRecords(OWNER, DS)).isEmpty();
    write(OWNER, DS, any(rec("a", "again")));
    assertThat(read("a").version()).isEqualTo(1);
  }

  @Test
  void deleteDatasetOfAMissingDatasetHasNoEffect() {
    createDataset(OWNER, DS);
    store.write(tx -> {
      tx.deleteDataset(OWNER, "missing");
      tx.deleteDataset("nobody", DS);
      return null;
    });
    assertThat(datasetRow(OWNER, DS)).isEqualTo(dataset(OWNER, DS));
  }

  @Test
  void moveDatasetKeepsEveryFieldAndVersion() {
    LocalDataset d = dataset(OWNER, DS).newBuilder().deletedLocally(true).watermark(99).build();
    store.write(tx -> {
      tx.putDataset(d);
      return null;
    });
    write(OWNER, DS, any(rec("a", "1")), any(clean("b", "2", 5)), any(rec("c", null)));
    write(OWNER, DS, any(rec("a", "1bis")));
    Map<String, LocalRecord> before = store.read(tx -> tx.records(OWNER, DS)).stream()
        .collect(Collectors.toMap(LocalRecord::key, r -> r));
    assertThat(before.get("a").version()).isEqualTo(2);

    store.write(tx -> {
      tx.moveDataset(OWNER, DS, OTHER_OWNER, DS + "." + OWNER);
      return null;
    });

    store.read(tx -> {
      assertThat(tx.dataset(OWNER, DS)).isNull();
      assertThat(tx.records(OWNER, DS)).isEmpty();
      assertThat(tx.dataset(OTHER_OWNER, DS + "." + OWNER))
          .isEqualTo(d.newBuilder().owner(OTHER_OWNER).name(DS + "." + OWNER).build());
      List<LocalRecord> moved = tx.records(OTHER_OWNER, DS + "." + OWNER);
      assertThat(moved).containsExactlyElementsOf(
          Arrays.asList(before.get("a"), before.get("b"), before.get("c")));
      assertThat(tx.dirtyRecords(OTHER_OWNER, DS + "." + OWNER)).extracting(LocalRecord::key)
          .containsExactly("a", "c");
      return null;
    });
    // versions continue from where they were
    assertThat(write(OTHER_OWNER, DS + "." + OWNER, RecordWrite.ifVersion(rec("a", "x"), 2))).isEmpty();
    assertThat(store.read(tx -> tx.record(OTHER_OWNER, DS + "." + OWNER, "a")).version()).isEqualTo(3);
  }

  @Test
  void moveDatasetRenamesWithinTheSameOwner() {
    createDataset(OWNER, DS);
    write(OWNER, DS, any(rec("a", "1")));
    store.write(tx -> {
      tx.moveDataset(OWNER, DS, OWNER, "renamed");
      return null;
    });
    assertThat(datasetRows(OWNER)).extracting(LocalDataset::name).containsExactly("renamed");
    assertThat(store.read(tx -> tx.record(OWNER, "renamed", "a")).value()).isEqualTo("1");
  }

  @Test
  void moveDatasetOfAMissingSourceThrowsIllegalStateException() {
    AtomicReference<Throwable> thrown = new AtomicReference<>();
    store.write(tx -> {
      try {
        tx.moveDataset(OWNER, "missing", OWNER, "target");
      } catch (RuntimeException e) {
        thrown.set(e);
      }
      return null;
    });
    assertThat(thrown.get()).isInstanceOf(IllegalStateException.class);
    assertThat(datasetRow(OWNER, "target")).isNull();
  }

  @Test
  void moveDatasetOntoAnExistingTargetThrowsAndChangesNothing() {
    createDataset(OWNER, DS);
    createDataset(OTHER_OWNER, DS);
    write(OWNER, DS, any(rec("a", "source")));
    write(OTHER_OWNER, DS, any(rec("a", "target")));
    assertThatThrownBy(() -> store.write(tx -> {
      tx.moveDataset(OWNER, DS, OTHER_OWNER, DS);
      return null;
    })).isInstanceOf(IllegalStateException.class);
    assertThat(read("a").value()).isEqualTo("source");
    assertThat(store.read(tx -> tx.record(OTHER_OWNER, DS, "a")).value()).isEqualTo("target");
  }

  @Test
  void moveDatasetOntoItselfCountsAsAnExistingTargetAndChangesNothing() {
    createDataset(OWNER, DS);
    write(OWNER, DS, any(rec("a", "1")));
    assertThatThrownBy(() -> store.write(tx -> {
      tx.moveDataset(OWNER, DS, OWNER, DS);
      return null;
    })).isInstanceOf(IllegalStateException.class);
    assertThat(datasetRow(OWNER, DS)).isEqualTo(dataset(OWNER, DS));
    assertThat(read("a").value()).isEqualTo("1");
    assertThat(read("a").version()).isEqualTo(1);
  }

  @Test
  void deleteAllRemovesEveryOwnersData() {
    createDataset(OWNER, DS);
    createDataset(OTHER_OWNER, "x");
    write(OWNER, DS, any(rec("a", "1")));
    write(OTHER_OWNER, "x", any(rec("b", "2")));
    store.write(tx -> {
      tx.deleteAll();
      return null;
    });
    store.read(tx -> {
      assertThat(tx.datasets(OWNER)).isEmpty();
      assertThat(tx.datasets(OTHER_OWNER)).isEmpty();
      assertThat(tx.record(OWNER, DS, "a")).isNull();
      assertThat(tx.record(OTHER_OWNER, "x", "b")).isNull();
      return null;
    });
    // usable afterwards
    createDataset(OWNER, DS);
    write(OWNER, DS, any(rec("a", "after")));
    assertThat(read("a").value()).isEqualTo("after");
    assertThat(read("a").version()).isEqualTo(1);
  }

  // ---------------------------------------------------------------------------------------------
  // records and compare-and-set

  @Test
  void writeRecordKeepsEveryFieldAndAssignsVersionOne() {
    createDataset(OWNER, DS);
    LocalRecord r = LocalRecord.builder("k").value("v").baseValue("base").syncCount(12).dirty(true)
        .version(77) // ignored by the store
        .deviceLastModifiedDate(Instant.ofEpochMilli(111)).lastModifiedDate(Instant.ofEpochMilli(222))
        .lastModifiedBy("dev").build();
    assertThat(write(OWNER, DS, any(r))).isEmpty();
    LocalRecord stored = read("k");
    assertThat(stored).isEqualTo(r.newBuilder().version(1).build());
  }

  @Test
  void everyWriteIncrementsTheVersionByOne() {
    createDataset(OWNER, DS);
    for (int i = 1; i <= 5; i++) {
      write(OWNER, DS, any(rec("k", "v" + i)));
      assertThat(read("k").version()).isEqualTo(i);
    }
    // writing the very same content is still a write
    write(OWNER, DS, any(read("k")));
    assertThat(read("k").version()).isEqualTo(6);
    // several writes of one row in one transaction each count
    store.write(tx -> {
      tx.writeRecords(OWNER, DS, Collections.singletonList(any(rec("k", "a"))));
      tx.writeRecords(OWNER, DS, Collections.singletonList(any(rec("k", "b"))));
      assertThat(tx.record(OWNER, DS, "k").version()).isEqualTo(8);
      return null;
    });
    assertThat(read("k").version()).isEqualTo(8);
    assertThat(read("k").value()).isEqualTo("b");
  }

  @Test
  void compareAndSetWritesOnlyWhenTheVersionMatches() {
    createDataset(OWNER, DS);
    write(OWNER, DS, any(rec("k", "v1")));
    long v = read("k").version();

    assertThat(write(OWNER, DS, RecordWrite.ifVersion(rec("k", "stale"), v + 1))).containsExactly("k");
    assertThat(read("k").value()).isEqualTo("v1");
    assertThat(read("k").version()).isEqualTo(v);

    assertThat(write(OWNER, DS, RecordWrite.ifVersion(rec("k", "v2"), v))).isEmpty();
    assertThat(read("k").value()).isEqualTo("v2");
    assertThat(read("k").version()).isEqualTo(v + 1);

    // the version read before the last write is stale now
    assertThat(write(OWNER, DS, RecordWrite.ifVersion(rec("k", "v3"), v))).containsExactly("k");
    assertThat(read("k").value()).isEqualTo("v2");
  }

  @Test
  void absentExpectsTheRowNotToExist() {
    createDataset(OWNER, DS);
    assertThat(write(OWNER, DS, RecordWrite.ifVersion(rec("new", "1"), RecordWrite.ABSENT))).isEmpty();
    assertThat(read("new").version()).isEqualTo(1);
    assertThat(write(OWNER, DS, RecordWrite.ifVersion(rec("new", "2"), RecordWrite.ABSENT)))
        .containsExactly("new");
    assertThat(read("new").value()).isEqualTo("1");
    // a tombstone is a row: ABSENT does not match it
    write(OWNER, DS, any(rec("tomb", null)));
    assertThat(write(OWNER, DS, RecordWrite.ifVersion(rec("tomb", "x"), RecordWrite.ABSENT)))
        .containsExactly("tomb");
    assertThat(read("tomb").isDeleted()).isTrue();
    // a physically deleted row is absent again
    store.write(tx -> {
      tx.deleteRecords(OWNER, DS, Collections.singletonList("new"));
      return null;
    });
    assertThat(write(OWNER, DS, RecordWrite.ifVersion(rec("new", "3"), RecordWrite.ABSENT))).isEmpty();
    assertThat(read("new").value()).isEqualTo("3");
    assertThat(read("new").version()).isEqualTo(1);
  }

  @Test
  void expectingAVersionOfAMissingRowIsSkipped() {
    createDataset(OWNER, DS);
    assertThat(write(OWNER, DS, RecordWrite.ifVersion(rec("ghost", "1"), 3))).containsExactly("ghost");
    assertThat(read("ghost")).isNull();
  }

  @Test
  void anyVersionWritesWhateverTheRowsState() {
    createDataset(OWNER, DS);
    assertThat(write(OWNER, DS, any(rec("k", "1")))).isEmpty();
    assertThat(write(OWNER, DS, any(rec("k", null)))).isEmpty();
    assertThat(write(OWNER, DS, any(rec("k", "3")))).isEmpty();
    assertThat(read("k").value()).isEqualTo("3");
    assertThat(read("k").version()).isEqualTo(3);
  }

  @Test
  void skippedWritesAreReturnedAndTheOthersAreWritten() {
    createDataset(OWNER, DS);
    write(OWNER, DS, any(rec("a", "a1")), any(rec("b", "b1")), any(rec("c", "c1")));
    write(OWNER, DS, any(rec("b", "b2"))); // b is at version 2 now
    Set<String> skipped = write(OWNER, DS,
        RecordWrite.ifVersion(rec("a", "a-new"), 1),
        RecordWrite.ifVersion(rec("b", "b-new"), 1),
        RecordWrite.ifVersion(rec("c", "c-new"), 1),
        RecordWrite.ifVersion(rec("d", "d-new"), RecordWrite.ABSENT),
        RecordWrite.ifVersion(rec("e", "e-new"), 4),
        any(rec("f", "f-new")));
    assertThat(skipped).containsExactlyInAnyOrder("b", "e");
    Map<String, String> values = new HashMap<>();
    store.read(tx -> tx.records(OWNER, DS)).forEach(r -> values.put(r.key(), r.value()));
    Map<String, String> expected = new HashMap<>();
    expected.put("a", "a-new");
    expected.put("b", "b2");
    expected.put("c", "c-new");
    expected.put("d", "d-new");
    expected.put("f", "f-new");
    assertThat(values).isEqualTo(expected);
  }

  @Test
  void writeRecordsWithEmptyListReturnsEmpty() {
    createDataset(OWNER, DS);
    assertThat(writeList(OWNER, DS, Collections.emptyList())).isEmpty();
  }

  @Test
  void duplicateKeysInOneCallAreAnIllegalArgumentAndNothingIsWritten() {
    createDataset(OWNER, DS);
    write(OWNER, DS, any(rec("z", "before")));
    AtomicReference<Throwable> thrown = new AtomicReference<>();
    store.write(tx -> {
      try {
        tx.writeRecords(OWNER, DS, Arrays.asList(any(rec("a", "1")), any(rec("z", "2")), any(rec("a", "3"))));
      } catch (RuntimeException e) {
        thrown.set(e);
      }
      return null;
    });
    assertThat(thrown.get()).isInstanceOf(IllegalArgumentException.class);
    assertThat(read("a")).isNull();
    assertThat(read("z").value()).isEqualTo("before");
  }

  @Test
  void writingRecordsOfAMissingDatasetIsAnIllegalState() {
    assertThatThrownBy(() -> write(OWNER, DS, any(rec("a", "1")))).isInstanceOf(IllegalStateException.class);
    createDataset(OTHER_OWNER, DS); // same name, other owner: still missing for OWNER
    assertThatThrownBy(() -> write(OWNER, DS, any(rec("a", "1")))).isInstanceOf(IllegalStateException.class);
    assertThat(read("a")).isNull();
  }

  @Test
  void writingRecordsOfADatasetDeletedInTheSameTransactionIsAnIllegalState() {
    createDataset(OWNER, DS);
    AtomicReference<Throwable> thrown = new AtomicReference<>();
    store.write(tx -> {
      tx.deleteDataset(OWNER, DS);
      try {
        tx.writeRecords(OWNER, DS, Collections.singletonList(any(rec("a", "1"))));
      } catch (RuntimeException e) {
        thrown.set(e);
      }
      return null;
    });
    assertThat(thrown.get()).isInstanceOf(IllegalStateException.class);
    assertThat(datasetRow(OWNER, DS)).isNull();
  }

  @Test
  void nullValueAndEmptyStringAreDistinct() {
    createDataset(OWNER, DS);
    write(OWNER, DS, any(LocalRecord.builder("empty").value("").baseValue("").dirty(true).build()),
        any(LocalRecord.builder("deleted").value(null).baseValue(null).dirty(true).build()));
    LocalRecord empty = read("empty");
    LocalRecord deleted = read("deleted");
    assertThat(empty.value()).isEqualTo("");
    assertThat(empty.baseValue()).isEqualTo("");
    assertThat(empty.isDeleted()).isFalse();
    assertThat(deleted.value()).isNull();
    assertThat(deleted.baseValue()).isNull();
    assertThat(deleted.isDeleted()).isTrue();
    DatasetUsage usage = store.read(tx -> tx.usage(OWNER, DS));
    assertThat(usage.liveRecordCount()).isEqualTo(1);
    assertThat(usage.liveBytes()).isEqualTo("empty".length());
  }

  @Test
  void nullableFieldsRoundTripAsNull() {
    createDataset(OWNER, DS);
    LocalRecord bare = LocalRecord.builder("bare").build();
    write(OWNER, DS, any(bare));
    assertThat(read("bare")).isEqualTo(bare.newBuilder().version(1).build());
  }

  @Test
  void largeValuesAndUnicodeKeysRoundTrip() {
    createDataset(OWNER, DS);
    StringBuilder big = new StringBuilder(1_048_575);
    for (int i = 0; i < 1_048_575; i++) {
      big.append((char) ('a' + i % 26));
    }
    String bigValue = big.toString();
    StringBuilder longKey = new StringBuilder();
    for (int i = 0; i < 1024; i++) {
      longKey.append('k');
    }
    List<String> keys = Arrays.asList("ключ", "键", "🔑emoji", "a b\tc\nd", "'; DROP TABLE records; --", "%_",
        longKey.toString(), "é", "e\u0301");
    store.write(tx -> {
      List<RecordWrite> writes = new ArrayList<>();
      writes.add(any(rec("big", bigValue)));
      for (String k : keys) {
        writes.add(any(rec(k, "value of " + k + " — ✓")));
      }
      return tx.writeRecords(OWNER, DS, writes);
    });
    assertThat(read("big").value()).isEqualTo(bigValue);
    for (String k : keys) {
      assertThat(read(k)).as(k).isNotNull();
      assertThat(read(k).key()).isEqualTo(k);
      assertThat(read(k).value()).isEqualTo("value of " + k + " — ✓");
    }
    // "é" (precomposed) and "e\u0301" (combining) are different keys
    assertThat(recordsByKeys(OWNER, DS, Arrays.asList("é", "e\u0301"))).hasSize(2);
  }

  @Test
  void unicodeDatasetNamesAndOwnersAreKeptApart() {
    createDataset("owner:ü", "ds.é");
    createDataset("owner:u", "ds.e");
    write("owner:ü", "ds.é", any(rec("k", "1")));
    write("owner:u", "ds.e", any(rec("k", "2")));
    assertThat(store.read(tx -> tx.record("owner:ü", "ds.é", "k")).value()).isEqualTo("1");
    assertThat(store.read(tx -> tx.record("owner:u", "ds.e", "k")).value()).isEqualTo("2");
  }

  @Test
  void recordsOfOtherDatasetsAndOwnersAreIsolated() {
    createDataset(OWNER, DS);
    createDataset(OWNER, "other");
    createDataset(OTHER_OWNER, DS);
    write(OWNER, DS, any(rec("k", "mine")));
    write(OWNER, "other", any(rec("k", "other-ds")));
    write(OTHER_OWNER, DS, any(rec("k", "other-owner")));
    assertThat(allRecords(OWNER, DS)).extracting(LocalRecord::value).containsExactly("mine");
    assertThat(allRecords(OWNER, "other")).extracting(LocalRecord::value)
        .containsExactly("other-ds");
    assertThat(allRecords(OTHER_OWNER, DS)).extracting(LocalRecord::value)
        .containsExactly("other-owner");
  }

  @Test
  void recordsAreOrderedByKeyAndIncludeTombstones() {
    createDataset(OWNER, DS);
    write(OWNER, DS, any(rec("b", "2")), any(rec("a", null)), any(rec("C", "3")), any(rec("a1", "")));
    assertThat(allRecords(OWNER, DS)).extracting(LocalRecord::key)
        .containsExactly("C", "a", "a1", "b");
  }

  @Test
  void recordsByKeysReturnsFoundOnesIncludingTombstonesAndOmitsMissingOnes() {
    createDataset(OWNER, DS);
    write(OWNER, DS, any(rec("a", "1")), any(rec("b", null)), any(rec("c", "3")));
    Map<String, LocalRecord> found = store.read(tx -> tx.records(OWNER, DS, Arrays.asList("a", "b", "x", "a")));
    assertThat(found).containsOnlyKeys("a", "b");
    assertThat(found.get("a").value()).isEqualTo("1");
    assertThat(found.get("b").isDeleted()).isTrue();
    assertThat(found.get("a").version()).isEqualTo(1);
    assertThat(recordsByKeys(OWNER, DS, Collections.emptyList())).isEmpty();
    assertThat(recordsByKeys(OWNER, "missing", Arrays.asList("a"))).isEmpty();
  }

  @Test
  void recordsByKeysHandlesMoreKeysThanAnyBatchLimit() {
    createDataset(OWNER, DS);
    int n = 2500;
    List<RecordWrite> writes = new ArrayList<>();
    for (int i = 0; i < n; i += 2) {
      writes.add(any(rec(String.format("key-%05d", i), "v" + i)));
    }
    assertThat(writeList(OWNER, DS, writes)).isEmpty();
    List<String> asked = IntStream.range(0, n).mapToObj(i -> String.format("key-%05d", i))
        .collect(Collectors.toList());
    Map<String, LocalRecord> found = store.read(tx -> tx.records(OWNER, DS, asked));
    assertThat(found).hasSize(n / 2);
    for (int i = 0; i < n; i += 2) {
      assertThat(found.get(String.format("key-%05d", i)).value()).isEqualTo("v" + i);
    }
    assertThat(allRecords(OWNER, DS)).hasSize(n / 2);
  }

  @Test
  void writeRecordsHandlesMoreRowsThanAnyBatchLimitWithCompareAndSet() {
    createDataset(OWNER, DS);
    int n = 2100;
    List<RecordWrite> first = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      first.add(RecordWrite.ifVersion(rec("k" + i, "v"), RecordWrite.ABSENT));
    }
    assertThat(writeList(OWNER, DS, first)).isEmpty();
    List<RecordWrite> second = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      // odd keys expect a wrong version
      second.add(RecordWrite.ifVersion(rec("k" + i, "w"), i % 2 == 0 ? 1 : 2));
    }
    Set<String> skipped = store.write(tx -> tx.writeRecords(OWNER, DS, second));
    assertThat(skipped).hasSize(n / 2);
    assertThat(skipped).allMatch(k -> Integer.parseInt(k.substring(1)) % 2 == 1);
    List<LocalRecord> all = store.read(tx -> tx.records(OWNER, DS));
    assertThat(all).hasSize(n);
    for (LocalRecord r : all) {
      boolean even = Integer.parseInt(r.key().substring(1)) % 2 == 0;
      assertThat(r.value()).isEqualTo(even ? "w" : "v");
      assertThat(r.version()).isEqualTo(even ? 2 : 1);
    }
    // and physical deletes in bulk
    List<String> toDelete = all.stream().map(LocalRecord::key).collect(Collectors.toList());
    store.write(tx -> {
      tx.deleteRecords(OWNER, DS, toDelete);
      return null;
    });
    assertThat(allRecords(OWNER, DS)).isEmpty();
  }

  @Test
  void dirtyRecordsAreTheDirtyOnesOrderedByKeyIncludingTombstones() {
    createDataset(OWNER, DS);
    write(OWNER, DS, any(rec("d", "1")), any(clean("c", "2", 3)), any(rec("b", null)), any(clean("a", null, 4)),
        any(rec("A", "")));
    assertThat(dirtyOf(OWNER, DS)).extracting(LocalRecord::key)
        .containsExactly("A", "b", "d");
    // cleaning one removes it from the list; dirtying another adds it
    write(OWNER, DS, any(clean("d", "1", 5)), any(rec("c", "22")));
    List<LocalRecord> dirty = store.read(tx -> tx.dirtyRecords(OWNER, DS));
    assertThat(dirty).extracting(LocalRecord::key).containsExactly("A", "b", "c");
    assertThat(dirty.get(2).version()).isEqualTo(2);
  }

  @Test
  void usageCountsLiveRecordsAndTheirUtf8BytesAndDirtyOnesIncludingTombstones() {
    createDataset(OWNER, DS);
    write(OWNER, DS,
        any(clean("ab", "cde", 1)), // 2 + 3
        any(rec("é", "ü€")), // 2 + (2 + 3)
        any(rec("🔑", "x")), // 4 + 1
        any(rec("gone", null)), // tombstone, dirty: not live, counted dirty
        any(clean("old", null, 2)), // tombstone, clean
        any(clean("empty", "", 2))); // 5 + 0
    DatasetUsage usage = store.read(tx -> tx.usage(OWNER, DS));
    assertThat(usage.liveRecordCount()).isEqualTo(4);
    assertThat(usage.liveBytes()).isEqualTo(5 + 7 + 5 + 5);
    assertThat(usage.dirtyRecordCount()).isEqualTo(3);
    assertThat(usageOf(OWNER, "missing")).isEqualTo(new DatasetUsage(0, 0, 0));
    createDataset(OWNER, "empty-ds");
    assertThat(usageOf(OWNER, "empty-ds")).isEqualTo(new DatasetUsage(0, 0, 0));
  }

  @Test
  void usageOfALargeValue() {
    createDataset(OWNER, DS);
    char[] chars = new char[300_000];
    Arrays.fill(chars, 'ж'); // 2 bytes each in UTF-8
    write(OWNER, DS, any(rec("k", new String(chars))));
    assertThat(usageOf(OWNER, DS)).isEqualTo(new DatasetUsage(1, 1 + 600_000, 1));
  }

  @Test
  void deleteRecordsRemovesRowsPhysicallyAndIgnoresAbsentKeys() {
    createDataset(OWNER, DS);
    write(OWNER, DS, any(rec("a", "1")), any(rec("b", null)), any(rec("c", "3")));
    store.write(tx -> {
      tx.deleteRecords(OWNER, DS, Arrays.asList("a", "b", "nope"));
      tx.deleteRecords(OWNER, "missing-ds", Arrays.asList("c"));
      tx.deleteRecords(OWNER, DS, Collections.emptyList());
      return null;
    });
    store.read(tx -> {
      assertThat(tx.records(OWNER, DS)).extracting(LocalRecord::key).containsExactly("c");
      assertThat(tx.record(OWNER, DS, "a")).isNull();
      assertThat(tx.record(OWNER, DS, "b")).isNull();
      assertThat(tx.dirtyRecords(OWNER, DS)).extracting(LocalRecord::key).containsExactly("c");
      assertThat(tx.usage(OWNER, DS)).isEqualTo(new DatasetUsage(1, 2, 1));
      return null;
    });
  }

  // ---------------------------------------------------------------------------------------------
  // transactions

  @Test
  void aWriteTransactionSeesItsOwnWrites() {
    store.write(tx -> {
      tx.putDataset(dataset(OWNER, DS));
      assertThat(tx.dataset(OWNER, DS)).isNotNull();
      tx.writeRecords(OWNER, DS, Arrays.asList(any(rec("a", "1")), any(rec("b", null))));
      assertThat(tx.record(OWNER, DS, "a").value()).isEqualTo("1");
      assertThat(tx.record(OWNER, DS, "a").version()).isEqualTo(1);
      assertThat(tx.records(OWNER, DS)).hasSize(2);
      assertThat(tx.records(OWNER, DS, Arrays.asList("a", "b"))).hasSize(2);
      assertThat(tx.dirtyRecords(OWNER, DS)).hasSize(2);
      assertThat(tx.usage(OWNER, DS)).isEqualTo(new DatasetUsage(1, 2, 2));
      tx.deleteRecords(OWNER, DS, Collections.singletonList("a"));
      assertThat(tx.record(OWNER, DS, "a")).isNull();
      tx.moveDataset(OWNER, DS, OWNER, "moved");
      assertThat(tx.records(OWNER, "moved")).extracting(LocalRecord::key).containsExactly("b");
      assertThat(tx.datasets(OWNER)).extracting(LocalDataset::name).containsExactly("moved");
      return null;
    });
    assertThat(allRecords(OWNER, "moved")).extracting(LocalRecord::key).containsExactly("b");
  }

  @Test
  void readAndWriteReturnWhatTheWorkReturns() {
    assertThat(store.<String>read(tx -> "r")).isEqualTo("r");
    assertThat(store.<Integer>write(tx -> 42)).isEqualTo(42);
    assertThat(store.<Object>read(tx -> null)).isNull();
    assertThat(store.<Object>write(tx -> null)).isNull();
  }

  @Test
  void aThrowingWorkRollsBackEverythingAndTheExceptionPropagatesUnchanged() {
    createDataset(OWNER, DS);
    createDataset(OWNER, "doomed");
    write(OWNER, DS, any(rec("a", "1")), any(rec("b", "2")));
    write(OWNER, "doomed", any(rec("x", "x")));
    LocalDataset before = store.read(tx -> tx.dataset(OWNER, DS));
    List<LocalRecord> recordsBefore = store.read(tx -> tx.records(OWNER, DS));
    RuntimeException boom = new IllegalStateException("boom: the work fails after writing");

    assertThatThrownBy(() -> store.write(tx -> {
      tx.putDataset(before.newBuilder().watermark(1000).build());
      tx.putDataset(dataset(OWNER, "new-one"));
      tx.writeRecords(OWNER, DS, Arrays.asList(any(rec("a", "changed")), any(rec("c", "new"))));
      tx.writeRecords(OWNER, "new-one", Collections.singletonList(any(rec("n", "n"))));
      tx.deleteRecords(OWNER, DS, Collections.singletonList("b"));
      tx.deleteDataset(OWNER, "doomed");
      tx.moveDataset(OWNER, DS, OTHER_OWNER, DS);
      throw boom;
    })).isSameAs(boom);

    store.read(tx -> {
      assertThat(tx.dataset(OWNER, DS)).isEqualTo(before);
      assertThat(tx.records(OWNER, DS)).isEqualTo(recordsBefore);
      assertThat(tx.dataset(OWNER, "new-one")).isNull();
      assertThat(tx.records(OWNER, "new-one")).isEmpty();
      assertThat(tx.dataset(OWNER, "doomed")).isNotNull();
      assertThat(tx.record(OWNER, "doomed", "x").value()).isEqualTo("x");
      assertThat(tx.dataset(OTHER_OWNER, DS)).isNull();
      return null;
    });
    // the store is fully usable after a rollback, and versions continue from the committed ones
    write(OWNER, DS, any(rec("a", "after")));
    assertThat(read("a").version()).isEqualTo(2);
  }

  @Test
  void deleteAllIsRolledBackToo() {
    createDataset(OWNER, DS);
    write(OWNER, DS, any(rec("a", "1")));
    IllegalStateException boom = new IllegalStateException("boom");
    assertThatThrownBy(() -> store.write(tx -> {
      tx.deleteAll();
      throw boom;
    })).isSameAs(boom);
    assertThat(read("a").value()).isEqualTo("1");
  }

  @Test
  void errorsPropagateUnchangedAndRollBack() {
    createDataset(OWNER, DS);
    AssertionError error = new AssertionError("an Error, not an Exception");
    assertThatThrownBy(() -> store.write(tx -> {
      tx.writeRecords(OWNER, DS, Collections.singletonList(any(rec("a", "1"))));
      throw error;
    })).isSameAs(error);
    assertThat(read("a")).isNull();
    RuntimeException readBoom = new RuntimeException("read");
    assertThatThrownBy(() -> store.read(tx -> {
      throw readBoom;
    })).isSameAs(readBoom);
  }

  @Test
  void aReadTransactionRejectsEveryWritingMethod() {
    createDataset(OWNER, DS);
    write(OWNER, DS, any(rec("a", "1")));
    List<LocalStore.Work<Object>> writers = Arrays.asList(
        tx -> {
          tx.putDataset(dataset(OWNER, "x"));
          return null;
        },
        tx -> {
          tx.deleteDataset(OWNER, DS);
          return null;
        },
        tx -> {
          tx.moveDataset(OWNER, DS, OWNER, "y");
          return null;
        },
        tx -> {
          tx.deleteAll();
          return null;
        },
        tx -> tx.writeRecords(OWNER, DS, Collections.singletonList(any(rec("a", "2")))),
        tx -> {
          tx.deleteRecords(OWNER, DS, Collections.singletonList("a"));
          return null;
        });
    for (LocalStore.Work<Object> w : writers) {
      AtomicReference<Throwable> thrown = new AtomicReference<>();
      store.read(tx -> {
        try {
          w.run(tx);
        } catch (RuntimeException e) {
          thrown.set(e);
        }
        return null;
      });
      assertThat(thrown.get()).isInstanceOf(IllegalStateException.class);
    }
    store.read(tx -> {
      assertThat(tx.datasets(OWNER)).extracting(LocalDataset::name).containsExactly(DS);
      assertThat(tx.record(OWNER, DS, "a").value()).isEqualTo("1");
      assertThat(tx.record(OWNER, DS, "a").version()).isEqualTo(1);
      return null;
    });
  }

  @Test
  void callsAreNotReentrant() {
    createDataset(OWNER, DS);
    List<Throwable> thrown = new ArrayList<>();
    store.write(tx -> {
      try {
        store.read(inner -> null);
      } catch (RuntimeException e) {
        thrown.add(e);
      }
      try {
        store.write(inner -> null);
      } catch (RuntimeException e) {
        thrown.add(e);
      }
      tx.writeRecords(OWNER, DS, Collections.singletonList(any(rec("a", "outer"))));
      return null;
    });
    store.read(tx -> {
      try {
        store.read(inner -> null);
      } catch (RuntimeException e) {
        thrown.add(e);
      }
      try {
        store.write(inner -> null);
      } catch (RuntimeException e) {
        thrown.add(e);
      }
      return null;
    });
    assertThat(thrown).hasSize(4).allMatch(t -> t instanceof IllegalStateException);
    // the outer write committed normally, and the store still works on this thread
    assertThat(read("a").value()).isEqualTo("outer");
    assertThat(store.<String>write(tx -> "ok")).isEqualTo("ok");
  }

  @Test
  void aTransactionIsInvalidAfterItsCall() {
    createDataset(OWNER, DS);
    AtomicReference<LocalTransaction> leakedWrite = new AtomicReference<>();
    AtomicReference<LocalTransaction> leakedRead = new AtomicReference<>();
    store.write(tx -> {
      leakedWrite.set(tx);
      return null;
    });
    store.read(tx -> {
      leakedRead.set(tx);
      return null;
    });
    assertThatThrownBy(() -> leakedWrite.get().writeRecords(OWNER, DS, Collections.singletonList(any(rec("a", "1")))))
        .isInstanceOf(IllegalStateException.class);
    assertThatThrownBy(() -> leakedWrite.get().record(OWNER, DS, "a")).isInstanceOf(IllegalStateException.class);
    assertThatThrownBy(() -> leakedRead.get().dataset(OWNER, DS)).isInstanceOf(IllegalStateException.class);
    assertThat(read("a")).isNull();
  }

  @Test
  void closeIsIdempotentAndLaterCallsThrowIllegalState() {
    createDataset(OWNER, DS);
    store.close();
    store.close();
    assertThatThrownBy(() -> store.read(tx -> null)).isInstanceOf(IllegalStateException.class);
    assertThatThrownBy(() -> store.write(tx -> null)).isInstanceOf(IllegalStateException.class);
    store.close();
  }

  // ---------------------------------------------------------------------------------------------
  // concurrency

  @Test
  void concurrentWritersLoseNoWriteAndAreSerialized() throws Exception {
    createDataset(OWNER, DS);
    int threads = 8;
    int perThread = 100;
    AtomicInteger inside = new AtomicInteger();
    AtomicInteger maxInside = new AtomicInteger();
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    try {
      CyclicBarrier start = new CyclicBarrier(threads);
      List<Future<?>> futures = new ArrayList<>();
      for (int t = 0; t < threads; t++) {
        int thread = t;
        futures.add(pool.submit(() -> {
          start.await();
          for (int i = 0; i < perThread; i++) {
            int n = i;
            store.write(tx -> {
              maxInside.accumulateAndGet(inside.incrementAndGet(), Math::max);
              try {
                // read-modify-write of a shared counter: lost updates show up as a wrong total
                LocalRecord counter = tx.record(OWNER, DS, "counter");
                long value = counter == null ? 0 : Long.parseLong(counter.value());
                tx.writeRecords(OWNER, DS, Arrays.asList(
                    any(rec("counter", Long.toString(value + 1))),
                    any(rec("t" + thread + "-" + n, "x"))));
                return null;
              } finally {
                inside.decrementAndGet();
              }
            });
          }
          return null;
        }));
      }
      for (Future<?> f : futures) {
        f.get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
      }
    } finally {
      pool.shutdownNow();
    }
    assertThat(maxInside.get()).isEqualTo(1);
    assertThat(read("counter").value()).isEqualTo(Integer.toString(threads * perThread));
    assertThat(read("counter").version()).isEqualTo(threads * perThread);
    assertThat(allRecords(OWNER, DS)).hasSize(threads * perThread + 1);
  }

  @Test
  void concurrentCompareAndSetLetsExactlyOneOfTheRacersWin() throws Exception {
    createDataset(OWNER, DS);
    write(OWNER, DS, any(rec("k", "start")));
    int threads = 6;
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    try {
      for (int round = 0; round < 20; round++) {
        long version = read("k").version();
        CyclicBarrier start = new CyclicBarrier(threads);
        List<Future<Set<String>>> futures = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
          int thread = t;
          futures.add(pool.submit(() -> {
            start.await();
            return store.write(tx -> tx.writeRecords(OWNER, DS,
                Collections.singletonList(RecordWrite.ifVersion(rec("k", "t" + thread), version))));
          }));
        }
        int winners = 0;
        for (Future<Set<String>> f : futures) {
          if (f.get(TIMEOUT_SECONDS, TimeUnit.SECONDS).isEmpty()) {
            winners++;
          }
        }
        assertThat(winners).as("round %d", round).isEqualTo(1);
        assertThat(read("k").version()).isEqualTo(version + 1);
      }
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void readersSeeConsistentSnapshotsWhileWritersRun() throws Exception {
    createDataset(OWNER, DS);
    // invariant kept by every write: a == b, and the dataset's watermark equals their value
    write(OWNER, DS, any(rec("a", "0")), any(rec("b", "0")));
    store.write(tx -> {
      tx.putDataset(tx.dataset(OWNER, DS).newBuilder().watermark(0).build());
      return null;
    });
    int writers = 3;
    int readers = 3;
    int writesEach = 150;
    ExecutorService pool = Executors.newFixedThreadPool(writers + readers);
    AtomicInteger writersLeft = new AtomicInteger(writers);
    AtomicInteger snapshotsChecked = new AtomicInteger();
    try {
      List<Future<?>> futures = new ArrayList<>();
      for (int w = 0; w < writers; w++) {
        futures.add(pool.submit(() -> {
          try {
            for (int i = 0; i < writesEach; i++) {
              store.write(tx -> {
                long next = Long.parseLong(tx.record(OWNER, DS, "a").value()) + 1;
                tx.writeRecords(OWNER, DS, Collections.singletonList(any(rec("a", Long.toString(next)))));
                tx.putDataset(tx.dataset(OWNER, DS).newBuilder().watermark(next).build());
                tx.writeRecords(OWNER, DS, Collections.singletonList(any(rec("b", Long.toString(next)))));
                return null;
              });
            }
          } finally {
            writersLeft.decrementAndGet();
          }
          return null;
        }));
      }
      for (int r = 0; r < readers; r++) {
        futures.add(pool.submit(() -> {
          long last = -1;
          do {
            long[] seen = store.read(tx -> {
              Map<String, LocalRecord> ab = tx.records(OWNER, DS, Arrays.asList("a", "b"));
              long a = Long.parseLong(tx.record(OWNER, DS, "a").value());
              long watermark = tx.dataset(OWNER, DS).watermark();
              List<LocalRecord> all = tx.records(OWNER, DS);
              long b = Long.parseLong(all.get(1).value());
              return new long[] {a, Long.parseLong(ab.get("b").value()), watermark, b,
                  Long.parseLong(ab.get("a").value())};
            });
            assertThat(seen[1]).isEqualTo(seen[0]);
            assertThat(seen[2]).isEqualTo(seen[0]);
            assertThat(seen[3]).isEqualTo(seen[0]);
            assertThat(seen[4]).isEqualTo(seen[0]);
            assertThat(seen[0]).as("committed state never goes back").isGreaterThanOrEqualTo(last);
            last = seen[0];
            snapshotsChecked.incrementAndGet();
          } while (writersLeft.get() > 0);
          return null;
        }));
      }
      for (Future<?> f : futures) {
        f.get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
      }
    } finally {
      pool.shutdownNow();
    }
    assertThat(snapshotsChecked.get()).isGreaterThanOrEqualTo(readers);
    assertThat(read("a").value()).isEqualTo(Integer.toString(writers * writesEach));
  }

  @Test
  void aReadDuringAnOpenWriteSeesTheLastCommittedStateWithoutWaiting() throws Exception {
    createDataset(OWNER, DS);
    write(OWNER, DS, any(rec("k", "committed")));
    CountDownLatch writing = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    ExecutorService pool = Executors.newFixedThreadPool(2);
    try {
      Future<?> writer = pool.submit(() -> store.write(tx -> {
        tx.writeRecords(OWNER, DS, Collections.singletonList(any(rec("k", "uncommitted"))));
        writing.countDown();
        try {
          assertThat(release.await(TIMEOUT_SECONDS, TimeUnit.SECONDS)).isTrue();
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw new IllegalStateException(e);
        }
        return null;
      }));
      assertThat(writing.await(TIMEOUT_SECONDS, TimeUnit.SECONDS)).isTrue();
      // the read runs on another thread, while the write transaction is still open
      Future<String> reader = pool.submit(() -> store.read(tx -> tx.record(OWNER, DS, "k").value()));
      assertThat(reader.get(TIMEOUT_SECONDS, TimeUnit.SECONDS)).isEqualTo("committed");
      release.countDown();
      writer.get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
    } finally {
      release.countDown();
      pool.shutdownNow();
    }
    assertThat(read("k").value()).isEqualTo("uncommitted");
    assertThat(read("k").version()).isEqualTo(2);
  }

  @Test
  void aSecondWriterWaitsForTheFirstInsteadOfFailing() throws Exception {
    createDataset(OWNER, DS);
    CountDownLatch firstInside = new CountDownLatch(1);
    CountDownLatch releaseFirst = new CountDownLatch(1);
    AtomicInteger order = new AtomicInteger();
    ExecutorService pool = Executors.newFixedThreadPool(2);
    try {
      Future<Integer> first = pool.submit(() -> store.write(tx -> {
        firstInside.countDown();
        try {
          assertThat(releaseFirst.await(TIMEOUT_SECONDS, TimeUnit.SECONDS)).isTrue();
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw new IllegalStateException(e);
        }
        tx.writeRecords(OWNER, DS, Collections.singletonList(any(rec("k", "first"))));
        return order.incrementAndGet();
      }));
      assertThat(firstInside.await(TIMEOUT_SECONDS, TimeUnit.SECONDS)).isTrue();
      Future<Integer> second = pool.submit(() -> store.write(tx -> {
        LocalRecord k = tx.record(OWNER, DS, "k");
        // serialized: the second work starts after the first committed, so it sees its write
        assertThat(k).isNotNull();
        tx.writeRecords(OWNER, DS, Collections.singletonList(RecordWrite.ifVersion(rec("k", "second"), 1)));
        return order.incrementAndGet();
      }));
      releaseFirst.countDown();
      assertThat(first.get(TIMEOUT_SECONDS, TimeUnit.SECONDS)).isEqualTo(1);
      assertThat(second.get(TIMEOUT_SECONDS, TimeUnit.SECONDS)).isEqualTo(2);
    } finally {
      releaseFirst.countDown();
      pool.shutdownNow();
    }
    assertThat(read("k").value()).isEqualTo("second");
  }

  @Test
  void aTransactionCannotBeUsedFromAnotherThreadToWriteOutsideItsLock() throws Exception {
    createDataset(OWNER, DS);
    ExecutorService pool = Executors.newSingleThreadExecutor();
    try {
      AtomicReference<Throwable> thrown = new AtomicReference<>();
      store.write(tx -> {
        try {
          pool.submit(() -> tx.writeRecords(OWNER, DS, Collections.singletonList(any(rec("a", "x")))))
              .get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
        } catch (java.util.concurrent.ExecutionException e) {
          thrown.set(e.getCause());
        } catch (Exception e) {
          throw new IllegalStateException(e);
        }
        return null;
      });
      assertThat(thrown.get()).isInstanceOf(IllegalStateException.class);
    } finally {
      pool.shutdownNow();
    }
    assertThat(read("a")).isNull();
  }

  // ---------------------------------------------------------------------------------------------
  // deferred conflicts (LocalRecord.pendingConflict)

  @Test
  void aDeferredConflictRoundTripsThroughEveryReadIncludingATombstoneRemoteSide() {
    createDataset(OWNER, DS);
    LocalRecord live = conflicted("live", "mine", "theirs", 9);
    LocalRecord remoteTombstone = conflicted("gone", "mine", null, 11);
    LocalRecord localTombstone = conflicted("tomb", null, "", 12);
    LocalRecord bare = LocalRecord.builder("bare").value("v").dirty(true)
        .pendingConflict(RemoteRecord.builder("bare").value("w").syncCount(1).build()).build();
    write(OWNER, DS, any(live), any(remoteTombstone), any(localTombstone), any(bare), any(rec("plain", "x")));

    assertSameContent(read("live"), live);
    assertThat(read("live").pendingConflict()).isEqualTo(live.pendingConflict());
    assertThat(read("gone").pendingConflict().value()).isNull();
    assertThat(read("gone").pendingConflict().isDeleted()).isTrue();
    assertThat(read("gone").pendingConflict().syncCount()).isEqualTo(11);
    assertThat(read("tomb").value()).isNull();
    assertThat(read("tomb").pendingConflict().value()).isEqualTo("");
    assertSameContent(read("bare"), bare);
    assertThat(read("bare").pendingConflict().lastModifiedDate()).isNull();
    assertThat(read("plain").pendingConflict()).isNull();
    store.read(tx -> {
      Map<String, LocalRecord> byKeys = tx.records(OWNER, DS, Arrays.asList("live", "gone", "tomb", "bare", "plain"));
      assertThat(byKeys.get("gone")).isEqualTo(tx.record(OWNER, DS, "gone"));
      assertThat(byKeys.get("gone").pendingConflict()).isEqualTo(remoteTombstone.pendingConflict());
      assertThat(tx.records(OWNER, DS)).extracting(LocalRecord::pendingConflict).containsExactly(
          bare.pendingConflict(), remoteTombstone.pendingConflict(), live.pendingConflict(), null,
          localTombstone.pendingConflict());
      assertThat(tx.dirtyRecords(OWNER, DS)).filteredOn(r -> r.key().equals("tomb"))
          .extracting(LocalRecord::pendingConflict).containsExactly(localTombstone.pendingConflict());
      assertThat(tx.conflictedRecords(OWNER, DS)).extracting(LocalRecord::key)
          .containsExactly("bare", "gone", "live", "tomb");
      assertThat(tx.conflictedRecords(OWNER, DS).get(1)).isEqualTo(tx.record(OWNER, DS, "gone"));
      return null;
    });
    // a conflict is a dirty record like any other for the counters
    assertThat(usageOf(OWNER, DS).dirtyRecordCount()).isEqualTo(5);
  }

  @Test
  void aLargeUnicodeRemoteSideRoundTrips() {
    createDataset(OWNER, DS);
    StringBuilder big = new StringBuilder();
    while (big.length() < 200_000) {
      big.append("h\u00e9llo \u4e16\u754c \uD83D\uDE00 ");
    }
    LocalRecord r = conflicted("k\u00fc", "mine", big.toString(), 3);
    write(OWNER, DS, any(r));
    assertThat(store.read(tx -> tx.record(OWNER, DS, "k\u00fc")).pendingConflict().value())
        .isEqualTo(big.toString());
  }

  @Test
  void writingARecordWithoutAConflictClearsItAndWritingOneReplacesIt() {
    createDataset(OWNER, DS);
    write(OWNER, DS, any(conflicted("a", "mine", "theirs", 9)), any(conflicted("b", "mine", "theirs", 9)));
    // a newer remote side replaces the stored one
    assertThat(write(OWNER, DS, RecordWrite.ifVersion(conflicted("a", "mine", "newer", 14), 1))).isEmpty();
    assertThat(read("a").pendingConflict().value()).isEqualTo("newer");
    assertThat(read("a").pendingConflict().syncCount()).isEqualTo(14);
    assertThat(read("a").version()).isEqualTo(2);
    // resolving: the row is written without one
    assertThat(write(OWNER, DS, RecordWrite.ifVersion(clean("b", "theirs", 9), 1))).isEmpty();
    assertThat(read("b").pendingConflict()).isNull();
    assertThat(conflictedOf(OWNER, DS)).extracting(LocalRecord::key).containsExactly("a");
    // a skipped compare-and-set keeps it
    assertThat(write(OWNER, DS, RecordWrite.ifVersion(rec("a", "other"), 1))).containsExactly("a");
    assertThat(read("a").pendingConflict().value()).isEqualTo("newer");
    // physically deleting the row deletes the conflict with it
    store.write(tx -> {
      tx.deleteRecords(OWNER, DS, Collections.singletonList("a"));
      return null;
    });
    assertThat(conflictedOf(OWNER, DS)).isEmpty();
  }

  @Test
  void conflictedRecordsAreScopedToTheirDatasetAndOwnerAndGoWithTheDataset() {
    createDataset(OWNER, DS);
    createDataset(OWNER, "other");
    createDataset(OTHER_OWNER, DS);
    write(OWNER, DS, any(conflicted("k", "1", "2", 3)));
    write(OWNER, "other", any(conflicted("j", "1", "2", 3)));
    write(OTHER_OWNER, DS, any(conflicted("i", "1", "2", 3)));
    store.read(tx -> {
      assertThat(tx.conflictedRecords(OWNER, DS)).extracting(LocalRecord::key).containsExactly("k");
      assertThat(tx.conflictedRecords(OWNER, "other")).extracting(LocalRecord::key).containsExactly("j");
      assertThat(tx.conflictedRecords(OTHER_OWNER, DS)).extracting(LocalRecord::key).containsExactly("i");
      assertThat(tx.conflictedRecords(OWNER, "missing")).isEmpty();
      return null;
    });
    store.write(tx -> {
      tx.deleteDataset(OWNER, "other");
      return null;
    });
    createDataset(OWNER, "other");
    assertThat(conflictedOf(OWNER, "other")).isEmpty();
    store.write(tx -> {
      tx.deleteAll();
      return null;
    });
    createDataset(OWNER, DS);
    assertThat(conflictedOf(OWNER, DS)).isEmpty();
  }

  @Test
  void moveDatasetKeepsDeferredConflicts() {
    createDataset(OWNER, DS);
    LocalRecord live = conflicted("a", "mine", "theirs", 9);
    LocalRecord tomb = conflicted("b", "mine", null, 10);
    write(OWNER, DS, any(live), any(tomb), any(rec("c", "x")));
    store.write(tx -> {
      tx.moveDataset(OWNER, DS, OTHER_OWNER, DS + ".moved");
      return null;
    });
    store.read(tx -> {
      assertThat(tx.conflictedRecords(OWNER, DS)).isEmpty();
      List<LocalRecord> moved = tx.conflictedRecords(OTHER_OWNER, DS + ".moved");
      assertThat(moved).extracting(LocalRecord::key).containsExactly("a", "b");
      assertThat(moved.get(0).pendingConflict()).isEqualTo(live.pendingConflict());
      assertThat(moved.get(1).pendingConflict()).isEqualTo(tomb.pendingConflict());
      assertThat(moved.get(1).pendingConflict().value()).isNull();
      assertThat(tx.record(OTHER_OWNER, DS + ".moved", "c").pendingConflict()).isNull();
      return null;
    });
  }

  @Test
  void aRolledBackConflictWriteLeavesTheRowAsItWas() {
    createDataset(OWNER, DS);
    write(OWNER, DS, any(rec("a", "mine")));
    assertThatThrownBy(() -> store.write(tx -> {
      tx.writeRecords(OWNER, DS, Collections.singletonList(any(conflicted("a", "mine", "theirs", 9))));
      assertThat(tx.conflictedRecords(OWNER, DS)).extracting(LocalRecord::key).containsExactly("a");
      throw new IllegalStateException("boom");
    })).hasMessage("boom");
    assertThat(read("a").pendingConflict()).isNull();
    assertThat(conflictedOf(OWNER, DS)).isEmpty();
  }

  // ---------------------------------------------------------------------------------------------
  // durability (skipped for stores that keep nothing across instances)

  @Test
  void committedDataSurvivesReopeningAndRolledBackDataDoesNot() {
    createDataset(OWNER, DS);
    LocalRecord r = LocalRecord.builder("k").value("v").baseValue("b").syncCount(3).dirty(true)
        .deviceLastModifiedDate(Instant.ofEpochMilli(1)).lastModifiedDate(Instant.ofEpochMilli(2))
        .lastModifiedBy("x").build();
    write(OWNER, DS, any(r), any(rec("tomb", null)), any(rec("empty", "")));
    write(OWNER, DS, any(r));
    assertThatThrownBy(() -> store.write(tx -> {
      tx.writeRecords(OWNER, DS, Collections.singletonList(any(rec("rolled-back", "x"))));
      throw new IllegalStateException("boom");
    })).hasMessage("boom");
    store.close();
    LocalStore reopened = reopen(store);
    assumeTrue(reopened != null, "store is not durable: reopen() returned null");
    store = reopened;
    store.read(tx -> {
      assertThat(tx.dataset(OWNER, DS)).isEqualTo(dataset(OWNER, DS));
      assertThat(tx.record(OWNER, DS, "k")).isEqualTo(r.newBuilder().version(2).build());
      assertThat(tx.record(OWNER, DS, "tomb").value()).isNull();
      assertThat(tx.record(OWNER, DS, "empty").value()).isEqualTo("");
      assertThat(tx.record(OWNER, DS, "rolled-back")).isNull();
      assertThat(tx.dirtyRecords(OWNER, DS)).extracting(LocalRecord::key).containsExactly("empty", "k", "tomb");
      return null;
    });
    // versions continue after reopening
    write(OWNER, DS, RecordWrite.ifVersion(rec("k", "after"), 2));
    assertThat(read("k").version()).isEqualTo(3);
  }

  @Test
  void deferredConflictsSurviveReopening() {
    createDataset(OWNER, DS);
    LocalRecord live = conflicted("a", "mine", "theirs", 9);
    LocalRecord tomb = conflicted("b", null, null, 10);
    write(OWNER, DS, any(live), any(tomb), any(rec("c", "x")));
    store.write(tx -> {
      tx.moveDataset(OWNER, DS, OWNER, DS + ".2");
      return null;
    });
    store.close();
    LocalStore reopened = reopen(store);
    assumeTrue(reopened != null, "store is not durable: reopen() returned null");
    store = reopened;
    store.read(tx -> {
      assertThat(tx.record(OWNER, DS + ".2", "a")).isEqualTo(live.newBuilder().version(1).build());
      assertThat(tx.record(OWNER, DS + ".2", "b")).isEqualTo(tomb.newBuilder().version(1).build());
      assertThat(tx.conflictedRecords(OWNER, DS + ".2")).extracting(LocalRecord::key).containsExactly("a", "b");
      return null;
    });
    // and clearing one after reopening sticks
    write(OWNER, DS + ".2", RecordWrite.ifVersion(clean("a", "theirs", 9), 1));
    assertThat(conflictedOf(OWNER, DS + ".2")).extracting(LocalRecord::key)
        .containsExactly("b");
  }

  @Test
  void aReadOnlyWorkThatThrowsLeavesNoTrace() {
    createDataset(OWNER, DS);
    Set<String> before = new HashSet<>();
    store.read(tx -> tx.datasets(OWNER)).forEach(d -> before.add(d.name()));
    assertThatThrownBy(() -> store.read(tx -> {
      throw new IllegalArgumentException("nope");
    })).isInstanceOf(IllegalArgumentException.class);
    Set<String> after = new HashSet<>();
    store.read(tx -> tx.datasets(OWNER)).forEach(d -> after.add(d.name()));
    assertThat(after).isEqualTo(before);
  }

  // ---------------------------------------------------------------------------------------------
  // properties and owners

  @Test
  void propertiesAreSetReplacedAndRemovedInTransactions() {
    assertThat(propertyOf("identity:pool-1")).isNull();
    store.write(tx -> {
      tx.putProperty("identity:pool-1", "us-east-1:a");
      tx.putProperty("identity:pool-2", "");
      return null;
    });
    store.write(tx -> {
      tx.putProperty("identity:pool-1", "us-east-1:b");
      return null;
    });
    assertThat(propertyOf("identity:pool-1")).isEqualTo("us-east-1:b");
    assertThat(propertyOf("identity:pool-2")).isEqualTo("");
    assertThatThrownBy(() -> store.write(tx -> {
      tx.putProperty("identity:pool-1", "rolled-back");
      tx.removeProperty("identity:pool-2");
      throw new IllegalStateException("boom");
    })).hasMessage("boom");
    assertThat(propertyOf("identity:pool-1")).isEqualTo("us-east-1:b");
    assertThat(propertyOf("identity:pool-2")).isEqualTo("");
    store.write(tx -> {
      tx.removeProperty("identity:pool-2");
      tx.removeProperty("never-set");
      return null;
    });
    assertThat(propertyOf("identity:pool-2")).isNull();
  }

  @Test
  void propertiesAreNotDatasetDataAndRefuseBadArguments() {
    createDataset(OWNER, DS);
    store.write(tx -> {
      tx.putProperty("p", "v");
      tx.deleteAll();
      return null;
    });
    assertThat(propertyOf("p")).isEqualTo("v");
    assertThatThrownBy(() -> store.read(tx -> {
      tx.putProperty("p", "w");
      return null;
    })).isInstanceOf(IllegalStateException.class);
    assertThatThrownBy(() -> store.write(tx -> {
      tx.putProperty("", "w");
      return null;
    })).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> store.write(tx -> {
      tx.putProperty("p", null);
      return null;
    })).isInstanceOf(NullPointerException.class);
    assertThatThrownBy(() -> store.write(tx -> {
      tx.putProperty(repeat('n', 257), "w");
      return null;
    })).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> store.write(tx -> {
      tx.putProperty("p", repeat('v', 4097));
      return null;
    })).isInstanceOf(IllegalArgumentException.class);
    store.write(tx -> {
      tx.putProperty(repeat('n', 256), repeat('\u00e9', 4096));
      return null;
    });
    assertThat(propertyOf(repeat('n', 256))).isEqualTo(repeat('\u00e9', 4096));
    assertThat(propertyOf("p")).isEqualTo("v");
  }

  @Test
  void ownersListsEveryOwnerWithADatasetInOrder() {
    assertThat(ownersOf()).isEmpty();
    createDataset(OTHER_OWNER, "x");
    createDataset(OWNER, DS);
    createDataset(OWNER, "second");
    LocalDataset deleted = LocalDataset.builder("local:device", "gone").deletedLocally(true).build();
    store.write(tx -> {
      tx.putDataset(deleted);
      return null;
    });
    assertThat(ownersOf()).containsExactly("local:device", OWNER, OTHER_OWNER);
    store.write(tx -> {
      tx.moveDataset(OTHER_OWNER, "x", OWNER, "x");
      return null;
    });
    assertThat(ownersOf()).containsExactly("local:device", OWNER);
  }

  @Test
  void propertiesSurviveReopening() {
    store.write(tx -> {
      tx.putProperty("identity:pool-1", "us-east-1:a");
      return null;
    });
    store.close();
    LocalStore reopened = reopen(store);
    assumeTrue(reopened != null, "store is not durable: reopen() returned null");
    store = reopened;
    assertThat(propertyOf("identity:pool-1")).isEqualTo("us-east-1:a");
  }

  private String propertyOf(String name) {
    return store.<String>read(tx -> tx.property(name));
  }

  private List<String> ownersOf() {
    return store.<List<String>>read(LocalTransaction::owners);
  }

  private static String repeat(char c, int n) {
    char[] chars = new char[n];
    Arrays.fill(chars, c);
    return new String(chars);
  }
}
