package dev.offsync.sqlite.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.offsync.LocalStoreException;
import dev.offsync.spi.DatasetUsage;
import dev.offsync.spi.LocalDataset;
import dev.offsync.spi.LocalRecord;
import dev.offsync.spi.RecordWrite;
import dev.offsync.spi.RemoteRecord;
import dev.offsync.sqlite.SqliteLocalStore;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Opening a database written by schema version 1 (the checked-in fixture) migrates it without losing a row. */
class V1FixtureMigrationTest {
  @TempDir Path dir;

  private Path copyFixture() throws Exception {
    Path db = dir.resolve("from-v1.db");
    try (InputStream in = V1FixtureMigrationTest.class.getResourceAsStream(V1Fixture.RESOURCE)) {
      assertThat(in).as("fixture " + V1Fixture.RESOURCE).isNotNull();
      Files.copy(in, db);
    }
    return db;
  }

  private static String scalar(Path db, String sql) throws SQLException {
    try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + db);
        Statement s = c.createStatement();
        ResultSet rs = s.executeQuery(sql)) {
      return rs.next() ? rs.getString(1) : null;
    }
  }

  private static long utf8(String s) {
    return s.getBytes(java.nio.charset.StandardCharsets.UTF_8).length;
  }

  private static LocalRecord expected(V1Fixture.Row r) {
    return LocalRecord.builder(r.key).value(r.value).syncCount(r.syncCount).baseValue(r.baseValue)
        .version(r.version).deviceLastModifiedDate(r.device).lastModifiedDate(r.server).lastModifiedBy(r.by)
        .dirty(r.dirty).build();
  }

  @Test
  void theFixtureIsAVersion1DatabaseWithoutTheDirtyIndex() throws Exception {
    Path db = copyFixture();
    assertThat(scalar(db, "PRAGMA user_version")).isEqualTo("1");
    assertThat(scalar(db, "SELECT count(*) FROM sqlite_master WHERE name = 'records_dirty'")).isEqualTo("0");
    assertThat(scalar(db, "SELECT count(*) FROM records WHERE dirty = 1"))
        .isEqualTo(Long.toString(V1Fixture.ROWS.stream().filter(r -> r.dirty).count()));
  }

  @Test
  void migrationKeepsEveryRowAndFindsEveryUnsyncedEdit() throws Exception {
    Path db = copyFixture();
    try (SqliteLocalStore store = SqliteLocalStore.builder().file(db).build()) {
      assertThat(store.schemaVersionAtOpen()).isEqualTo(1);
      store.read(tx -> {
        Map<String, List<V1Fixture.Row>> byDataset = V1Fixture.ROWS.stream()
            .collect(Collectors.groupingBy(r -> r.owner + "/" + r.dataset));
        for (List<V1Fixture.Row> rows : byDataset.values()) {
          String owner = rows.get(0).owner;
          String ds = rows.get(0).dataset;
          List<LocalRecord> all = rows.stream().map(V1FixtureMigrationTest::expected)
              .sorted((a, b) -> a.key().compareTo(b.key())).collect(Collectors.toList());
          assertThat(tx.records(owner, ds)).as(owner + "/" + ds).containsExactlyElementsOf(all);
          // every unsynced edit, found by the new dirty index
          assertThat(tx.dirtyRecords(owner, ds)).as("dirty " + owner + "/" + ds)
              .containsExactlyElementsOf(all.stream().filter(LocalRecord::isDirty).collect(Collectors.toList()));
          // v4: no row had a deferred conflict before
          assertThat(tx.conflictedRecords(owner, ds)).as("conflicted " + owner + "/" + ds).isEmpty();
        }
        for (Object[] d : V1Fixture.DATASETS) {
          LocalDataset row = tx.dataset((String) d[0], (String) d[1]);
          assertThat(row).isNotNull();
          assertThat(row.watermark()).isEqualTo((Long) d[2]);
          assertThat(row.isDeletedLocally()).isEqualTo((Boolean) d[3]);
          assertThat(row.lastSyncedAt()).as("column added by v2").isNull();
          assertThat(row.remoteStorageBytes()).isEqualTo(100);
          // usage counters added by v3, computed by the migration from the v1 rows
          List<V1Fixture.Row> rows = V1Fixture.ROWS.stream()
              .filter(r -> r.owner.equals(d[0]) && r.dataset.equals(d[1])).collect(Collectors.toList());
          long live = rows.stream().filter(r -> r.value != null).count();
          long bytes = rows.stream().filter(r -> r.value != null)
              .mapToLong(r -> utf8(r.key) + utf8(r.value)).sum();
          long dirty = rows.stream().filter(r -> r.dirty).count();
          assertThat(tx.usage((String) d[0], (String) d[1])).as("usage of " + d[0] + "/" + d[1])
              .isEqualTo(new DatasetUsage(live, bytes, dirty));
        }
        assertThat(tx.record(V1Fixture.OWNER, "settings", "motto").value()).isEqualTo("");
        assertThat(tx.record(V1Fixture.OWNER, "settings", "old").isDeleted()).isTrue();
        assertThat(tx.record(V1Fixture.OWNER, "settings", "old").baseValue()).isEqualTo("obsolete");
        return null;
      });
      // versions continue: a CAS on a migrated row works against its v1 version
      java.util.Set<String> skipped = store.write(tx -> tx.writeRecords(V1Fixture.OWNER, "settings", List.of(
          RecordWrite.ifVersion(LocalRecord.builder("lang").value("de").dirty(true).syncCount(2).build(), 3))));
      assertThat(skipped).isEmpty();
      // a migrated row can hold a deferred conflict (v4 columns), tombstone remote side included
      RemoteRecord removed = RemoteRecord.builder("lang").value(null).syncCount(9).lastModifiedBy("other").build();
      store.write(tx -> tx.writeRecords(V1Fixture.OWNER, "settings", List.of(RecordWrite.ifVersion(
          tx.record(V1Fixture.OWNER, "settings", "lang").newBuilder().pendingConflict(removed).build(), 4))));
      List<LocalRecord> conflicted = store.read(tx -> tx.conflictedRecords(V1Fixture.OWNER, "settings"));
      assertThat(conflicted).extracting(LocalRecord::key).containsExactly("lang");
      assertThat(conflicted.get(0).pendingConflict()).isEqualTo(removed);
    }
    assertThat(scalar(db, "PRAGMA user_version")).isEqualTo(Integer.toString(Schema.CURRENT_VERSION));
    assertThat(scalar(db, "SELECT count(*) FROM sqlite_master WHERE name = 'records_conflicted'")).isEqualTo("1");
    assertThat(scalar(db, "SELECT count(*) FROM sqlite_master WHERE name = 'records_dirty'")).isEqualTo("1");
    assertThat(scalar(db, "PRAGMA integrity_check")).isEqualTo("ok");
    assertThat(QueryPlanTest.plan(db, SqliteTransaction.DIRTY_RECORDS)).contains("records_dirty");
    // the counters after migrating and one more write equal the aggregate over every record
    UsageCountersTest.assertCountersExact(db, "after migrating the v1 fixture");
    // reopening a current database migrates nothing
    try (SqliteLocalStore again = SqliteLocalStore.builder().file(db).build()) {
      assertThat(again.schemaVersionAtOpen()).isEqualTo(Schema.CURRENT_VERSION);
      String lang = again.read(tx -> tx.record(V1Fixture.OWNER, "settings", "lang").value());
      assertThat(lang).isEqualTo("de");
    }
  }

  @Test
  void theCheckedInFixtureIsWhatTheGeneratorWrites() throws Exception {
    Path regenerated = dir.resolve("regenerated.db");
    V1Fixture.write(regenerated);
    Path fixture = copyFixture();
    for (String table : List.of("datasets", "records")) {
      assertThat(dump(fixture, table)).as(table).isEqualTo(dump(regenerated, table));
    }
    assertThat(dump(fixture, "sqlite_master")).isEqualTo(dump(regenerated, "sqlite_master"));
  }

  @Test
  void aDatabaseFromANewerVersionIsRefusedAndLeftUntouched() throws Exception {
    Path db = copyFixture();
    try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + db);
        Statement s = c.createStatement()) {
      s.execute("PRAGMA user_version = " + (Schema.CURRENT_VERSION + 1));
    }
    byte[] before = Files.readAllBytes(db);
    assertThatThrownBy(() -> SqliteLocalStore.builder().file(db).build())
        .isInstanceOf(LocalStoreException.class)
        .hasMessageContaining("newer");
    assertThat(Files.readAllBytes(db)).isEqualTo(before);
    assertThat(scalar(db, "SELECT count(*) FROM records")).isEqualTo(Integer.toString(V1Fixture.ROWS.size()));
  }

  private static List<String> dump(Path db, String table) throws SQLException {
    List<String> rows = new ArrayList<>();
    try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + db);
        Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("SELECT * FROM " + table + " ORDER BY 1, 2, 3")) {
      ResultSetMetaData md = rs.getMetaData();
      while (rs.next()) {
        StringBuilder sb = new StringBuilder();
        for (int i = 1; i <= md.getColumnCount(); i++) {
          sb.append(md.getColumnName(i)).append('=').append(rs.getString(i)).append(';');
        }
        rows.add(sb.toString());
      }
    }
    return rows;
  }
}
