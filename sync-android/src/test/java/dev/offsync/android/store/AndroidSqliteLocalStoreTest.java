package dev.offsync.android.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import android.content.Context;
import android.database.Cursor;
import android.database.sqlite.SQLiteDatabase;
import dev.offsync.LocalStoreException;
import dev.offsync.android.AndroidSqliteLocalStore;
import dev.offsync.android.AndroidSqliteStoreConfig;
import dev.offsync.android.Synchronous;
import dev.offsync.spi.DatasetUsage;
import dev.offsync.spi.LocalDataset;
import dev.offsync.spi.LocalRecord;
import dev.offsync.spi.RecordWrite;
import dev.offsync.sqlite.schema.internal.SchemaSteps;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.Collectors;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.robolectric.RobolectricTestRunner;
import org.robolectric.RuntimeEnvironment;

/** What the contract does not pin: WAL, counters vs a brute-force count, the v1 fixture, a newer file, closing. */
@RunWith(RobolectricTestRunner.class)
public class AndroidSqliteLocalStoreTest {
  private static final String ALICE = "us-east-1:alice";
  private final Context context = RuntimeEnvironment.getApplication();

  private AndroidSqliteLocalStore open(String name) {
    return AndroidSqliteLocalStore.builder(context).databaseName(name).build();
  }

  private SQLiteDatabase raw(String name) {
    return SQLiteDatabase.openDatabase(context.getDatabasePath(name).getPath(), null,
        SQLiteDatabase.OPEN_READONLY | SQLiteDatabase.NO_LOCALIZED_COLLATORS);
  }

  private static String scalar(SQLiteDatabase db, String sql) {
    try (Cursor c = db.rawQuery(sql, null)) {
      return c.moveToFirst() ? c.getString(0) : null;
    }
  }

  @Test
  public void theFileIsInWalModeAtTheCurrentVersion() {
    try (AndroidSqliteLocalStore store = open("wal.db")) {
      assertThat(store.schemaVersionAtOpen()).isZero();
      assertThat(AndroidSqliteLocalStore.schemaVersion()).isEqualTo(SchemaSteps.CURRENT_VERSION);
    }
    SQLiteDatabase db = raw("wal.db");
    assertThat(scalar(db, "PRAGMA journal_mode")).isEqualTo("wal");
    assertThat(scalar(db, "PRAGMA user_version")).isEqualTo(String.valueOf(SchemaSteps.CURRENT_VERSION));
    assertThat(scalar(db, "SELECT count(*) FROM sqlite_master WHERE name = 'android_metadata'")).isEqualTo("0");
    db.close();
    try (AndroidSqliteLocalStore again = open("wal.db")) {
      assertThat(again.schemaVersionAtOpen()).isEqualTo(SchemaSteps.CURRENT_VERSION);
    }
  }

