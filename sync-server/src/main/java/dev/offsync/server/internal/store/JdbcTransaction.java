package dev.offsync.server.internal.store;

import static dev.offsync.server.internal.store.JdbcRows.DATASET_COLUMNS;
import static dev.offsync.server.internal.store.JdbcRows.DEVICE_COLUMNS;
import static dev.offsync.server.internal.store.JdbcRows.RECORD_COLUMNS;

import dev.offsync.server.spi.DatasetId;
import dev.offsync.server.spi.DatasetState;
import dev.offsync.server.spi.Device;
import dev.offsync.server.spi.IdentityUsage;
import dev.offsync.server.spi.PoolUsage;
import dev.offsync.server.spi.StoreException;
import dev.offsync.server.spi.StoreTransaction;
import dev.offsync.server.spi.StoredRecord;
import dev.offsync.server.spi.StreamOutboxEntry;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;

/**
 * The part of {@link StoreTransaction} that is the same on SQLite and PostgreSQL: the queries, their parameters and
 * the row mapping. A store supplies how it gets a statement ({@link #withStatement}), the SQL where the dialects
 * differ ({@link JdbcDialect}), the operations whose statements are shaped differently (batched record writes,
 * paging, counters, bulk publish), and, through {@link #lockIdentity} / {@link #lockPool}, the locks its isolation
 * model needs before a write transaction reads or changes an identity's rows (SQLite's single writer needs none).
 */
public abstract class JdbcTransaction implements StoreTransaction {

  /** Binds a statement's parameters. */
  @FunctionalInterface
  protected interface Binder {
    /**
     * Binds the parameters.
     *
     * @param ps the statement
     * @throws SQLException if JDBC fails
     */
    void bind(PreparedStatement ps) throws SQLException;
  }

  /**
   * Maps the current row of a result set.
   *
   * @param <T> what a row becomes
   */
  @FunctionalInterface
  protected interface RowMapper<T> {
    /**
     * Maps the row.
     *
     * @param rs the result set on a row
     * @return the value
     * @throws SQLException if JDBC fails
     */
    T map(ResultSet rs) throws SQLException;
  }

  /**
   * Work on a prepared statement.
   *
   * @param <T> the result
   */
  @FunctionalInterface
  protected interface StatementWork<T> {
    /**
     * Runs the work.
     *
     * @param ps the statement, valid during this call only
     * @return the result
     * @throws SQLException if JDBC fails
     */
    T run(PreparedStatement ps) throws SQLException;
  }

  /**
   * JDBC work whose {@link SQLException} becomes a {@link StoreException}.
   *
   * @param <T> the result
   */
  @FunctionalInterface
  protected interface SqlWork<T> {
    /**
     * Runs the work.
     *
     * @return the result
     * @throws SQLException if JDBC fails
     */
    T run() throws SQLException;
  }

  private final JdbcDialect sql;

  /**
   * Creates the shared part.
   *
   * @param sql the store's dialect
   */
  protected JdbcTransaction(JdbcDialect sql) {
    this.sql = sql;
  }

  /**
   * Runs work with a prepared statement for {@code sql}, and releases it afterwards as the store manages statements
   * (closed, or kept in a per-connection cache with its parameters cleared).
   *
   * @param sql the statement text
   * @param work the work
   * @param <T> the result
   * @return the work's result
   * @throws SQLException if JDBC fails
   */
  protected abstract <T> T withStatement(String sql, StatementWork<T> work) throws SQLException;

  /**
   * Wraps a JDBC failure in the store's words.
   *
   * @param e the failure
   * @return the exception to throw
   */
  protected abstract StoreException storeFailure(SQLException e);

  /**
   * Called before the transaction reads or writes an identity's rows; does nothing unless the store overrides it.
   *
   * @param poolId the pool
   * @param identityId the identity
   * @throws SQLException if JDBC fails
   */
  protected void lockIdentity(String poolId, String identityId) throws SQLException {}

  /**
   * Called before the transaction reads or writes a pool's shared mutable state (configuration documents, bulk
   * publish); does nothing unless the store overrides it.
   *
   * @param poolId the pool
   * @throws SQLException if JDBC fails
   */
  protected void lockPool(String poolId) throws SQLException {}

