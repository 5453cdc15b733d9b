package dev.offsync.server.bench;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The raw JDBC baseline on PostgreSQL: the same transactions the PostgreSQL store runs for UpdateRecords and
 * ListRecords (same statements, same isolation, same per-identity lock), on one dedicated connection per client with
 * statements prepared once: no HTTP, no JSON, no SigV4, no pool, no SPI.
 */
final class PostgresRawWorkloads {
  private PostgresRawWorkloads() {}

  private static Connection connect(String url, String user, String password, String characteristics)
      throws SQLException {
    Connection c = DriverManager.getConnection(url, user, password);
    try (Statement s = c.createStatement()) {
      s.execute("SET SESSION CHARACTERISTICS AS TRANSACTION ISOLATION LEVEL " + characteristics);
    }
    c.setAutoCommit(false);
    return c;
  }

  /** One client's UpdateRecords transaction, on its own identity. */
  static BenchWorkload update(String url, String user, String password) throws SQLException {
    Connection c = connect(url, user, password, "READ COMMITTED");
    String identity = "us-east-1:" + UUID.randomUUID();
    PreparedStatement pool = c.prepareStatement("SELECT 1 FROM pools WHERE pool_id = ?");
    PreparedStatement lock = c.prepareStatement(
        "INSERT INTO write_locks (pool_id, identity_id) VALUES (?, ?)"
            + " ON CONFLICT (pool_id, identity_id) DO UPDATE SET identity_id = EXCLUDED.identity_id");
    PreparedStatement dataset = c.prepareStatement(
        "SELECT sync_count, num_records, data_storage FROM datasets WHERE pool_id = ? AND identity_id = ? AND name = ?");
    PreparedStatement records = c.prepareStatement(
        "SELECT key, value, sync_count FROM records WHERE pool_id = ? AND identity_id = ? AND dataset = ?"
            + " AND key = ANY (?)");
    PreparedStatement put = c.prepareStatement(
        "INSERT INTO records (pool_id, identity_id, dataset, key, value, sync_count, modified_ms, modified_by,"
            + " device_modified_ms) SELECT ?, ?, ?, u.k, u.v, u.sc, u.m, u.mb, u.d"
            + " FROM unnest(?::text[], ?::text[], ?::bigint[], ?::bigint[], ?::text[], ?::bigint[])"
            + " AS u (k, v, sc, m, mb, d)"
            + " ON CONFLICT (pool_id, identity_id, dataset, key) DO UPDATE SET value = EXCLUDED.value,"
            + " sync_count = EXCLUDED.sync_count, modified_ms = EXCLUDED.modified_ms,"
            + " modified_by = EXCLUDED.modified_by, device_modified_ms = EXCLUDED.device_modified_ms");
    PreparedStatement putDataset = c.prepareStatement(
        "INSERT INTO datasets (pool_id, identity_id, name, live, sync_count, deleted_at_sync_count, created_ms,"
            + " modified_ms, modified_by, num_records, data_storage) VALUES (?, ?, ?, true, ?, 0, ?, ?, ?, ?, ?)"
            + " ON CONFLICT (pool_id, identity_id, name) DO UPDATE SET live = EXCLUDED.live,"
            + " sync_count = EXCLUDED.sync_count, modified_ms = EXCLUDED.modified_ms,"
            + " modified_by = EXCLUDED.modified_by, num_records = EXCLUDED.num_records,"
            + " data_storage = EXCLUDED.data_storage");
    PreparedStatement putIdentity = c.prepareStatement(
        "INSERT INTO identities (pool_id, identity_id, created_ms) VALUES (?, ?, ?)"
            + " ON CONFLICT (pool_id, identity_id) DO NOTHING");
    PreparedStatement sessions = c.prepareStatement(
        "INSERT INTO pool_sync_sessions (pool_id, shard, sessions) VALUES (?, ?, 1)"
            + " ON CONFLICT (pool_id, shard) DO UPDATE SET sessions = pool_sync_sessions.sessions + 1");
    PreparedStatement subscribers = c.prepareStatement(
        "SELECT d.device_id FROM subscriptions s JOIN devices d ON d.pool_id = s.pool_id"
            + " AND d.identity_id = s.identity_id AND d.device_id = s.device_id"
            + " WHERE s.pool_id = ? AND s.identity_id = ? AND s.dataset = ?");
    int n = BenchShape.PATCHES_PER_UPDATE;
    String[] keys = new String[n];
    String[] values = new String[n];
    for (int i = 0; i < n; i++) {
      keys[i] = BenchShape.key(i);
      values[i] = BenchShape.VALUE;
    }
    return new BenchWorkload() {
      @Override
      public void run() throws SQLException {
        long now = System.currentTimeMillis();
        pool.setString(1, BenchShape.POOL);
        exists(pool);
        lock.setString(1, BenchShape.POOL);
        lock.setString(2, identity);
        lock.executeUpdate();
        bind3(dataset, identity);
        long count = 0;
        try (ResultSet rs = dataset.executeQuery()) {
          if (rs.next()) {
            count = rs.getLong(1);
          }
        }
        bind3(records, identity);
        records.setArray(4, c.createArrayOf("text", keys));
        try (ResultSet rs = records.executeQuery()) {
          while (rs.next()) {
            if (rs.getLong(3) != count) {
              throw new IllegalStateException("conflict on " + rs.getString(1));
            }
          }
        }
        long next = count + 1;
        Long[] counts = new Long[n];
        Long[] modified = new Long[n];
        String[] by = new String[n];
        for (int i = 0; i < n; i++) {
          counts[i] = next;
          modified[i] = now;
          by[i] = identity;
        }
        bind3(put, identity);
        put.setArray(4, c.createArrayOf("text", keys));
        put.setArray(5, c.createArrayOf("text", values));
        put.setArray(6, c.createArrayOf("bigint", counts));
        put.setArray(7, c.createArrayOf("bigint", modified));
        put.setArray(8, c.createArrayOf("text", by));
        put.setArray(9, c.createArrayOf("bigint", new Long[n]));
        put.executeUpdate();
        bind3(putDataset, identity);
        putDataset.setLong(4, next);
        putDataset.setLong(5, now);
        putDataset.setLong(6, now);
        putDataset.setString(7, identity);
        putDataset.setLong(8, n);
        putDataset.setLong(9, (long) n * (BenchShape.key(0).length() + BenchShape.VALUE.length()));
        putDataset.executeUpdate();
        putIdentity.setString(1, BenchShape.POOL);
        putIdentity.setString(2, identity);
        putIdentity.setLong(3, now);
        putIdentity.executeUpdate();
        sessions.setString(1, BenchShape.POOL);
        sessions.setInt(2, ThreadLocalRandom.current().nextInt(32));
        sessions.executeUpdate();
        bind3(subscribers, identity);
        exists(subscribers);
        c.commit();
      }

      @Override
      public void close() throws SQLException {
        c.close();
      }
    };
  }

