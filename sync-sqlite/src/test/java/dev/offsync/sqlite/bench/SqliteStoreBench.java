package dev.offsync.sqlite.bench;

import dev.offsync.spi.LocalDataset;
import dev.offsync.spi.LocalRecord;
import dev.offsync.spi.RecordWrite;
import dev.offsync.sqlite.SqliteLocalStore;
import dev.offsync.sqlite.Synchronous;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.sqlite.SQLiteConfig;

/**
 * Bulk-speed benchmark (a plain main, not a test): records/s of {@link SqliteLocalStore} beside a raw
 * sqlite-jdbc baseline doing the same row writes on a file with the same schema and pragmas (WAL,
 * synchronous, busy timeout), in the same run, rounds interleaved. Prints medians and the ratio.
 *
 * <p>Run: {@code mvn -o -q -pl sync-sqlite -Pbench test-compile exec:java} (args: {@code [NORMAL|FULL]}).
 */
public final class SqliteStoreBench {
  private static final String OWNER = "us-east-1:bench";
  private static final String DS = "bench";
  private static final String VALUE = "v".repeat(100);
  private static final long NOW = Instant.parse("2025-01-01T00:00:00Z").getEpochSecond() * 1_000_000_000L;

  private SqliteStoreBench() {}

  /**
   * Runs the benchmark.
   *
   * @param args optional synchronous mode, NORMAL (default) or FULL
   * @throws Exception on failure
   */
  public static void main(String[] args) throws Exception {
    Synchronous sync = args.length > 0 ? Synchronous.valueOf(args[0]) : Synchronous.NORMAL;
    Path dir = Files.createTempDirectory("offsync-bench");
    System.out.printf("SqliteStoreBench: synchronous=%s, WAL, JDK %s, %d cpus, sqlite-jdbc %s%n", sync,
        System.getProperty("java.version"), Runtime.getRuntime().availableProcessors(),
        org.sqlite.SQLiteJDBCLoader.getVersion());
    try (SqliteLocalStore store = SqliteLocalStore.builder().file(dir.resolve("store.db")).synchronous(sync).build()) {
      Path rawFile = dir.resolve("raw.db");
      SqliteLocalStore.builder().file(rawFile).synchronous(sync).build().close(); // same schema
      try (Connection raw = rawConnection(rawFile, sync)) {
        store.write(tx -> {
          tx.putDataset(LocalDataset.builder(OWNER, DS).build());
          return null;
        });
        long rawDataset = rawDataset(raw);
        System.out.printf("%-34s %14s %14s %8s%n", "operation", "store rec/s", "raw rec/s", "ratio");
        bench("putAll 1,000 new records (1 tx)", 40, 1000, store, raw,
            () -> putAll(store, 1000), () -> rawInsert(raw, rawDataset, 1000),
            () -> clear(store, raw));
        bench("putAll 10,000 new records (1 tx)", 12, 10_000, store, raw,
            () -> putAll(store, 10_000), () -> rawInsert(raw, rawDataset, 10_000),
            () -> clear(store, raw));
        clear(store, raw);
        putAll(store, 1024);
        rawInsert(raw, rawDataset, 1024);
        long[] version = {1}; // every row's version on the store side, +1 per applied page
        bench("pulled page: 1,024 CAS updates", 40, 1024, store, raw,
            () -> applyPage(store, version[0]++), () -> rawUpdate(raw, rawDataset, 1024), () -> { });
        bench("  same + the engine's merge read", 40, 1024, store, raw,
            () -> readAndApplyPage(store, version[0]++), () -> rawUpdate(raw, rawDataset, 1024), () -> { });
        bench("engine's single put, 1,024 records", 12, 2000, store, raw,
            () -> enginePuts(store, 2000), () -> rawSingles(raw, rawDataset, 2000), () -> { });
        clear(store, raw);
        bench("single-record write tx", 12, 2000, store, raw,
            () -> singles(store, 2000), () -> rawSingles(raw, rawDataset, 2000), () -> { });
      }
    }
    try (var files = Files.list(dir)) {
      for (Path p : files.collect(Collectors.toList())) {
        Files.delete(p);
      }
    }
    Files.delete(dir);
  }

  @FunctionalInterface
  private interface Op {
    void run() throws Exception;
  }

