package dev.offsync.server.internal.store.postgres;

import static dev.offsync.server.internal.store.JdbcRows.RECORD_COLUMNS;

import dev.offsync.server.internal.store.JdbcDialect;
import dev.offsync.server.internal.store.JdbcRows;
import dev.offsync.server.internal.store.JdbcTransaction;
import dev.offsync.server.spi.BulkPublishState;
import dev.offsync.server.spi.BulkPublishStatus;
import dev.offsync.server.spi.DatasetId;
import dev.offsync.server.spi.StoreException;
import dev.offsync.server.spi.StoreTransaction;
import dev.offsync.server.spi.StoredRecord;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Consumer;

/**
 * {@link StoreTransaction} on one PostgreSQL connection inside an open transaction.
 *
 * <p>Write transactions run at {@code READ COMMITTED} and serialize per identity: the first time a write transaction
 * touches an identity (any dataset, record, device or subscription of it), it upserts that identity's row in
 * {@code write_locks}, which takes the row lock until commit. Every later statement of the transaction reads the
 * latest committed data of that identity, and no other writer can change it until this one commits, so the
 * service's read-modify-write sequences (sync-count checks, limits) behave as under SQLite's single writer. Pool-wide
 * mutable state (configuration documents, bulk publish) is guarded the same way by the pool's row
 * ({@code identity_id = ''}). Pool statistics are a sharded counter, so writers on different identities of one pool
 * never queue on one hot row.
 *
 * <p>Read transactions run at {@code REPEATABLE READ, READ ONLY}: one snapshot for the whole work item, no locks.
 */
final class PostgresTransaction extends JdbcTransaction {
  /** Number of rows of a pool's sync-session counter; writers pick one at random. */
  static final int SESSION_SHARDS = 32;

  private static final JdbcDialect POSTGRES = new JdbcDialect(
      "live",
      "SELECT p.pool_id,"
          + " (SELECT COALESCE(SUM(s.sessions), 0) FROM pool_sync_sessions s WHERE s.pool_id = p.pool_id),"
          + " (SELECT COALESCE(SUM(d.data_storage), 0) FROM datasets d WHERE d.pool_id = p.pool_id AND d.live),"
          + " (SELECT MAX(d.modified_ms) FROM datasets d WHERE d.pool_id = p.pool_id)"
          + " FROM pools p",
      "SELECT COUNT(*) FILTER (WHERE live), COALESCE(SUM(data_storage) FILTER (WHERE live), 0),"
          + " MAX(modified_ms) FROM datasets WHERE pool_id = ? AND identity_id = ?",
      "INSERT INTO pools (pool_id, created_ms) VALUES (?, ?) ON CONFLICT (pool_id) DO NOTHING",
      "INSERT INTO identities (pool_id, identity_id, created_ms) VALUES (?, ?, ?)"
          + " ON CONFLICT (pool_id, identity_id) DO NOTHING",
      "INSERT INTO pool_documents (pool_id, kind, body) VALUES (?, ?, ?)"
          + " ON CONFLICT (pool_id, kind) DO UPDATE SET body = EXCLUDED.body",
      "INSERT INTO datasets (" + JdbcRows.DATASET_COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
          + " ON CONFLICT (pool_id, identity_id, name) DO UPDATE SET live = EXCLUDED.live,"
          + " sync_count = EXCLUDED.sync_count, deleted_at_sync_count = EXCLUDED.deleted_at_sync_count,"
          + " created_ms = EXCLUDED.created_ms, modified_ms = EXCLUDED.modified_ms,"
          + " modified_by = EXCLUDED.modified_by, num_records = EXCLUDED.num_records,"
          + " data_storage = EXCLUDED.data_storage",
      // the keys travel as one text[] parameter
      "key = ANY (?)",
      "INSERT INTO devices (" + JdbcRows.DEVICE_COLUMNS + ", created_ms) VALUES (?, ?, ?, ?, ?, ?)"
          + " ON CONFLICT (pool_id, identity_id, device_id) DO UPDATE SET platform = EXCLUDED.platform,"
          + " token = EXCLUDED.token, created_ms = EXCLUDED.created_ms",
      "INSERT INTO subscriptions (pool_id, identity_id, dataset, device_id, created_ms)"
          + " VALUES (?, ?, ?, ?, ?) ON CONFLICT (pool_id, identity_id, dataset, device_id) DO NOTHING");

