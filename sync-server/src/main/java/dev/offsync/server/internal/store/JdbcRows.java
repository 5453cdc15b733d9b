package dev.offsync.server.internal.store;

import dev.offsync.server.spi.BulkPublishState;
import dev.offsync.server.spi.BulkPublishStatus;
import dev.offsync.server.spi.DatasetId;
import dev.offsync.server.spi.DatasetState;
import dev.offsync.server.spi.Device;
import dev.offsync.server.spi.PoolUsage;
import dev.offsync.server.spi.StoredRecord;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;

/**
 * Column lists, row mappers and parameter binders that the SQLite and PostgreSQL stores share: both schemas name and
 * order these columns alike, keep times as epoch milliseconds and {@code live} as a value JDBC reads and writes as a
 * boolean (SQLite's 0/1 integer, PostgreSQL's {@code boolean}).
 */
public final class JdbcRows {
  /** The columns {@link #dataset} maps, in order. */
  public static final String DATASET_COLUMNS =
      "pool_id, identity_id, name, live, sync_count, deleted_at_sync_count, created_ms, modified_ms, modified_by,"
          + " num_records, data_storage";
  /** The columns {@link #record} maps, in order. */
  public static final String RECORD_COLUMNS = "key, value, sync_count, modified_ms, modified_by, device_modified_ms";
  /** The columns {@link #device} maps, in order. */
  public static final String DEVICE_COLUMNS = "pool_id, identity_id, device_id, platform, token";
  /** The columns {@link #bulkPublish} maps, in order. */
  public static final String BULK_PUBLISH_COLUMNS = "pool_id, status, started_ms, completed_ms, failure_message";

  private JdbcRows() {}

  /**
   * Reads an epoch-millisecond column.
   *
   * @param rs the result set on a row
   * @param column the column index
   * @return the instant, null for SQL NULL
   * @throws SQLException if JDBC fails
   */
  public static Instant instant(ResultSet rs, int column) throws SQLException {
    long v = rs.getLong(column);
    return rs.wasNull() ? null : Instant.ofEpochMilli(v);
  }

  /**
   * Binds an instant as epoch milliseconds.
   *
   * @param ps the statement
   * @param index the parameter index
   * @param value the instant, null for SQL NULL
   * @throws SQLException if JDBC fails
   */
  public static void setInstant(PreparedStatement ps, int index, Instant value) throws SQLException {
    if (value == null) {
      ps.setNull(index, Types.BIGINT);
    } else {
      ps.setLong(index, value.toEpochMilli());
    }
  }

  /**
   * Binds a dataset id as three consecutive parameters (pool, identity, dataset name).
   *
   * @param ps the statement
   * @param first the index of the first
   * @param id the dataset
   * @throws SQLException if JDBC fails
   */
  public static void setDatasetId(PreparedStatement ps, int first, DatasetId id) throws SQLException {
    ps.setString(first, id.poolId());
    ps.setString(first + 1, id.identityId());
    ps.setString(first + 2, id.datasetName());
  }

  /**
   * Binds a dataset's state as parameters 1..11, in the order of {@link #DATASET_COLUMNS}.
   *
   * @param ps the statement
   * @param s the state
   * @throws SQLException if JDBC fails
   */
  public static void setDataset(PreparedStatement ps, DatasetState s) throws SQLException {
    setDatasetId(ps, 1, s.id());
    ps.setBoolean(4, s.live());
    ps.setLong(5, s.syncCount());
    ps.setLong(6, s.deletedAtSyncCount());
    setInstant(ps, 7, s.creationDate());
    setInstant(ps, 8, s.lastModifiedDate());
    ps.setString(9, s.lastModifiedBy());
    ps.setLong(10, s.numRecords());
    ps.setLong(11, s.dataStorage());
  }

  /**
   * Binds a device as parameters 1..5, in the order of {@link #DEVICE_COLUMNS}.
   *
   * @param ps the statement
   * @param d the device
   * @throws SQLException if JDBC fails
   */
  public static void setDevice(PreparedStatement ps, Device d) throws SQLException {
    ps.setString(1, d.poolId());
    ps.setString(2, d.identityId());
    ps.setString(3, d.deviceId());
    ps.setString(4, d.platform());
    ps.setString(5, d.token());
  }

  /**
   * Binds a bulk-publish state as parameters 1..5, in the order of {@link #BULK_PUBLISH_COLUMNS}.
   *
   * @param ps the statement
   * @param s the state
   * @throws SQLException if JDBC fails
   */
  public static void setBulkPublish(PreparedStatement ps, BulkPublishState s) throws SQLException {
    ps.setString(1, s.poolId());
    ps.setString(2, s.status().name());
    setInstant(ps, 3, s.startTime());
    setInstant(ps, 4, s.completeTime());
    ps.setString(5, s.failureMessage());
  }

  /**
   * Maps a row of {@link #DATASET_COLUMNS}.
   *
   * @param rs the result set on a row
   * @return the dataset state
   * @throws SQLException if JDBC fails
   */
  public static DatasetState dataset(ResultSet rs) throws SQLException {
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

  /**
   * Maps a row of {@link #RECORD_COLUMNS}.
   *
   * @param rs the result set on a row
   * @return the record version
   * @throws SQLException if JDBC fails
   */
  public static StoredRecord record(ResultSet rs) throws SQLException {
    return new StoredRecord(
        rs.getString(1), rs.getString(2), rs.getLong(3), instant(rs, 4), rs.getString(5), instant(rs, 6));
  }

  /**
   * Maps a row of {@link #DEVICE_COLUMNS}.
   *
   * @param rs the result set on a row
   * @return the device
   * @throws SQLException if JDBC fails
   */
  public static Device device(ResultSet rs) throws SQLException {
    return new Device(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5));
  }

  /**
   * Maps a pool-usage row: pool id, sync sessions, data storage, last modification.
   *
   * @param rs the result set on a row
   * @return the usage
   * @throws SQLException if JDBC fails
   */
  public static PoolUsage poolUsage(ResultSet rs) throws SQLException {
    return new PoolUsage(rs.getString(1), rs.getLong(2), rs.getLong(3), instant(rs, 4));
  }

  /**
   * Maps a row that starts with {@link #BULK_PUBLISH_COLUMNS}, as stored.
   *
   * @param rs the result set on a row
   * @return the bulk-publish state
   * @throws SQLException if JDBC fails
   */
  public static BulkPublishState bulkPublish(ResultSet rs) throws SQLException {
    return new BulkPublishState(
        rs.getString(1), BulkPublishStatus.valueOf(rs.getString(2)), instant(rs, 3), instant(rs, 4),
        rs.getString(5));
  }
}
