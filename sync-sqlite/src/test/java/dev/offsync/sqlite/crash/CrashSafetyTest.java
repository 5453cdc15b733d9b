package dev.offsync.sqlite.crash;

import static dev.offsync.sqlite.crash.CrashChild.DS;
import static dev.offsync.sqlite.crash.CrashChild.OWNER;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import dev.offsync.spi.LocalDataset;
import dev.offsync.spi.LocalRecord;
import dev.offsync.spi.RecordPatch;
import dev.offsync.spi.RecordWrite;
import dev.offsync.sqlite.SqliteLocalStore;
import dev.offsync.testing.FakeRemoteStore;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Crash safety, for real: a child JVM writes through {@link SqliteLocalStore} and is killed with
 * {@code destroyForcibly()} (SIGKILL) while a write transaction is open. The reopened database must pass
 * {@code PRAGMA integrity_check}, keep every edit committed before the kill (by the parent and by the
 * killed child itself), show nothing of the open transaction, and then converge with the server.
 */
class CrashSafetyTest {
  private static final long TIMEOUT_SECONDS = 60;

  @TempDir Path dir;

  private final FakeRemoteStore server = new FakeRemoteStore().withLimits(20_000, 64L * 1024 * 1024, 20);

  // ------------------------------------------------------------------------------------------- scenarios

  @Test
  void killedInTheMiddleOfALargePutAll() throws Exception {
    Path db = dir.resolve("putall.db");
    Map<String, String> synced = new LinkedHashMap<>();
    for (int i = 0; i < 100; i++) {
      synced.put(String.format("page-%04d", i), "server-v1-" + i);
    }
    server.putDirect(OWNER, DS, synced);
    prepare(db, 1, synced, 1);

    Path wal = Paths.get(db + "-wal");
    runAndKill(db, "putAll", () -> assertThat(Files.size(wal))
        .as("uncommitted pages of the open putAll were spilled into the WAL before the kill")
        .isGreaterThan(1_000_000L));

    try (SqliteLocalStore store = reopen(db)) {
      store.read(tx -> {
        assertThat(tx.records(OWNER, DS)).noneMatch(r -> r.key().startsWith("bulk-"));
        assertThat(tx.dataset(OWNER, DS).watermark()).isEqualTo(1);
        return null;
      });
      assertCommittedStateIntact(store, synced, 1);
      assertConverges(store);
    }
  }

  @Test
  void killedInTheMiddleOfApplyingAPulledPage() throws Exception {
    Path db = dir.resolve("page.db");
    Map<String, String> v1 = new LinkedHashMap<>();
    Map<String, String> v2 = new LinkedHashMap<>();
    for (int i = 0; i < 1024; i++) {
      v1.put(String.format("page-%04d", i), "server-v1-" + i);
      v2.put(String.format("page-%04d", i), CrashChild.serverValue(i));
    }
    server.putDirect(OWNER, DS, v1);
    prepare(db, 1, v1, 1);
    server.putDirect(OWNER, DS, v2); // another device changed every record: the page to pull

    runAndKill(db, "page", () -> { });

    try (SqliteLocalStore store = reopen(db)) {
      // nothing of the page is visible: every row keeps its v1 value, version and sync count
      assertCommittedStateIntact(store, v1, 1);
      assertThat(store.read(tx -> tx.dataset(OWNER, DS)).watermark()).isEqualTo(1);
      assertConverges(store);
      assertThat(store.read(tx -> tx.record(OWNER, DS, "page-0007")).value()).isEqualTo(CrashChild.serverValue(7));
    }
  }

  @Test
  void killedInTheMiddleOfApplyingAPushAcknowledgement() throws Exception {
    Path db = dir.resolve("ack.db");
    prepare(db, 0, Map.of(), 0);
    List<RecordWrite> pushed = new ArrayList<>();
    List<RecordPatch> patches = new ArrayList<>();
    for (int i = 0; i < 300; i++) {
      String key = String.format("pushed-%03d", i);
      pushed.add(RecordWrite.unconditional(LocalRecord.builder(key).value("mine-" + i).dirty(true).build()));
      patches.add(RecordPatch.replace(key, "mine-" + i, 0, null));
    }
    try (SqliteLocalStore store = SqliteLocalStore.builder().file(db).build()) {
      store.write(tx -> tx.writeRecords(OWNER, DS, pushed));
    }
    // the server accepted the push; the device is killed while recording the acknowledgement
    String session = server.listRecords(OWNER, DS, 0, null, 1024, null).blockingGet().syncSessionToken();
    server.updateRecords(OWNER, DS, patches, session, "this-device").blockingGet();
    assertThat(server.datasetSyncCount(OWNER, DS)).isEqualTo(1);

    runAndKill(db, "ack", () -> { });

    try (SqliteLocalStore store = reopen(db)) {
      store.read(tx -> {
        List<LocalRecord> rows = tx.records(OWNER, DS).stream()
            .filter(r -> r.key().startsWith("pushed-")).collect(Collectors.toList());
        assertThat(rows).hasSize(300).allSatisfy(r -> {
          assertThat(r.isDirty()).as("acknowledgement not applied: still dirty").isTrue();
          assertThat(r.syncCount()).isZero();
          assertThat(r.version()).isEqualTo(1);
        });
        assertThat(tx.dataset(OWNER, DS).watermark()).isZero();
        return null;
      });
      assertLocalEditsCommitted(store);
      // the re-push conflicts (the server already has it), the pull finds equal values, all converge
      assertConverges(store);
    }
  }

  // ------------------------------------------------------------------------------------------- helpers