  /** Interleaves store and raw rounds; the first quarter is warm-up; prints the medians. */
  private static void bench(String name, int rounds, int records, SqliteLocalStore store, Connection raw,
      Op storeOp, Op rawOp, Op reset) throws Exception {
    int warmup = Math.max(2, rounds / 4);
    List<Double> storeRates = new ArrayList<>();
    List<Double> rawRates = new ArrayList<>();
    for (int i = 0; i < warmup + rounds; i++) {
      reset.run();
      long t0 = System.nanoTime();
      rawOp.run();
      long t1 = System.nanoTime();
      reset.run();
      long t2 = System.nanoTime();
      storeOp.run();
      long t3 = System.nanoTime();
      if (i >= warmup) {
        rawRates.add(records * 1e9 / (t1 - t0));
        storeRates.add(records * 1e9 / (t3 - t2));
      }
    }
    double s = median(storeRates);
    double r = median(rawRates);
    System.out.printf("%-34s %14.0f %14.0f %7.0f%%%n", name, s, r, 100 * s / r);
  }

  private static double median(List<Double> xs) {
    double[] a = xs.stream().mapToDouble(Double::doubleValue).toArray();
    Arrays.sort(a);
    return a[a.length / 2];
  }

  // ------------------------------------------------------------------------------------------ store side

  private static LocalRecord record(int i, String value) {
    return LocalRecord.builder(String.format("key-%06d", i)).value(value).dirty(true)
        .deviceLastModifiedDate(Instant.ofEpochSecond(0, NOW)).build();
  }

