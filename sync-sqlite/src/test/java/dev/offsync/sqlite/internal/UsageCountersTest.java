package dev.offsync.sqlite.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.offsync.spi.DatasetUsage;
import dev.offsync.spi.LocalDataset;
import dev.offsync.spi.LocalRecord;
import dev.offsync.spi.LocalTransaction;
import dev.offsync.spi.RecordWrite;
import dev.offsync.sqlite.SqliteLocalStore;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The usage counters on the dataset row (schema v3) always equal a brute-force aggregate over the records:
 * after random mixes of every mutating operation, inside the transaction, across rollbacks and across the
 * migration. Random runs print their seed on failure; rerun one with {@code -Dusage.seed=<seed>}.
 */
class UsageCountersTest {
  private static final String[] OWNERS = {"us-east-1:a", "local:b"};
  private static final String[] NAMES = {"d1", "d2", "설정"};
  private static final String[] VALUES = {"", "v", "value", "Grüße", "値 ✓", "😀 emoji", "x\uD800y", "\uDFFF",
      "e\u0301", "long:" + "λ".repeat(1500)};

  @TempDir Path dir;

  /** What the counters must be: the original aggregate query (byte lengths by CAST), per dataset row. */
  private static final String BRUTE_FORCE = "SELECT d.owner, d.name, d.live_record_count, d.live_bytes,"
      + " d.dirty_record_count,"
      + " (SELECT count(*) FROM records r WHERE r.dataset_id = d.id AND r.deleted = 0),"
      + " (SELECT coalesce(sum(length(CAST(r.key AS BLOB)) + length(CAST(r.value AS BLOB))), 0)"
      + "    FROM records r WHERE r.dataset_id = d.id AND r.deleted = 0),"
      + " (SELECT count(*) FROM records r WHERE r.dataset_id = d.id AND r.dirty = 1)"
      + " FROM datasets d ORDER BY d.owner, d.name";

