package dev.offsync.server.internal.store.postgres;

import dev.offsync.server.spi.BulkPublishState;
import dev.offsync.server.spi.BulkPublishStatus;
import dev.offsync.server.spi.DatasetId;
import dev.offsync.server.spi.DatasetState;
import dev.offsync.server.spi.Device;
import dev.offsync.server.spi.IdentityUsage;
import dev.offsync.server.spi.PoolUsage;
import dev.offsync.server.spi.StoreException;
import dev.offsync.server.spi.StoreTransaction;
import dev.offsync.server.spi.StoredRecord;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
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
final class PostgresTransaction implements StoreTransaction {
  /** Number of rows of a pool's sync-session counter; writers pick one at random. */
  static final int SESSION_SHARDS = 32;

  private static final String DATASET_COLUMNS =
      "pool_id, identity_id, name, live, sync_count, deleted_at_sync_count, created_ms, modified_ms, modified_by,"
          + " num_records, data_storage";
  private static final String RECORD_COLUMNS = "key, value, sync_count, modified_ms, modified_by, device_modified_ms";
  private static final String POOL_USAGE =
      "SELECT p.pool_id,"
          + " (SELECT COALESCE(SUM(s.sessions), 0) FROM pool_sync_sessions s WHERE s.pool_id = p.pool_id),"
          + " (SELECT COALESCE(SUM(d.data_storage), 0) FROM datasets d WHERE d.pool_id = p.pool_id AND d.live),"
          + " (SELECT MAX(d.modified_ms) FROM datasets d WHERE d.pool_id = p.pool_id)"
          + " FROM pools p";

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
    this.c = c;
    this.write = write;
    this.instanceId = instanceId;
    this.leaseMillis = leaseMillis;
  }

  static StoreException fail(SQLException e) {
    return new StoreException("PostgreSQL: " + e.getMessage() + " (SQLSTATE " + e.getSQLState() + ")", e);
  }

  private static Instant instant(ResultSet rs, int column) throws SQLException {
    long v = rs.getLong(column);
    return rs.wasNull() ? null : Instant.ofEpochMilli(v);
  }

  private static void setInstant(PreparedStatement ps, int index, Instant value) throws SQLException {
    if (value == null) {
      ps.setNull(index, Types.BIGINT);
    } else {
      ps.setLong(index, value.toEpochMilli());
    }
  }

  private static Long millis(Instant value) {
    return value == null ? null : value.toEpochMilli();
  }

  /** Serializes writers of one identity (or, with an empty identity, of one pool's shared state). */
  private void lock(String poolId, String identityId) throws SQLException {
    if (!write || !locked.add(poolId + '\u0000' + identityId)) {
      return;
    }
    try (PreparedStatement ps =
        c.prepareStatement(
            "INSERT INTO write_locks (pool_id, identity_id) VALUES (?, ?)"
                + " ON CONFLICT (pool_id, identity_id) DO UPDATE SET identity_id = EXCLUDED.identity_id")) {
      ps.setString(1, poolId);
      ps.setString(2, identityId);
      ps.executeUpdate();
    }
  }

  private void lockIdentity(String poolId, String identityId) throws SQLException {
    lock(poolId, identityId);
  }

  private void lockPool(String poolId) throws SQLException {
    lock(poolId, "");
  }

  // ---- pools

  @Override
  public boolean createPoolIfAbsent(String poolId, Instant now) {
    try (PreparedStatement ps =
        c.prepareStatement(
            "INSERT INTO pools (pool_id, created_ms) VALUES (?, ?) ON CONFLICT (pool_id) DO NOTHING")) {
      ps.setString(1, poolId);
      ps.setLong(2, now.toEpochMilli());
      return ps.executeUpdate() == 1;
    } catch (SQLException e) {
      throw fail(e);
    }
  }

  @Override
  public boolean poolExists(String poolId) {
    try (PreparedStatement ps = c.prepareStatement("SELECT 1 FROM pools WHERE pool_id = ?")) {
      ps.setString(1, poolId);
      try (ResultSet rs = ps.executeQuery()) {
        return rs.next();
      }
    } catch (SQLException e) {
      throw fail(e);
    }
  }

  private static PoolUsage poolUsage(ResultSet rs) throws SQLException {
    return new PoolUsage(rs.getString(1), rs.getLong(2), rs.getLong(3), instant(rs, 4));
  }

  @Override
  public List<PoolUsage> listPoolUsage(String afterPoolId, int limit) {
    try (PreparedStatement ps = c.prepareStatement(POOL_USAGE + " WHERE p.pool_id > ? ORDER BY p.pool_id LIMIT ?")) {
      ps.setString(1, afterPoolId == null ? "" : afterPoolId);
      ps.setInt(2, limit);
      List<PoolUsage> out = new ArrayList<>();
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          out.add(poolUsage(rs));
        }
      }
      return out;
    } catch (SQLException e) {
      throw fail(e);
    }
  }

  @Override
  public Optional<PoolUsage> poolUsage(String poolId) {
    try (PreparedStatement ps = c.prepareStatement(POOL_USAGE + " WHERE p.pool_id = ?")) {
      ps.setString(1, poolId);
      try (ResultSet rs = ps.executeQuery()) {
        return rs.next() ? Optional.of(poolUsage(rs)) : Optional.empty();
      }
    } catch (SQLException e) {
      throw fail(e);
    }
  }

  @Override
  public void addSyncSessions(String poolId, long sessions) {
    try (PreparedStatement ps =
        c.prepareStatement(
            "INSERT INTO pool_sync_sessions (pool_id, shard, sessions) VALUES (?, ?, ?)"
                + " ON CONFLICT (pool_id, shard) DO UPDATE SET sessions = pool_sync_sessions.sessions"
                + " + EXCLUDED.sessions")) {
      ps.setString(1, poolId);
      ps.setInt(2, ThreadLocalRandom.current().nextInt(SESSION_SHARDS));
      ps.setLong(3, sessions);
      ps.executeUpdate();
    } catch (SQLException e) {
      throw fail(e);
    }
  }

  @Override
  public Optional<String> poolDocument(String poolId, String kind) {
    try {
      lockPool(poolId);
      try (PreparedStatement ps = c.prepareStatement("SELECT body FROM pool_documents WHERE pool_id = ? AND kind = ?")) {
        ps.setString(1, poolId);
        ps.setString(2, kind);
        try (ResultSet rs = ps.executeQuery()) {
          return rs.next() ? Optional.of(rs.getString(1)) : Optional.empty();
        }
      }
    } catch (SQLException e) {
      throw fail(e);
    }
  }

  @Override
  public void putPoolDocument(String poolId, String kind, String body) {
    try {
      lockPool(poolId);
      try (PreparedStatement ps =
          c.prepareStatement(
              "INSERT INTO pool_documents (pool_id, kind, body) VALUES (?, ?, ?)"
                  + " ON CONFLICT (pool_id, kind) DO UPDATE SET body = EXCLUDED.body")) {
        ps.setString(1, poolId);
        ps.setString(2, kind);
        ps.setString(3, body);
        ps.executeUpdate();
      }
    } catch (SQLException e) {
      throw fail(e);
    }
  }

  // ---- identities

  @Override
  public boolean createIdentityIfAbsent(String poolId, String identityId, Instant now) {
    try {
      lockIdentity(poolId, identityId);
      try (PreparedStatement ps =
          c.prepareStatement(
              "INSERT INTO identities (pool_id, identity_id, created_ms) VALUES (?, ?, ?)"
                  + " ON CONFLICT (pool_id, identity_id) DO NOTHING")) {
        ps.setString(1, poolId);
        ps.setString(2, identityId);
        ps.setLong(3, now.toEpochMilli());
        return ps.executeUpdate() == 1;
      }
    } catch (SQLException e) {
      throw fail(e);
    }
  }

  @Override
  public boolean identityExists(String poolId, String identityId) {
    try {
      lockIdentity(poolId, identityId);
      try (PreparedStatement ps =
          c.prepareStatement("SELECT 1 FROM identities WHERE pool_id = ? AND identity_id = ?")) {
        ps.setString(1, poolId);
        ps.setString(2, identityId);
        try (ResultSet rs = ps.executeQuery()) {
          return rs.next();
        }
      }
    } catch (SQLException e) {
      throw fail(e);
    }
  }

  @Override
  public Optional<String> poolOfIdentity(String identityId) {
    try (PreparedStatement ps =
        c.prepareStatement("SELECT pool_id FROM identities WHERE identity_id = ? ORDER BY pool_id LIMIT 1")) {
      ps.setString(1, identityId);
      try (ResultSet rs = ps.executeQuery()) {
        return rs.next() ? Optional.of(rs.getString(1)) : Optional.empty();
      }
    } catch (SQLException e) {
      throw fail(e);
    }
  }

  @Override
  public IdentityUsage identityUsage(String poolId, String identityId) {
    try {
      lockIdentity(poolId, identityId);
      try (PreparedStatement ps =
          c.prepareStatement(
              "SELECT COUNT(*) FILTER (WHERE live), COALESCE(SUM(data_storage) FILTER (WHERE live), 0),"
                  + " MAX(modified_ms) FROM datasets WHERE pool_id = ? AND identity_id = ?")) {
        ps.setString(1, poolId);
        ps.setString(2, identityId);
        try (ResultSet rs = ps.executeQuery()) {
          rs.next();
          return new IdentityUsage(poolId, identityId, rs.getInt(1), rs.getLong(2), instant(rs, 3));
        }
      }
    } catch (SQLException e) {
      throw fail(e);
    }
  }

  // ---- datasets

  private static DatasetState dataset(ResultSet rs) throws SQLException {
    return new DatasetState(
        new DatasetId(rs.getString(1), rs.getString(2), rs.getString(3)),
        rs.getBoolean(4),
        rs.getLong(5),
        rs.getLong(6),
        instant(rs, 7),
        instant(rs, 8),
        rs.getString(9),
        rs.getLong(10),
        rs.getLong(11));
  }

  @Override
  public Optional<DatasetState> dataset(DatasetId id) {
    try {
      lockIdentity(id.poolId(), id.identityId());
      try (PreparedStatement ps =
          c.prepareStatement(
              "SELECT " + DATASET_COLUMNS + " FROM datasets WHERE pool_id = ? AND identity_id = ? AND name = ?")) {
        ps.setString(1, id.poolId());
        ps.setString(2, id.identityId());
        ps.setString(3, id.datasetName());
        try (ResultSet rs = ps.executeQuery()) {
          return rs.next() ? Optional.of(dataset(rs)) : Optional.empty();
        }
      }
    } catch (SQLException e) {
      throw fail(e);
    }
  }

  @Override
  public int countLiveDatasets(String poolId, String identityId) {
    try {
      lockIdentity(poolId, identityId);
      try (PreparedStatement ps =
          c.prepareStatement("SELECT COUNT(*) FROM datasets WHERE pool_id = ? AND identity_id = ? AND live")) {
        ps.setString(1, poolId);
        ps.setString(2, identityId);
        try (ResultSet rs = ps.executeQuery()) {
          rs.next();
          return rs.getInt(1);
        }
      }
    } catch (SQLException e) {
      throw fail(e);
    }
  }

  @Override
  public List<DatasetState> listLiveDatasets(String poolId, String identityId, String afterName, int limit) {
    try {
      lockIdentity(poolId, identityId);
      try (PreparedStatement ps =
          c.prepareStatement(
              "SELECT " + DATASET_COLUMNS
                  + " FROM datasets WHERE pool_id = ? AND identity_id = ? AND live AND name > ?"
                  + " ORDER BY name LIMIT ?")) {
        ps.setString(1, poolId);
        ps.setString(2, identityId);
        ps.setString(3, afterName == null ? "" : afterName);
        ps.setInt(4, limit);
        List<DatasetState> out = new ArrayList<>();
        try (ResultSet rs = ps.executeQuery()) {
          while (rs.next()) {
            out.add(dataset(rs));
          }
        }
        return out;
      }
    } catch (SQLException e) {
      throw fail(e);
    }
  }

  @Override
  public void forEachLiveDataset(String poolId, Consumer<DatasetState> sink) {
    try (PreparedStatement ps =
        c.prepareStatement(
            "SELECT " + DATASET_COLUMNS + " FROM datasets WHERE pool_id = ? AND live ORDER BY identity_id, name")) {
      ps.setString(1, poolId);
      ps.setFetchSize(1024);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          sink.accept(dataset(rs));
        }
      }
    } catch (SQLException e) {
      throw fail(e);
    }
  }

  @Override
  public void putDataset(DatasetState s) {
    try {
      lockIdentity(s.id().poolId(), s.id().identityId());
      try (PreparedStatement ps =
          c.prepareStatement(
              "INSERT INTO datasets (" + DATASET_COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
                  + " ON CONFLICT (pool_id, identity_id, name) DO UPDATE SET live = EXCLUDED.live,"
                  + " sync_count = EXCLUDED.sync_count, deleted_at_sync_count = EXCLUDED.deleted_at_sync_count,"
                  + " created_ms = EXCLUDED.created_ms, modified_ms = EXCLUDED.modified_ms,"
                  + " modified_by = EXCLUDED.modified_by, num_records = EXCLUDED.num_records,"
                  + " data_storage = EXCLUDED.data_storage")) {
        ps.setString(1, s.id().poolId());
        ps.setString(2, s.id().identityId());
        ps.setString(3, s.id().datasetName());
        ps.setBoolean(4, s.live());
        ps.setLong(5, s.syncCount());
        ps.setLong(6, s.deletedAtSyncCount());
        setInstant(ps, 7, s.creationDate());
        setInstant(ps, 8, s.lastModifiedDate());
        ps.setString(9, s.lastModifiedBy());
        ps.setLong(10, s.numRecords());
        ps.setLong(11, s.dataStorage());
        ps.executeUpdate();
      }
    } catch (SQLException e) {
      throw fail(e);
    }
  }

  // ---- records

  private static StoredRecord record(ResultSet rs) throws SQLException {
    return new StoredRecord(
        rs.getString(1), rs.getString(2), rs.getLong(3), instant(rs, 4), rs.getString(5), instant(rs, 6));
  }

  @Override
  public Map<String, StoredRecord> records(DatasetId id, Collection<String> keys) {
    Map<String, StoredRecord> out = new HashMap<>();
    if (keys.isEmpty()) {
      return out;
    }
    try {
      lockIdentity(id.poolId(), id.identityId());
      // one statement for any number of keys: the keys travel as one text[] parameter
      try (PreparedStatement ps =
          c.prepareStatement(
              "SELECT " + RECORD_COLUMNS
                  + " FROM records WHERE pool_id = ? AND identity_id = ? AND dataset = ? AND key = ANY (?)")) {
        ps.setString(1, id.poolId());
        ps.setString(2, id.identityId());
        ps.setString(3, id.datasetName());
        Array array = c.createArrayOf("text", keys.toArray(new String[0]));
        ps.setArray(4, array);
        try (ResultSet rs = ps.executeQuery()) {
          while (rs.next()) {
            StoredRecord r = record(rs);
            out.put(r.key(), r);
          }
        }
        array.free();
      }
      return out;
    } catch (SQLException e) {
      throw fail(e);
    }
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
    try {
      lockIdentity(id.poolId(), id.identityId());
      // one statement for any number of records: each column travels as one array parameter
      try (PreparedStatement ps =
          c.prepareStatement(
              "INSERT INTO records (pool_id, identity_id, dataset, " + RECORD_COLUMNS + ")"
                  + " SELECT ?, ?, ?, u.k, u.v, u.sc, u.m, u.mb, u.d"
                  + " FROM unnest(?::text[], ?::text[], ?::bigint[], ?::bigint[], ?::text[], ?::bigint[])"
                  + " AS u (k, v, sc, m, mb, d)"
                  + " ON CONFLICT (pool_id, identity_id, dataset, key) DO UPDATE SET value = EXCLUDED.value,"
                  + " sync_count = EXCLUDED.sync_count, modified_ms = EXCLUDED.modified_ms,"
                  + " modified_by = EXCLUDED.modified_by, device_modified_ms = EXCLUDED.device_modified_ms")) {
        ps.setString(1, id.poolId());
        ps.setString(2, id.identityId());
        ps.setString(3, id.datasetName());
        ps.setArray(4, c.createArrayOf("text", keys));
        ps.setArray(5, c.createArrayOf("text", values));
        ps.setArray(6, c.createArrayOf("bigint", counts));
        ps.setArray(7, c.createArrayOf("bigint", modified));
        ps.setArray(8, c.createArrayOf("text", modifiedBy));
        ps.setArray(9, c.createArrayOf("bigint", deviceModified));
        ps.executeUpdate();
      }
    } catch (SQLException e) {
      throw fail(e);
    }
  }

  @Override
  public void deleteRecords(DatasetId id) {
    try {
      lockIdentity(id.poolId(), id.identityId());
      try (PreparedStatement ps =
          c.prepareStatement("DELETE FROM records WHERE pool_id = ? AND identity_id = ? AND dataset = ?")) {
        ps.setString(1, id.poolId());
        ps.setString(2, id.identityId());
        ps.setString(3, id.datasetName());
        ps.executeUpdate();
      }
    } catch (SQLException e) {
      throw fail(e);
    }
  }

  @Override
  public void scanRecords(DatasetId id, long afterSyncCount, String afterKey, int limit, Consumer<StoredRecord> sink) {
    try {
      lockIdentity(id.poolId(), id.identityId());
      String cursor = afterKey == null ? "sync_count > ?" : "(sync_count, key) > (?, ?)";
      try (PreparedStatement ps =
          c.prepareStatement(
              "SELECT " + RECORD_COLUMNS + " FROM records WHERE pool_id = ? AND identity_id = ? AND dataset = ?"
                  + " AND " + cursor + " ORDER BY sync_count, key LIMIT ?")) {
        int p = 1;
        ps.setString(p++, id.poolId());
        ps.setString(p++, id.identityId());
        ps.setString(p++, id.datasetName());
        ps.setLong(p++, afterSyncCount);
        if (afterKey != null) {
          ps.setString(p++, afterKey);
        }
        ps.setInt(p, limit);
        ps.setFetchSize(1024);
        try (ResultSet rs = ps.executeQuery()) {
          while (rs.next()) {
            sink.accept(record(rs));
          }
        }
      }
    } catch (SQLException e) {
      throw fail(e);
    }
  }

  // ---- push sync

  private static final String DEVICE_COLUMNS = "pool_id, identity_id, device_id, platform, token";

  private static Device device(ResultSet rs) throws SQLException {
    return new Device(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5));
  }

  @Override
  public Optional<Device> deviceByToken(String poolId, String identityId, String platform, String token) {
    try {
      lockIdentity(poolId, identityId);
      try (PreparedStatement ps =
          c.prepareStatement(
              "SELECT " + DEVICE_COLUMNS + " FROM devices"
                  + " WHERE pool_id = ? AND identity_id = ? AND platform = ? AND token = ?")) {
        ps.setString(1, poolId);
        ps.setString(2, identityId);
        ps.setString(3, platform);
        ps.setString(4, token);
        try (ResultSet rs = ps.executeQuery()) {
          return rs.next() ? Optional.of(device(rs)) : Optional.empty();
        }
      }
    } catch (SQLException e) {
      throw fail(e);
    }
  }

  @Override
  public Optional<Device> device(String poolId, String identityId, String deviceId) {
    try {
      lockIdentity(poolId, identityId);
      try (PreparedStatement ps =
          c.prepareStatement(
              "SELECT " + DEVICE_COLUMNS + " FROM devices WHERE pool_id = ? AND identity_id = ? AND device_id = ?")) {
        ps.setString(1, poolId);
        ps.setString(2, identityId);
        ps.setString(3, deviceId);
        try (ResultSet rs = ps.executeQuery()) {
          return rs.next() ? Optional.of(device(rs)) : Optional.empty();
        }
      }
    } catch (SQLException e) {
      throw fail(e);
    }
  }

  @Override
  public void putDevice(Device d, Instant now) {
    try {
      lockIdentity(d.poolId(), d.identityId());
      try (PreparedStatement ps =
          c.prepareStatement(
              "INSERT INTO devices (" + DEVICE_COLUMNS + ", created_ms) VALUES (?, ?, ?, ?, ?, ?)"
                  + " ON CONFLICT (pool_id, identity_id, device_id) DO UPDATE SET platform = EXCLUDED.platform,"
                  + " token = EXCLUDED.token, created_ms = EXCLUDED.created_ms")) {
        ps.setString(1, d.poolId());
        ps.setString(2, d.identityId());
        ps.setString(3, d.deviceId());
        ps.setString(4, d.platform());
        ps.setString(5, d.token());
        ps.setLong(6, now.toEpochMilli());
        ps.executeUpdate();
      }
    } catch (SQLException e) {
      throw fail(e);
    }
  }

  @Override
  public void subscribe(DatasetId id, String deviceId, Instant now) {
    try {
      lockIdentity(id.poolId(), id.identityId());
      try (PreparedStatement ps =
          c.prepareStatement(
              "INSERT INTO subscriptions (pool_id, identity_id, dataset, device_id, created_ms)"
                  + " VALUES (?, ?, ?, ?, ?) ON CONFLICT (pool_id, identity_id, dataset, device_id) DO NOTHING")) {
        ps.setString(1, id.poolId());
        ps.setString(2, id.identityId());
        ps.setString(3, id.datasetName());
        ps.setString(4, deviceId);
        ps.setLong(5, now.toEpochMilli());
        ps.executeUpdate();
      }
    } catch (SQLException e) {
      throw fail(e);
    }
  }

  @Override
  public boolean unsubscribe(DatasetId id, String deviceId) {
    try {
      lockIdentity(id.poolId(), id.identityId());
      try (PreparedStatement ps =
          c.prepareStatement(
              "DELETE FROM subscriptions WHERE pool_id = ? AND identity_id = ? AND dataset = ? AND device_id = ?")) {
        ps.setString(1, id.poolId());
        ps.setString(2, id.identityId());
        ps.setString(3, id.datasetName());
        ps.setString(4, deviceId);
        return ps.executeUpdate() == 1;
      }
    } catch (SQLException e) {
      throw fail(e);
    }
  }

  @Override
  public List<Device> subscribers(DatasetId id) {
    try {
      lockIdentity(id.poolId(), id.identityId());
      try (PreparedStatement ps =
          c.prepareStatement(
              "SELECT d.pool_id, d.identity_id, d.device_id, d.platform, d.token FROM subscriptions s"
                  + " JOIN devices d ON d.pool_id = s.pool_id AND d.identity_id = s.identity_id"
                  + " AND d.device_id = s.device_id"
                  + " WHERE s.pool_id = ? AND s.identity_id = ? AND s.dataset = ? ORDER BY d.device_id")) {
        ps.setString(1, id.poolId());
        ps.setString(2, id.identityId());
        ps.setString(3, id.datasetName());
        List<Device> out = new ArrayList<>();
        try (ResultSet rs = ps.executeQuery()) {
          while (rs.next()) {
            out.add(device(rs));
          }
        }
        return out;
      }
    } catch (SQLException e) {
      throw fail(e);
    }
  }

  // ---- bulk publish

  /**
   * Selects a bulk-publish row; an IN_PROGRESS row whose owning instance no longer heartbeats (it stopped or crashed
   * mid-export) reads as FAILED, so another instance may start a new publish and nothing stays IN_PROGRESS forever.
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

  private static BulkPublishState bulk(ResultSet rs) throws SQLException {
    if (rs.getBoolean(6)) {
      return new BulkPublishState(
          rs.getString(1), BulkPublishStatus.FAILED, instant(rs, 3), null,
          "Interrupted: the server instance running it stopped");
    }
    return new BulkPublishState(
        rs.getString(1), BulkPublishStatus.valueOf(rs.getString(2)), instant(rs, 3), instant(rs, 4),
        rs.getString(5));
  }

  @Override
  public Optional<BulkPublishState> bulkPublish(String poolId) {
    try {
      lockPool(poolId);
      try (PreparedStatement ps = c.prepareStatement(BULK_SELECT + " WHERE b.pool_id = ?")) {
        bindBulkSelect(ps);
        ps.setString(3, poolId);
        try (ResultSet rs = ps.executeQuery()) {
          return rs.next() ? Optional.of(bulk(rs)) : Optional.empty();
        }
      }
    } catch (SQLException e) {
      throw fail(e);
    }
  }

  @Override
  public void putBulkPublish(BulkPublishState s) {
    try {
      lockPool(s.poolId());
      try (PreparedStatement ps =
          c.prepareStatement(
              "INSERT INTO bulk_publish (pool_id, status, started_ms, completed_ms, failure_message, owner_instance)"
                  + " VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (pool_id) DO UPDATE SET status = EXCLUDED.status,"
                  + " started_ms = EXCLUDED.started_ms, completed_ms = EXCLUDED.completed_ms,"
                  + " failure_message = EXCLUDED.failure_message, owner_instance = EXCLUDED.owner_instance")) {
        ps.setString(1, s.poolId());
        ps.setString(2, s.status().name());
        setInstant(ps, 3, s.startTime());
        setInstant(ps, 4, s.completeTime());
        ps.setString(5, s.failureMessage());
        ps.setString(6, s.status() == BulkPublishStatus.IN_PROGRESS ? instanceId : null);
        ps.executeUpdate();
      }
    } catch (SQLException e) {
      throw fail(e);
    }
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
    try (PreparedStatement ps = c.prepareStatement(BULK_SELECT + " ORDER BY b.pool_id")) {
      bindBulkSelect(ps);
      List<BulkPublishState> out = new ArrayList<>();
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          BulkPublishStatus stored = BulkPublishStatus.valueOf(rs.getString(2));
          if (status == BulkPublishStatus.IN_PROGRESS) {
            boolean orphan = rs.getBoolean(6);
            boolean unknownOwner = rs.getString(7) == null;
            if (stored == BulkPublishStatus.IN_PROGRESS && (orphan || unknownOwner)) {
              out.add(new BulkPublishState(rs.getString(1), stored, instant(rs, 3), instant(rs, 4), rs.getString(5)));
            }
          } else {
            BulkPublishState effective = bulk(rs);
            if (effective.status() == status) {
              out.add(effective);
            }
          }
        }
      }
      if (write && status == BulkPublishStatus.IN_PROGRESS && !out.isEmpty()) {
        return stillOrphaned(out);
      }
      return out;
    } catch (SQLException e) {
      throw fail(e);
    }
  }

  /**
   * Re-reads takeover candidates under their pool's lock, so that a recovering instance never marks as failed a
   * publish that another instance started (and committed) after the candidates were listed.
   */
  private List<BulkPublishState> stillOrphaned(List<BulkPublishState> candidates) throws SQLException {
    List<BulkPublishState> out = new ArrayList<>();
    for (BulkPublishState s : candidates) {
      lockPool(s.poolId());
      try (PreparedStatement ps = c.prepareStatement(BULK_SELECT + " WHERE b.pool_id = ?")) {
        bindBulkSelect(ps);
        ps.setString(3, s.poolId());
        try (ResultSet rs = ps.executeQuery()) {
          if (rs.next() && "IN_PROGRESS".equals(rs.getString(2)) && (rs.getBoolean(6) || rs.getString(7) == null)) {
            out.add(new BulkPublishState(rs.getString(1), BulkPublishStatus.IN_PROGRESS, instant(rs, 3),
                instant(rs, 4), rs.getString(5)));
          }
        }
      }
    }
    return out;
  }
}