  private final Connection c;
  private final boolean write;
  private final String instanceId;
  private final long leaseMillis;
  private final Set<String> locked = new HashSet<>();

  /**
   * Creates the transaction view.
   *
   * @param c the connection, inside an open transaction
   * @param write whether this is a write transaction (takes per-identity locks)
   * @param instanceId this store instance's id (owner of the bulk publishes it starts)
   * @param leaseMillis how long an instance counts as alive after its last heartbeat
   */
  PostgresTransaction(Connection c, boolean write, String instanceId, long leaseMillis) {
    super(POSTGRES);
    this.c = c;
    this.write = write;
    this.instanceId = instanceId;
    this.leaseMillis = leaseMillis;
  }

  static StoreException fail(SQLException e) {
    return new StoreException("PostgreSQL: " + e.getMessage() + " (SQLSTATE " + e.getSQLState() + ")", e);
  }

  @Override
  protected StoreException storeFailure(SQLException e) {
    return fail(e);
  }

  @Override
  protected <T> T withStatement(String sql, StatementWork<T> work) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement(sql)) {
      return work.run(ps);
    }
  }

  @Override
  protected void beforeStreaming(PreparedStatement ps) throws SQLException {
    ps.setFetchSize(1024);
  }

  @Override
  protected void setKeys(PreparedStatement ps, int index, Collection<String> keys) throws SQLException {
    ps.setArray(index, c.createArrayOf("text", keys.toArray(new String[0])));
  }

  private static Long millis(Instant value) {
    return value == null ? null : value.toEpochMilli();
  }

  /** Serializes writers of one identity (or, with an empty identity, of one pool's shared state). */
  private void lock(String poolId, String identityId) throws SQLException {
    if (!write || !locked.add(poolId + '\u0000' + identityId)) {
      return;
    }
    update(
        "INSERT INTO write_locks (pool_id, identity_id) VALUES (?, ?)"
            + " ON CONFLICT (pool_id, identity_id) DO UPDATE SET identity_id = EXCLUDED.identity_id",
        ps -> {
          ps.setString(1, poolId);
          ps.setString(2, identityId);
        });
  }

  @Override
  protected void lockIdentity(String poolId, String identityId) throws SQLException {
    lock(poolId, identityId);
  }

  @Override
  protected void lockPool(String poolId) throws SQLException {
    lock(poolId, "");
  }

  @Override
  public void addSyncSessions(String poolId, long sessions) {
    jdbc(() -> update(
        "INSERT INTO pool_sync_sessions (pool_id, shard, sessions) VALUES (?, ?, ?)"
            + " ON CONFLICT (pool_id, shard) DO UPDATE SET sessions = pool_sync_sessions.sessions"
            + " + EXCLUDED.sessions",
        ps -> {
          ps.setString(1, poolId);
          ps.setInt(2, ThreadLocalRandom.current().nextInt(SESSION_SHARDS));
          ps.setLong(3, sessions);
        }));
  }

  @Override
  public void putRecords(DatasetId id, Collection<StoredRecord> records) {
    if (records.isEmpty()) {
      return;
    }
    int n = records.size();
    String[] keys = new String[n];
    String[] values = new String[n];
    Long[] counts = new Long[n];
    Long[] modified = new Long[n];
    String[] modifiedBy = new String[n];
    Long[] deviceModified = new Long[n];
    int i = 0;
    for (StoredRecord r : records) {
      keys[i] = r.key();
      values[i] = r.value();
      counts[i] = r.syncCount();
      modified[i] = r.lastModifiedDate().toEpochMilli();
      modifiedBy[i] = r.lastModifiedBy();
      deviceModified[i] = millis(r.deviceLastModifiedDate());
      i++;
    }
    jdbc(() -> {
      lockIdentity(id.poolId(), id.identityId());
      // one statement for any number of records: each column travels as one array parameter
      return update(
          "INSERT INTO records (pool_id, identity_id, dataset, " + RECORD_COLUMNS + ")"
              + " SELECT ?, ?, ?, u.k, u.v, u.sc, u.m, u.mb, u.d"
              + " FROM unnest(?::text[], ?::text[], ?::bigint[], ?::bigint[], ?::text[], ?::bigint[])"
              + " AS u (k, v, sc, m, mb, d)"
              + " ON CONFLICT (pool_id, identity_id, dataset, key) DO UPDATE SET value = EXCLUDED.value,"
              + " sync_count = EXCLUDED.sync_count, modified_ms = EXCLUDED.modified_ms,"
              + " modified_by = EXCLUDED.modified_by, device_modified_ms = EXCLUDED.device_modified_ms",
          ps -> {
            JdbcRows.setDatasetId(ps, 1, id);
            ps.setArray(4, c.createArrayOf("text", keys));
            ps.setArray(5, c.createArrayOf("text", values));
            ps.setArray(6, c.createArrayOf("bigint", counts));
            ps.setArray(7, c.createArrayOf("bigint", modified));
            ps.setArray(8, c.createArrayOf("text", modifiedBy));
            ps.setArray(9, c.createArrayOf("bigint", deviceModified));
          });
    });
  }

  @Override
  public void scanRecords(DatasetId id, long afterSyncCount, String afterKey, int limit, Consumer<StoredRecord> sink) {
    jdbc(() -> {
      lockIdentity(id.poolId(), id.identityId());
      String cursor = afterKey == null ? "sync_count > ?" : "(sync_count, key) > (?, ?)";
      stream(
          "SELECT " + RECORD_COLUMNS + " FROM records WHERE pool_id = ? AND identity_id = ? AND dataset = ?"
              + " AND " + cursor + " ORDER BY sync_count, key LIMIT ?",
          ps -> {
            JdbcRows.setDatasetId(ps, 1, id);
            int p = 4;
            ps.setLong(p++, afterSyncCount);
            if (afterKey != null) {
              ps.setString(p++, afterKey);
            }
            ps.setInt(p, limit);
          },
          JdbcRows::record, sink);
      return null;
    });
  }

  // ---- bulk publish

  /**
   * Selects a bulk-publish row; an IN_PROGRESS row whose owning instance no longer heartbeats (it stopped or crashed
   * mid-export) reads as FAILED, so another instance may start a new publish and nothing stays IN_PROGRESS forever.
   * Columns: {@link JdbcRows#BULK_PUBLISH_COLUMNS}, then "orphaned" (6) and the owner (7).
   */
  private static final String BULK_SELECT =
      "SELECT b.pool_id, b.status, b.started_ms, b.completed_ms, b.failure_message,"
          + " b.status = 'IN_PROGRESS' AND b.owner_instance IS NOT NULL AND b.owner_instance <> ?"
          + " AND NOT EXISTS (SELECT 1 FROM store_instances i WHERE i.instance_id = b.owner_instance"
          + " AND i.heartbeat_at > now() - make_interval(secs => ?)),"
          + " b.owner_instance"
          + " FROM bulk_publish b";

  private void bindBulkSelect(PreparedStatement ps) throws SQLException {
    ps.setString(1, instanceId);
    ps.setDouble(2, leaseMillis / 1000.0);
  }

  /** The row as clients see it: orphaned publishes read as FAILED. */
  private static BulkPublishState effective(ResultSet rs) throws SQLException {
    if (rs.getBoolean(6)) {
      return new BulkPublishState(
          rs.getString(1), BulkPublishStatus.FAILED, JdbcRows.instant(rs, 3), null,
          "Interrupted: the server instance running it stopped");
    }
    return JdbcRows.bulkPublish(rs);
  }

  /** Whether an IN_PROGRESS row may be taken over: its owner stopped heartbeating, or is unknown (before v2). */
  private static boolean takeoverCandidate(ResultSet rs) throws SQLException {
    return "IN_PROGRESS".equals(rs.getString(2)) && (rs.getBoolean(6) || rs.getString(7) == null);
  }

  /**
   * The row if it matches a status as {@link #bulkPublishes} lists it: for IN_PROGRESS, a takeover candidate as
   * stored; otherwise the row as clients see it.
   */
  private static Optional<BulkPublishState> matching(ResultSet rs, BulkPublishStatus status) throws SQLException {
    if (status == BulkPublishStatus.IN_PROGRESS) {
      return takeoverCandidate(rs) ? Optional.of(JdbcRows.bulkPublish(rs)) : Optional.empty();
    }
    BulkPublishState effective = effective(rs);
    return effective.status() == status ? Optional.of(effective) : Optional.empty();
  }

  @Override
  public Optional<BulkPublishState> bulkPublish(String poolId) {
    return jdbc(() -> {
      lockPool(poolId);
      return queryOne(BULK_SELECT + " WHERE b.pool_id = ?", ps -> {
        bindBulkSelect(ps);
        ps.setString(3, poolId);
      }, PostgresTransaction::effective);
    });
  }

  @Override
  public void putBulkPublish(BulkPublishState s) {
    jdbc(() -> {
      lockPool(s.poolId());
      return update(
          "INSERT INTO bulk_publish (" + JdbcRows.BULK_PUBLISH_COLUMNS + ", owner_instance)"
              + " VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (pool_id) DO UPDATE SET status = EXCLUDED.status,"
              + " started_ms = EXCLUDED.started_ms, completed_ms = EXCLUDED.completed_ms,"
              + " failure_message = EXCLUDED.failure_message, owner_instance = EXCLUDED.owner_instance",
          ps -> {
            JdbcRows.setBulkPublish(ps, s);
            ps.setString(6, s.status() == BulkPublishStatus.IN_PROGRESS ? instanceId : null);
          });
    });
  }

  /**
   * {@inheritDoc}
   *
   * <p>With several instances on one database, IN_PROGRESS lists only the publishes this instance may take over:
   * those whose owner no longer heartbeats, and those of unknown owner (written before schema v2). A publish that
   * another live instance is running is left alone. Other statuses are matched as {@link #bulkPublish} reads them.
   */
  @Override
  public List<BulkPublishState> bulkPublishes(BulkPublishStatus status) {
    return jdbc(() -> {
      List<BulkPublishState> out = new ArrayList<>();
      for (Optional<BulkPublishState> row :
          queryList(BULK_SELECT + " ORDER BY b.pool_id", this::bindBulkSelect, rs -> matching(rs, status))) {
        row.ifPresent(out::add);
      }
      if (write && status == BulkPublishStatus.IN_PROGRESS && !out.isEmpty()) {
        return stillOrphaned(out);
      }
      return out;
    });
  }

  /**
   * Re-reads takeover candidates under their pool's lock, so that a recovering instance never marks as failed a
   * publish that another instance started (and committed) after the candidates were listed.
   */
  private List<BulkPublishState> stillOrphaned(List<BulkPublishState> candidates) throws SQLException {
    List<BulkPublishState> out = new ArrayList<>();
    for (BulkPublishState s : candidates) {
      lockPool(s.poolId());
      queryOne(BULK_SELECT + " WHERE b.pool_id = ?", ps -> {
        bindBulkSelect(ps);
        ps.setString(3, s.poolId());
      }, rs -> matching(rs, BulkPublishStatus.IN_PROGRESS)).flatMap(row -> row)
          .ifPresent(out::add);
    }
    return out;
  }
}
