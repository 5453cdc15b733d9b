package dev.offsync.server.bench;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.UUID;
import java.util.concurrent.locks.ReentrantLock;
import org.sqlite.SQLiteConfig;

/**
 * The raw JDBC baseline on SQLite: the same transactions the SQLite store runs for UpdateRecords and ListRecords
 * (one writer connection shared under a lock with {@code BEGIN IMMEDIATE}, as the store does; one read connection per
 * client), statements prepared once: no HTTP, no JSON, no SigV4, no SPI.
 */
final class SqliteRawWorkloads implements AutoCloseable {
  private final Path file;
  private final Connection writer;
  private final ReentrantLock writeLock = new ReentrantLock();
  private final PreparedStatement pool;
  private final PreparedStatement dataset;
  private final PreparedStatement records;
  private final PreparedStatement put;
  private final PreparedStatement putDataset;
  private final PreparedStatement putIdentity;
  private final PreparedStatement sessions;
  private final PreparedStatement subscribers;

  SqliteRawWorkloads(Path file) throws SQLException {
    this.file = file;
    this.writer = open(file, false);
    pool = writer.prepareStatement("SELECT 1 FROM pools WHERE pool_id = ?");
    dataset = writer.prepareStatement(
        "SELECT sync_count, num_records, data_storage FROM datasets WHERE pool_id = ? AND identity_id = ? AND name = ?");
    records = writer.prepareStatement(
        "SELECT key, value, sync_count FROM records WHERE pool_id = ? AND identity_id = ? AND dataset = ?"
            + " AND key IN (SELECT value FROM json_each(?))");
    put = writer.prepareStatement(
        "INSERT OR REPLACE INTO records (pool_id, identity_id, dataset, key, value, sync_count, modified_ms,"
            + " modified_by, device_modified_ms) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)");
    putDataset = writer.prepareStatement(
        "INSERT OR REPLACE INTO datasets (pool_id, identity_id, name, live, sync_count, deleted_at_sync_count,"
            + " created_ms, modified_ms, modified_by, num_records, data_storage)"
            + " VALUES (?, ?, ?, 1, ?, 0, ?, ?, ?, ?, ?)");
    putIdentity = writer.prepareStatement(
        "INSERT OR IGNORE INTO identities (pool_id, identity_id, created_ms) VALUES (?, ?, ?)");
    sessions = writer.prepareStatement("UPDATE pools SET sync_sessions = sync_sessions + 1 WHERE pool_id = ?");
    subscribers = writer.prepareStatement(
        "SELECT d.device_id FROM subscriptions s JOIN devices d ON d.pool_id = s.pool_id"
            + " AND d.identity_id = s.identity_id AND d.device_id = s.device_id"
            + " WHERE s.pool_id = ? AND s.identity_id = ? AND s.dataset = ?");
  }

  private static Connection open(Path file, boolean readOnly) throws SQLException {
    SQLiteConfig config = new SQLiteConfig();
    if (!readOnly) {
      config.setJournalMode(SQLiteConfig.JournalMode.WAL);
    }
    config.setSynchronous(SQLiteConfig.SynchronousMode.NORMAL);
    config.setBusyTimeout(10_000);
    config.setReadOnly(readOnly);
    return DriverManager.getConnection("jdbc:sqlite:" + file.toAbsolutePath(), config.toProperties());
  }

  private static void exec(Connection c, String sql) throws SQLException {
    try (Statement s = c.createStatement()) {
      s.execute(sql);
    }
  }

