package dev.offsync.sqlite.internal;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.Map;

/**
 * One JDBC connection and its prepared statements, reused for the connection's lifetime. Used by one
 * thread at a time (the store hands it out under a lock or from a pool).
 */
final class StoreConnection implements AutoCloseable {
  private final Connection connection;
  private final Map<String, PreparedStatement> statements = new HashMap<>();

  StoreConnection(Connection connection) {
    this.connection = connection;
  }

  Connection jdbc() {
    return connection;
  }

  /** Returns the cached prepared statement for {@code sql}, preparing it on first use. */
  PreparedStatement prepare(String sql) throws SQLException {
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
