package dev.offsync.sqlite.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.offsync.spi.LocalDataset;
import dev.offsync.spi.LocalRecord;
import dev.offsync.spi.RecordWrite;
import dev.offsync.sqlite.SqliteStoreConfig;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Bulk operations run a small, bounded number of statements, never one per record. */
class BatchingTest {
  private static final String OWNER = "o";
  private static final String DS = "d";

  @TempDir Path dir;
  private SqliteDatabase db;

  @BeforeEach
  void open() {
    db = new SqliteDatabase(SqliteStoreConfig.builder().file(dir.resolve("batch.db")).build());
    db.write(tx -> {
      tx.putDataset(LocalDataset.builder(OWNER, DS).build());
      return null;
    });
  }

  @AfterEach
  void close() {
    db.close();
  }

  private List<LocalRecord> all() {
    return db.read(tx -> tx.records(OWNER, DS));
  }

  private List<LocalRecord> dirty() {
    return db.read(tx -> tx.dirtyRecords(OWNER, DS));
  }

  private Map<String, LocalRecord> byKeys(List<String> keys) {
    return db.read(tx -> tx.records(OWNER, DS, keys));
  }

  private Set<String> write(String dataset, List<RecordWrite> writes) {
    return db.write(tx -> tx.writeRecords(OWNER, dataset, writes));
  }

  private List<LocalRecord> recordsOf(String dataset) {
    return db.read(tx -> tx.records(OWNER, dataset));
  }

  private LocalRecord recordOf(String key) {
    return db.read(tx -> tx.record(OWNER, DS, key));
  }

  private long statementsOf(Runnable r) {
    long before = db.statementRuns();
    r.run();
    return db.statementRuns() - before;
  }

  private static List<RecordWrite> absent(int n, String value) {
    return IntStream.range(0, n).mapToObj(i -> RecordWrite.ifVersion(
        LocalRecord.builder("k" + i).value(value).dirty(true).build(), RecordWrite.ABSENT))
        .collect(Collectors.toList());
  }

  @Test
  void aPutAllOfAThousandRecordsIsOneTransactionOfAFewStatements() {
    List<RecordWrite> writes = absent(1000, "v");
    // BEGIN, dataset id, 1 insert batch (CAS in the statement), usage counters, COMMIT; an "absent" write
    // that applies replaces no row, so there is no read of old rows
    assertThat(statementsOf(() -> db.write(tx -> tx.writeRecords(OWNER, DS, writes)))).isEqualTo(5);
    assertThat(all()).hasSize(1000);
  }

  @Test
  void applyingAPulledPageOf1024CasWritesIsAFewStatements() {
    db.write(tx -> tx.writeRecords(OWNER, DS, absent(1024, "v1")));
    Map<String, LocalRecord> current = db.read(tx -> tx.records(OWNER, DS,
        IntStream.range(0, 1024).mapToObj(i -> "k" + i).collect(Collectors.toList())));
    List<RecordWrite> page = new ArrayList<>();
    current.values().forEach(r -> page.add(RecordWrite.ifVersion(
        r.newBuilder().value("v2").baseValue("v2").syncCount(2).dirty(false).build(), r.version())));
    page.set(0, RecordWrite.ifVersion(page.get(0).record(), 99)); // one stale expectation
    @SuppressWarnings("unchecked")
    Set<String>[] skipped = new Set[1];
    long statements = statementsOf(() -> skipped[0] = db.write(tx -> {
      Set<String> s = tx.writeRecords(OWNER, DS, page);
      tx.putDataset(LocalDataset.builder(OWNER, DS).watermark(2).build());
      return s;
    }));
    // BEGIN, dataset id, 2 reads of the old rows (512 keys each), 1 conditional-update batch, usage
    // counters, dataset upsert, COMMIT
    assertThat(statements).isEqualTo(8);
    assertThat(skipped[0]).containsExactly(page.get(0).record().key());
    assertThat(dirty()).hasSize(1);
  }

