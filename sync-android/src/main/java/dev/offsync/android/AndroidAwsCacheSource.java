package dev.offsync.android;

import android.content.Context;
import android.database.Cursor;
import android.database.sqlite.SQLiteDatabase;
import android.database.sqlite.SQLiteException;
import dev.offsync.InvalidParameterException;
import dev.offsync.LocalStoreException;
import dev.offsync.awscompat.AwsCacheSource;
import java.io.Closeable;
import java.io.File;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * sync-aws-compat's {@link AwsCacheSource} on {@code android.database.sqlite}: AWS's Cognito Sync cache opened
 * with {@link SQLiteDatabase#OPEN_READONLY}, so the file is never created, written or deleted. Needs
 * sync-aws-compat on the class path (an optional dependency of sync-android). Use it with
 * {@link dev.offsync.awscompat.AwsCacheImporter}.
 */
public final class AndroidAwsCacheSource implements AwsCacheSource, Closeable {
  /** The file name AWS's Android client gives its cache, in the app's database directory. */
  public static final String AWS_DATABASE_NAME = "cognito_dataset_cache.db";

  private final SQLiteDatabase db;

  private AndroidAwsCacheSource(SQLiteDatabase db) {
    this.db = db;
  }

  /**
   * Opens AWS's cache in the app's database directory, if the app still has one.
   *
   * @param context any context of the app
   * @return the source, or {@code null} if there is no AWS cache (nothing to import)
   * @throws LocalStoreException if the file exists but cannot be opened
   */
  public static AndroidAwsCacheSource openIfPresent(Context context) {
    Objects.requireNonNull(context, "context == null");
    File file = context.getDatabasePath(AWS_DATABASE_NAME);
    return file.isFile() ? open(file) : null;
  }

  /**
   * Opens a database file read-only.
   *
   * @param file the database
   * @return the source; close it when done
   * @throws InvalidParameterException if the file does not exist
   * @throws LocalStoreException if it cannot be opened
   */
  public static AndroidAwsCacheSource open(File file) {
    Objects.requireNonNull(file, "file == null");
    if (!file.isFile()) {
      throw new InvalidParameterException("no AWS cache database at " + file);
    }
    try {
      return new AndroidAwsCacheSource(SQLiteDatabase.openDatabase(file.getPath(), null,
          SQLiteDatabase.OPEN_READONLY | SQLiteDatabase.NO_LOCALIZED_COLLATORS));
    } catch (SQLiteException e) {
      throw new LocalStoreException("cannot open " + file + " read-only: " + e.getMessage(), e);
    }
  }

  @Override
  public List<Map<String, Object>> query(String sql) {
    Objects.requireNonNull(sql, "sql == null");
    try (Cursor c = db.rawQuery(sql, null)) {
      List<Map<String, Object>> rows = new ArrayList<>();
      String[] names = c.getColumnNames();
      while (c.moveToNext()) {
        Map<String, Object> row = new LinkedHashMap<>();
        for (int i = 0; i < names.length; i++) {
          switch (c.getType(i)) {
            case Cursor.FIELD_TYPE_INTEGER:
              row.put(names[i], c.getLong(i));
              break;
            case Cursor.FIELD_TYPE_FLOAT:
              row.put(names[i], c.getDouble(i));
              break;
            case Cursor.FIELD_TYPE_STRING:
              row.put(names[i], c.getString(i));
              break;
            case Cursor.FIELD_TYPE_BLOB:
              row.put(names[i], c.getBlob(i));
              break;
            default:
              row.put(names[i], null);
          }
        }
        rows.add(row);
      }
      return rows;
    } catch (SQLiteException e) {
      throw new LocalStoreException("cannot read the AWS cache: " + e.getMessage(), e);
    }
  }

  /** Closes the database. */
  @Override
  public void close() {
    db.close();
  }
}
