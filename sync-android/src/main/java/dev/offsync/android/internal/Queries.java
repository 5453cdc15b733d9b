package dev.offsync.android.internal;

import android.database.Cursor;
import android.database.sqlite.SQLiteCursor;
import android.database.sqlite.SQLiteDatabase;
import android.database.sqlite.SQLiteProgram;

/**
 * Queries with typed parameters: {@code rawQuery} binds only strings, so the cursor factory binds longs, strings
 * and {@code NULL}s itself (an INTEGER compared with a TEXT parameter would still match through column affinity,
 * but a NULL cannot be bound as a string).
 */
final class Queries {
  private Queries() {}

  /** Runs {@code sql} with {@code args} (Long, Integer, String or null); the caller closes the cursor. */
  static Cursor query(SQLiteDatabase db, String sql, Object... args) {
    return db.rawQueryWithFactory((d, driver, editTable, query) -> {
      bind(query, args);
      return new SQLiteCursor(driver, editTable, query);
    }, sql, null, null);
  }

  /** Binds {@code args} from index 1. */
  static void bind(SQLiteProgram p, Object... args) {
    for (int i = 0; i < args.length; i++) {
      bindOne(p, i + 1, args[i]);
    }
  }

  static void bindOne(SQLiteProgram p, int index, Object arg) {
    if (arg == null) {
      p.bindNull(index);
    } else if (arg instanceof Long || arg instanceof Integer) {
      p.bindLong(index, ((Number) arg).longValue());
    } else {
      p.bindString(index, (String) arg);
    }
  }
}
