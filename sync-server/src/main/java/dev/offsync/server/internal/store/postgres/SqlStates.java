package dev.offsync.server.internal.store.postgres;

import java.sql.SQLException;

/** Classifies PostgreSQL errors by SQLSTATE. */
final class SqlStates {
  /** {@code serialization_failure}: also what CockroachDB and YugabyteDB raise for every retryable conflict. */
  static final String SERIALIZATION_FAILURE = "40001";
  /** {@code deadlock_detected}. */
  static final String DEADLOCK = "40P01";

  private SqlStates() {}

  /**
   * Whether a failed transaction may be re-run as a whole.
   *
   * @param e the failure
   * @return true for serialization failures and deadlocks
   */
  static boolean isRetryable(SQLException e) {
    for (SQLException x = e; x != null; x = x.getNextException()) {
      String state = x.getSQLState();
      if (SERIALIZATION_FAILURE.equals(state) || DEADLOCK.equals(state)) {
        return true;
      }
    }
    return false;
  }

  /**
   * The first {@link SQLException} in a cause chain.
   *
   * @param t the failure
   * @return the SQL exception, or null if there is none
   */
  static SQLException find(Throwable t) {
    for (Throwable x = t; x != null; x = x.getCause()) {
      if (x instanceof SQLException s) {
        return s;
      }
      if (x.getCause() == x) {
        break;
      }
    }
    return null;
  }
}
