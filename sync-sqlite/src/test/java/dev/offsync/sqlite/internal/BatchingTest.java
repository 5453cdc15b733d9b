package dev.offsync.sqlite.internal;

import static org.assertj.core.api.Assertions.assertThat;

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
    // BEGIN, dataset id, 1 insert batch (CAS in the statement), COMMIT
    assertThat(statementsOf(() -> db.write(tx -> tx.writeRecords(OWNER, DS, writes)))).isEqualTo(4);
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
    // BEGIN, dataset id, 1 conditional-update batch, dataset upsert, COMMIT
    assertThat(statements).isEqualTo(5);
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
    // BEGIN, dataset id, upsert batch, insert-if-absent batch, update-if-version batch, COMMIT
    assertThat(statementsOf(() -> skipped[0] = db.write(tx -> tx.writeRecords(OWNER, DS, mixed)))).isEqualTo(6);
    // k1, k4, k7 existed (ABSENT fails); k2, k5, k8 were at version 1 (succeed); k11.. did not exist
    for (int i = 0; i < 3000; i++) {
      boolean expectSkip = (i % 3 == 1 && i < 10) || (i % 3 == 2 && i >= 10);
      assertThat(skipped[0].contains("k" + i)).as("k" + i).isEqualTo(expectSkip);
    }
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
  void deletingAThousandKeysIsOneBatch() {
    db.write(tx -> tx.writeRecords(OWNER, DS, absent(1000, "v")));
    List<String> keys = IntStream.range(0, 1000).mapToObj(i -> "k" + i).collect(Collectors.toList());
    assertThat(statementsOf(() -> db.write(tx -> {
      tx.deleteRecords(OWNER, DS, keys);
      return null;
    }))).isEqualTo(4);
    assertThat(all()).isEmpty();
  }
}