  /**
   * Called on a statement whose rows are streamed to a sink, before it runs (e.g. to set a fetch size); does
   * nothing unless the store overrides it.
   *
   * @param ps the statement
   * @throws SQLException if JDBC fails
   */
  protected void beforeStreaming(PreparedStatement ps) throws SQLException {}

  /**
   * Binds the keys of {@link #records} to the one parameter of {@link JdbcDialect#keyIn}.
   *
   * @param ps the statement
   * @param index the parameter index
   * @param keys the keys, not empty
   * @throws SQLException if JDBC fails
   */
  protected abstract void setKeys(PreparedStatement ps, int index, Collection<String> keys) throws SQLException;

  // ---- helpers

  /**
   * Runs JDBC work, turning {@link SQLException} into {@link #storeFailure}.
   *
   * @param work the work
   * @param <T> the result
   * @return the work's result
   */
  protected final <T> T jdbc(SqlWork<T> work) {
    try {
      return work.run();
    } catch (SQLException e) {
      throw storeFailure(e);
    }
  }

  /**
   * Runs an update.
   *
   * @param sql the statement
   * @param binder binds its parameters
   * @return the update count
   * @throws SQLException if JDBC fails
   */
  protected final int update(String sql, Binder binder) throws SQLException {
    return withStatement(sql, ps -> {
      binder.bind(ps);
      return ps.executeUpdate();
    });
  }

  /**
   * Runs a query and maps its first row.
   *
   * @param sql the query
   * @param binder binds its parameters
   * @param mapper maps the row
   * @param <T> what a row becomes
   * @return the first row, empty if none
   * @throws SQLException if JDBC fails
   */
  protected final <T> Optional<T> queryOne(String sql, Binder binder, RowMapper<T> mapper) throws SQLException {
    return withStatement(sql, ps -> {
      binder.bind(ps);
      try (ResultSet rs = ps.executeQuery()) {
        return rs.next() ? Optional.of(mapper.map(rs)) : Optional.empty();
      }
    });
  }

  /**
   * Runs a query and maps every row into a list.
   *
   * @param sql the query
   * @param binder binds its parameters
   * @param mapper maps each row
   * @param <T> what a row becomes
   * @return the rows in order
   * @throws SQLException if JDBC fails
   */
  protected final <T> List<T> queryList(String sql, Binder binder, RowMapper<T> mapper) throws SQLException {
    List<T> out = new ArrayList<>();
    queryEach(sql, binder, mapper, out::add, false);
    return out;
  }

  /**
   * Runs a query and hands every row to a sink as it is read, after {@link #beforeStreaming}.
   *
   * @param sql the query
   * @param binder binds its parameters
   * @param mapper maps each row
   * @param sink receives the rows in order
   * @param <T> what a row becomes
   * @throws SQLException if JDBC fails
   */
  protected final <T> void stream(String sql, Binder binder, RowMapper<T> mapper, Consumer<T> sink)
      throws SQLException {
    queryEach(sql, binder, mapper, sink, true);
  }

