package dev.offsync.sqlite;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.offsync.LocalStoreException;
import dev.offsync.spi.LocalDataset;
import dev.offsync.spi.LocalRecord;
import dev.offsync.spi.RecordWrite;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** SqliteLocalStore beyond the shared contract: configuration, SQLite specifics, identity switching. */
class SqliteLocalStoreTest {
  private static final String A = "us-east-1:identity-a";
  private static final String B = "us-east-1:identity-b";

  @TempDir Path dir;

  private SqliteLocalStore open(String name) {
    return SqliteLocalStore.builder().file(dir.resolve(name)).build();
  }

  private static LocalRecord dirty(String key, String value) {
    return LocalRecord.builder(key).value(value).dirty(true).build();
  }

  private static Set<String> put(SqliteLocalStore store, String owner, String ds, LocalRecord... records) {
    List<RecordWrite> writes = new ArrayList<>();
    for (LocalRecord r : records) {
      writes.add(RecordWrite.unconditional(r));
    }
    return store.write(tx -> tx.writeRecords(owner, ds, writes));
  }

  private static void createDataset(SqliteLocalStore store, String owner, String name) {
    store.write(tx -> {
      tx.putDataset(LocalDataset.builder(owner, name).build());
      return null;
    });
  }

  // ------------------------------------------------------------------------------------ configuration

  @Test
  void configDefaultsAndCopies() {
    SqliteStoreConfig c = SqliteStoreConfig.builder().build();
    assertThat(c.isInMemory()).isTrue();
    assertThat(c.file()).isEmpty();
    assertThat(c.synchronous()).isEqualTo(Synchronous.NORMAL);
    assertThat(c.busyTimeout()).isEqualTo(SqliteStoreConfig.DEFAULT_BUSY_TIMEOUT);
    assertThat(c.readConnections()).isEqualTo(SqliteStoreConfig.DEFAULT_READ_CONNECTIONS);
    SqliteStoreConfig full = c.newBuilder().file(dir.resolve("x.db")).synchronous(Synchronous.FULL)
        .busyTimeout(Duration.ofMillis(250)).readConnections(3).build();
    assertThat(full.file()).contains(dir.resolve("x.db"));
    assertThat(full.newBuilder().build()).isEqualTo(full).hasSameHashCodeAs(full);
    assertThat(full).isNotEqualTo(c);
    assertThat(full.toString()).contains("FULL", "x.db");
    try (SqliteLocalStore store = SqliteLocalStore.builder().config(full).build()) {
      assertThat(store.config()).isEqualTo(full);
      assertThat(store.schemaVersionAtOpen()).isZero();
    }
  }

