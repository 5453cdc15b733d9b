package dev.offsync.sqlite.internal;

import dev.offsync.LocalStoreException;
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

  /**
   * Version 1 (offsync 0.1 development snapshots): datasets keyed by an integer id with UNIQUE(owner,
   * name), records keyed by (dataset_id, key) in a WITHOUT ROWID table, explicit {@code deleted} flag,
   * base sync count and base value, write counter ({@code version}), dirty flag. No index for the dirty
   * scan and no {@code last_synced_at} on datasets.
   */
  static final List<String> V1 =
      List.of(
          "CREATE TABLE datasets ("
              + " id INTEGER PRIMARY KEY,"
              + " owner TEXT NOT NULL,"
              + " name TEXT NOT NULL,"
              + " watermark INTEGER NOT NULL DEFAULT 0 CHECK (watermark >= 0),"
              + " deleted_locally INTEGER NOT NULL DEFAULT 0 CHECK (deleted_locally IN (0, 1)),"
              + " creation_date ANY,"
              + " last_modified_date ANY,"
              + " last_modified_by TEXT,"
              + " remote_storage_bytes INTEGER NOT NULL DEFAULT 0 CHECK (remote_storage_bytes >= 0),"
              + " remote_record_count INTEGER NOT NULL DEFAULT 0 CHECK (remote_record_count >= 0),"
              + " UNIQUE (owner, name)"
              + ") STRICT",
          "CREATE TABLE records ("
              + " dataset_id INTEGER NOT NULL,"
              + " key TEXT NOT NULL,"
              + " value TEXT,"
              + " deleted INTEGER NOT NULL CHECK (deleted IN (0, 1)),"
              + " sync_count INTEGER NOT NULL DEFAULT 0 CHECK (sync_count >= 0),"
              + " base_value TEXT,"
              + " version INTEGER NOT NULL CHECK (version >= 1),"
              + " device_last_modified_date ANY,"
              + " last_modified_date ANY,"
              + " last_modified_by TEXT,"
              + " dirty INTEGER NOT NULL CHECK (dirty IN (0, 1)),"
              + " PRIMARY KEY (dataset_id, key),"
              + " CHECK ((deleted = 1) = (value IS NULL))"
              + ") STRICT, WITHOUT ROWID");

  /**
   * Version 2: a partial index on dirty rows for the per-dataset dirty scan (the push path reads only
   * dirty rows, in key order, without touching clean ones), and {@code datasets.last_synced_at}.
   */
  static final List<String> V2 =
      List.of(
          "CREATE INDEX records_dirty ON records (dataset_id, key) WHERE dirty = 1",
          "ALTER TABLE datasets ADD COLUMN last_synced_at ANY");

  /**
   * Version 3: per-dataset usage counters on the dataset row, so {@code usage} reads one row instead of
   * aggregating every record of the dataset: live (not deleted) record count, UTF-8 bytes of key + value
   * of the live records, and dirty record count (tombstones included). The store maintains them in the
   * same transaction as every record change; this step computes them for the rows already there.
   */
  static final List<String> V3 =
      List.of(
          "ALTER TABLE datasets ADD COLUMN live_record_count INTEGER NOT NULL DEFAULT 0"
              + " CHECK (live_record_count >= 0)",
          "ALTER TABLE datasets ADD COLUMN live_bytes INTEGER NOT NULL DEFAULT 0 CHECK (live_bytes >= 0)",
          "ALTER TABLE datasets ADD COLUMN dirty_record_count INTEGER NOT NULL DEFAULT 0"
              + " CHECK (dirty_record_count >= 0)",
          "UPDATE datasets SET (live_record_count, live_bytes, dirty_record_count) = ("
              + "SELECT count(*) FILTER (WHERE deleted = 0),"
              + " coalesce(sum(octet_length(key) + octet_length(value)) FILTER (WHERE deleted = 0), 0),"
              + " count(*) FILTER (WHERE dirty = 1)"
              + " FROM records WHERE dataset_id = datasets.id)");

  /**
   * Version 4: deferred conflicts with their record. A row whose conflict the resolver deferred to the app
   * holds the remote record it conflicts with: {@code conflict_sync_count} (not {@code NULL} iff the row has
   * one), {@code conflict_value} ({@code NULL} = the remote side is a tombstone), and the remote record's
   * server date, writer and device date. A partial index on the rows that have one answers
   * {@code conflictedRecords} without scanning the dataset. Existing rows get no conflict (the columns
   * start {@code NULL}); nothing is rewritten.
   */
  static final List<String> V4 =
      List.of(
          "ALTER TABLE records ADD COLUMN conflict_sync_count INTEGER CHECK (conflict_sync_count >= 0)",
          "ALTER TABLE records ADD COLUMN conflict_value TEXT",
          "ALTER TABLE records ADD COLUMN conflict_last_modified_date ANY",
          "ALTER TABLE records ADD COLUMN conflict_last_modified_by TEXT",
          "ALTER TABLE records ADD COLUMN conflict_device_last_modified_date ANY",
          "CREATE INDEX records_conflicted ON records (dataset_id, key) WHERE conflict_sync_count IS NOT NULL");

  /** Every migration step, in order: {@code STEPS.get(i)} takes the database from version i to i + 1. */
  static final List<List<String>> STEPS = List.of(V1, V2, V3, V4);

  /** The schema version this code writes. */
  public static final int CURRENT_VERSION = STEPS.size();

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
          s.execute("PRAGMA user_version = " + (v + 1));
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
