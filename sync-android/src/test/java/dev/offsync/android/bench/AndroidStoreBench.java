package dev.offsync.android.bench;

import dev.offsync.android.AndroidSqliteLocalStore;
import dev.offsync.spi.LocalDataset;
import dev.offsync.spi.LocalRecord;
import dev.offsync.spi.LocalStore;
import dev.offsync.spi.RecordWrite;
import dev.offsync.sqlite.SqliteLocalStore;
import java.io.File;
import java.nio.file.Files;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.robolectric.RobolectricTestRunner;
import org.robolectric.RuntimeEnvironment;

/**
 * Bulk-speed benchmark of {@link AndroidSqliteLocalStore} (Robolectric's native SQLite) beside sync-sqlite's
 * {@link SqliteLocalStore} (sqlite-jdbc) in the same JVM, both on files, {@code synchronous=NORMAL}, WAL: a putAll
 * of 1,000 new records, and a pulled page (sync-core's write transaction for a page of 1,024 records, as
 * sync-sqlite's SqliteStoreBench does it: dataset, 1,024 compare-and-set writes, watermark, pending count).
 * Rounds interleaved (Android, then JVM), warm-up dropped, medians printed in ms per operation.
 *
 * <p>Not a test (its name matches no Surefire pattern, so the normal run skips it); run it with
 * {@code mvn -o -q -pl sync-android -am test -Dtest=AndroidStoreBench -Dsurefire.failIfNoSpecifiedTests=false}
 * and read {@code sync-android/target/surefire-reports/dev.offsync.android.bench.AndroidStoreBench-output.txt}.
 */
@RunWith(RobolectricTestRunner.class)
public class AndroidStoreBench {
  private static final String OWNER = "us-east-1:bench";
  private static final String DS = "bench";
  private static final String VALUE = "v".repeat(100);
  private static final Instant NOW = Instant.parse("2025-01-01T00:00:00Z");
  private static final List<String> PAGE_KEYS = new ArrayList<>(1024);

  static {
    for (int i = 0; i < 1024; i++) {
      PAGE_KEYS.add(String.format("key-%06d", i));
    }
  }

  interface Op {
    void run();
  }

  @Test
  public void bench() throws Exception {
    File dir = Files.createTempDirectory("offsync-android-bench").toFile();
    try (AndroidSqliteLocalStore android = AndroidSqliteLocalStore.builder(RuntimeEnvironment.getApplication())
            .databaseName("bench.db").build();
        SqliteLocalStore jvm = SqliteLocalStore.builder().file(new File(dir, "bench.db").toPath()).build()) {
      for (LocalStore s : List.of(android, jvm)) {
        s.write(tx -> {
          tx.putDataset(LocalDataset.builder(OWNER, DS).build());
          return null;
        });
      }
      System.out.println("AndroidStoreBench: synchronous=NORMAL, WAL, JDK " + System.getProperty("java.version") + ", "
          + Runtime.getRuntime().availableProcessors() + " cpus; ms per operation, medians");
      System.out.printf("%-36s %10s %10s %8s%n", "operation", "android", "jvm", "ratio");
      bench("putAll 1,000 new records (1 tx)", 40, s -> putAll(s, 1000), s -> clear(s), android, jvm);
      clear(android);
      clear(jvm);
      putAll(android, 1024); // every row at version 1
      putAll(jvm, 1024);
      long[] version = {1, 1};
      bench("pulled page: 1,024 CAS updates", 40, s -> applyPage(s, version[s == android ? 0 : 1]++), s -> { },
          android, jvm);
    }
    for (File f : dir.listFiles()) {
      f.delete();
    }
    dir.delete();
  }

  interface StoreOp {
    void run(LocalStore s);
  }

  private static void bench(String name, int rounds, StoreOp op, StoreOp reset, LocalStore android,
      LocalStore jvm) {
    int warmup = Math.max(2, rounds / 4);
    double[] a = new double[rounds];
    double[] j = new double[rounds];
    for (int i = 0; i < warmup + rounds; i++) {
      reset.run(android);
      long t0 = System.nanoTime();
      op.run(android);
      long t1 = System.nanoTime();
      reset.run(jvm);
      long t2 = System.nanoTime();
      op.run(jvm);
      long t3 = System.nanoTime();
      if (i >= warmup) {
        a[i - warmup] = (t1 - t0) / 1e6;
        j[i - warmup] = (t3 - t2) / 1e6;
      }
    }
    double ma = median(a);
    double mj = median(j);
    System.out.printf("%-36s %10.2f %10.2f %7.2fx%n", name, ma, mj, ma / mj);
  }

  private static double median(double[] xs) {
    double[] s = xs.clone();
    Arrays.sort(s);
    return s[s.length / 2];
  }

  private static void putAll(LocalStore store, int n) {
    List<RecordWrite> writes = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      writes.add(RecordWrite.unconditional(LocalRecord.builder(String.format("key-%06d", i)).value(VALUE)
          .dirty(true).deviceLastModifiedDate(NOW).build()));
    }
    store.write(tx -> tx.writeRecords(OWNER, DS, writes));
  }

  private static void clear(LocalStore store) {
    store.write(tx -> {
      tx.deleteDataset(OWNER, DS);
      tx.putDataset(LocalDataset.builder(OWNER, DS).build());
      return null;
    });
  }

  /** sync-core's write transaction for a pulled page, as SqliteStoreBench's "pulled page" row. */
  private static void applyPage(LocalStore store, long version) {
    List<RecordWrite> writes = new ArrayList<>(1024);
    for (String key : PAGE_KEYS) {
      writes.add(RecordWrite.ifVersion(LocalRecord.builder(key).value(VALUE).baseValue(VALUE).syncCount(version)
          .dirty(false).lastModifiedDate(NOW).lastModifiedBy("server").build(), version));
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
}