  @Test
  void buildersAreNullHostileAndCheckRanges() {
    SqliteStoreConfig.Builder b = SqliteStoreConfig.builder();
    assertThatThrownBy(() -> b.file(null)).isInstanceOf(NullPointerException.class).hasMessage("file == null");
    assertThatThrownBy(() -> b.synchronous(null)).hasMessage("synchronous == null");
    assertThatThrownBy(() -> b.busyTimeout(null)).hasMessage("busyTimeout == null");
    assertThatThrownBy(() -> b.busyTimeout(Duration.ofMillis(-1))).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> b.readConnections(0)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> SqliteLocalStore.open(null)).hasMessage("config == null");
    assertThatThrownBy(() -> SqliteLocalStore.builder().config(null)).hasMessage("config == null");
    try (SqliteLocalStore store = SqliteLocalStore.builder().build()) {
      assertThatThrownBy(() -> store.write(null)).isInstanceOf(NullPointerException.class)
          .hasMessage("work == null");
      createDataset(store, A, "d");
      AtomicReference<Throwable> thrown = new AtomicReference<>();
      store.write(tx -> {
        try {
          tx.record(A, "d", null);
        } catch (NullPointerException e) {
          thrown.set(e);
        }
        return null;
      });
      assertThat(thrown.get()).hasMessage("key == null");
    }
  }

  @Test
  void aNewFileIsInWalModeAtTheCurrentSchemaVersion() throws Exception {
    Path file = dir.resolve("new.db");
    try (SqliteLocalStore store = SqliteLocalStore.builder().file(file).build()) {
      createDataset(store, A, "d");
      try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file);
          Statement s = c.createStatement()) {
        ResultSet rs = s.executeQuery("PRAGMA journal_mode");
        assertThat(rs.next()).isTrue();
        assertThat(rs.getString(1)).isEqualTo("wal");
        rs = s.executeQuery("PRAGMA user_version");
        assertThat(rs.next()).isTrue();
        assertThat(rs.getInt(1)).isEqualTo(SqliteLocalStore.schemaVersion());
      }
    }
  }

  @Test
  void theInMemoryDatabaseLeavesNoFileBehind() throws Exception {
    long before;
    try (var files = Files.list(Path.of(System.getProperty("java.io.tmpdir")))) {
      before = files.count();
    }
    SqliteLocalStore store = SqliteLocalStore.builder().inMemory().build();
    createDataset(store, A, "d");
    put(store, A, "d", dirty("k", "v"));
    store.close();
    try (SqliteLocalStore other = SqliteLocalStore.builder().inMemory().build()) {
      List<LocalDataset> none = other.read(tx -> tx.datasets(A));
      assertThat(none).isEmpty();
    }
    Path shm = Path.of("/dev/shm");
    if (Files.isDirectory(shm)) {
      try (var files = Files.list(shm)) {
        assertThat(files.filter(p -> p.getFileName().toString().startsWith("offsync-memory-"))).isEmpty();
      }
    } else {
      try (var files = Files.list(Path.of(System.getProperty("java.io.tmpdir")))) {
        assertThat(files.count()).isEqualTo(before);
      }
    }
  }

  // ------------------------------------------------------------------------------------ SQLite specifics

  @Test
  void instantsRoundTripExactlyIncludingNanosAndExtremes() {
    try (SqliteLocalStore store = open("instants.db")) {
      createDataset(store, A, "d");
      List<Instant> instants = List.of(Instant.parse("2024-05-06T07:08:09.123456789Z"),
          Instant.ofEpochSecond(-1, 1), Instant.EPOCH, Instant.MIN, Instant.MAX,
          Instant.parse("2262-04-11T23:47:16.854775808Z"), Instant.parse("1677-09-21T00:12:43.145224191Z"));
      for (int i = 0; i < instants.size(); i++) {
        Instant t = instants.get(i);
        put(store, A, "d", LocalRecord.builder("k" + i).value("v").deviceLastModifiedDate(t)
            .lastModifiedDate(t).build());
        store.write(tx -> {
          tx.putDataset(LocalDataset.builder(A, "d").creationDate(t).lastModifiedDate(t).lastSyncedAt(t).build());
          return null;
        });
        LocalDataset d = store.read(tx -> tx.dataset(A, "d"));
        assertThat(d.creationDate()).isEqualTo(t);
        assertThat(d.lastSyncedAt()).isEqualTo(t);
        String key = "k" + i;
        LocalRecord r = store.read(tx -> tx.record(A, "d", key));
        assertThat(r.deviceLastModifiedDate()).isEqualTo(t);
        assertThat(r.lastModifiedDate()).isEqualTo(t);
      }
    }
  }

  @Test
  void keysAreOrderedAsJavaStringsEvenWhereUtf8OrderDiffers() {
    try (SqliteLocalStore store = open("order.db")) {
      createDataset(store, A, "d");
      // U+FF21 sorts after U+1F511 in UTF-8 bytes but before it in UTF-16 (Java) order
      put(store, A, "d", dirty("\uFF21", "1"), dirty("\uD83D\uDD11", "2"), dirty("a", "3"));
      List<LocalRecord> all = store.read(tx -> tx.records(A, "d"));
      assertThat(all).extracting(LocalRecord::key).containsExactly("a", "\uD83D\uDD11", "\uFF21");
      List<LocalRecord> dirty = store.read(tx -> tx.dirtyRecords(A, "d"));
      assertThat(dirty).extracting(LocalRecord::key).containsExactly("a", "\uD83D\uDD11", "\uFF21");
    }
  }

  @Test
  void aWriteWaitsForAnotherProcessHoldingTheWriteLockInsteadOfFailing() throws Exception {
    Path file = dir.resolve("busy.db");
    ExecutorService pool = Executors.newSingleThreadExecutor();
    try (SqliteLocalStore store = SqliteLocalStore.builder().file(file).build();
        Connection other = DriverManager.getConnection("jdbc:sqlite:" + file);
        Statement s = other.createStatement()) {
      createDataset(store, A, "d");
      s.execute("BEGIN IMMEDIATE"); // another process's writer, as a second app instance would be
      s.execute("UPDATE datasets SET watermark = 5");
      Future<Set<String>> write = pool.submit(() -> put(store, A, "d", dirty("k", "v")));
      assertThatThrownBy(() -> write.get(300, TimeUnit.MILLISECONDS)).isInstanceOf(TimeoutException.class);
      s.execute("COMMIT");
      assertThat(write.get(30, TimeUnit.SECONDS)).isEmpty();
      assertThat(store.read(tx -> tx.dataset(A, "d")).watermark()).isEqualTo(5);
      assertThat(store.read(tx -> tx.record(A, "d", "k")).value()).isEqualTo("v");
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void whenTheBusyTimeoutRunsOutTheErrorIsTyped() throws Exception {
    Path file = dir.resolve("busy0.db");
    try (SqliteLocalStore store = SqliteLocalStore.builder().file(file).busyTimeout(Duration.ZERO).build();
        Connection other = DriverManager.getConnection("jdbc:sqlite:" + file);
        Statement s = other.createStatement()) {
      createDataset(store, A, "d");
      s.execute("BEGIN IMMEDIATE");
      assertThatThrownBy(() -> put(store, A, "d", dirty("k", "v"))).isInstanceOf(LocalStoreException.class)
          .hasMessageContaining("begin");
      s.execute("ROLLBACK");
      assertThat(put(store, A, "d", dirty("k", "v"))).isEmpty();
    }
  }

  @Test
  void aStorageFailureSwallowedByTheWorkStillRollsBackTheWholeUnit() throws Exception {
    Path file = dir.resolve("poison.db");
    try (SqliteLocalStore store = SqliteLocalStore.builder().file(file).build()) {
      createDataset(store, A, "d");
      try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file);
          Statement s = c.createStatement()) {
        s.execute("CREATE TRIGGER poison BEFORE INSERT ON records WHEN NEW.key = 'poison'"
            + " BEGIN SELECT RAISE(ABORT, 'poisoned row'); END");
      }
      AtomicBoolean swallowed = new AtomicBoolean();
      assertThatThrownBy(() -> store.write(tx -> {
        tx.writeRecords(A, "d", List.of(RecordWrite.unconditional(dirty("good", "1"))));
        try {
          tx.writeRecords(A, "d", List.of(RecordWrite.unconditional(dirty("poison", "2"))));
        } catch (LocalStoreException e) {
          swallowed.set(e.getMessage().contains("poisoned row"));
        }
        return null;
      })).isInstanceOf(LocalStoreException.class).hasMessageContaining("rolled back");
      assertThat(swallowed).isTrue();
      LocalRecord good = store.read(tx -> tx.record(A, "d", "good"));
      assertThat(good).isNull();
      assertThat(put(store, A, "d", dirty("after", "ok"))).isEmpty();
    }
  }

  // ------------------------------------------------------------------------------------ identities

  /** Moves every dataset of {@code from} to {@code to}, the way the engine re-parents on login. */
  private static void switchIdentity(SqliteLocalStore store, String from, String to) {
    store.write(tx -> {
      for (LocalDataset d : tx.datasets(from)) {
        String target = tx.dataset(to, d.name()) == null ? d.name() : d.name() + "." + from;
        tx.moveDataset(from, d.name(), to, target);
      }
      return null;
    });
  }

  @Test
  void switchingIdentitiesBackAndForthKeepsAllData() {
    try (SqliteLocalStore store = open("identities.db")) {
      createDataset(store, A, "settings");
      createDataset(store, A, "scores");
      put(store, A, "settings", dirty("theme", "dark"));
      put(store, A, "scores", dirty("level", "3"));
      put(store, A, "scores", dirty("level", "4")); // version 2
      createDataset(store, B, "settings");
      put(store, B, "settings", dirty("theme", "light"));

      switchIdentity(store, A, B); // A -> B: "settings" collides, becomes "settings.<A>"
      switchIdentity(store, B, A); // B -> A: everything back under A
      switchIdentity(store, A, B); // A -> B again

      List<LocalDataset> leftUnderA = store.read(tx -> tx.datasets(A));
      assertThat(leftUnderA).isEmpty();
      List<LocalDataset> datasets = store.read(tx -> tx.datasets(B));
      assertThat(datasets).extracting(LocalDataset::name)
          .containsExactlyInAnyOrder("scores", "settings", "settings." + A);
      Map<String, String> values = new java.util.TreeMap<>();
      for (LocalDataset d : datasets) {
        for (LocalRecord r : store.read(tx -> tx.records(B, d.name()))) {
          values.put(d.name() + "/" + r.key(), r.value());
        }
      }
      assertThat(values).containsOnly(Map.entry("scores/level", "4"), Map.entry("settings/theme", "light"),
          Map.entry("settings." + A + "/theme", "dark"));
      assertThat(store.read(tx -> tx.record(B, "scores", "level")).version()).isEqualTo(2);
    }
  }
}
