package dev.offsync.sqlite.schema.internal;

import java.time.Instant;

/**
 * The current row of a query, by SQL column position (1-based, as the {@link Sql} constants count): the seam
 * through which a JDBC {@code ResultSet} and an Android {@code Cursor} feed the one reader of both stores
 * ({@link StoredRows}). An adapter wraps one result for its lifetime; it allocates nothing per row.
 *
 * @param <E> what the underlying access throws ({@code SQLException} for JDBC, a runtime exception on Android)
 */
public interface Row<E extends Exception> {
  /**
   * Whether a column is SQL {@code NULL}.
   *
   * @param position the 1-based column position
   * @return true for {@code NULL}
   * @throws E if the row cannot be read
   */
  boolean isNull(int position) throws E;

  /**
   * A column as an integer ({@code 0} for {@code NULL}).
   *
   * @param position the 1-based column position
   * @return the value
   * @throws E if the row cannot be read
   */
  long getLong(int position) throws E;

  /**
   * A column as text.
   *
   * @param position the 1-based column position
   * @return the value, or {@code null} for {@code NULL}
   * @throws E if the row cannot be read
   */
  String getString(int position) throws E;

  /**
   * An instant column in its {@link StoredInstants} form (INTEGER nanoseconds, or ISO-8601 TEXT).
   *
   * @param position the 1-based column position
   * @return the instant, or {@code null} for {@code NULL}
   * @throws E if the row cannot be read
   */
  Instant getInstant(int position) throws E;
}
