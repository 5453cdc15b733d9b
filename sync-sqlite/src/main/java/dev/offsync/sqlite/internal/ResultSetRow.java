package dev.offsync.sqlite.internal;

import dev.offsync.sqlite.schema.internal.Row;
import dev.offsync.sqlite.schema.internal.StoredInstants;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;

/**
 * The JDBC side of the shared row reader: the current row of a {@link ResultSet}. One per transaction, pointed at
 * each result in turn ({@link #on}), so reading rows allocates nothing for the seam.
 */
final class ResultSetRow implements Row<SQLException> {
  private ResultSet rs;

  /** Points this row at {@code rs}'s current row (and every later one). */
  ResultSetRow on(ResultSet rs) {
    this.rs = rs;
    return this;
  }

  @Override
  public boolean isNull(int position) throws SQLException {
    rs.getLong(position);
    return rs.wasNull();
  }

  @Override
  public long getLong(int position) throws SQLException {
    return rs.getLong(position);
  }

  @Override
  public String getString(int position) throws SQLException {
    return rs.getString(position);
  }

  @Override
  public Instant getInstant(int position) throws SQLException {
    return StoredInstants.decode(rs.getObject(position));
  }
}
