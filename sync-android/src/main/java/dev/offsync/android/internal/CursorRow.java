package dev.offsync.android.internal;

import android.database.Cursor;
import dev.offsync.sqlite.schema.internal.Row;
import dev.offsync.sqlite.schema.internal.StoredInstants;
import java.time.Instant;

/**
 * The Android side of the shared row reader: the current row of a {@link Cursor}, by 1-based SQL column position
 * (a cursor counts from 0). One per transaction, pointed at each cursor in turn ({@link #on}).
 */
final class CursorRow implements Row<RuntimeException> {
  private Cursor c;

  /** Points this row at {@code c}'s current row (and every later one). */
  CursorRow on(Cursor c) {
    this.c = c;
    return this;
  }

  @Override
  public boolean isNull(int position) {
    return c.isNull(position - 1);
  }

  @Override
  public long getLong(int position) {
    return c.getLong(position - 1);
  }

  @Override
  public String getString(int position) {
    return c.getString(position - 1);
  }

  /** An INTEGER is nanoseconds, anything else ISO-8601 text (see {@link StoredInstants}). */
  @Override
  public Instant getInstant(int position) {
    int i = position - 1;
    switch (c.getType(i)) {
      case Cursor.FIELD_TYPE_NULL:
        return null;
      case Cursor.FIELD_TYPE_INTEGER:
        return StoredInstants.decode(c.getLong(i));
      default:
        return StoredInstants.decode(c.getString(i));
    }
  }
}
