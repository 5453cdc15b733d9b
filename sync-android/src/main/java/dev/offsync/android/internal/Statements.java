package dev.offsync.android.internal;

import android.database.sqlite.SQLiteDatabase;
import android.database.sqlite.SQLiteStatement;
import java.util.HashMap;
import java.util.Map;

/**
 * The writer's compiled statements, kept for the store's lifetime (each execution binds afresh). Used only by the
 * thread holding the write lock.
 */
final class Statements {
  private final SQLiteDatabase db;
  private final Map<String, SQLiteStatement> cache = new HashMap<>();

  Statements(SQLiteDatabase db) {
    this.db = db;
  }

  /** The compiled statement for {@code sql}, its bindings cleared. */
  SQLiteStatement get(String sql) {
    SQLiteStatement st = cache.get(sql);
    if (st == null) {
      st = db.compileStatement(sql);
      cache.put(sql, st);
    } else {
      st.clearBindings();
    }
    return st;
  }

  void close() {
    for (SQLiteStatement st : cache.values()) {
      st.close();
    }
    cache.clear();
  }
}