  /** One client's UpdateRecords transaction, on its own identity. */
  BenchWorkload update() {
    String identity = "us-east-1:" + UUID.randomUUID();
    int n = BenchShape.PATCHES_PER_UPDATE;
    StringBuilder json = new StringBuilder("[");
    for (int i = 0; i < n; i++) {
      json.append(i == 0 ? "" : ",").append('"').append(BenchShape.key(i)).append('"');
    }
    String keysJson = json.append(']').toString();
    return () -> {
      writeLock.lock();
      try {
        exec(writer, "BEGIN IMMEDIATE");
        boolean ok = false;
        try {
          long now = System.currentTimeMillis();
          pool.setString(1, BenchShape.POOL);
          exists(pool);
          bind3(dataset, identity);
          long count = 0;
          try (ResultSet rs = dataset.executeQuery()) {
            if (rs.next()) {
              count = rs.getLong(1);
            }
          }
          bind3(records, identity);
          records.setString(4, keysJson);
          try (ResultSet rs = records.executeQuery()) {
            while (rs.next()) {
              if (rs.getLong(3) != count) {
                throw new IllegalStateException("conflict on " + rs.getString(1));
              }
            }
          }
          long next = count + 1;
          for (int i = 0; i < n; i++) {
            bind3(put, identity);
            put.setString(4, BenchShape.key(i));
            put.setString(5, BenchShape.VALUE);
            put.setLong(6, next);
            put.setLong(7, now);
            put.setString(8, identity);
            put.setNull(9, java.sql.Types.INTEGER);
            put.addBatch();
          }
          put.executeBatch();
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
          sessions.executeUpdate();
          bind3(subscribers, identity);
          exists(subscribers);
          exec(writer, "COMMIT");
          ok = true;
        } finally {
          if (!ok) {
            exec(writer, "ROLLBACK");
          }
        }
      } finally {
        writeLock.unlock();
      }
    };
  }

  /** One client's ListRecords transaction: its whole dataset of {@link BenchShape#RECORDS_PER_LIST} records. */
  BenchWorkload list() throws SQLException {
    String identity = "us-east-1:" + UUID.randomUUID();
    writeLock.lock();
    try (PreparedStatement ds = writer.prepareStatement(
        "INSERT INTO datasets VALUES (?, ?, ?, 1, 1, 0, 0, 0, NULL, ?, 0)")) {
      exec(writer, "BEGIN IMMEDIATE");
      for (int i = 0; i < BenchShape.RECORDS_PER_LIST; i++) {
        bind3(put, identity);
        put.setString(4, BenchShape.key(i));
        put.setString(5, BenchShape.VALUE);
        put.setLong(6, 1);
        put.setLong(7, 0);
        put.setString(8, null);
        put.setNull(9, java.sql.Types.INTEGER);
        put.addBatch();
      }
      put.executeBatch();
      bind3(ds, identity);
      ds.setLong(4, BenchShape.RECORDS_PER_LIST);
      ds.executeUpdate();
      exec(writer, "COMMIT");
    } finally {
      writeLock.unlock();
    }
    Connection c = open(file, true);
    PreparedStatement pool = c.prepareStatement("SELECT 1 FROM pools WHERE pool_id = ?");
    PreparedStatement dataset = c.prepareStatement(
        "SELECT sync_count, live FROM datasets WHERE pool_id = ? AND identity_id = ? AND name = ?");
    PreparedStatement scan = c.prepareStatement(
        "SELECT key, value, sync_count, modified_ms, modified_by, device_modified_ms FROM records"
            + " WHERE pool_id = ? AND identity_id = ? AND dataset = ? AND (sync_count > ? OR (sync_count = ?"
            + " AND key > ?)) ORDER BY sync_count, key LIMIT 1025");
    return new BenchWorkload() {
      @Override
      public void run() throws SQLException {
        exec(c, "BEGIN");
        pool.setString(1, BenchShape.POOL);
        exists(pool);
        bind3(dataset, identity);
        exists(dataset);
        bind3(scan, identity);
        scan.setLong(4, 0);
        scan.setLong(5, Long.MIN_VALUE);
        scan.setString(6, "");
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
        exec(c, "COMMIT");
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

  @Override
  public void close() throws SQLException {
    writer.close();
  }
}