  @Test
  void mixedExpectationsAreAtMostThreeBatches() {
    db.write(tx -> tx.writeRecords(OWNER, DS, absent(10, "v1")));
    List<RecordWrite> mixed = new ArrayList<>();
    for (int i = 0; i < 3000; i++) {
      LocalRecord r = LocalRecord.builder("k" + i).value("m").build();
      mixed.add(i % 3 == 0 ? RecordWrite.unconditional(r)
          : i % 3 == 1 ? RecordWrite.ifVersion(r, RecordWrite.ABSENT) : RecordWrite.ifVersion(r, 1));
    }
    Set<String>[] skipped = newSetArray();
    // BEGIN, dataset id, 4 reads of the old rows (2,000 non-"absent" keys, 512 each), upsert batch,
    // insert-if-absent batch, update-if-version batch, usage counters, COMMIT
    assertThat(statementsOf(() -> skipped[0] = db.write(tx -> tx.writeRecords(OWNER, DS, mixed)))).isEqualTo(11);
    // k1, k4, k7 existed (ABSENT fails); k2, k5, k8 were at version 1 (succeed); k11.. did not exist
    for (int i = 0; i < 3000; i++) {
      boolean expectSkip = (i % 3 == 1 && i < 10) || (i % 3 == 2 && i >= 10);
      assertThat(skipped[0].contains("k" + i)).as("k" + i).isEqualTo(expectSkip);
    }
  }

  @Test
  void aSingleRecordWriteIsOneStatementBetweenBeginAndCommit() {
    LocalRecord r = LocalRecord.builder("k").value("v").dirty(true).build();
    // BEGIN, usage counters (old row read and dataset id resolved inside), upsert (id resolved inside), COMMIT
    assertThat(statementsOf(() -> write(DS, List.of(RecordWrite.unconditional(r))))).isEqualTo(4);
    // version 1 -> 2 with compare-and-set: BEGIN, counters under the same condition, conditional update, COMMIT
    assertThat(statementsOf(() -> assertThat(write(DS,
        List.of(RecordWrite.ifVersion(r.newBuilder().value("w").build(), 1)))).isEmpty())).isEqualTo(4);
    // a miss changes no counter, so the write is not run; the dataset is looked up, to tell "skipped" from
    // "no dataset": BEGIN, counters (no row), dataset id, COMMIT
    assertThat(statementsOf(() -> assertThat(write(DS,
        List.of(RecordWrite.ifVersion(r, RecordWrite.ABSENT)))).containsExactly("k"))).isEqualTo(4);
    LocalRecord k = recordOf("k");
    assertThat(k.value()).isEqualTo("w");
    assertThat(k.version()).isEqualTo(2);
    for (RecordWrite w : List.of(RecordWrite.unconditional(r), RecordWrite.ifVersion(r, RecordWrite.ABSENT),
        RecordWrite.ifVersion(r, 2))) {
      assertThatThrownBy(() -> write("missing", List.of(w))).isInstanceOf(IllegalStateException.class);
    }
    assertThat(recordsOf("missing")).isEmpty();
  }

  @Test
  void theEnginesSinglePutLooksTheDatasetIdUpOnce() {
    db.write(tx -> tx.writeRecords(OWNER, DS, absent(10, "v")));
    LocalRecord r = LocalRecord.builder("k3").value("new").dirty(true).build();
    // DatasetCore.write for one key (since b5f5baf): dataset, records(keys), usage, writeRecords, putDataset
    long statements = statementsOf(() -> db.write(tx -> {
      LocalDataset ds = tx.dataset(OWNER, DS);
      tx.records(OWNER, DS, List.of("k3"));
      tx.usage(OWNER, DS);
      tx.writeRecords(OWNER, DS, List.of(RecordWrite.unconditional(r)));
      tx.putDataset(ds);
      return null;
    }));
    // BEGIN, dataset, dataset id (once), IN lookup, usage (one dataset row), usage counters, upsert, dataset
    // upsert, COMMIT
    assertThat(statements).isEqualTo(9);
    assertThat(recordOf("k3").value()).isEqualTo("new");
  }

