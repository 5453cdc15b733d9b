package dev.offsync.awscompat.internal;

import dev.offsync.InvalidParameterException;
import dev.offsync.awscompat.AwsCacheSource;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Recognises AWS Android's {@code cognito_dataset_cache.db} (reference-clients.md §2.3: {@code DB_VERSION = 2},
 * tables {@code datasets} and {@code records}) before anything is read or written.
 */
public final class AndroidCacheSchema {
  /** The schema version AWS's SQLiteOpenHelper stores in {@code PRAGMA user_version}. */
  public static final long DB_VERSION = 2;

  static final List<String> DATASET_COLUMNS = Arrays.asList("identity_id", "dataset_name", "creation_timestamp",
      "last_modified_timestamp", "last_modified_by", "storage_size_bytes", "record_count", "last_sync_count");
  static final List<String> RECORD_COLUMNS = Arrays.asList("identity_id", "dataset_name", "key", "value",
      "sync_count", "last_modified_timestamp", "last_modified_by", "device_last_modified_timestamp", "modified");

  private AndroidCacheSchema() {}

  /**
   * Checks the database is AWS Android's cache.
   *
   * @param source the database
   * @throws InvalidParameterException naming what does not match
   */
  public static void check(AwsCacheSource source) {
    List<Map<String, Object>> version = source.query("PRAGMA user_version");
    Object v = version.isEmpty() ? null : version.get(0).values().iterator().next();
    if (!(v instanceof Number) || ((Number) v).longValue() != DB_VERSION) {
      throw new InvalidParameterException("not an AWS Cognito Sync Android cache: user_version is " + v
          + ", expected " + DB_VERSION);
    }
    requireColumns(source, "datasets", DATASET_COLUMNS);
    requireColumns(source, "records", RECORD_COLUMNS);
  }

  private static void requireColumns(AwsCacheSource source, String table, List<String> columns) {
    Set<String> present = new HashSet<>();
    for (Map<String, Object> row : source.query("PRAGMA table_info(" + table + ")")) {
      present.add(String.valueOf(row.get("name")));
    }
    if (present.isEmpty()) {
      throw new InvalidParameterException("not an AWS Cognito Sync Android cache: no table " + table);
    }
    for (String c : columns) {
      if (!present.contains(c)) {
        throw new InvalidParameterException("not an AWS Cognito Sync Android cache: table " + table
            + " has no column " + c);
      }
    }
  }
}
