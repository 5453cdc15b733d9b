package dev.offsync.server.internal.store;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
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
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/** {@link StoreTransaction} on one SQLite connection inside an open transaction. */
final class SqliteTransaction implements StoreTransaction {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String DATASET_COLUMNS =
      "pool_id, identity_id, name, live, sync_count, deleted_at_sync_count, created_ms, modified_ms, modified_by,"
          + " num_records, data_storage";
  private static final String RECORD_COLUMNS =
      "key, value, sync_count, modified_ms, modified_by, device_modified_ms";

  private final SqliteConnection c;

  SqliteTransaction(SqliteConnection c) {
    this.c = c;
  }

  private static StoreException fail(SQLException e) {
    return new StoreException("SQLite: " + e.getMessage(), e);
  }

  private static Instant instant(ResultSet rs, int column) throws SQLException {
    long v = rs.getLong(column);
    return rs.wasNull() ? null : Instant.ofEpochMilli(v);
  }

  private static void setInstant(PreparedStatement ps, int index, Instant value) throws SQLException {
    if (value == null) {
      ps.setNull(index, Types.INTEGER);
    } else {
      ps.setLong(index, value.toEpochMilli());
    }
  }

  // ---- pools

  @Override
  public boolean createPoolIfAbsent(String poolId, Instant now) {
    try {
      PreparedStatement ps = c.prepare("INSERT OR IGNORE INTO pools (pool_id, created_ms) VALUES (?, ?)");
      ps.setString(1, poolId);
      ps.setLong(2, now.toEpochMilli());
      return ps.executeUpdate() == 1;
    } catch (SQLException e) {
      throw fail(e);
    }
  }

  @Override
  public boolean poolExists(String poolId) {
    try {
      PreparedStatement ps = c.prepare("SELECT 1 FROM pools WHERE pool_id = ?");
      ps.setString(1, poolId);
      try (ResultSet rs = ps.executeQuery()) {
        return rs.next();
      }
    } catch (SQLException e) {
      throw fail(e);
    }
  }

  private static final String POOL_USAGE =
      "SELECT p.pool_id, p.sync_sessions,"
          + " (SELECT COALESCE(SUM(d.data_storage), 0) FROM datasets d WHERE d.pool_id = p.pool_id AND d.live = 1),"
          + " (SELECT MAX(d.modified_ms) FROM datasets d WHERE d.pool_id = p.pool_id)"
          + " FROM pools p";

  private static PoolUsage poolUsage(ResultSet rs) throws SQLException {
    return new PoolUsage(rs.getString(1), rs.getLong(2), rs.getLong(3), instant(rs, 4));
  }