  @Test
  void aTransactionForgetsADatasetIdWhenTheDatasetMovesOrGoes() {
    db.write(tx -> tx.writeRecords(OWNER, DS, absent(3, "v")));
    RecordWrite one = RecordWrite.unconditional(LocalRecord.builder("x").value("1").dirty(true).build());
    List<RecordWrite> two = List.of(RecordWrite.unconditional(LocalRecord.builder("y").value("2").build()),
        RecordWrite.unconditional(LocalRecord.builder("z").value("3").build()));
    db.write(tx -> {
      assertThat(tx.records(OWNER, DS)).hasSize(3); // id of (o, d) now known to the transaction
      tx.moveDataset(OWNER, DS, OWNER, "moved");
      assertThatThrownBy(() -> tx.writeRecords(OWNER, DS, List.of(one))).isInstanceOf(IllegalStateException.class);
      assertThatThrownBy(() -> tx.writeRecords(OWNER, DS, two)).isInstanceOf(IllegalStateException.class);
      assertThat(tx.records(OWNER, DS, List.of("k0"))).isEmpty();
      tx.writeRecords(OWNER, "moved", List.of(one));
      tx.putDataset(LocalDataset.builder(OWNER, DS).build()); // a new row, a new id
      tx.writeRecords(OWNER, DS, two);
      return null;
    });
    assertThat(recordsOf("moved")).extracting(LocalRecord::key).containsExactly("k0", "k1", "k2", "x");
    assertThat(recordsOf(DS)).extracting(LocalRecord::key).containsExactly("y", "z");
    db.write(tx -> {
      assertThat(tx.records(OWNER, DS)).hasSize(2);
      tx.deleteDataset(OWNER, DS);
      assertThatThrownBy(() -> tx.writeRecords(OWNER, DS, two)).isInstanceOf(IllegalStateException.class);
      tx.putDataset(LocalDataset.builder(OWNER, DS).build());
      tx.writeRecords(OWNER, DS, List.of(one));
      assertThat(tx.records(OWNER, "moved")).hasSize(4);
      tx.deleteAll();
      assertThatThrownBy(() -> tx.writeRecords(OWNER, "moved", List.of(one)))
          .isInstanceOf(IllegalStateException.class);
      tx.putDataset(LocalDataset.builder(OWNER, "moved").build());
      tx.writeRecords(OWNER, "moved", two);
      return null;
    });
    assertThat(recordsOf(DS)).isEmpty();
    assertThat(recordsOf("moved")).extracting(LocalRecord::key).containsExactly("y", "z");
  }

  @Test
  void largeBatchesAreSplitEvery1024Rows() {
    List<RecordWrite> writes = absent(3000, "v");
    // BEGIN, dataset id, ceil(3000 / 1024) = 3 insert batches, usage counters, COMMIT
    assertThat(statementsOf(() -> assertThat(write(DS, writes)).isEmpty())).isEqualTo(7);
    List<RecordWrite> again = absent(3000, "w");
    again.set(2500, RecordWrite.ifVersion(LocalRecord.builder("new").value("n").build(), RecordWrite.ABSENT));
    assertThat(write(DS, again)).hasSize(2999).doesNotContain("new");
    assertThat(all()).hasSize(3001).allMatch(r -> r.value().equals(r.key().equals("new") ? "n" : "v"));
  }

  @SuppressWarnings("unchecked")
  private static Set<String>[] newSetArray() {
    return new Set[1];
  }

  @Test
  void readingFiveThousandKeysIsTenBatchedQueries() {
    db.write(tx -> tx.writeRecords(OWNER, DS, absent(5000, "v")));
    List<String> keys = IntStream.range(0, 5000).mapToObj(i -> "k" + i).collect(Collectors.toList());
    // BEGIN, dataset id, ceil(5000 / 512) = 10 queries, COMMIT
    assertThat(statementsOf(() -> assertThat(byKeys(keys)).hasSize(5000)))
        .isEqualTo(13);
  }

  @Test
  void deletingAThousandKeysIsTwoStatements() {
    db.write(tx -> tx.writeRecords(OWNER, DS, absent(1000, "v")));
    List<String> keys = IntStream.range(0, 1000).mapToObj(i -> "k" + i).collect(Collectors.toList());
    // BEGIN, dataset id, 2 deletes of 512 keys returning what the rows counted, usage counters, COMMIT
    assertThat(statementsOf(() -> db.write(tx -> {
      tx.deleteRecords(OWNER, DS, keys);
      return null;
    }))).isEqualTo(6);
    assertThat(all()).isEmpty();
  }
}
