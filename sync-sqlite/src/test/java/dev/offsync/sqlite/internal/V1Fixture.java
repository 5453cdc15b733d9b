package dev.offsync.sqlite.internal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.List;

/**
 * Writes {@code src/test/resources/fixtures/offsync-v1.db}: a database as schema version 1 left it, with
 * synced rows, unsynced local edits (changed values, a new key, "" and a local delete), tombstones and
 * data of a pre-login local owner. {@link V1FixtureMigrationTest} opens the checked-in copy with the
 * current code and checks that every row, and every unsynced edit, is still there.
 *
 * <p>Regenerate (only if the fixture must change, with the v1 DDL unchanged), from {@code sync-sqlite/}:
 * {@code mvn -o -q test-compile org.codehaus.mojo:exec-maven-plugin:3.6.4:java -Dexec.classpathScope=test
 * -Dexec.mainClass=dev.offsync.sqlite.internal.V1Fixture}
 */
public final class V1Fixture {
  private V1Fixture() {}

  /** Classpath location of the checked-in fixture. */
  public static final String RESOURCE = "/fixtures/offsync-v1.db";

  static final String OWNER = "us-east-1:2a0c1f1e-0000-4000-8000-000000000001";
  static final String LOCAL_OWNER = "local:device-7f3a";

  /** One row of the fixture's records table, as v1 wrote it. */
  static final class Row {
    final String owner;
    final String dataset;
    final String key;
    final String value;
    final long syncCount;
    final String baseValue;
    final long version;
    final Instant device;
    final Instant server;
    final String by;
    final boolean dirty;

    Row(String owner, String dataset, String key, String value, long syncCount, String baseValue, long version,
        Instant device, Instant server, String by, boolean dirty) {
      this.owner = owner;
      this.dataset = dataset;
      this.key = key;
      this.value = value;
      this.syncCount = syncCount;
      this.baseValue = baseValue;
      this.version = version;
      this.device = device;
      this.server = server;
      this.by = by;
      this.dirty = dirty;
    }
  }

  private static final Instant T1 = Instant.parse("2024-03-01T10:00:00.123456789Z");
  private static final Instant T2 = Instant.parse("2024-03-02T11:30:00.5Z");

  /** Every record of the fixture; the dirty ones are the unsynced edits that must survive migration. */
  static final List<Row> ROWS = List.of(
      // synced, untouched
      new Row(OWNER, "settings", "theme", "dark", 3, "dark", 1, T1, T1, "device-a", false),
      new Row(OWNER, "settings", "font", "12", 4, "12", 2, T1, T1, "device-b", false),
      // synced then edited offline: dirty with its base
      new Row(OWNER, "settings", "lang", "fr", 2, "en", 3, T2, T1, "device-a", true),
      // created offline, never synced
      new Row(OWNER, "settings", "新しい", "値 ✓", 0, null, 1, T2, null, null, true),
      // edited to the empty string (not a delete)
      new Row(OWNER, "settings", "motto", "", 5, "carpe diem", 2, T2, T1, "device-a", true),
      // deleted offline: dirty tombstone keeping its base
      new Row(OWNER, "settings", "old", null, 5, "obsolete", 2, T2, T1, "device-a", true),
      // deleted on the server: clean tombstone
      new Row(OWNER, "settings", "gone", null, 6, null, 1, T1, T1, "device-b", false),
      new Row(OWNER, "scores", "level-1", "9000", 7, "9000", 1, T1, T1, "device-a", false),
      new Row(OWNER, "scores", "level-2", "9100", 7, "9000", 2, T2, T1, "device-a", true),
      // written before any login, under the local owner
      new Row(LOCAL_OWNER, "draft", "note", "buy milk", 0, null, 4, T2, null, null, true),
      new Row(LOCAL_OWNER, "draft", "🔑", "emoji key", 0, null, 1, T2, null, null, true));

  /** Datasets: owner, name, watermark, deleted_locally. */
  static final List<Object[]> DATASETS = List.of(
      new Object[] {OWNER, "settings", 6L, false},
      new Object[] {OWNER, "scores", 7L, false},
      new Object[] {OWNER, "trash", 2L, true},
      new Object[] {LOCAL_OWNER, "draft", 0L, false});

  /**
   * Writes the v1 fixture at {@code file} (replacing it) the way schema version 1 did.
   *
   * @param file the target
   * @throws SQLException on failure
   * @throws IOException on failure
   */
  public static void write(Path file) throws SQLException, IOException {
    Files.deleteIfExists(file);
    try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file.toAbsolutePath())) {
      try (Statement s = c.createStatement()) {
        s.execute("PRAGMA journal_mode = DELETE");
        s.execute("BEGIN IMMEDIATE");
        for (String ddl : Schema.V1) {
          s.execute(ddl);
        }
      }
      try (PreparedStatement ps = c.prepareStatement(
          "INSERT INTO datasets (owner, name, watermark, deleted_locally, creation_date, last_modified_date,"
              + " last_modified_by, remote_storage_bytes, remote_record_count) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
        for (Object[] d : DATASETS) {
          ps.setString(1, (String) d[0]);
          ps.setString(2, (String) d[1]);
          ps.setLong(3, (Long) d[2]);
          ps.setInt(4, (Boolean) d[3] ? 1 : 0);
          ps.setObject(5, Instants.encode(T1));
          ps.setObject(6, Instants.encode(T2));
          ps.setString(7, "device-a");
          ps.setLong(8, 100);
          ps.setLong(9, 2);
          ps.executeUpdate();
        }
      }
      try (PreparedStatement ps = c.prepareStatement(
          "INSERT INTO records (dataset_id, key, value, deleted, sync_count, base_value, version,"
              + " device_last_modified_date, last_modified_date, last_modified_by, dirty)"
              + " VALUES ((SELECT id FROM datasets WHERE owner = ? AND name = ?), ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
        for (Row r : ROWS) {
          ps.setString(1, r.owner);
          ps.setString(2, r.dataset);
          ps.setString(3, r.key);
          ps.setString(4, r.value);
          ps.setInt(5, r.value == null ? 1 : 0);
          ps.setLong(6, r.syncCount);
          ps.setString(7, r.baseValue);
          ps.setLong(8, r.version);
          ps.setObject(9, Instants.encode(r.device));
          ps.setObject(10, Instants.encode(r.server));
          ps.setString(11, r.by);
          ps.setInt(12, r.dirty ? 1 : 0);
          ps.executeUpdate();
        }
      }
      try (Statement s = c.createStatement()) {
        s.execute("PRAGMA user_version = 1");
        s.execute("COMMIT");
        s.execute("VACUUM");
      }
    }
  }

  /**
   * Regenerates the fixture.
   *
   * @param args the target file (default: the checked-in location, run from the module directory)
   * @throws Exception on failure
   */
  public static void main(String[] args) throws Exception {
    Path target = Paths.get(args.length > 0 ? args[0] : "src/test/resources/fixtures/offsync-v1.db");
    write(target);
    System.out.println("wrote " + target.toAbsolutePath() + " (" + Files.size(target) + " bytes)");
  }
}
