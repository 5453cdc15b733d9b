package dev.offsync.server.internal.store.postgres;

import dev.offsync.server.spi.StoreException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;

/**
 * Versioned schema of the PostgreSQL store, tracked in the one-row table {@code offsync_schema}. Same rules as the
 * SQLite store's migrations: they only ever add (tables, columns with defaults, indexes), never drop or rewrite data,
 * and each runs in one transaction together with its version bump. Several instances may start at once: the version
 * row is locked ({@code SELECT ... FOR UPDATE}) while a migration runs, so exactly one instance applies each step.
 *
 * <p>Every text column that is compared or ordered uses {@code COLLATE "C"} (byte order of UTF-8, which is code point
 * order), the order SQLite's {@code BINARY} collation gives, so paging by key or name is identical on both stores.
 */
public final class PostgresMigrations {

  /** Migration {@code i} brings the schema from version {@code i} to {@code i + 1}. */
  private static final List<String[]> MIGRATIONS =
      List.of(
          // v0 -> v1: the data model of SQLite's v1 + v2
          new String[] {
            "CREATE TABLE pools (pool_id TEXT COLLATE \"C\" NOT NULL PRIMARY KEY, created_ms BIGINT NOT NULL)",
            "CREATE TABLE pool_sync_sessions (pool_id TEXT COLLATE \"C\" NOT NULL, shard INTEGER NOT NULL,"
                + " sessions BIGINT NOT NULL, PRIMARY KEY (pool_id, shard))",
            "CREATE TABLE identities (pool_id TEXT COLLATE \"C\" NOT NULL, identity_id TEXT COLLATE \"C\" NOT NULL,"
                + " created_ms BIGINT NOT NULL, PRIMARY KEY (pool_id, identity_id))",
            "CREATE INDEX identities_by_id ON identities (identity_id)",
            "CREATE TABLE write_locks (pool_id TEXT COLLATE \"C\" NOT NULL, identity_id TEXT COLLATE \"C\" NOT NULL,"
                + " PRIMARY KEY (pool_id, identity_id))",
            "CREATE TABLE datasets (pool_id TEXT COLLATE \"C\" NOT NULL, identity_id TEXT COLLATE \"C\" NOT NULL,"
                + " name TEXT COLLATE \"C\" NOT NULL, live BOOLEAN NOT NULL, sync_count BIGINT NOT NULL,"
                + " deleted_at_sync_count BIGINT NOT NULL, created_ms BIGINT NOT NULL, modified_ms BIGINT NOT NULL,"
                + " modified_by TEXT, num_records BIGINT NOT NULL, data_storage BIGINT NOT NULL,"
                + " PRIMARY KEY (pool_id, identity_id, name))",
            "CREATE TABLE records (pool_id TEXT COLLATE \"C\" NOT NULL, identity_id TEXT COLLATE \"C\" NOT NULL,"
                + " dataset TEXT COLLATE \"C\" NOT NULL, key TEXT COLLATE \"C\" NOT NULL, value TEXT,"
                + " sync_count BIGINT NOT NULL, modified_ms BIGINT NOT NULL, modified_by TEXT,"
                + " device_modified_ms BIGINT, PRIMARY KEY (pool_id, identity_id, dataset, key))",
            "CREATE INDEX records_by_sync_count ON records (pool_id, identity_id, dataset, sync_count, key)",
            "CREATE TABLE pool_documents (pool_id TEXT COLLATE \"C\" NOT NULL, kind TEXT COLLATE \"C\" NOT NULL,"
                + " body TEXT NOT NULL, PRIMARY KEY (pool_id, kind))",
            "CREATE TABLE devices (pool_id TEXT COLLATE \"C\" NOT NULL, identity_id TEXT COLLATE \"C\" NOT NULL,"
                + " device_id TEXT COLLATE \"C\" NOT NULL, platform TEXT NOT NULL, token TEXT NOT NULL,"
                + " created_ms BIGINT NOT NULL, PRIMARY KEY (pool_id, identity_id, device_id))",
            "CREATE UNIQUE INDEX devices_by_token ON devices (pool_id, identity_id, platform, token)",
            "CREATE TABLE subscriptions (pool_id TEXT COLLATE \"C\" NOT NULL, identity_id TEXT COLLATE \"C\" NOT NULL,"
                + " dataset TEXT COLLATE \"C\" NOT NULL, device_id TEXT COLLATE \"C\" NOT NULL,"
                + " created_ms BIGINT NOT NULL, PRIMARY KEY (pool_id, identity_id, dataset, device_id))",
            "CREATE TABLE bulk_publish (pool_id TEXT COLLATE \"C\" NOT NULL PRIMARY KEY, status TEXT NOT NULL,"
                + " started_ms BIGINT, completed_ms BIGINT, failure_message TEXT)"
          },
          // v1 -> v2: state shared by several server instances on one database
          new String[] {
            "CREATE TABLE server_secrets (name TEXT COLLATE \"C\" NOT NULL PRIMARY KEY, secret BYTEA NOT NULL,"
                + " created_at TIMESTAMPTZ NOT NULL DEFAULT now())",
            "CREATE TABLE store_instances (instance_id TEXT COLLATE \"C\" NOT NULL PRIMARY KEY,"
                + " started_at TIMESTAMPTZ NOT NULL DEFAULT now(), heartbeat_at TIMESTAMPTZ NOT NULL DEFAULT now())",
            "ALTER TABLE bulk_publish ADD COLUMN owner_instance TEXT"
          },
          // v2 -> v3: the Cognito Streams outbox and the lease of the one instance that publishes it
          new String[] {
            "CREATE TABLE stream_outbox (pool_id TEXT COLLATE \"C\" NOT NULL, identity_id TEXT COLLATE \"C\" NOT NULL,"
                + " dataset TEXT COLLATE \"C\" NOT NULL, sync_count BIGINT NOT NULL, deletion INTEGER NOT NULL,"
                + " created_ms BIGINT NOT NULL, stream_name TEXT NOT NULL, line TEXT NOT NULL,"
                + " PRIMARY KEY (pool_id, identity_id, dataset, sync_count, deletion))",
            "CREATE INDEX stream_outbox_in_order ON stream_outbox"
                + " (created_ms, pool_id, identity_id, dataset, sync_count, deletion)",
            "CREATE TABLE stream_lease (id INTEGER NOT NULL PRIMARY KEY CHECK (id = 1), owner TEXT,"
                + " expires_ms BIGINT NOT NULL)",
            "INSERT INTO stream_lease (id, owner, expires_ms) VALUES (1, NULL, 0)"
          },
          // v3 -> v4: Cognito Identity logins linked to identities (one identity per login and pool; the primary key
          // makes two instances linking the same login at once agree: the loser's insert conflicts)
          new String[] {
            "CREATE TABLE identity_logins (pool_id TEXT COLLATE \"C\" NOT NULL, provider TEXT COLLATE \"C\" NOT NULL,"
                + " subject TEXT COLLATE \"C\" NOT NULL, identity_id TEXT COLLATE \"C\" NOT NULL,"
                + " created_ms BIGINT NOT NULL, PRIMARY KEY (pool_id, provider, subject))",
            "CREATE INDEX identity_logins_by_identity ON identity_logins (pool_id, identity_id, provider)"
          });

