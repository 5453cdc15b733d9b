package dev.offsync.sqlite.internal;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/**
 * One JDBC connection and its prepared statements, reused for the connection's lifetime. Used by one
 * thread at a time (the store hands it out under a lock or from a pool).
 */
final class StoreConnection implements AutoCloseable {
  private final Connection connection;
  private final Map<String, PreparedStatement> statements = new HashMap<>();
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
   * Like {@link #prepare(String)}; {@code counted == false} for binding further rows of a JDBC batch
   * whose execution was (or will be) counted once.
   */
  PreparedStatement prepare(String sql, boolean counted) throws SQLException {
    if (counted) {
      statementRuns.incrementAndGet();
    }
    PreparedStatement ps = statements.get(sql);
    if (ps == null) {
      ps = connection.prepareStatement(sql);
      statements.put(sql, ps);
    }
    return ps;
  }

  void execute(String sql) throws SQLException {
    prepare(sql).execute();
  }

  @Override
  public void close() throws SQLException {
    SQLException failure = null;
    for (PreparedStatement ps : statements.values()) {
      try {
        ps.close();
      } catch (SQLException e) {
        failure = e;
      }
    }
    statements.clear();
    connection.close();
    if (failure != null) {
      throw failure;
    }
  }
}
