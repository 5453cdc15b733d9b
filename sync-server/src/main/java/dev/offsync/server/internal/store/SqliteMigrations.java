package dev.offsync.server.internal.store;

import dev.offsync.server.spi.StoreException;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;

/**
 * Versioned schema of the SQLite store, tracked in {@code PRAGMA user_version}. Migrations only ever add: tables,
 * columns with defaults, indexes. They never drop or rewrite data. Each migration runs in its own transaction together
 * with the version bump, so a crash leaves the database at a well-defined version.
 */
final class SqliteMigrations {

  /** Migration {@code i} brings the schema from version {@code i} to {@code i + 1}. */
  static final List<String[]> MIGRATIONS =
      List.of(
          // v0 -> v1: identities, datasets, records
          new String[] {
            "CREATE TABLE pools (pool_id TEXT NOT NULL PRIMARY KEY, created_ms INTEGER NOT NULL)",
            "CREATE TABLE identities (pool_id TEXT NOT NULL, identity_id TEXT NOT NULL,"
                + " created_ms INTEGER NOT NULL, PRIMARY KEY (pool_id, identity_id)) WITHOUT ROWID",
            "CREATE TABLE datasets (pool_id TEXT NOT NULL, identity_id TEXT NOT NULL, name TEXT NOT NULL,"
                + " live INTEGER NOT NULL, sync_count INTEGER NOT NULL, deleted_at_sync_count INTEGER NOT NULL,"
                + " created_ms INTEGER NOT NULL, modified_ms INTEGER NOT NULL, modified_by TEXT,"
                + " num_records INTEGER NOT NULL, data_storage INTEGER NOT NULL,"
                + " PRIMARY KEY (pool_id, identity_id, name)) WITHOUT ROWID",
            "CREATE TABLE records (pool_id TEXT NOT NULL, identity_id TEXT NOT NULL, dataset TEXT NOT NULL,"
                + " key TEXT NOT NULL, value TEXT, sync_count INTEGER NOT NULL, modified_ms INTEGER NOT NULL,"
                + " modified_by TEXT, device_modified_ms INTEGER,"
                + " PRIMARY KEY (pool_id, identity_id, dataset, key)) WITHOUT ROWID",
            "CREATE INDEX records_by_sync_count ON records (pool_id, identity_id, dataset, sync_count, key)"
          },
          // v1 -> v2: pool statistics and configuration, push sync, bulk publish
          new String[] {
            "ALTER TABLE pools ADD COLUMN sync_sessions INTEGER NOT NULL DEFAULT 0",
            "CREATE TABLE pool_documents (pool_id TEXT NOT NULL, kind TEXT NOT NULL, body TEXT NOT NULL,"
                + " PRIMARY KEY (pool_id, kind)) WITHOUT ROWID",
            "CREATE TABLE devices (pool_id TEXT NOT NULL, identity_id TEXT NOT NULL, device_id TEXT NOT NULL,"
                + " platform TEXT NOT NULL, token TEXT NOT NULL, created_ms INTEGER NOT NULL,"
                + " PRIMARY KEY (pool_id, identity_id, device_id)) WITHOUT ROWID",
            "CREATE UNIQUE INDEX devices_by_token ON devices (pool_id, identity_id, platform, token)",
            "CREATE TABLE subscriptions (pool_id TEXT NOT NULL, identity_id TEXT NOT NULL, dataset TEXT NOT NULL,"
                + " device_id TEXT NOT NULL, created_ms INTEGER NOT NULL,"
                + " PRIMARY KEY (pool_id, identity_id, dataset, device_id)) WITHOUT ROWID",
            "CREATE INDEX identities_by_id ON identities (identity_id)",
            "CREATE TABLE bulk_publish (pool_id TEXT NOT NULL PRIMARY KEY, status TEXT NOT NULL,"
                + " started_ms INTEGER, completed_ms INTEGER, failure_message TEXT)"
          },
          // v2 -> v3: the Cognito Streams outbox and the lease of the one instance that publishes it
          new String[] {
            "CREATE TABLE stream_outbox (pool_id TEXT NOT NULL, identity_id TEXT NOT NULL, dataset TEXT NOT NULL,"
                + " sync_count INTEGER NOT NULL, deletion INTEGER NOT NULL, created_ms INTEGER NOT NULL,"
                + " stream_name TEXT NOT NULL, line TEXT NOT NULL,"
                + " PRIMARY KEY (pool_id, identity_id, dataset, sync_count, deletion))",
            "CREATE INDEX stream_outbox_in_order ON stream_outbox"
                + " (created_ms, pool_id, identity_id, dataset, sync_count, deletion)",
            "CREATE TABLE stream_lease (id INTEGER NOT NULL PRIMARY KEY CHECK (id = 1), owner TEXT,"
                + " expires_ms INTEGER NOT NULL)",
            "INSERT INTO stream_lease (id, owner, expires_ms) VALUES (1, NULL, 0)"
          },
          // v3 -> v4: Cognito Identity logins linked to identities (one identity per login and pool)
          new String[] {
            "CREATE TABLE identity_logins (pool_id TEXT NOT NULL, provider TEXT NOT NULL, subject TEXT NOT NULL,"
                + " identity_id TEXT NOT NULL, created_ms INTEGER NOT NULL,"
                + " PRIMARY KEY (pool_id, provider, subject)) WITHOUT ROWID",
            "CREATE INDEX identity_logins_by_identity ON identity_logins (pool_id, identity_id, provider)"
          });

  /** The schema version this code writes. */
  static final int CURRENT_VERSION = MIGRATIONS.size();

  private SqliteMigrations() {}

  /**
   * Brings the database up to {@link #CURRENT_VERSION}.
   *
   * @param c an open connection in auto-commit mode
   * @return the version found before migrating
   */
  static int migrate(Connection c) throws SQLException {
    return migrate(c, CURRENT_VERSION);
  }

  /**
   * Brings the database up to {@code target} (tests build older schemas with it).
   *
   * @param c an open connection in auto-commit mode
   * @param target the version to reach, at most {@link #CURRENT_VERSION}
   * @return the version found before migrating
   */
  static int migrate(Connection c, int target) throws SQLException {
    if (target < 0 || target > CURRENT_VERSION) {
      throw new IllegalArgumentException("no schema version " + target);
    }
    int found = version(c);
    if (found > CURRENT_VERSION) {
      throw new StoreException(
          "database schema version "
              + found
              + " is newer than this server understands ("
              + CURRENT_VERSION
              + "); refusing to open it");
    }
    for (int v = found; v < target; v++) {
      try (Statement s = c.createStatement()) {
        s.execute("BEGIN IMMEDIATE");
        try {
          if (version(c) == v) {
            for (String sql : MIGRATIONS.get(v)) {
              s.execute(sql);
            }
            s.execute("PRAGMA user_version = " + (v + 1));
          }
          s.execute("COMMIT");
        } catch (SQLException | RuntimeException e) {
          s.execute("ROLLBACK");
          throw e;
        }
      }
    }
    return found;
  }

  static int version(Connection c) throws SQLException {
    try (Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("PRAGMA user_version")) {
      return rs.next() ? rs.getInt(1) : 0;
    }
  }
}