  @Test
  public void configIsImmutableAndNewBuilderCopiesIt() {
    AndroidSqliteStoreConfig c = AndroidSqliteStoreConfig.builder(context).databaseName("x.db")
        .synchronous(Synchronous.FULL).readConnections(3).build();
    assertThat(c.newBuilder().build()).isEqualTo(c);
    assertThat(c.newBuilder().inMemory().build().isInMemory()).isTrue();
    assertThatThrownBy(() -> AndroidSqliteStoreConfig.builder(context).databaseName("a/b"))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> AndroidSqliteStoreConfig.builder(context).readConnections(0))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> AndroidSqliteLocalStore.builder(null)).hasMessage("context == null");
    try (AndroidSqliteLocalStore store = AndroidSqliteLocalStore.open(c)) {
      assertThat(store.config()).isEqualTo(c);
      assertThat(store.newBuilder().synchronous(Synchronous.NORMAL).build().config().synchronous())
          .isEqualTo(Synchronous.NORMAL);
    }
  }

  @Test
  public void buildingAStoreDoesNoIoUntilTheFirstUnitOfWork() {
    File file = context.getDatabasePath("lazy.db");
    AndroidSqliteLocalStore store = open("lazy.db");   // safe on the main thread: nothing opened
    assertThat(file).doesNotExist();
    store.write(tx -> {
      tx.putDataset(LocalDataset.builder(ALICE, "d").build());
      return null;
    });
    assertThat(file).exists();
    assertThat(store.schemaVersionAtOpen()).isZero();
    store.close();
    AndroidSqliteLocalStore never = open("never.db");
    never.close();
    assertThat(context.getDatabasePath("never.db")).doesNotExist();
    assertThatThrownBy(() -> never.read(tx -> null)).isInstanceOf(IllegalStateException.class);
  }

  @Test
  public void aNewerSchemaIsRefusedAndLeftUntouched() {
    File file = context.getDatabasePath("newer.db");
    file.getParentFile().mkdirs();
    SQLiteDatabase db = SQLiteDatabase.openOrCreateDatabase(file, null);
    db.execSQL("CREATE TABLE future (x)");
    db.execSQL("PRAGMA user_version = " + (SchemaSteps.CURRENT_VERSION + 1));
    db.close();
    AndroidSqliteLocalStore store = open("newer.db");   // no I/O yet
    assertThatThrownBy(() -> store.read(tx -> tx.datasets(ALICE))).isInstanceOf(LocalStoreException.class)
        .hasMessageContaining("schema version " + (SchemaSteps.CURRENT_VERSION + 1));
    assertThatThrownBy(() -> store.write(tx -> null)).isInstanceOf(LocalStoreException.class)
        .hasMessageContaining("schema version " + (SchemaSteps.CURRENT_VERSION + 1));
    store.close();
    SQLiteDatabase after = raw("newer.db");
    assertThat(scalar(after, "PRAGMA user_version")).isEqualTo(String.valueOf(SchemaSteps.CURRENT_VERSION + 1));
    assertThat(scalar(after, "PRAGMA journal_mode")).isNotEqualTo("wal");
    assertThat(scalar(after, "SELECT count(*) FROM sqlite_master WHERE name = 'records'")).isEqualTo("0");
    after.close();
  }

  @Test
  public void theV1FixtureMigratesAndEveryUnsyncedEditIsFound() throws IOException {
    File file = context.getDatabasePath("fixture-v1.db");
    file.getParentFile().mkdirs();
    SQLiteDatabase db = SQLiteDatabase.openOrCreateDatabase(file, null);
    for (String sql : fixtureStatements()) {
      db.execSQL(sql);
    }
    db.close();
    try (AndroidSqliteLocalStore store = open("fixture-v1.db")) {
      assertThat(store.schemaVersionAtOpen()).isEqualTo(1);
      List<LocalRecord> dirty = store.read(tx -> tx.dirtyRecords(ALICE, "settings"));
      assertThat(dirty).extracting(LocalRecord::key)
          .containsExactly("changed", "emptied", "fresh", "removed", "ключ");
      LocalRecord changed = store.read(tx -> tx.record(ALICE, "settings", "changed"));
      assertThat(changed.value()).isEqualTo("new");
      assertThat(changed.baseValue()).isEqualTo("old");
      assertThat(changed.syncCount()).isEqualTo(5);
      assertThat(changed.version()).isEqualTo(2);
      assertThat(changed.pendingConflict()).isNull();
      assertThat(store.read(tx -> tx.record(ALICE, "settings", "emptied")).value()).isEmpty();
      assertThat(store.read(tx -> tx.record(ALICE, "settings", "removed")).isDeleted()).isTrue();
      assertThat(store.read(tx -> tx.record(ALICE, "settings", "ключ")).deviceLastModifiedDate())
          .isEqualTo(Instant.MAX);
      assertThat(dirtyOf(store, "local", "draft")).extracting(LocalRecord::value)
          .containsExactly("offline");
      LocalDataset ds = store.read(tx -> tx.dataset(ALICE, "settings"));
      assertThat(ds.watermark()).isEqualTo(7);
      assertThat(ds.lastSyncedAt()).isNull();
      assertThat(recordsOf(store, ALICE, "settings")).hasSize(7);
      // the counters the v3 step computed equal the rows
      long bytes = "clean".length() + 1 + "changed".length() + 3 + "fresh".length() + "never synced".length()
          + "emptied".length() + utf8("ключ") + utf8("значение €🔑");
      assertThat(usageOf(store, ALICE, "settings")).isEqualTo(new DatasetUsage(5, bytes, 5));
      assertThat(usageOf(store, "local", "draft")).isEqualTo(new DatasetUsage(1, 4 + 7, 1));
      assertThat(usageOf(store, ALICE, "empty")).isEqualTo(new DatasetUsage(0, 0, 0));
      // versions continue and a migrated row takes a deferred conflict
      store.write(tx -> tx.writeRecords(ALICE, "settings", List.of(RecordWrite.ifVersion(
          changed.newBuilder().pendingConflict(dev.offsync.spi.RemoteRecord.builder("changed").syncCount(6)
              .build()).build(), 2))));
      LocalRecord after = store.read(tx -> tx.record(ALICE, "settings", "changed"));
      assertThat(after.version()).isEqualTo(3);
      assertThat(after.pendingConflict().isDeleted()).isTrue();
      assertThat(conflictedOf(store, ALICE, "settings")).hasSize(1);
    }
    SQLiteDatabase check = raw("fixture-v1.db");
    assertThat(scalar(check, "PRAGMA integrity_check")).isEqualTo("ok");
    assertThat(scalar(check, "PRAGMA user_version")).isEqualTo(String.valueOf(SchemaSteps.CURRENT_VERSION));
    assertThat(scalar(check, "SELECT count(*) FROM sqlite_master WHERE type = 'index'"
        + " AND name IN ('records_dirty', 'records_conflicted')")).isEqualTo("2");
    check.close();
  }

  private static long utf8(String s) {
    return s.getBytes(StandardCharsets.UTF_8).length;
  }

  private static List<String> fixtureStatements() throws IOException {
    try (InputStream in = AndroidSqliteLocalStoreTest.class.getResourceAsStream("/fixtures/offsync-android-v1.sql")) {
      String text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
      String noComments = text.lines().filter(l -> !l.startsWith("--")).collect(Collectors.joining("\n"));
      List<String> out = new ArrayList<>();
      for (String s : noComments.split(";\n")) {
        if (!s.isBlank()) {
          out.add(s.trim().replaceAll(";$", ""));
        }
      }
      return out;
    }
  }

  @Test
  public void countersEqualABruteForceCountAfterRandomOperationsAndRollbacks() {
    long seed = Long.getLong("usage.seed", System.nanoTime());
    Random random = new Random(seed);
    String[] datasets = {"a", "b", "c"};
    String[] values = {"", "x", "héllo", "€🔑", "\uD800lone", "tail\uDC00", "long-" + "v".repeat(300)};
    try (AndroidSqliteLocalStore store = open("counters.db")) {
      store.write(tx -> {
        for (String d : datasets) {
          tx.putDataset(LocalDataset.builder(ALICE, d).build());
        }
        return null;
      });
      for (int t = 0; t < 150; t++) {
        boolean rollback = random.nextInt(6) == 0;
        List<DatasetUsage> before = usages(store, datasets);
        try {
          store.write(tx -> {
            int ops = 1 + random.nextInt(4);
            for (int o = 0; o < ops; o++) {
              String d = datasets[random.nextInt(datasets.length)];
              int kind = random.nextInt(10);
              if (kind < 6) {
                int n = kind == 5 ? 500 + random.nextInt(700) : 1 + random.nextInt(5);
                List<RecordWrite> writes = new ArrayList<>();
                for (int i = 0; i < n; i++) {
                  String key = "k" + (n > 5 ? i : random.nextInt(20));
                  if (writes.stream().anyMatch(w -> w.record().key().equals(key))) {
                    continue;
                  }
                  LocalRecord r = random.nextInt(5) == 0 ? LocalRecord.builder(key).value(null).dirty(true).build()
                      : LocalRecord.builder(key).value(values[random.nextInt(values.length)])
                          .dirty(random.nextBoolean()).build();
                  int cas = random.nextInt(3);
                  writes.add(cas == 0 ? RecordWrite.unconditional(r) : cas == 1 ? RecordWrite.ifVersion(r, RecordWrite.ABSENT)
                      : RecordWrite.ifVersion(r, 1 + random.nextInt(3)));
                }
                tx.writeRecords(ALICE, d, writes);
              } else if (kind < 8) {
                List<String> keys = new ArrayList<>();
                for (int i = 0; i < 1 + random.nextInt(6); i++) {
                  keys.add("k" + random.nextInt(25));
                }
                tx.deleteRecords(ALICE, d, keys);
              } else if (kind == 8) {
                tx.deleteDataset(ALICE, d);
                tx.putDataset(LocalDataset.builder(ALICE, d).build());
              } else {
                tx.putDataset(LocalDataset.builder(ALICE, d).watermark(random.nextInt(100)).build());
              }
            }
            for (String d : datasets) {
              // records and dirty marks exactly; bytes after the commit, against SQLite's own aggregate
              DatasetUsage u = tx.usage(ALICE, d);
              DatasetUsage b = bruteForce(tx, d);
              assertThat(new long[] {u.liveRecordCount(), u.dirtyRecordCount()}).as("seed %d, inside tx", seed)
                  .containsExactly(b.liveRecordCount(), b.dirtyRecordCount());
            }
            if (rollback) {
              throw new IllegalStateException("roll back");
            }
            return null;
          });
        } catch (IllegalStateException expected) {
          assertThat(rollback).as("seed %d: %s", seed, expected.getMessage()).isTrue();
          assertThat(usages(store, datasets)).as("seed %d: rollback", seed).isEqualTo(before);
        }
        assertCountersEqualTheAggregate(seed, datasets.length);
      }
    }
  }

  /** Every dataset row's counters equal SQLite's own aggregate over the committed records. */
  private void assertCountersEqualTheAggregate(long seed, int datasets) {
    SQLiteDatabase db = raw("counters.db");
    try (Cursor c = db.rawQuery("SELECT d.live_record_count, d.live_bytes, d.dirty_record_count,"
        + " (SELECT count(*) FROM records WHERE dataset_id = d.id AND deleted = 0),"
        + " (SELECT coalesce(sum(length(CAST(key AS BLOB)) + length(CAST(value AS BLOB))), 0) FROM records"
        + " WHERE dataset_id = d.id AND deleted = 0),"
        + " (SELECT count(*) FROM records WHERE dataset_id = d.id AND dirty = 1) FROM datasets d", null)) {
      assertThat(c.getCount()).isEqualTo(datasets);
      while (c.moveToNext()) {
        assertThat(new long[] {c.getLong(0), c.getLong(1), c.getLong(2)}).as("seed %d", seed)
            .containsExactly(c.getLong(3), c.getLong(4), c.getLong(5));
      }
    }
    db.close();
  }

  private static List<LocalRecord> dirtyOf(AndroidSqliteLocalStore s, String owner, String d) {
    return s.read(tx -> tx.dirtyRecords(owner, d));
  }

  private static List<LocalRecord> conflictedOf(AndroidSqliteLocalStore s, String owner, String d) {
    return s.read(tx -> tx.conflictedRecords(owner, d));
  }

  private static List<LocalRecord> recordsOf(AndroidSqliteLocalStore s, String owner, String d) {
    return s.read(tx -> tx.records(owner, d));
  }

  private static DatasetUsage usageOf(AndroidSqliteLocalStore s, String owner, String d) {
    return s.read(tx -> tx.usage(owner, d));
  }

  private static List<DatasetUsage> usages(AndroidSqliteLocalStore store, String[] datasets) {
    List<DatasetUsage> out = new ArrayList<>();
    for (String d : datasets) {
      out.add(store.read(tx -> tx.usage(ALICE, d)));
    }
    return out;
  }

  /** Counted from the records; bytes as the platform stores them (a lone surrogate as SQLite converts it). */
  private static DatasetUsage bruteForce(dev.offsync.spi.LocalTransaction tx, String d) {
    long live = 0;
    long bytes = 0;
    long dirty = 0;
    for (LocalRecord r : tx.records(ALICE, d)) {
      if (!r.isDeleted()) {
        live++;
        bytes += storedLength(r.key()) + storedLength(r.value());
      }
      if (r.isDirty()) {
        dirty++;
      }
    }
    return new DatasetUsage(live, bytes, dirty);
  }

  private static long storedLength(String s) {
    return s.getBytes(StandardCharsets.UTF_8).length; // what the engine returns reads back as well-formed UTF-16
  }

  @Test
  public void closingIsIdempotentRefusesLaterUseAndDeletesAnInMemoryFile() {
    AndroidSqliteLocalStore store = AndroidSqliteLocalStore.builder(context).inMemory().build();
    store.write(tx -> {
      tx.putDataset(LocalDataset.builder(ALICE, "d").build());
      return null;
    });
    File[] before = context.getCacheDir().listFiles((dir, name) -> name.startsWith("offsync-memory-"));
    assertThat(before).isNotEmpty();
    store.close();
    store.close();
    assertThat(context.getCacheDir().listFiles((dir, name) -> name.startsWith("offsync-memory-"))).isEmpty();
    assertThatThrownBy(() -> store.read(tx -> tx.datasets(ALICE))).isInstanceOf(IllegalStateException.class);
    assertThatThrownBy(() -> store.write(tx -> null)).isInstanceOf(IllegalStateException.class);
  }
}