  /** Writes the dataset and its synced rows in the parent, then closes the store. */
  private static void prepare(Path db, long watermark, Map<String, String> syncedValues, long syncCount) {
    try (SqliteLocalStore store = SqliteLocalStore.builder().file(db).build()) {
      store.write(tx -> {
        tx.putDataset(LocalDataset.builder(OWNER, DS).watermark(watermark).build());
        List<RecordWrite> writes = new ArrayList<>();
        syncedValues.forEach((k, v) -> writes.add(RecordWrite.ifVersion(
            LocalRecord.builder(k).value(v).baseValue(v).syncCount(syncCount).dirty(false).build(),
            RecordWrite.ABSENT)));
        return tx.writeRecords(OWNER, DS, writes);
      });
    }
  }

  /**
   * Starts the child on {@code db}, waits (bounded) until it reports being inside its big transaction,
   * runs {@code atKill}, kills it with SIGKILL and waits for it to die.
   */
  private void runAndKill(Path db, String scenario, ThrowingRunnable atKill) throws Exception {
    Path stderr = dir.resolve(scenario + ".stderr");
    ProcessBuilder pb = new ProcessBuilder(
        Paths.get(System.getProperty("java.home"), "bin", "java").toString(),
        "-Xmx256m",
        "-cp", System.getProperty("java.class.path"),
        CrashChild.class.getName(), db.toString(), scenario)
        .redirectError(stderr.toFile());
    Process child = pb.start();
    BlockingQueue<String> lines = new LinkedBlockingQueue<>();
    Thread pump = new Thread(() -> {
      try (BufferedReader r = new BufferedReader(
          new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
        for (String line = r.readLine(); line != null; line = r.readLine()) {
          lines.add(line);
        }
      } catch (IOException ignored) {
        // the child died: the waits below report it
      }
      lines.add("<eof>");
    }, "crash-child-stdout");
    pump.setDaemon(true);
    pump.start();
    try {
      awaitLine(lines, CrashChild.COMMITTED, child, stderr);
      awaitLine(lines, CrashChild.INSIDE, child, stderr);
      atKill.run();
    } finally {
      child.destroyForcibly();
      assertThat(child.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)).as("child died").isTrue();
    }
    assertThat(child.exitValue()).as("killed by SIGKILL, not a normal exit").isEqualTo(137);
  }

  private static void awaitLine(BlockingQueue<String> lines, String expected, Process child, Path stderr)
      throws Exception {
    String line = lines.poll(TIMEOUT_SECONDS, TimeUnit.SECONDS);
    if (!expected.equals(line)) {
      child.destroyForcibly();
      fail("expected '" + expected + "' from the child, got '" + line + "'; stderr:\n"
          + (Files.exists(stderr) ? Files.readString(stderr) : ""));
    }
  }

  /** Integrity check on the raw file (this first connection also runs WAL recovery), then reopen. */
  private static SqliteLocalStore reopen(Path db) throws Exception {
    try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + db);
        Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("PRAGMA integrity_check")) {
      assertThat(rs.next()).isTrue();
      assertThat(rs.getString(1)).isEqualTo("ok");
      assertThat(rs.next()).isFalse();
    }
    return SqliteLocalStore.builder().file(db).build();
  }

  /** The parent's synced rows are exactly as committed, and the child's committed edits are all there. */
  private static void assertCommittedStateIntact(SqliteLocalStore store, Map<String, String> synced, long syncCount) {
    store.read(tx -> {
      Map<String, LocalRecord> rows = tx.records(OWNER, DS, synced.keySet());
      assertThat(rows).hasSize(synced.size());
      synced.forEach((k, v) -> {
        LocalRecord r = rows.get(k);
        assertThat(r.value()).as(k).isEqualTo(v);
        assertThat(r.syncCount()).isEqualTo(syncCount);
        assertThat(r.isDirty()).isFalse();
        assertThat(r.version()).isEqualTo(1);
      });
      return null;
    });
    assertLocalEditsCommitted(store);
  }

  private static void assertLocalEditsCommitted(SqliteLocalStore store) {
    List<LocalRecord> dirty = store.read(tx -> tx.dirtyRecords(OWNER, DS));
    Map<String, String> local = dirty.stream().filter(r -> r.key().startsWith("local-"))
        .collect(Collectors.toMap(LocalRecord::key, LocalRecord::value));
    Map<String, String> expected = new LinkedHashMap<>();
    for (int i = 0; i < CrashChild.LOCAL_EDITS; i++) {
      expected.put(CrashChild.localKey(i), CrashChild.localValue(i));
    }
    assertThat(local).as("edits the killed child committed").isEqualTo(expected);
  }

  /** A sync round trip leaves local and server equal: same live values, nothing dirty, same sync count. */
  private void assertConverges(SqliteLocalStore store) {
    StoreLevelSync.sync(store, server, OWNER, DS, 5);
    Map<String, String> local = store.read(tx -> tx.records(OWNER, DS)).stream()
        .filter(r -> !r.isDeleted())
        .collect(Collectors.toMap(LocalRecord::key, LocalRecord::value));
    assertThat(local).isEqualTo(server.serverValues(OWNER, DS));
    assertThat(local).containsKeys(CrashChild.localKey(0), CrashChild.localKey(CrashChild.LOCAL_EDITS - 1));
    List<LocalRecord> dirty = store.read(tx -> tx.dirtyRecords(OWNER, DS));
    assertThat(dirty).isEmpty();
    // pull once more so the watermark covers our own push
    StoreLevelSync.sync(store, server, OWNER, DS, 1);
    assertThat(store.read(tx -> tx.dataset(OWNER, DS)).watermark())
        .isEqualTo(server.datasetSyncCount(OWNER, DS));
  }

  @FunctionalInterface
  private interface ThrowingRunnable {
    void run() throws Exception;
  }
}
