package dev.offsync.sqlite.internal;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/**
 * One JDBC connection and its prepared statements, reused for the connection's lifetime. Used by one
 * thread at a time (the store hands it out under a lock or from a pool).
 */
final class StoreConnection implements AutoCloseable {
  private final Connection connection;
  private final Map<String, PreparedStatement> statements = new HashMap<>();
  private final Map<String, PreparedStatement> batchStatements = new HashMap<>();
  private final AtomicLong statementRuns;

  StoreConnection(Connection connection, AtomicLong statementRuns) {
    this.connection = connection;
    this.statementRuns = statementRuns;
  }

  Connection jdbc() {
    return connection;
  }

  /**
   * Returns the cached prepared statement for {@code sql}, preparing it on first use. Every call
   * precedes one execution (or one JDBC batch), and is counted: tests use the count to prove that
   * bulk operations run a bounded number of statements, never one per record.
   */
  PreparedStatement prepare(String sql) throws SQLException {
    return prepare(sql, true);
  }

  /**
   * Like {@link #prepare(String)}; {@code counted == false} for a statement whose execution was (or
   * will be) counted by another call.
   */
  PreparedStatement prepare(String sql, boolean counted) throws SQLException {
    if (counted) {
      statementRuns.incrementAndGet();
    }
    return cached(statements, sql);
  }

  /**
   * The cached statement for running {@code sql} as JDBC batches, distinct from the one
   * {@link #prepare(String)} returns for single executions: sqlite-jdbc keeps a statement's batch
   * parameter array at its largest size and {@code clearBatch} (run by every {@code executeBatch})
   * nulls the whole array, so a statement that once ran a 10,000-row batch would make every later
   * small execution pay for 110,000 slots. Single executions never touch a batch statement, and
   * callers keep batches at most {@link SqliteTransaction#MAX_BATCH} rows, which bounds the array.
   * Not counted: count each {@code executeBatch} with {@link #countRun()}.
   */
  PreparedStatement prepareBatch(String sql) throws SQLException {
    return cached(batchStatements, sql);
  }

  /** Counts one statement (or JDBC batch) execution. */
  void countRun() {
    statementRuns.incrementAndGet();
  }

  private PreparedStatement cached(Map<String, PreparedStatement> cache, String sql) throws SQLException {
    PreparedStatement ps = cache.get(sql);
    if (ps == null) {
      ps = connection.prepareStatement(sql);
      cache.put(sql, ps);
    }
    return ps;
  }

  void execute(String sql) throws SQLException {
    prepare(sql).execute();
  }

  @Override
  public void close() throws SQLException {
    SQLException failure = null;
    for (Map<String, PreparedStatement> cache : List.of(statements, batchStatements)) {
      for (PreparedStatement ps : cache.values()) {
        try {
          ps.close();
        } catch (SQLException e) {
          failure = e;
        }
      }
      cache.clear();
    }
    connection.close();
    if (failure != null) {
      throw failure;
    }
  }
}
