package dev.offsync.sqlite.schema.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Android dialect runs on SQLite 3.18.0, the oldest SQLite an API 26 device ships (sqlite-jdbc 3.18.0 here;
 * Robolectric's native SQLite is newer and would not notice a 3.19+ feature): every migration step from an
 * empty file and from a v1 file with rows, and every statement of {@link Sql} and {@link PortableSql}, prepared
 * and run on the v4 schema. The modern dialect is shown to fail on the same engine, so the test can fail.
 */
class PortableDialectOnSqlite318Test {
  @TempDir Path dir;
  private Connection c;

  @BeforeEach
  void open() throws SQLException {
    c = DriverManager.getConnection("jdbc:sqlite:" + dir.resolve("portable.db"));
  }

  @org.junit.jupiter.api.AfterEach
  void close() throws SQLException {
    c.close();
  }

  @Test
  void theEngineIsSqlite318() throws SQLException {
    assertThat(scalar("SELECT sqlite_version()")).isEqualTo("3.18.0");
  }

  @Test
  void theModernDialectDoesNotRunOnSqlite318() {
    // STRICT tables (3.37), octet_length (3.43), FILTER (3.30), UPSERT (3.24), RETURNING (3.35), iif (3.32)
    assertThatThrownBy(() -> run(Dialect.MODERN.steps().get(0))).isInstanceOf(SQLException.class);
    for (String sql : List.of("SELECT octet_length('x')", "SELECT iif(1, 2, 3)",
        "SELECT count(*) FILTER (WHERE 1) FROM sqlite_master")) {
      assertThatThrownBy(() -> c.prepareStatement(sql).close()).as(sql).isInstanceOf(SQLException.class);
    }
  }

  @Test
  void everyMigrationStepRunsFromAnEmptyFile() throws SQLException {
    migrate(0);
    assertThat(scalar("PRAGMA user_version")).isEqualTo(String.valueOf(SchemaSteps.CURRENT_VERSION));
    assertThat(scalar("SELECT count(*) FROM sqlite_master WHERE type = 'index' AND name IN"
        + " ('records_dirty', 'records_conflicted')")).isEqualTo("2");
    assertThat(scalar("PRAGMA integrity_check")).isEqualTo("ok");
  }

  @Test
  void aV1FileWithRowsMigratesAndTheBackfilledCountersAreExact() throws SQLException {
    run(Dialect.PORTABLE.steps().get(0));
    try (Statement s = c.createStatement()) {
      s.execute(SchemaSteps.setUserVersion(1));
      s.execute("INSERT INTO datasets (id, owner, name, creation_date, last_modified_date)"
          + " VALUES (1, 'o', 'ds', 1000000000, '+1000000000-12-31T23:59:59.999999999Z')");
      s.execute("INSERT INTO records (dataset_id, key, value, deleted, version, dirty)"
          + " VALUES (1, 'k1', 'é€', 0, 1, 1), (1, 'k2', NULL, 1, 2, 1), (1, 'k3', '', 0, 1, 0)");
    }
    migrate(1);
    try (Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("SELECT live_record_count, live_bytes, dirty_record_count,"
            + " typeof(creation_date), typeof(last_modified_date) FROM datasets")) {
      assertThat(rs.next()).isTrue();
      assertThat(rs.getLong(1)).isEqualTo(2);
      assertThat(rs.getLong(2)).isEqualTo(2 + 5 + 2); // "k1" + "é€" (2 + 3 bytes) + "k3" + ""
      assertThat(rs.getLong(3)).isEqualTo(2);
      // no declared type: INTEGER and TEXT instants are kept as they were bound
      assertThat(rs.getString(4)).isEqualTo("integer");
      assertThat(rs.getString(5)).isEqualTo("text");
    }
    assertThat(scalar("SELECT count(*) FROM records WHERE conflict_sync_count IS NULL")).isEqualTo("3");
  }

  @Test
  void everySharedAndPortableStatementRunsOnTheV4Schema() throws Exception {
    migrate(0);
    try (Statement s = c.createStatement()) {
      s.execute("INSERT INTO datasets (id, owner, name) VALUES (1, 'o', 'ds')");
      s.execute("INSERT INTO records (dataset_id, key, value, deleted, version, dirty)"
          + " VALUES (1, 'k1', 'v', 0, 1, 1)");
    }
    Map<String, String> statements = new LinkedHashMap<>();
    statements.putAll(statementsOf(Sql.class));
    statements.putAll(statementsOf(PortableSql.class));
    assertThat(statements).containsKeys("Sql.RECORDS_IN[3]", "PortableSql.OLD_ROWS_IN[0]", "Sql.UPDATE_IF_VERSION",
        "PortableSql.UPDATE_DATASET");
    for (Map.Entry<String, String> e : statements.entrySet()) {
      c.setAutoCommit(false);
      try (PreparedStatement ps = c.prepareStatement(e.getValue())) {
        int n = ps.getParameterMetaData().getParameterCount();
        for (int i = 1; i <= n; i++) {
          ps.setNull(i, Types.NULL);
        }
        ps.execute();
      } catch (SQLException failure) {
        if (String.valueOf(failure.getMessage()).contains("constraint failed")) {
          continue; // compiled and ran: all-NULL parameters break a NOT NULL or CHECK constraint (finally rolls back)
        }
        throw new AssertionError(e.getKey() + " does not run on SQLite 3.18: " + failure.getMessage()
            + "\n" + e.getValue(), failure);
      } finally {
        c.rollback();
        c.setAutoCommit(true);
      }
    }
    // the ones that compute: contribution and UTF-8 length as the counters need them
    try (PreparedStatement ps = c.prepareStatement(PortableSql.OLD_ROWS_IN[0])) {
      ps.setLong(1, 1);
      ps.setString(2, "k1");
      try (ResultSet rs = ps.executeQuery()) {
        assertThat(rs.next()).isTrue();
        assertThat(rs.getLong(PortableSql.OLD_BYTES)).isEqualTo(3);
        assertThat(rs.getLong(PortableSql.OLD_LIVE)).isEqualTo(1);
      }
    }
    try (PreparedStatement ps = c.prepareStatement(PortableSql.UTF8_LENGTH)) {
      ps.setString(1, "k€🔑");
      try (ResultSet rs = ps.executeQuery()) {
        assertThat(rs.next()).isTrue();
        assertThat(rs.getLong(1)).isEqualTo(1 + 3 + 4);
      }
    }
  }

  /** Every static String and String[] constant of {@code type}, by name. */
  private static Map<String, String> statementsOf(Class<?> type) throws IllegalAccessException {
    Map<String, String> out = new LinkedHashMap<>();
    for (Field f : type.getDeclaredFields()) {
      if (!Modifier.isStatic(f.getModifiers())) {
        continue;
      }
      f.setAccessible(true);
      String name = type.getSimpleName() + "." + f.getName();
      if (f.getType() == String.class) {
        String sql = (String) f.get(null);
        if (sql.startsWith("SELECT") || sql.startsWith("INSERT") || sql.startsWith("UPDATE")
            || sql.startsWith("DELETE")) {
          out.put(name, sql);
        }
      } else if (f.getType() == String[].class) {
        String[] sql = (String[]) f.get(null);
        for (int i = 0; i < sql.length; i++) {
          out.put(name + "[" + i + "]", sql[i]);
        }
      }
    }
    return out;
  }

  private void migrate(int from) throws SQLException {
    List<List<String>> steps = Dialect.PORTABLE.steps();
    assertThat(steps).hasSize(SchemaSteps.CURRENT_VERSION);
    for (int v = from; v < steps.size(); v++) {
      c.setAutoCommit(false);
      List<String> step = new ArrayList<>(steps.get(v));
      step.add(SchemaSteps.setUserVersion(v + 1));
      try {
        run(step);
      } catch (SQLException e) {
        throw new AssertionError("step " + (v + 1) + " does not run on SQLite 3.18: " + e.getMessage(), e);
      }
      c.commit();
      c.setAutoCommit(true);
    }
  }

  private void run(List<String> sql) throws SQLException {
    try (Statement s = c.createStatement()) {
      for (String each : sql) {
        s.execute(each);
      }
    }
  }

  private String scalar(String sql) throws SQLException {
    try (Statement s = c.createStatement();
        ResultSet rs = s.executeQuery(sql)) {
      rs.next();
      return rs.getString(1);
    }
  }
}