  private static void putAll(SqliteLocalStore store, int n) {
    List<RecordWrite> writes = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      writes.add(RecordWrite.unconditional(record(i, VALUE)));
    }
    store.write(tx -> tx.writeRecords(OWNER, DS, writes));
  }

  private static final List<String> PAGE_KEYS = new ArrayList<>(1024);

  static {
    for (int i = 0; i < 1024; i++) {
      PAGE_KEYS.add(String.format("key-%06d", i));
    }
  }

  /**
   * sync-core's write transaction for a pulled page ({@code SyncRun.applyPage}): the dataset row, the
   * page as compare-and-set writes (expected version = what the engine's merge read saw), the watermark,
   * and the pending count. Every row is at {@code version}.
   */
  private static void applyPage(SqliteLocalStore store, long version) {
    List<RecordWrite> writes = new ArrayList<>(1024);
    for (String key : PAGE_KEYS) {
      writes.add(RecordWrite.ifVersion(LocalRecord.builder(key).value(VALUE).baseValue(VALUE).syncCount(version)
          .dirty(false).lastModifiedDate(Instant.ofEpochSecond(0, NOW)).lastModifiedBy("server").build(), version));
    }
    store.write(tx -> {
      LocalDataset d = tx.dataset(OWNER, DS);
      if (!tx.writeRecords(OWNER, DS, writes).isEmpty()) {
        throw new IllegalStateException("CAS miss");
      }
      tx.putDataset(d.newBuilder().watermark(d.watermark() + 1).build());
      return tx.usage(OWNER, DS).dirtyRecordCount();
    });
  }

  /**
   * The whole page apply as the engine runs it: its merge read of the page's keys (a read transaction
   * before the write; the raw baseline does no read), then {@link #applyPage}'s write transaction.
   */
  private static void readAndApplyPage(SqliteLocalStore store, long version) {
    Map<String, LocalRecord> current = store.read(tx -> tx.records(OWNER, DS, PAGE_KEYS));
    for (LocalRecord r : current.values()) {
      if (r.version() != version) {
        throw new IllegalStateException("unexpected version " + r.version() + " of " + r.key());
      }
    }
    applyPage(store, version);
  }

  private static void singles(SqliteLocalStore store, int n) {
    for (int i = 0; i < n; i++) {
      RecordWrite w = RecordWrite.unconditional(record(i % 100, VALUE));
      store.write(tx -> tx.writeRecords(OWNER, DS, List.of(w)));
    }
  }

  /**
   * sync-core's write transaction for one {@code Dataset.put} ({@code DatasetCore.write}) on a dataset of
   * 1,024 records: the dataset row, the key's current record, the dataset's usage (limit check and pending
   * count), the write and the dataset row's modification date.
   */
  private static void enginePuts(SqliteLocalStore store, int n) {
    for (int i = 0; i < n; i++) {
      LocalRecord r = record(i % 1024, VALUE);
      RecordWrite w = RecordWrite.unconditional(r);
      store.write(tx -> {
        LocalDataset d = tx.dataset(OWNER, DS);
        tx.records(OWNER, DS, List.of(r.key()));
        tx.usage(OWNER, DS);
        tx.writeRecords(OWNER, DS, List.of(w));
        tx.putDataset(d.newBuilder().lastModifiedDate(Instant.ofEpochSecond(0, NOW)).build());
        return null;
      });
    }
  }

  private static void clear(SqliteLocalStore store, Connection raw) throws SQLException {
    store.write(tx -> {
      tx.deleteRecords(OWNER, DS, tx.records(OWNER, DS).stream().map(LocalRecord::key)
          .collect(Collectors.toList()));
      return null;
    });
    try (Statement s = raw.createStatement()) {
      s.execute("DELETE FROM records");
    }
  }

  // ------------------------------------------------------------------------------------------ raw side

  private static Connection rawConnection(Path file, Synchronous sync) throws SQLException {
    SQLiteConfig c = new SQLiteConfig();
    c.setBusyTimeout(30_000);
    c.setJournalMode(SQLiteConfig.JournalMode.WAL);
    c.setSynchronous(sync == Synchronous.FULL ? SQLiteConfig.SynchronousMode.FULL
        : SQLiteConfig.SynchronousMode.NORMAL);
    c.setTempStore(SQLiteConfig.TempStore.MEMORY);
    return c.createConnection("jdbc:sqlite:" + file);
  }

  private static long rawDataset(Connection raw) throws SQLException {
    try (Statement s = raw.createStatement()) {
      s.execute("INSERT INTO datasets (owner, name) VALUES ('" + OWNER + "', '" + DS + "')");
      try (ResultSet rs = s.executeQuery("SELECT id FROM datasets")) {
        rs.next();
        return rs.getLong(1);
      }
    }
  }

  private static final String INSERT = "INSERT INTO records (dataset_id, key, value, deleted, sync_count, base_value,"
      + " version, device_last_modified_date, last_modified_date, last_modified_by, dirty)"
      + " VALUES (?, ?, ?, 0, 0, NULL, 1, ?, NULL, NULL, 1)";

  private static void rawInsert(Connection raw, long dataset, int n) throws SQLException {
    try (Statement s = raw.createStatement(); PreparedStatement ps = raw.prepareStatement(INSERT)) {
      s.execute("BEGIN IMMEDIATE");
      for (int i = 0; i < n; i++) {
        ps.setLong(1, dataset);
        ps.setString(2, String.format("key-%06d", i));
        ps.setString(3, VALUE);
        ps.setLong(4, NOW);
        ps.addBatch();
      }
      ps.executeBatch();
      s.execute("COMMIT");
    }
  }

  private static void rawUpdate(Connection raw, long dataset, int n) throws SQLException {
    try (Statement s = raw.createStatement(); PreparedStatement ps = raw.prepareStatement(
        "UPDATE records SET value = ?, base_value = ?, sync_count = version, version = version + 1,"
            + " last_modified_date = ?, last_modified_by = 'server', dirty = 0 WHERE dataset_id = ? AND key = ?")) {
      s.execute("BEGIN IMMEDIATE");
      for (int i = 0; i < n; i++) {
        ps.setString(1, VALUE);
        ps.setString(2, VALUE);
        ps.setLong(3, NOW);
        ps.setLong(4, dataset);
        ps.setString(5, String.format("key-%06d", i));
        ps.addBatch();
      }
      ps.executeBatch();
      s.execute("UPDATE datasets SET watermark = watermark + 1");
      s.execute("COMMIT");
    }
  }

  private static void rawSingles(Connection raw, long dataset, int n) throws SQLException {
    try (PreparedStatement ps = raw.prepareStatement(INSERT
        + " ON CONFLICT (dataset_id, key) DO UPDATE SET value = excluded.value, version = version + 1")) {
      for (int i = 0; i < n; i++) { // autocommit: one transaction per row
        ps.setLong(1, dataset);
        ps.setString(2, String.format("key-%06d", i % 100));
        ps.setString(3, VALUE);
        ps.setLong(4, NOW);
        ps.executeUpdate();
      }
    }
  }
}