  /** One client's ListRecords transaction: its whole dataset of {@link BenchShape#RECORDS_PER_LIST} records. */
  static BenchWorkload list(String url, String user, String password) throws SQLException {
    String identity = "us-east-1:" + UUID.randomUUID();
    try (Connection w = DriverManager.getConnection(url, user, password);
        PreparedStatement ps = w.prepareStatement(
            "INSERT INTO records (pool_id, identity_id, dataset, key, value, sync_count, modified_ms)"
                + " SELECT ?, ?, ?, 'key-' || g, ?, 1, 0 FROM generate_series(0, ?) g");
        PreparedStatement ds = w.prepareStatement(
            "INSERT INTO datasets VALUES (?, ?, ?, true, 1, 0, 0, 0, NULL, ?, 0)")) {
      ps.setString(1, BenchShape.POOL);
      ps.setString(2, identity);
      ps.setString(3, BenchShape.DATASET);
      ps.setString(4, BenchShape.VALUE);
      ps.setInt(5, BenchShape.RECORDS_PER_LIST - 1);
      ps.executeUpdate();
      ds.setString(1, BenchShape.POOL);
      ds.setString(2, identity);
      ds.setString(3, BenchShape.DATASET);
      ds.setLong(4, BenchShape.RECORDS_PER_LIST);
      ds.executeUpdate();
    }
    Connection c = connect(url, user, password, "REPEATABLE READ, READ ONLY");
    PreparedStatement pool = c.prepareStatement("SELECT 1 FROM pools WHERE pool_id = ?");
    PreparedStatement dataset = c.prepareStatement(
        "SELECT sync_count, live FROM datasets WHERE pool_id = ? AND identity_id = ? AND name = ?");
    PreparedStatement scan = c.prepareStatement(
        "SELECT key, value, sync_count, modified_ms, modified_by, device_modified_ms FROM records"
            + " WHERE pool_id = ? AND identity_id = ? AND dataset = ? AND sync_count > ?"
            + " ORDER BY sync_count, key LIMIT 1025");
    return new BenchWorkload() {
      @Override
      public void run() throws SQLException {
        pool.setString(1, BenchShape.POOL);
        exists(pool);
        bind3(dataset, identity);
        exists(dataset);
        bind3(scan, identity);
        scan.setLong(4, 0);
        int rows = 0;
        try (ResultSet rs = scan.executeQuery()) {
          while (rs.next()) {
            rs.getString(1);
            rs.getString(2);
            rs.getLong(3);
            rs.getLong(4);
            rs.getString(5);
            rs.getLong(6);
            rows++;
          }
        }
        c.commit();
        if (rows != BenchShape.RECORDS_PER_LIST) {
          throw new IllegalStateException("expected " + BenchShape.RECORDS_PER_LIST + " rows, got " + rows);
        }
      }

      @Override
      public void close() throws SQLException {
        c.close();
      }
    };
  }

  private static void bind3(PreparedStatement ps, String identity) throws SQLException {
    ps.setString(1, BenchShape.POOL);
    ps.setString(2, identity);
    ps.setString(3, BenchShape.DATASET);
  }

  private static boolean exists(PreparedStatement ps) throws SQLException {
    try (ResultSet rs = ps.executeQuery()) {
      return rs.next();
    }
  }
}
