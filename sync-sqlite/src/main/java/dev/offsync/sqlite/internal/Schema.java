package dev.offsync.sqlite.internal;

import dev.offsync.LocalStoreException;
import dev.offsync.sqlite.schema.internal.Dialect;
import dev.offsync.sqlite.schema.internal.SchemaSteps;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;

/**
 * The database schema and its {@code PRAGMA user_version} migrations.
 *
 * <p>Policy: a migration only adds (tables, columns, indexes) or rewrites data in place; it never drops
 * a table or a row. Each step runs in its own {@code BEGIN IMMEDIATE} transaction together with the
 * {@code user_version} bump, so a crash during a migration leaves the previous version intact. A file
 * whose {@code user_version} is newer than this code knows is refused, never touched.
 */
public final class Schema {
  private Schema() {}

  /** Version 1: see {@link SchemaSteps}; the modern dialect's DDL (STRICT tables) lives in sync-sqlite-schema. */
  static final List<String> V1 = SchemaSteps.MODERN_V1;

  /** Every migration step, in order: {@code STEPS.get(i)} takes the database from version i to i + 1. */
  static final List<List<String>> STEPS = Dialect.MODERN.steps();

  /** The schema version this code writes. */
  public static final int CURRENT_VERSION = SchemaSteps.CURRENT_VERSION;

  /**
   * Reads {@code PRAGMA user_version}.
   *
   * @param c the connection
   * @return the version; 0 for a new database
   * @throws SQLException on failure
   */
  public static int userVersion(Connection c) throws SQLException {
    try (Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("PRAGMA user_version")) {
      return rs.next() ? rs.getInt(1) : 0;
    }
  }

  /**
   * Fails if the database was written by a newer schema version than this code knows.
   *
   * @param c the connection
   * @throws LocalStoreException if it is newer, or its version cannot be read
   */
  public static void checkNotNewer(Connection c) {
    int found;
    try {
      found = userVersion(c);
    } catch (SQLException e) {
      throw new LocalStoreException("cannot read the schema version: " + e.getMessage(), e);
    }
    if (found > CURRENT_VERSION) {
      throw new LocalStoreException("the database has schema version " + found
          + ", newer than this offsync (" + CURRENT_VERSION + "); refusing to open it");
    }
  }

  /**
   * Brings the database up to {@code target}, one step per transaction.
   *
   * @param c a connection in auto-commit mode, not inside a transaction
   * @param target the version to reach, at most {@link #CURRENT_VERSION}
   * @return the version found before migrating
   * @throws LocalStoreException if the file is newer than this code, or a step fails (that step is
   *     rolled back; earlier steps stay committed)
   */
  public static int migrate(Connection c, int target) {
    if (target < 0 || target > CURRENT_VERSION) {
      throw new IllegalArgumentException("target out of range: " + target);
    }
    checkNotNewer(c);
    int found;
    try (Statement s = c.createStatement()) {
      found = userVersion(c);
      for (int v = found; v < target; v++) {
        s.execute("BEGIN IMMEDIATE");
        try {
          // re-check inside the write lock: another process may have migrated meanwhile
          if (userVersion(c) != v) {
            s.execute("ROLLBACK");
            v = userVersion(c) - 1;
            continue;
          }
          for (String ddl : STEPS.get(v)) {
            s.execute(ddl);
          }
          s.execute(SchemaSteps.setUserVersion(v + 1));
          s.execute("COMMIT");
        } catch (SQLException | RuntimeException e) {
          try {
            s.execute("ROLLBACK");
          } catch (SQLException rollback) {
            e.addSuppressed(rollback);
          }
          throw e;
        }
      }
    } catch (SQLException e) {
      throw new LocalStoreException("schema migration failed: " + e.getMessage(), e);
    }
    return found;
  }
}
