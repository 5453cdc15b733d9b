package dev.offsync.server.internal.store;

import static dev.offsync.server.internal.store.JdbcRows.BULK_PUBLISH_COLUMNS;
import static dev.offsync.server.internal.store.JdbcRows.RECORD_COLUMNS;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.offsync.server.spi.BulkPublishState;
import dev.offsync.server.spi.BulkPublishStatus;
import dev.offsync.server.spi.DatasetId;
import dev.offsync.server.spi.StoreException;
import dev.offsync.server.spi.StoreTransaction;
import dev.offsync.server.spi.StoredRecord;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * {@link StoreTransaction} on one SQLite connection inside an open transaction. The single writer needs no locks;
 * statements come from the connection's cache.
 */
final class SqliteTransaction extends JdbcTransaction {
  private static final ObjectMapper JSON = new ObjectMapper();

  private static final JdbcDialect SQLITE = new JdbcDialect(
      "live = 1",
      "SELECT p.pool_id, p.sync_sessions,"
          + " (SELECT COALESCE(SUM(d.data_storage), 0) FROM datasets d WHERE d.pool_id = p.pool_id AND d.live = 1),"
          + " (SELECT MAX(d.modified_ms) FROM datasets d WHERE d.pool_id = p.pool_id)"
          + " FROM pools p",
      "SELECT COALESCE(SUM(live), 0), COALESCE(SUM(CASE WHEN live = 1 THEN data_storage ELSE 0 END), 0),"
          + " MAX(modified_ms) FROM datasets WHERE pool_id = ? AND identity_id = ?",
      "INSERT OR IGNORE INTO pools (pool_id, created_ms) VALUES (?, ?)",
      "INSERT OR IGNORE INTO identities (pool_id, identity_id, created_ms) VALUES (?, ?, ?)",
      "INSERT OR REPLACE INTO pool_documents (pool_id, kind, body) VALUES (?, ?, ?)",
      "INSERT OR REPLACE INTO datasets (" + JdbcRows.DATASET_COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
      // the keys travel as one JSON array parameter
      "key IN (SELECT value FROM json_each(?))",
      "INSERT OR REPLACE INTO devices (" + JdbcRows.DEVICE_COLUMNS + ", created_ms) VALUES (?, ?, ?, ?, ?, ?)",
      "INSERT OR IGNORE INTO subscriptions (pool_id, identity_id, dataset, device_id, created_ms)"
          + " VALUES (?, ?, ?, ?, ?)");

  private final SqliteConnection c;

  SqliteTransaction(SqliteConnection c) {
    super(SQLITE);
    this.c = c;
  }

  @Override
  protected <T> T withStatement(String sql, StatementWork<T> work) throws SQLException {
    return work.run(c.prepare(sql));
  }

  @Override
  protected StoreException storeFailure(SQLException e) {
    return new StoreException("SQLite: " + e.getMessage(), e);
  }

  @Override
  protected void setKeys(PreparedStatement ps, int index, Collection<String> keys) throws SQLException {
    try {
      ps.setString(index, JSON.writeValueAsString(keys));
    } catch (JsonProcessingException e) {
      throw new StoreException("cannot encode keys", e);
    }
  }

  @Override
  public void addSyncSessions(String poolId, long sessions) {
    jdbc(() -> update("UPDATE pools SET sync_sessions = sync_sessions + ? WHERE pool_id = ?", ps -> {
      ps.setLong(1, sessions);
      ps.setString(2, poolId);
    }));
  }

  @Override
  public void putRecords(DatasetId id, Collection<StoredRecord> records) {
    if (records.isEmpty()) {
      return;
    }
    jdbc(() -> withStatement(
        "INSERT OR REPLACE INTO records (pool_id, identity_id, dataset, " + RECORD_COLUMNS
            + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
        ps -> {
          for (StoredRecord r : records) {
            JdbcRows.setDatasetId(ps, 1, id);
            ps.setString(4, r.key());
            ps.setString(5, r.value());
            ps.setLong(6, r.syncCount());
            JdbcRows.setInstant(ps, 7, r.lastModifiedDate());
            ps.setString(8, r.lastModifiedBy());
            JdbcRows.setInstant(ps, 9, r.deviceLastModifiedDate());
            ps.addBatch();
          }
          return ps.executeBatch();
        }));
  }

  @Override
  public void scanRecords(
      DatasetId id, long afterSyncCount, String afterKey, int limit, Consumer<StoredRecord> sink) {
    // A row-value comparison (or a plain "sync_count > ?" without a cursor key) lets SQLite walk
    // records_by_sync_count as a range; the equivalent OR form made it filter every record of the dataset.
    jdbc(() -> {
      stream(
          scanSql(afterKey != null),
          ps -> {
            JdbcRows.setDatasetId(ps, 1, id);
            ps.setLong(4, afterSyncCount);
            int next = 5;
            if (afterKey != null) {
              ps.setString(next++, afterKey);
            }
            ps.setInt(next, limit);
          },
          JdbcRows::record, sink);
      return null;
    });
  }

  /** The paging query of {@link #scanRecords}; with a cursor key it continues after (count, key). */
  static String scanSql(boolean withCursorKey) {
    return "SELECT " + RECORD_COLUMNS + " FROM records WHERE pool_id = ? AND identity_id = ? AND dataset = ?"
        + " AND " + (withCursorKey ? "(sync_count, key) > (?, ?)" : "sync_count > ?")
        + " ORDER BY sync_count, key LIMIT ?";
  }

  // ---- bulk publish

  @Override
  public Optional<BulkPublishState> bulkPublish(String poolId) {
    return jdbc(() -> queryOne("SELECT " + BULK_PUBLISH_COLUMNS + " FROM bulk_publish WHERE pool_id = ?",
        ps -> ps.setString(1, poolId), JdbcRows::bulkPublish));
  }

  @Override
  public void putBulkPublish(BulkPublishState s) {
    jdbc(() -> update("INSERT OR REPLACE INTO bulk_publish (" + BULK_PUBLISH_COLUMNS + ") VALUES (?, ?, ?, ?, ?)",
        ps -> JdbcRows.setBulkPublish(ps, s)));
  }

  @Override
  public List<BulkPublishState> bulkPublishes(BulkPublishStatus status) {
    return jdbc(() -> queryList(
        "SELECT " + BULK_PUBLISH_COLUMNS + " FROM bulk_publish WHERE status = ? ORDER BY pool_id",
        ps -> ps.setString(1, status.name()), JdbcRows::bulkPublish));
  }
}