  /** The schema version this code writes. */
  public static final int CURRENT_VERSION = MIGRATIONS.size();

  private PostgresMigrations() {}

  /**
   * Brings the database up to {@link #CURRENT_VERSION} (or to {@code target}, for tests of older schemas).
   *
   * @param c an open connection; its auto-commit mode is restored afterwards
   * @param target the version to reach, at most {@link #CURRENT_VERSION}
   * @return the version found before migrating
   * @throws SQLException on a database error
   * @throws StoreException if the database is newer than this code
   */
  public static int migrate(Connection c, int target) throws SQLException {
    boolean autoCommit = c.getAutoCommit();
    try {
      c.setAutoCommit(true);
      try (Statement s = c.createStatement()) {
        s.execute(
            "CREATE TABLE IF NOT EXISTS offsync_schema (id INTEGER NOT NULL PRIMARY KEY CHECK (id = 1),"
                + " version INTEGER NOT NULL)");
      } catch (SQLException e) {
        // two instances creating the table at the same moment: the loser sees a duplicate; the table exists now
        if (!SqlStates.isConcurrentCreate(e)) {
          throw e;
        }
      }
      try (Statement s = c.createStatement()) {
        s.execute("INSERT INTO offsync_schema (id, version) VALUES (1, 0) ON CONFLICT (id) DO NOTHING");
      }
      int found = -1;
      c.setAutoCommit(false);
      for (int step = 0; ; step++) {
        int v;
        try (PreparedStatement ps = c.prepareStatement("SELECT version FROM offsync_schema WHERE id = 1 FOR UPDATE");
            ResultSet rs = ps.executeQuery()) {
          rs.next();
          v = rs.getInt(1);
        }
        if (found < 0) {
          found = v;
        }
        if (v > CURRENT_VERSION) {
          c.rollback();
          throw new StoreException(
              "database schema version " + v + " is newer than this server understands (" + CURRENT_VERSION
                  + "); refusing to open it");
        }
        if (v >= target) {
          c.commit();
          return found;
        }
        try (Statement s = c.createStatement()) {
          for (String sql : MIGRATIONS.get(v)) {
            s.execute(sql);
          }
          s.execute("UPDATE offsync_schema SET version = " + (v + 1) + " WHERE id = 1");
          c.commit();
        } catch (SQLException | RuntimeException e) {
          c.rollback();
          throw e;
        }
      }
    } finally {
      c.setAutoCommit(autoCommit);
    }
  }

  /**
   * The schema version of a database.
   *
   * @param c an open connection
   * @return the version, 0 for an empty database
   * @throws SQLException on a database error
   */
  public static int version(Connection c) throws SQLException {
    try (Statement s = c.createStatement()) {
      try (ResultSet rs = s.executeQuery("SELECT to_regclass('offsync_schema') IS NOT NULL")) {
        rs.next();
        if (!rs.getBoolean(1)) {
          return 0;
        }
      }
      try (ResultSet rs = s.executeQuery("SELECT version FROM offsync_schema WHERE id = 1")) {
        return rs.next() ? rs.getInt(1) : 0;
      }
    }
  }
}