  @Override
  public List<PoolUsage> listPoolUsage(String afterPoolId, int limit) {
    try {
      PreparedStatement ps = c.prepare(POOL_USAGE + " WHERE p.pool_id > ? ORDER BY p.pool_id LIMIT ?");
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
    try {
      PreparedStatement ps = c.prepare(POOL_USAGE + " WHERE p.pool_id = ?");
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
    try {
      PreparedStatement ps = c.prepare("UPDATE pools SET sync_sessions = sync_sessions + ? WHERE pool_id = ?");
      ps.setLong(1, sessions);
      ps.setString(2, poolId);
      ps.executeUpdate();
    } catch (SQLException e) {
      throw fail(e);
    }
  }

  @Override
  public Optional<String> poolDocument(String poolId, String kind) {
    try {
      PreparedStatement ps = c.prepare("SELECT body FROM pool_documents WHERE pool_id = ? AND kind = ?");
      ps.setString(1, poolId);
      ps.setString(2, kind);
      try (ResultSet rs = ps.executeQuery()) {
        return rs.next() ? Optional.of(rs.getString(1)) : Optional.empty();
      }
    } catch (SQLException e) {
      throw fail(e);
    }
  }

  @Override
  public void putPoolDocument(String poolId, String kind, String body) {
    try {
      PreparedStatement ps =
          c.prepare("INSERT OR REPLACE INTO pool_documents (pool_id, kind, body) VALUES (?, ?, ?)");
      ps.setString(1, poolId);
      ps.setString(2, kind);
      ps.setString(3, body);
      ps.executeUpdate();
    } catch (SQLException e) {
      throw fail(e);
    }
  }

  // ---- identities

  @Override
  public boolean createIdentityIfAbsent(String poolId, String identityId, Instant now) {
    try {
      PreparedStatement ps =
          c.prepare("INSERT OR IGNORE INTO identities (pool_id, identity_id, created_ms) VALUES (?, ?, ?)");
      ps.setString(1, poolId);
      ps.setString(2, identityId);
      ps.setLong(3, now.toEpochMilli());
      return ps.executeUpdate() == 1;
    } catch (SQLException e) {
      throw fail(e);
    }
  }

  @Override
  public boolean identityExists(String poolId, String identityId) {
    try {
      PreparedStatement ps = c.prepare("SELECT 1 FROM identities WHERE pool_id = ? AND identity_id = ?");
      ps.setString(1, poolId);
      ps.setString(2, identityId);
      try (ResultSet rs = ps.executeQuery()) {
        return rs.next();
      }
    } catch (SQLException e) {
      throw fail(e);
    }
  }

  @Override
  public Optional<String> poolOfIdentity(String identityId) {
    try {
      PreparedStatement ps = c.prepare("SELECT pool_id FROM identities WHERE identity_id = ? ORDER BY pool_id LIMIT 1");
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
      PreparedStatement ps =
          c.prepare(
              "SELECT COALESCE(SUM(live), 0), COALESCE(SUM(CASE WHEN live = 1 THEN data_storage ELSE 0 END), 0),"
                  + " MAX(modified_ms) FROM datasets WHERE pool_id = ? AND identity_id = ?");
      ps.setString(1, poolId);
      ps.setString(2, identityId);
      try (ResultSet rs = ps.executeQuery()) {
        rs.next();
        return new IdentityUsage(poolId, identityId, rs.getInt(1), rs.getLong(2), instant(rs, 3));
      }
    } catch (SQLException e) {
      throw fail(e);
    }
  }

  // ---- datasets

  private static DatasetState dataset(ResultSet rs) throws SQLException {
    return new DatasetState(
        new DatasetId(rs.getString(1), rs.getString(2), rs.getString(3)),
        rs.getInt(4) != 0,
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
      PreparedStatement ps =
          c.prepare(
              "SELECT " + DATASET_COLUMNS + " FROM datasets WHERE pool_id = ? AND identity_id = ? AND name = ?");
      ps.setString(1, id.poolId());
      ps.setString(2, id.identityId());
      ps.setString(3, id.datasetName());
      try (ResultSet rs = ps.executeQuery()) {
        return rs.next() ? Optional.of(dataset(rs)) : Optional.empty();
      }
    } catch (SQLException e) {
      throw fail(e);
    }
  }

  @Override
  public int countLiveDatasets(String poolId, String identityId) {
    try {
      PreparedStatement ps =
          c.prepare("SELECT COUNT(*) FROM datasets WHERE pool_id = ? AND identity_id = ? AND live = 1");
      ps.setString(1, poolId);
      ps.setString(2, identityId);
      try (ResultSet rs = ps.executeQuery()) {
        rs.next();
        return rs.getInt(1);
      }
    } catch (SQLException e) {
      throw fail(e);
    }
  }

  @Override
  public List<DatasetState> listLiveDatasets(String poolId, String identityId, String afterName, int limit) {
    try {
      PreparedStatement ps =
          c.prepare(
              "SELECT "
                  + DATASET_COLUMNS
                  + " FROM datasets WHERE pool_id = ? AND identity_id = ? AND live = 1 AND name > ?"
                  + " ORDER BY name LIMIT ?");
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
    } catch (SQLException e) {
      throw fail(e);
    }
  }

  @Override
  public void forEachLiveDataset(String poolId, Consumer<DatasetState> sink) {
    try {
      PreparedStatement ps =
          c.prepare(
              "SELECT "
                  + DATASET_COLUMNS
                  + " FROM datasets WHERE pool_id = ? AND live = 1 ORDER BY identity_id, name");
      ps.setString(1, poolId);
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
      PreparedStatement ps =
          c.prepare(
              "INSERT OR REPLACE INTO datasets ("
                  + DATASET_COLUMNS
                  + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
      ps.setString(1, s.id().poolId());
      ps.setString(2, s.id().identityId());
      ps.setString(3, s.id().datasetName());
      ps.setInt(4, s.live() ? 1 : 0);
      ps.setLong(5, s.syncCount());
      ps.setLong(6, s.deletedAtSyncCount());
      setInstant(ps, 7, s.creationDate());
      setInstant(ps, 8, s.lastModifiedDate());
      ps.setString(9, s.lastModifiedBy());
      ps.setLong(10, s.numRecords());
      ps.setLong(11, s.dataStorage());
      ps.executeUpdate();
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
      // one statement for any number of keys: the keys travel as one JSON array parameter
      PreparedStatement ps =
          c.prepare(
              "SELECT "
                  + RECORD_COLUMNS
                  + " FROM records WHERE pool_id = ? AND identity_id = ? AND dataset = ?"
                  + " AND key IN (SELECT value FROM json_each(?))");
      ps.setString(1, id.poolId());
      ps.setString(2, id.identityId());
      ps.setString(3, id.datasetName());
      ps.setString(4, JSON.writeValueAsString(keys));
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          StoredRecord r = record(rs);
          out.put(r.key(), r);
        }
      }
      return out;
    } catch (SQLException e) {
      throw fail(e);
    } catch (JsonProcessingException e) {
      throw new StoreException("cannot encode keys", e);
    }
  }

  @Override
  public void putRecords(DatasetId id, Collection<StoredRecord> records) {
    if (records.isEmpty()) {
      return;
    }
    try {
      PreparedStatement ps =
          c.prepare(
              "INSERT OR REPLACE INTO records (pool_id, identity_id, dataset, "
                  + RECORD_COLUMNS
                  + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)");
      for (StoredRecord r : records) {
        ps.setString(1, id.poolId());
        ps.setString(2, id.identityId());
        ps.setString(3, id.datasetName());
        ps.setString(4, r.key());
        ps.setString(5, r.value());
        ps.setLong(6, r.syncCount());
        setInstant(ps, 7, r.lastModifiedDate());
        ps.setString(8, r.lastModifiedBy());
        setInstant(ps, 9, r.deviceLastModifiedDate());
        ps.addBatch();
      }
      ps.executeBatch();
    } catch (SQLException e) {
      throw fail(e);
    }
  }

  @Override
  public void deleteRecords(DatasetId id) {
    try {
      PreparedStatement ps =
          c.prepare("DELETE FROM records WHERE pool_id = ? AND identity_id = ? AND dataset = ?");
      ps.setString(1, id.poolId());
      ps.setString(2, id.identityId());
      ps.setString(3, id.datasetName());
      ps.executeUpdate();
    } catch (SQLException e) {
      throw fail(e);
    }
  }

  @Override
  public void scanRecords(
      DatasetId id, long afterSyncCount, String afterKey, int limit, Consumer<StoredRecord> sink) {
    try {
      PreparedStatement ps =
          c.prepare(
              "SELECT "
                  + RECORD_COLUMNS
                  + " FROM records WHERE pool_id = ? AND identity_id = ? AND dataset = ?"
                  + " AND (sync_count > ? OR (sync_count = ? AND key > ?))"
                  + " ORDER BY sync_count, key LIMIT ?");
      ps.setString(1, id.poolId());
      ps.setString(2, id.identityId());
      ps.setString(3, id.datasetName());
      ps.setLong(4, afterSyncCount);
      // with no cursor key, "(sync_count = L AND key > x)" must match nothing: use a count no row has
      ps.setLong(5, afterKey == null ? Long.MIN_VALUE : afterSyncCount);
      ps.setString(6, afterKey == null ? "" : afterKey);
      ps.setInt(7, limit);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          sink.accept(record(rs));
        }
      }
    } catch (SQLException e) {
      throw fail(e);
    }
  }

  // ---- push sync

  private static Device device(ResultSet rs) throws SQLException {
    return new Device(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5));
  }

  @Override
  public Optional<Device> deviceByToken(String poolId, String identityId, String platform, String token) {
    try {
      PreparedStatement ps =
          c.prepare(
              "SELECT pool_id, identity_id, device_id, platform, token FROM devices"
                  + " WHERE pool_id = ? AND identity_id = ? AND platform = ? AND token = ?");
      ps.setString(1, poolId);
      ps.setString(2, identityId);
      ps.setString(3, platform);
      ps.setString(4, token);
      try (ResultSet rs = ps.executeQuery()) {
        return rs.next() ? Optional.of(device(rs)) : Optional.empty();
      }
    } catch (SQLException e) {
      throw fail(e);
    }
  }

  @Override
  public Optional<Device> device(String poolId, String identityId, String deviceId) {
    try {
      PreparedStatement ps =
          c.prepare(
              "SELECT pool_id, identity_id, device_id, platform, token FROM devices"
                  + " WHERE pool_id = ? AND identity_id = ? AND device_id = ?");
      ps.setString(1, poolId);
      ps.setString(2, identityId);
      ps.setString(3, deviceId);
      try (ResultSet rs = ps.executeQuery()) {
        return rs.next() ? Optional.of(device(rs)) : Optional.empty();
      }
    } catch (SQLException e) {
      throw fail(e);
    }
  }

  @Override
  public void putDevice(Device d, Instant now) {
    try {
      PreparedStatement ps =
          c.prepare(
              "INSERT OR REPLACE INTO devices (pool_id, identity_id, device_id, platform, token, created_ms)"
                  + " VALUES (?, ?, ?, ?, ?, ?)");
      ps.setString(1, d.poolId());
      ps.setString(2, d.identityId());
      ps.setString(3, d.deviceId());
      ps.setString(4, d.platform());
      ps.setString(5, d.token());
      ps.setLong(6, now.toEpochMilli());
      ps.executeUpdate();
    } catch (SQLException e) {
      throw fail(e);
    }
  }

  @Override
  public void subscribe(DatasetId id, String deviceId, Instant now) {
    try {
      PreparedStatement ps =
          c.prepare(
              "INSERT OR IGNORE INTO subscriptions (pool_id, identity_id, dataset, device_id, created_ms)"
                  + " VALUES (?, ?, ?, ?, ?)");
      ps.setString(1, id.poolId());
      ps.setString(2, id.identityId());
      ps.setString(3, id.datasetName());
      ps.setString(4, deviceId);
      ps.setLong(5, now.toEpochMilli());
      ps.executeUpdate();
    } catch (SQLException e) {
      throw fail(e);
    }
  }

  @Override
  public boolean unsubscribe(DatasetId id, String deviceId) {
    try {
      PreparedStatement ps =
          c.prepare(
              "DELETE FROM subscriptions WHERE pool_id = ? AND identity_id = ? AND dataset = ? AND device_id = ?");
      ps.setString(1, id.poolId());
      ps.setString(2, id.identityId());
      ps.setString(3, id.datasetName());
      ps.setString(4, deviceId);
      return ps.executeUpdate() == 1;
    } catch (SQLException e) {
      throw fail(e);
    }
  }

  @Override
  public List<Device> subscribers(DatasetId id) {
    try {
      PreparedStatement ps =
          c.prepare(
              "SELECT d.pool_id, d.identity_id, d.device_id, d.platform, d.token FROM subscriptions s"
                  + " JOIN devices d ON d.pool_id = s.pool_id AND d.identity_id = s.identity_id"
                  + " AND d.device_id = s.device_id"
                  + " WHERE s.pool_id = ? AND s.identity_id = ? AND s.dataset = ? ORDER BY d.device_id");
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
    } catch (SQLException e) {
      throw fail(e);
    }
  }

  // ---- bulk publish

  private static BulkPublishState bulk(ResultSet rs) throws SQLException {
    return new BulkPublishState(
        rs.getString(1), BulkPublishStatus.valueOf(rs.getString(2)), instant(rs, 3), instant(rs, 4),
        rs.getString(5));
  }

  @Override
  public Optional<BulkPublishState> bulkPublish(String poolId) {
    try {
      PreparedStatement ps =
          c.prepare(
              "SELECT pool_id, status, started_ms, completed_ms, failure_message FROM bulk_publish"
                  + " WHERE pool_id = ?");
      ps.setString(1, poolId);
      try (ResultSet rs = ps.executeQuery()) {
        return rs.next() ? Optional.of(bulk(rs)) : Optional.empty();
      }
    } catch (SQLException e) {
      throw fail(e);
    }
  }

  @Override
  public void putBulkPublish(BulkPublishState s) {
    try {
      PreparedStatement ps =
          c.prepare(
              "INSERT OR REPLACE INTO bulk_publish (pool_id, status, started_ms, completed_ms, failure_message)"
                  + " VALUES (?, ?, ?, ?, ?)");
      ps.setString(1, s.poolId());
      ps.setString(2, s.status().name());
      setInstant(ps, 3, s.startTime());
      setInstant(ps, 4, s.completeTime());
      ps.setString(5, s.failureMessage());
      ps.executeUpdate();
    } catch (SQLException e) {
      throw fail(e);
    }
  }

  @Override
  public List<BulkPublishState> bulkPublishes(BulkPublishStatus status) {
    try {
      PreparedStatement ps =
          c.prepare(
              "SELECT pool_id, status, started_ms, completed_ms, failure_message FROM bulk_publish"
                  + " WHERE status = ? ORDER BY pool_id");
      ps.setString(1, status.name());
      List<BulkPublishState> out = new ArrayList<>();
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          out.add(bulk(rs));
        }
      }
      return out;
    } catch (SQLException e) {
      throw fail(e);
    }
  }
}
