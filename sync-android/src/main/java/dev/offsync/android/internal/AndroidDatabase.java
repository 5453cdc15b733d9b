package dev.offsync.android.internal;

import android.content.Context;
import android.database.Cursor;
import android.database.sqlite.SQLiteDatabase;
import dev.offsync.LocalStoreException;
import dev.offsync.spi.LocalStore;
import dev.offsync.sqlite.schema.internal.Dialect;
import dev.offsync.sqlite.schema.internal.SchemaSteps;
import dev.offsync.sqlite.schema.internal.StoreDatabase;
import java.io.File;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * The connections of one Android store and the transaction protocol.
 *
 * <p>Writer: one {@link SQLiteDatabase} opened with {@code ENABLE_WRITE_AHEAD_LOGGING}; every write unit takes a
 * fair lock, then {@code beginTransactionNonExclusive()} ({@code BEGIN IMMEDIATE} on its primary connection), so
 * exactly one write transaction runs at a time and threads of this process wait on the Java lock, never on
 * SQLITE_BUSY. Readers: {@code readConnections} databases opened {@code OPEN_READONLY} (a read-only database
 * without the WAL flag has exactly one connection, and never changes the file's journal mode); a read unit takes
 * one from a pool and runs {@code SAVEPOINT} ... {@code RELEASE} on it, a deferred read transaction (API 26 has
 * no public deferred transaction: {@code beginTransaction*} always takes the write lock, on the writer's
 * primary connection), so in WAL mode it sees the last committed snapshot and never waits for the writer.
 * A lifecycle read-write lock lets {@link #close()} wait for running units of work.
 */
public final class AndroidDatabase extends StoreDatabase<SQLiteDatabase> {
  private static final int FLAGS =
      SQLiteDatabase.NO_LOCALIZED_COLLATORS; // no android_metadata table, no locale collators: plain BINARY order
  private static final String READ_SAVEPOINT = "SAVEPOINT offsync_read";
  private static final String READ_RELEASE = "RELEASE offsync_read";

  private final File file;
  private final boolean temporary;
  private final SQLiteDatabase writer;
  private final Statements writerStatements;
  private final int schemaVersionFound;

  /**
   * Opens (creating or migrating) the database.
   *
   * @param context the application context
   * @param name the database name in the app's database directory, or {@code null} for a temporary file
   * @param fullSync {@code PRAGMA synchronous = FULL} instead of {@code NORMAL}
   * @param readConnections how many reader connections to open
   * @throws LocalStoreException if the database cannot be opened or migrated, or is newer than this code
   */
  public AndroidDatabase(Context context, String name, boolean fullSync, int readConnections) {
    super(readConnections);
    if (name == null) {
      file = temporaryFile(context);
      temporary = true;
    } else {
      file = context.getDatabasePath(name);
      temporary = false;
      File dir = file.getParentFile();
      if (dir != null && !dir.isDirectory() && !dir.mkdirs() && !dir.isDirectory()) {
        throw new LocalStoreException("cannot create the database directory " + dir);
      }
    }
    List<SQLiteDatabase> opened = new ArrayList<>();
    SQLiteDatabase w = null;
    try {
      // refuse a newer file before changing anything in it (opening the writer would switch it to WAL)
      if (file.exists() && file.length() > 0) {
        SQLiteDatabase probe = SQLiteDatabase.openDatabase(file.getPath(), null, FLAGS | SQLiteDatabase.OPEN_READONLY);
        try {
          checkNotNewer(probe.getVersion());
        } finally {
          probe.close();
        }
      }
      w = SQLiteDatabase.openDatabase(file.getPath(), null,
          FLAGS | SQLiteDatabase.CREATE_IF_NECESSARY | SQLiteDatabase.ENABLE_WRITE_AHEAD_LOGGING);
      opened.add(w);
      w.setMaxSqlCacheSize(SQLiteDatabase.MAX_SQL_CACHE_SIZE);
      String mode = stringQuery(w, "PRAGMA journal_mode");
      if (!"wal".equalsIgnoreCase(mode)) {
        throw new LocalStoreException("cannot switch the database to WAL mode (journal_mode=" + mode + ")");
      }
      w.execSQL("PRAGMA synchronous = " + (fullSync ? "FULL" : "NORMAL"));
      w.execSQL("PRAGMA temp_store = MEMORY");
      schemaVersionFound = migrate(w);
      for (int i = 0; i < readConnections; i++) {
        SQLiteDatabase r = SQLiteDatabase.openDatabase(file.getPath(), null, FLAGS | SQLiteDatabase.OPEN_READONLY);
        opened.add(r);
        r.setMaxSqlCacheSize(SQLiteDatabase.MAX_SQL_CACHE_SIZE);
        addReader(r);
      }
    } catch (RuntimeException e) {
      for (SQLiteDatabase db : opened) {
        try {
          db.close();
        } catch (RuntimeException suppressed) {
          e.addSuppressed(suppressed);
        }
      }
      deleteTemporary();
      if (e instanceof LocalStoreException) {
        throw e;
      }
      throw new LocalStoreException("cannot open the SQLite database " + file + ": " + e.getMessage(), e);
    }
    writer = w;
    writerStatements = new Statements(w);
  }

  /** The schema version this code writes. */
  public static int currentVersion() {
    return SchemaSteps.CURRENT_VERSION;
  }

  /**
   * The schema version found at open.
   *
   * @return the version before this open migrated it (0 for a new database)
   */
  public int schemaVersionFound() {
    return schemaVersionFound;
  }

  /**
   * The database file.
   *
   * @return the file (a temporary one for an in-memory store)
   */
  public File file() {
    return file;
  }

  private static File temporaryFile(Context context) {
    File dir = context.getCacheDir();
    if (dir == null) {
      dir = new File(System.getProperty("java.io.tmpdir"));
    }
    try {
      return File.createTempFile("offsync-memory-", ".db", dir);
    } catch (IOException e) {
      throw new LocalStoreException("cannot create the temporary database in " + dir + ": " + e.getMessage(), e);
    }
  }

  private void deleteTemporary() {
    if (temporary) {
      SQLiteDatabase.deleteDatabase(file);
    }
  }

  private static void checkNotNewer(int found) {
    if (found > SchemaSteps.CURRENT_VERSION) {
      throw new LocalStoreException("the database has schema version " + found
          + ", newer than this offsync (" + SchemaSteps.CURRENT_VERSION + "); refusing to open it");
    }
  }

  /** Brings the database to the current version, one step per write transaction; returns the version found. */
  private static int migrate(SQLiteDatabase db) {
    int found = db.getVersion();
    checkNotNewer(found);
    List<List<String>> steps = Dialect.PORTABLE.steps();
    try {
      for (int v = found; v < steps.size(); v++) {
        db.beginTransactionNonExclusive();
        try {
          int now = db.getVersion(); // inside the write lock: another process may have migrated meanwhile
          if (now != v) {
            checkNotNewer(now);
            v = now - 1;
            continue;
          }
          for (String ddl : steps.get(v)) {
            db.execSQL(ddl);
          }
          db.execSQL(SchemaSteps.setUserVersion(v + 1));
          db.setTransactionSuccessful();
        } finally {
          db.endTransaction();
        }
      }
    } catch (android.database.SQLException e) {
      throw new LocalStoreException("schema migration failed: " + e.getMessage(), e);
    }
    return found;
  }

  private static String stringQuery(SQLiteDatabase db, String sql) {
    try (Cursor c = db.rawQuery(sql, null)) {
      return c.moveToFirst() ? c.getString(0) : null;
    }
  }

  @Override
  protected SQLiteDatabase writer() {
    return writer;
  }

  @Override
  protected <T> T inReadTransaction(SQLiteDatabase reader, LocalStore.Work<T> work) {
    try {
      reader.execSQL(READ_SAVEPOINT);
    } catch (android.database.SQLException e) {
      throw new LocalStoreException("cannot begin a read transaction: " + e.getMessage(), e);
    }
    try {
      return runRead(new AndroidTransaction(reader, null), work);
    } finally {
      try {
        reader.execSQL(READ_RELEASE);
      } catch (android.database.SQLException e) {
        // a read transaction has nothing to undo; a failure here means the connection is unusable
        throw new LocalStoreException("cannot end a read transaction: " + e.getMessage(), e);
      }
    }
  }

  @Override
  protected <T> T inWriteTransaction(LocalStore.Work<T> work) {
    try {
      writer.beginTransactionNonExclusive();
    } catch (android.database.SQLException e) {
      throw new LocalStoreException("cannot begin a transaction: " + e.getMessage(), e);
    }
    return runThenCommit(writer, new AndroidTransaction(writer, writerStatements), work);
  }

  @Override
  protected void commit(SQLiteDatabase db) {
    try {
      db.setTransactionSuccessful();
      db.endTransaction();
    } catch (android.database.SQLException e) {
      LocalStoreException failure =
          new LocalStoreException("commit failed, the unit of work was rolled back: " + e.getMessage(), e);
      if (db.inTransaction()) {
        rollback(db, failure);
      }
      throw failure;
    }
  }

  @Override
  protected void rollback(SQLiteDatabase db, Throwable cause) {
    try {
      db.endTransaction(); // not marked successful: ROLLBACK
    } catch (RuntimeException e) {
      cause.addSuppressed(e);
    }
  }

  @Override
  protected void beforeClose() {
    writerStatements.close();
  }

  @Override
  protected Exception closeConnection(SQLiteDatabase db) {
    try {
      db.close();
      return null;
    } catch (RuntimeException e) {
      return e;
    }
  }

  @Override
  protected void afterClose() {
    deleteTemporary();
  }
}