  /** The counters of every dataset row, "owner/name" to [live, bytes, dirty], read from the file. */
  static Map<String, List<Long>> counters(Path db) {
    Map<String, List<Long>> out = new TreeMap<>();
    try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + db);
        Statement s = c.createStatement();
        ResultSet rs = s.executeQuery(BRUTE_FORCE)) {
      while (rs.next()) {
        out.put(rs.getString(1) + "/" + rs.getString(2), List.of(rs.getLong(3), rs.getLong(4), rs.getLong(5)));
      }
    } catch (SQLException e) {
      throw new AssertionError(e);
    }
    return out;
  }

  /** Every dataset row's counters equal the aggregate over its records, and no record lacks a dataset. */
  static void assertCountersExact(Path db, String what) {
    try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + db);
        Statement s = c.createStatement()) {
      try (ResultSet rs = s.executeQuery(BRUTE_FORCE)) {
        while (rs.next()) {
          String ds = rs.getString(1) + "/" + rs.getString(2);
          assertThat(List.of(rs.getLong(3), rs.getLong(4), rs.getLong(5))).as(what + ": counters of " + ds)
              .isEqualTo(List.of(rs.getLong(6), rs.getLong(7), rs.getLong(8)));
        }
      }
      try (ResultSet rs = s.executeQuery(
          "SELECT count(*) FROM records WHERE dataset_id NOT IN (SELECT id FROM datasets)")) {
        rs.next();
        assertThat(rs.getLong(1)).as(what + ": records without a dataset").isZero();
      }
    } catch (SQLException e) {
      throw new AssertionError(e);
    }
  }

  /** The usage computed in Java from the records the transaction reads (String.getBytes(UTF_8) lengths). */
  private static DatasetUsage recount(LocalTransaction tx, String owner, String name) {
    long live = 0;
    long bytes = 0;
    long dirty = 0;
    for (LocalRecord r : tx.records(owner, name)) {
      if (!r.isDeleted()) {
        live++;
        bytes += r.key().getBytes(StandardCharsets.UTF_8).length + r.value().getBytes(StandardCharsets.UTF_8).length;
      }
      if (r.isDirty()) {
        dirty++;
      }
    }
    return new DatasetUsage(live, bytes, dirty);
  }

  private static void assertUsageMatchesRecords(LocalTransaction tx, String what) {
    for (String owner : OWNERS) {
      for (String name : NAMES) {
        assertThat(tx.usage(owner, name)).as(what + ": usage of " + owner + "/" + name)
            .isEqualTo(recount(tx, owner, name));
      }
    }
  }

  // ------------------------------------------------------------------------------------------ random mixes

  private static final class Rollback extends RuntimeException {
    Rollback() {
      super("rollback requested by the test", null, false, false);
    }
  }

  private static long[] seeds() {
    String forced = System.getProperty("usage.seed");
    if (forced != null) {
      return new long[] {Long.parseLong(forced)};
    }
    return new long[] {1, 2, 3, 20261121, System.nanoTime()};
  }

  @Test
  void countersAreExactAfterRandomMixesOfEveryMutatingOperationAndRollbacks() {
    for (long seed : seeds()) {
      try {
        randomMix(seed, 150);
      } catch (AssertionError | RuntimeException e) {
        throw new AssertionError("usage counters wrong with seed " + seed + " (rerun: -Dusage.seed=" + seed + "): "
            + e.getMessage(), e);
      }
    }
  }

  private void randomMix(long seed, int transactions) {
    Random rnd = new Random(seed);
    Path file = dir.resolve("mix-" + seed + ".db");
    try (SqliteLocalStore store = SqliteLocalStore.builder().file(file).build()) {
      store.write(tx -> {
        for (String owner : OWNERS) {
          for (String name : NAMES) {
            tx.putDataset(LocalDataset.builder(owner, name).build());
          }
        }
        return null;
      });
      for (int t = 0; t < transactions; t++) {
        String what = "transaction " + t;
        boolean rollback = rnd.nextInt(6) == 0;
        Map<String, List<Long>> before = counters(file);
        int ops = 1 + rnd.nextInt(4);
        try {
          store.write(tx -> {
            for (int i = 0; i < ops; i++) {
              randomOp(tx, rnd);
            }
            assertUsageMatchesRecords(tx, what + " (inside, before commit)");
            if (rollback) {
              throw new Rollback();
            }
            return null;
          });
          assertThat(rollback).as(what + " was to roll back").isFalse();
        } catch (Rollback expected) {
          assertThat(counters(file)).as(what + ": counters after a rollback").isEqualTo(before);
        }
        assertCountersExact(file, what);
        store.read(tx -> {
          assertUsageMatchesRecords(tx, what + " (committed)");
          return null;
        });
      }
    }
  }

  private static String key(Random rnd, int space) {
    int k = rnd.nextInt(space);
    return k % 7 == 0 ? "ключ-" + k : k % 11 == 0 ? "鍵😀" + k : "k" + k;
  }

  private static LocalRecord randomRecord(Random rnd, String key) {
    String value = rnd.nextInt(5) == 0 ? null : VALUES[rnd.nextInt(VALUES.length)] + (rnd.nextBoolean() ? "" : key);
    return LocalRecord.builder(key).value(value).dirty(rnd.nextBoolean()).syncCount(rnd.nextInt(3))
        .baseValue(rnd.nextBoolean() ? null : "base").build();
  }

  private static RecordWrite randomWrite(LocalTransaction tx, Random rnd, String owner, String name, String key) {
    LocalRecord r = randomRecord(rnd, key);
    switch (rnd.nextInt(4)) {
      case 0:
        return RecordWrite.unconditional(r);
      case 1:
        return RecordWrite.ifVersion(r, RecordWrite.ABSENT);
      case 2: { // the current version: applies if the row exists
        LocalRecord current = tx.record(owner, name, key);
        return RecordWrite.ifVersion(r, current == null ? 1 : current.version());
      }
      default: // usually a miss
        return RecordWrite.ifVersion(r, 1 + rnd.nextInt(3));
    }
  }

  private static void randomOp(LocalTransaction tx, Random rnd) {
    String owner = OWNERS[rnd.nextInt(OWNERS.length)];
    String name = NAMES[rnd.nextInt(NAMES.length)];
    int op = rnd.nextInt(100);
    try {
      if (op < 30) { // one record: the single-statement path
        tx.writeRecords(owner, name, List.of(randomWrite(tx, rnd, owner, name, key(rnd, 40))));
      } else if (op < 55) { // several, sometimes across chunk (512) and batch (1,024) boundaries
        int n = rnd.nextInt(10) == 0 ? 600 + rnd.nextInt(900) : 2 + rnd.nextInt(30);
        int space = Math.max(40, n * 2);
        Set<String> keys = new LinkedHashSet<>();
        while (keys.size() < n) {
          keys.add(key(rnd, space));
        }
        List<RecordWrite> writes = new ArrayList<>();
        for (String k : keys) {
          writes.add(randomWrite(tx, rnd, owner, name, k));
        }
        tx.writeRecords(owner, name, writes);
      } else if (op < 68) { // absent keys and duplicates included
        int n = rnd.nextInt(10) == 0 ? 600 + rnd.nextInt(600) : 1 + rnd.nextInt(20);
        List<String> keys = new ArrayList<>();
        for (int i = 0; i < n; i++) {
          keys.add(key(rnd, Math.max(40, n * 2)));
        }
        tx.deleteRecords(owner, name, keys);
      } else if (op < 82) {
        LocalDataset existing = tx.dataset(owner, name);
        tx.putDataset((existing == null ? LocalDataset.builder(owner, name) : existing.newBuilder())
            .watermark(rnd.nextInt(100)).deletedLocally(rnd.nextBoolean()).build());
      } else if (op < 93) { // sometimes onto an existing target or from a missing source: ISE, nothing changes
        tx.moveDataset(owner, name, OWNERS[rnd.nextInt(OWNERS.length)], NAMES[rnd.nextInt(NAMES.length)]);
      } else if (op < 99) {
        tx.deleteDataset(owner, name);
      } else {
        tx.deleteAll();
      }
    } catch (IllegalStateException missingOrCollision) {
      // writing to a missing dataset or moving onto an existing one: refused before any change
    }
  }

  // ------------------------------------------------------------------------------------------ rollback

  @Test
  void aWorkThatThrowsLeavesTheCountersUnchanged() {
    Path file = dir.resolve("rollback.db");
    try (SqliteLocalStore store = SqliteLocalStore.builder().file(file).build()) {
      store.write(tx -> {
        tx.putDataset(LocalDataset.builder("o", "d").build());
        tx.putDataset(LocalDataset.builder("o", "e").build());
        List<RecordWrite> writes = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
          writes.add(RecordWrite.unconditional(LocalRecord.builder("k" + i).value("v" + i).dirty(i % 2 == 0).build()));
        }
        tx.writeRecords("o", "d", writes);
        tx.writeRecords("o", "e", writes.subList(0, 5));
        return null;
      });
      Map<String, List<Long>> before = counters(file);
      // keys and values k0..k9 / v0..v9 are 2 bytes each, k10..k49 / v10..v49 3 bytes each
      assertThat(before).containsEntry("o/d", List.of(50L, 10L * 4 + 40 * 6, 25L));
      List<LocalStoreWork> works = List.of(
          tx -> tx.writeRecords("o", "d", List.of(RecordWrite.unconditional(
              LocalRecord.builder("new").value("x").dirty(true).build()))),
          tx -> tx.writeRecords("o", "d", List.of(RecordWrite.unconditional(LocalRecord.builder("k1").build()),
              RecordWrite.ifVersion(LocalRecord.builder("k2").value("longer value").build(), 1))),
          tx -> tx.deleteRecords("o", "d", List.of("k0", "k1", "k2", "missing")),
          tx -> tx.deleteDataset("o", "d"),
          tx -> tx.moveDataset("o", "d", "p", "d"),
          LocalTransaction::deleteAll);
      for (int i = 0; i < works.size(); i++) {
        LocalStoreWork work = works.get(i);
        assertThatThrownBy(() -> store.write(tx -> {
          work.run(tx);
          assertThat(tx.usage("o", "d")).isEqualTo(recount(tx, "o", "d"));
          throw new Rollback();
        })).as("work " + i).isInstanceOf(Rollback.class);
        assertThat(counters(file)).as("counters after rolling back work " + i).isEqualTo(before);
        DatasetUsage after = store.read(tx -> tx.usage("o", "d"));
        assertThat(after).isEqualTo(new DatasetUsage(50, 280, 25));
      }
      assertCountersExact(file, "after the rollbacks");
    }
  }

  @FunctionalInterface
  private interface LocalStoreWork {
    void run(LocalTransaction tx);
  }

  // ------------------------------------------------------------------------------------------ migration

  @Test
  void migratingFromVersion2ComputesTheCountersOfRandomData() throws Exception {
    long seed = System.getProperty("usage.seed") != null ? Long.parseLong(System.getProperty("usage.seed")) : 7;
    Random rnd = new Random(seed);
    Path file = dir.resolve("v2.db");
    try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file)) {
      assertThat(Schema.migrate(c, 2)).isZero();
      try (Statement s = c.createStatement()) {
        s.execute("INSERT INTO datasets (id, owner, name) VALUES (1, 'o', 'a'), (2, 'o', 'b'), (3, 'p', 'a')");
      }
      try (PreparedStatement ps = c.prepareStatement("INSERT INTO records (dataset_id, key, value, deleted,"
          + " version, dirty) VALUES (?, ?, ?, ?, 1, ?)")) {
        for (int i = 0; i < 2000; i++) {
          LocalRecord r = randomRecord(rnd, key(rnd, 1_000_000) + "#" + i);
          ps.setLong(1, 1 + rnd.nextInt(2)); // dataset 3 stays empty
          ps.setString(2, r.key());
          ps.setString(3, r.value());
          ps.setInt(4, r.isDeleted() ? 1 : 0);
          ps.setInt(5, r.isDirty() ? 1 : 0);
          ps.addBatch();
        }
        ps.executeBatch();
      }
    }
    try (SqliteLocalStore store = SqliteLocalStore.builder().file(file).build()) {
      assertThat(store.schemaVersionAtOpen()).isEqualTo(2);
      assertCountersExact(file, "after migrating v2 (seed " + seed + ")");
      store.read(tx -> {
        for (String name : List.of("a", "b")) {
          assertThat(tx.usage("o", name)).as("o/" + name).isEqualTo(recount(tx, "o", name));
          assertThat(tx.usage("o", name).liveRecordCount()).isPositive();
        }
        assertThat(tx.usage("p", "a")).isEqualTo(new DatasetUsage(0, 0, 0));
        assertThat(tx.usage("p", "missing")).isEqualTo(new DatasetUsage(0, 0, 0));
        return null;
      });
    }
  }

  @Test
  void utf8LengthCountsWhatSqliteStores() {
    for (String s : VALUES) {
      assertThat(SqliteTransaction.utf8Length(s)).as(s).isEqualTo(s.getBytes(StandardCharsets.UTF_8).length);
    }
  }
}