  private <T> void queryEach(String sql, Binder binder, RowMapper<T> mapper, Consumer<T> sink, boolean streaming)
      throws SQLException {
    withStatement(sql, ps -> {
      binder.bind(ps);
      if (streaming) {
        beforeStreaming(ps);
      }
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          sink.accept(mapper.map(rs));
        }
      }
      return null;
    });
  }

  // ---- pools

  @Override
  public boolean createPoolIfAbsent(String poolId, Instant now) {
    return jdbc(() -> update(sql.insertPool(), ps -> {
      ps.setString(1, poolId);
      ps.setLong(2, now.toEpochMilli());
    }) == 1);
  }

  @Override
  public boolean poolExists(String poolId) {
    return jdbc(() -> queryOne("SELECT 1 FROM pools WHERE pool_id = ?", ps -> ps.setString(1, poolId), rs -> true))
        .isPresent();
  }

  @Override
  public List<PoolUsage> listPoolUsage(String afterPoolId, int limit) {
    return jdbc(() -> queryList(sql.poolUsage() + " WHERE p.pool_id > ? ORDER BY p.pool_id LIMIT ?", ps -> {
      ps.setString(1, afterPoolId == null ? "" : afterPoolId);
      ps.setInt(2, limit);
    }, JdbcRows::poolUsage));
  }

  @Override
  public Optional<PoolUsage> poolUsage(String poolId) {
    return jdbc(() -> queryOne(sql.poolUsage() + " WHERE p.pool_id = ?", ps -> ps.setString(1, poolId),
        JdbcRows::poolUsage));
  }

  @Override
  public Optional<String> poolDocument(String poolId, String kind) {
    return jdbc(() -> {
      lockPool(poolId);
      return queryOne("SELECT body FROM pool_documents WHERE pool_id = ? AND kind = ?", ps -> {
        ps.setString(1, poolId);
        ps.setString(2, kind);
      }, rs -> rs.getString(1));
    });
  }

  @Override
  public void putPoolDocument(String poolId, String kind, String body) {
    jdbc(() -> {
      lockPool(poolId);
      return update(sql.upsertPoolDocument(), ps -> {
        ps.setString(1, poolId);
        ps.setString(2, kind);
        ps.setString(3, body);
      });
    });
  }

  @Override
  public Optional<String> readPoolDocument(String poolId, String kind) {
    // no lockPool: on PostgreSQL a write transaction at READ COMMITTED reads the last committed version
    return jdbc(() -> queryOne("SELECT body FROM pool_documents WHERE pool_id = ? AND kind = ?", ps -> {
      ps.setString(1, poolId);
      ps.setString(2, kind);
    }, rs -> rs.getString(1)));
  }

  // ---- identities

  @Override
  public boolean createIdentityIfAbsent(String poolId, String identityId, Instant now) {
    return jdbc(() -> {
      lockIdentity(poolId, identityId);
      return update(sql.insertIdentity(), ps -> {
        ps.setString(1, poolId);
        ps.setString(2, identityId);
        ps.setLong(3, now.toEpochMilli());
      }) == 1;
    });
  }

  @Override
  public boolean identityExists(String poolId, String identityId) {
    return jdbc(() -> {
      lockIdentity(poolId, identityId);
      return queryOne("SELECT 1 FROM identities WHERE pool_id = ? AND identity_id = ?", ps -> {
        ps.setString(1, poolId);
        ps.setString(2, identityId);
      }, rs -> true).isPresent();
    });
  }

  @Override
  public Optional<String> identityOfLogin(String poolId, String provider, String subject) {
    return jdbc(() -> queryOne(
        "SELECT identity_id FROM identity_logins WHERE pool_id = ? AND provider = ? AND subject = ?", ps -> {
          ps.setString(1, poolId);
          ps.setString(2, provider);
          ps.setString(3, subject);
        }, rs -> rs.getString(1)));
  }

  @Override
  public boolean linkLogin(String poolId, String provider, String subject, String identityId, Instant now) {
    return jdbc(() -> update("INSERT INTO identity_logins (pool_id, provider, subject, identity_id, created_ms)"
        + " VALUES (?, ?, ?, ?, ?) ON CONFLICT (pool_id, provider, subject) DO NOTHING", ps -> {
          ps.setString(1, poolId);
          ps.setString(2, provider);
          ps.setString(3, subject);
          ps.setString(4, identityId);
          ps.setLong(5, now.toEpochMilli());
        }) == 1);
  }

  @Override
  public Map<String, String> loginsOf(String poolId, String identityId) {
    return jdbc(() -> {
      Map<String, String> out = new java.util.LinkedHashMap<>();
      queryList("SELECT provider, subject FROM identity_logins WHERE pool_id = ? AND identity_id = ?"
          + " ORDER BY provider, subject", ps -> {
            ps.setString(1, poolId);
            ps.setString(2, identityId);
          }, rs -> Map.entry(rs.getString(1), rs.getString(2))).forEach(e -> out.putIfAbsent(e.getKey(), e.getValue()));
      return out;
    });
  }

  @Override
  public Optional<String> poolOfIdentity(String identityId) {
    return jdbc(() -> queryOne("SELECT pool_id FROM identities WHERE identity_id = ? ORDER BY pool_id LIMIT 1",
        ps -> ps.setString(1, identityId), rs -> rs.getString(1)));
  }

  @Override
  public IdentityUsage identityUsage(String poolId, String identityId) {
    return jdbc(() -> {
      lockIdentity(poolId, identityId);
      return queryOne(sql.identityUsage(), ps -> {
        ps.setString(1, poolId);
        ps.setString(2, identityId);
      }, rs -> new IdentityUsage(poolId, identityId, rs.getInt(1), rs.getLong(2), JdbcRows.instant(rs, 3)))
          .orElseThrow();
    });
  }

  // ---- datasets

  @Override
  public Optional<DatasetState> dataset(DatasetId id) {
    return jdbc(() -> {
      lockIdentity(id.poolId(), id.identityId());
      return queryOne(
          "SELECT " + DATASET_COLUMNS + " FROM datasets WHERE pool_id = ? AND identity_id = ? AND name = ?",
          ps -> JdbcRows.setDatasetId(ps, 1, id), JdbcRows::dataset);
    });
  }

  @Override
  public int countLiveDatasets(String poolId, String identityId) {
    return jdbc(() -> {
      lockIdentity(poolId, identityId);
      return queryOne("SELECT COUNT(*) FROM datasets WHERE pool_id = ? AND identity_id = ? AND " + sql.live(), ps -> {
        ps.setString(1, poolId);
        ps.setString(2, identityId);
      }, rs -> rs.getInt(1)).orElseThrow();
    });
  }

  @Override
  public List<DatasetState> listLiveDatasets(String poolId, String identityId, String afterName, int limit) {
    return jdbc(() -> {
      lockIdentity(poolId, identityId);
      return queryList(
          "SELECT " + DATASET_COLUMNS + " FROM datasets WHERE pool_id = ? AND identity_id = ? AND " + sql.live()
              + " AND name > ? ORDER BY name LIMIT ?",
          ps -> {
            ps.setString(1, poolId);
            ps.setString(2, identityId);
            ps.setString(3, afterName == null ? "" : afterName);
            ps.setInt(4, limit);
          },
          JdbcRows::dataset);
    });
  }

  @Override
  public void forEachLiveDataset(String poolId, Consumer<DatasetState> sink) {
    jdbc(() -> {
      stream("SELECT " + DATASET_COLUMNS + " FROM datasets WHERE pool_id = ? AND " + sql.live()
          + " ORDER BY identity_id, name", ps -> ps.setString(1, poolId), JdbcRows::dataset, sink);
      return null;
    });
  }

  @Override
  public void putDataset(DatasetState s) {
    jdbc(() -> {
      lockIdentity(s.id().poolId(), s.id().identityId());
      return update(sql.upsertDataset(), ps -> JdbcRows.setDataset(ps, s));
    });
  }

  // ---- records

  @Override
  public Map<String, StoredRecord> records(DatasetId id, Collection<String> keys) {
    Map<String, StoredRecord> out = new HashMap<>();
    if (keys.isEmpty()) {
      return out;
    }
    // one statement for any number of keys: they travel as one parameter
    jdbc(() -> {
      lockIdentity(id.poolId(), id.identityId());
      queryEach(
          "SELECT " + RECORD_COLUMNS + " FROM records WHERE pool_id = ? AND identity_id = ? AND dataset = ? AND "
              + sql.keyIn(),
          ps -> {
            JdbcRows.setDatasetId(ps, 1, id);
            setKeys(ps, 4, keys);
          },
          JdbcRows::record, r -> out.put(r.key(), r), false);
      return null;
    });
    return out;
  }

  @Override
  public void deleteRecords(DatasetId id) {
    jdbc(() -> {
      lockIdentity(id.poolId(), id.identityId());
      return update("DELETE FROM records WHERE pool_id = ? AND identity_id = ? AND dataset = ?",
          ps -> JdbcRows.setDatasetId(ps, 1, id));
    });
  }

  // ---- push sync

  @Override
  public Optional<Device> deviceByToken(String poolId, String identityId, String platform, String token) {
    return jdbc(() -> {
      lockIdentity(poolId, identityId);
      return queryOne(
          "SELECT " + DEVICE_COLUMNS + " FROM devices"
              + " WHERE pool_id = ? AND identity_id = ? AND platform = ? AND token = ?",
          ps -> {
            ps.setString(1, poolId);
            ps.setString(2, identityId);
            ps.setString(3, platform);
            ps.setString(4, token);
          },
          JdbcRows::device);
    });
  }

  @Override
  public Optional<Device> device(String poolId, String identityId, String deviceId) {
    return jdbc(() -> {
      lockIdentity(poolId, identityId);
      return queryOne(
          "SELECT " + DEVICE_COLUMNS + " FROM devices WHERE pool_id = ? AND identity_id = ? AND device_id = ?",
          ps -> {
            ps.setString(1, poolId);
            ps.setString(2, identityId);
            ps.setString(3, deviceId);
          },
          JdbcRows::device);
    });
  }

  @Override
  public void putDevice(Device d, Instant now) {
    jdbc(() -> {
      lockIdentity(d.poolId(), d.identityId());
      return update(sql.upsertDevice(), ps -> {
        JdbcRows.setDevice(ps, d);
        ps.setLong(6, now.toEpochMilli());
      });
    });
  }

  @Override
  public void subscribe(DatasetId id, String deviceId, Instant now) {
    jdbc(() -> {
      lockIdentity(id.poolId(), id.identityId());
      return update(sql.insertSubscription(), ps -> {
        JdbcRows.setDatasetId(ps, 1, id);
        ps.setString(4, deviceId);
        ps.setLong(5, now.toEpochMilli());
      });
    });
  }

  @Override
  public boolean unsubscribe(DatasetId id, String deviceId) {
    return jdbc(() -> {
      lockIdentity(id.poolId(), id.identityId());
      return update(
          "DELETE FROM subscriptions WHERE pool_id = ? AND identity_id = ? AND dataset = ? AND device_id = ?",
          ps -> {
            JdbcRows.setDatasetId(ps, 1, id);
            ps.setString(4, deviceId);
          }) == 1;
    });
  }

  @Override
  public List<Device> subscribers(DatasetId id) {
    return jdbc(() -> {
      lockIdentity(id.poolId(), id.identityId());
      return queryList(
          "SELECT d.pool_id, d.identity_id, d.device_id, d.platform, d.token FROM subscriptions s"
              + " JOIN devices d ON d.pool_id = s.pool_id AND d.identity_id = s.identity_id"
              + " AND d.device_id = s.device_id"
              + " WHERE s.pool_id = ? AND s.identity_id = ? AND s.dataset = ? ORDER BY d.device_id",
          ps -> JdbcRows.setDatasetId(ps, 1, id), JdbcRows::device);
    });
  }

  // ---- Cognito Streams outbox

  private static final String OUTBOX_COLUMNS =
      "pool_id, identity_id, dataset, sync_count, deletion, created_ms, stream_name, line";

  @Override
  public void appendStreamOutbox(StreamOutboxEntry e) {
    jdbc(() -> {
      lockIdentity(e.dataset().poolId(), e.dataset().identityId());
      return update("INSERT INTO stream_outbox (" + OUTBOX_COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?)", ps -> {
        JdbcRows.setDatasetId(ps, 1, e.dataset());
        ps.setLong(4, e.syncCount());
        ps.setInt(5, e.deletion() ? 1 : 0);
        ps.setLong(6, e.created().toEpochMilli());
        ps.setString(7, e.streamName());
        ps.setString(8, e.jsonLine());
      });
    });
  }

  @Override
  public List<StreamOutboxEntry> streamOutbox(int limit, long maxBytes, Set<String> skippedStreams) {
    if (maxBytes < 1) {
      throw new IllegalArgumentException("maxBytes must be positive: " + maxBytes);
    }
    List<String> skipped = List.copyOf(skippedStreams);
    // (position in the outbox order, entry): the statement leaves the order to us (no sort of the lines in SQL)
    List<Map.Entry<Long, StreamOutboxEntry>> rows = jdbc(() -> queryList(outboxSql(skipped.size()),
        ps -> {
          int i = 1;
          for (String stream : skipped) {
            ps.setString(i++, stream);
          }
          ps.setInt(i++, limit);
          ps.setLong(i, maxBytes);
        },
        rs -> Map.entry(rs.getLong(9), new StreamOutboxEntry(
            new DatasetId(rs.getString(1), rs.getString(2), rs.getString(3)), rs.getLong(4), rs.getInt(5) != 0,
            Instant.ofEpochMilli(rs.getLong(6)), rs.getString(7), rs.getString(8)))));
    rows.sort(Map.Entry.comparingByKey());
    List<StreamOutboxEntry> out = new ArrayList<>(rows.size());
    rows.forEach(row -> out.add(row.getValue()));
    return out;
  }

  private static final String OUTBOX_ORDER = "created_ms, pool_id, identity_id, dataset, sync_count, deletion";

  /**
   * The outbox read: one statement whatever the skipped set. It walks the order index ({@code stream_outbox_in_order})
   * for the first {@code limit} rows of the streams not skipped, taking only their keys and their lines' byte length
   * ({@code octet_length}: the stored size, no re-encoding), sums the lengths in that order, and joins back to the
   * table (primary key) for the lines of the rows whose predecessors amount to less than the byte budget; so the
   * lines beyond the budget never leave the database. The rows come with their position in the outbox order (column
   * 9) and in no particular order: sorting them in SQL would copy the lines once more (a temporary B-tree on SQLite).
   * Parameters: the skipped names, the limit, the budget.
   *
   * @param skipped how many streams are skipped
   * @return the SQL
   */
  static String outboxSql(int skipped) {
    String where = skipped == 0 ? ""
        : " WHERE stream_name NOT IN (" + String.join(", ", Collections.nCopies(skipped, "?")) + ")";
    return "WITH page AS (SELECT pool_id, identity_id, dataset, sync_count, deletion, created_ms,"
        + " octet_length(line) AS bytes FROM stream_outbox" + where + " ORDER BY " + OUTBOX_ORDER + " LIMIT ?),"
        + " sized AS (SELECT page.*, SUM(bytes) OVER w - bytes AS before, ROW_NUMBER() OVER w AS seq"
        + " FROM page WINDOW w AS (ORDER BY " + OUTBOX_ORDER + " ROWS UNBOUNDED PRECEDING))"
        + " SELECT o.pool_id, o.identity_id, o.dataset, o.sync_count, o.deletion, o.created_ms, o.stream_name, o.line,"
        + " sized.seq FROM sized JOIN stream_outbox o ON o.pool_id = sized.pool_id"
        + " AND o.identity_id = sized.identity_id AND o.dataset = sized.dataset AND o.sync_count = sized.sync_count"
        + " AND o.deletion = sized.deletion WHERE sized.before < ?";
  }

  @Override
  public Optional<Instant> latestStreamOutboxCreated(DatasetId dataset) {
    return jdbc(() -> {
      lockIdentity(dataset.poolId(), dataset.identityId());
      return queryOne("SELECT created_ms FROM stream_outbox WHERE pool_id = ? AND identity_id = ? AND dataset = ?"
          + " ORDER BY created_ms DESC LIMIT 1",
          ps -> JdbcRows.setDatasetId(ps, 1, dataset), rs -> Instant.ofEpochMilli(rs.getLong(1)));
    });
  }

  @Override
  public void deleteStreamOutbox(Collection<StreamOutboxEntry> published) {
    if (published.isEmpty()) {
      return;
    }
    jdbc(() -> withStatement(
        "DELETE FROM stream_outbox WHERE pool_id = ? AND identity_id = ? AND dataset = ? AND sync_count = ?"
            + " AND deletion = ?",
        ps -> {
          for (StreamOutboxEntry e : published) {
            JdbcRows.setDatasetId(ps, 1, e.dataset());
            ps.setLong(4, e.syncCount());
            ps.setInt(5, e.deletion() ? 1 : 0);
            ps.addBatch();
          }
          return ps.executeBatch();
        }));
  }

  @Override
  public boolean acquireStreamLease(String owner, Instant now, Instant expires) {
    // one row; on PostgreSQL a concurrent UPDATE waits for the row and re-checks the condition on the new version,
    // so of two instances racing for a free lease exactly one gets it
    return jdbc(() -> update(
        "UPDATE stream_lease SET owner = ?, expires_ms = ? WHERE id = 1"
            + " AND (owner IS NULL OR owner = ? OR expires_ms < ?)",
        ps -> {
          ps.setString(1, owner);
          ps.setLong(2, expires.toEpochMilli());
          ps.setString(3, owner);
          ps.setLong(4, now.toEpochMilli());
        }) == 1);
  }

  @Override
  public void releaseStreamLease(String owner) {
    jdbc(() -> update("UPDATE stream_lease SET owner = NULL, expires_ms = 0 WHERE id = 1 AND owner = ?",
        ps -> ps.setString(1, owner)));
  }
}
