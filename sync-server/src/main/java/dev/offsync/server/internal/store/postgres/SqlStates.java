package dev.offsync.server.internal.store.postgres;

import java.sql.SQLException;

/** Classifies PostgreSQL errors by SQLSTATE. */
final class SqlStates {
  /** {@code serialization_failure}: also what CockroachDB and YugabyteDB raise for every retryable conflict. */
  static final String SERIALIZATION_FAILURE = "40001";
  /** {@code deadlock_detected}. */
  static final String DEADLOCK = "40P01";

  /** {@code unique_violation}: a concurrent CREATE losing the race on a catalog index ({@code pg_type}). */
  static final String UNIQUE_VIOLATION = "23505";
  /** {@code duplicate_table}. */
  static final String DUPLICATE_TABLE = "42P07";
  /** {@code duplicate_object}: "type ... already exists", the row type of a table created concurrently. */
  static final String DUPLICATE_OBJECT = "42710";

  private SqlStates() {}

  /**
   * Whether a {@code CREATE ... IF NOT EXISTS} failed only because another session created the same object at the
   * same moment. {@code IF NOT EXISTS} checks before it inserts into the catalogs, so the loser of the race sees one
   * of three errors depending on where it lost: the table's name, its row type's name, or the catalog's unique index.
   *
   * @param e the failure
   * @return true if the object now exists and the statement may be treated as done
   */
  static boolean isConcurrentCreate(SQLException e) {
    String state = e.getSQLState();
    return UNIQUE_VIOLATION.equals(state) || DUPLICATE_TABLE.equals(state) || DUPLICATE_OBJECT.equals(state);
  }

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
