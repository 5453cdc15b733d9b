package dev.offsync.sqlite.schema.internal;

import java.util.Arrays;
import java.util.Collections;
import java.util.List;

/**
 * The schema's {@code PRAGMA user_version} migration steps, per {@link Dialect}.
 *
 * <p>Policy: a step only adds (tables, columns, indexes) or rewrites data in place; it never drops a table or a
 * row. A store runs each step in its own write transaction together with the {@code user_version} bump, so a
 * crash during a migration leaves the previous version intact, and refuses a file whose version is newer than
 * {@link #CURRENT_VERSION}.
 *
 * <ul>
 *   <li>v1: datasets keyed by an integer id with UNIQUE(owner, name), records keyed by (dataset_id, key) in a
 *       WITHOUT ROWID table, explicit {@code deleted} flag, base sync count and base value, write counter
 *       ({@code version}), dirty flag.
 *   <li>v2: a partial index on dirty rows for the dirty scan, and {@code datasets.last_synced_at}.
 *   <li>v3: the usage counters on the dataset row (live record count, live UTF-8 bytes of key + value, dirty
 *       record count), computed for the rows already there.
 *   <li>v4: the remote side of a deferred conflict in five {@code conflict_*} columns of its record's row
 *       (all {@code NULL} for none), and a partial index on the rows that have one.
 *   <li>v5: the {@code properties} table (name → value): what the engine keeps beside the datasets, e.g. the
 *       identity the store belongs to per identity pool.
 * </ul>
 */
public final class SchemaSteps {
  private SchemaSteps() {}

  // ------------------------------------------------------------------------------------------ modern (sync-sqlite)

  /** v1, modern: exactly what sync-sqlite has always written (STRICT tables). */
  public static final List<String> MODERN_V1 =
      list(
          "CREATE TABLE datasets ("
              + " id INTEGER PRIMARY KEY,"
              + " owner TEXT NOT NULL,"
              + " name TEXT NOT NULL,"
              + " watermark INTEGER NOT NULL DEFAULT 0 CHECK (watermark >= 0),"
              + " deleted_locally INTEGER NOT NULL DEFAULT 0 CHECK (deleted_locally IN (0, 1)),"
              + " creation_date ANY,"
              + " last_modified_date ANY,"
              + " last_modified_by TEXT,"
              + " remote_storage_bytes INTEGER NOT NULL DEFAULT 0 CHECK (remote_storage_bytes >= 0),"
              + " remote_record_count INTEGER NOT NULL DEFAULT 0 CHECK (remote_record_count >= 0),"
              + " UNIQUE (owner, name)"
              + ") STRICT",
          "CREATE TABLE records ("
              + " dataset_id INTEGER NOT NULL,"
              + " key TEXT NOT NULL,"
              + " value TEXT,"
              + " deleted INTEGER NOT NULL CHECK (deleted IN (0, 1)),"
              + " sync_count INTEGER NOT NULL DEFAULT 0 CHECK (sync_count >= 0),"
              + " base_value TEXT,"
              + " version INTEGER NOT NULL CHECK (version >= 1),"
              + " device_last_modified_date ANY,"
              + " last_modified_date ANY,"
              + " last_modified_by TEXT,"
              + " dirty INTEGER NOT NULL CHECK (dirty IN (0, 1)),"
              + " PRIMARY KEY (dataset_id, key),"
              + " CHECK ((deleted = 1) = (value IS NULL))"
              + ") STRICT, WITHOUT ROWID");

  /** v2, modern. */
  public static final List<String> MODERN_V2 =
      list(
          SchemaSteps.DIRTY_INDEX,
          "ALTER TABLE datasets ADD COLUMN last_synced_at ANY");

  /** v3, modern: the counters' backfill in one aggregate per dataset. */
  public static final List<String> MODERN_V3 =
      list(
          SchemaSteps.ADD_LIVE_RECORD_COUNT,
          SchemaSteps.ADD_LIVE_BYTES,
          SchemaSteps.ADD_DIRTY_RECORD_COUNT,
          "UPDATE datasets SET (live_record_count, live_bytes, dirty_record_count) = ("
              + "SELECT count(*) FILTER (WHERE deleted = 0),"
              + " coalesce(sum(octet_length(key) + octet_length(value)) FILTER (WHERE deleted = 0), 0),"
              + " count(*) FILTER (WHERE dirty = 1)"
              + " FROM records WHERE dataset_id = datasets.id)");

  /** v4, modern. */
  public static final List<String> MODERN_V4 =
      list(
          SchemaSteps.ADD_CONFLICT_SYNC_COUNT,
          SchemaSteps.ADD_CONFLICT_VALUE,
          "ALTER TABLE records ADD COLUMN conflict_last_modified_date ANY",
          SchemaSteps.ADD_CONFLICT_LAST_MODIFIED_BY,
          "ALTER TABLE records ADD COLUMN conflict_device_last_modified_date ANY",
          SchemaSteps.CONFLICTED_INDEX);

  /** v5, modern. */
  public static final List<String> MODERN_V5 =
      list("CREATE TABLE properties (name TEXT PRIMARY KEY, value TEXT NOT NULL) STRICT, WITHOUT ROWID");

  // ------------------------------------------------------------------------------------ portable (sync-android)

  /** v1, portable (SQLite 3.18): the same tables without STRICT; instant columns without a declared type. */
  public static final List<String> PORTABLE_V1 =
      list(
          "CREATE TABLE datasets ("
              + " id INTEGER PRIMARY KEY,"
              + " owner TEXT NOT NULL,"
              + " name TEXT NOT NULL,"
              + " watermark INTEGER NOT NULL DEFAULT 0 CHECK (watermark >= 0),"
              + " deleted_locally INTEGER NOT NULL DEFAULT 0 CHECK (deleted_locally IN (0, 1)),"
              + " creation_date,"
              + " last_modified_date,"
              + " last_modified_by TEXT,"
              + " remote_storage_bytes INTEGER NOT NULL DEFAULT 0 CHECK (remote_storage_bytes >= 0),"
              + " remote_record_count INTEGER NOT NULL DEFAULT 0 CHECK (remote_record_count >= 0),"
              + " UNIQUE (owner, name)"
              + ")",
          "CREATE TABLE records ("
              + " dataset_id INTEGER NOT NULL,"
              + " key TEXT NOT NULL,"
              + " value TEXT,"
              + " deleted INTEGER NOT NULL CHECK (deleted IN (0, 1)),"
              + " sync_count INTEGER NOT NULL DEFAULT 0 CHECK (sync_count >= 0),"
              + " base_value TEXT,"
              + " version INTEGER NOT NULL CHECK (version >= 1),"
              + " device_last_modified_date,"
              + " last_modified_date,"
              + " last_modified_by TEXT,"
              + " dirty INTEGER NOT NULL CHECK (dirty IN (0, 1)),"
              + " PRIMARY KEY (dataset_id, key),"
              + " CHECK ((deleted = 1) = (value IS NULL))"
              + ") WITHOUT ROWID");

  /** v2, portable. */
  public static final List<String> PORTABLE_V2 =
      list(
          SchemaSteps.DIRTY_INDEX,
          "ALTER TABLE datasets ADD COLUMN last_synced_at");

  /** v3, portable: the backfill with one correlated subquery per counter (no FILTER, no octet_length). */
  public static final List<String> PORTABLE_V3 =
      list(
          SchemaSteps.ADD_LIVE_RECORD_COUNT,
          SchemaSteps.ADD_LIVE_BYTES,
          SchemaSteps.ADD_DIRTY_RECORD_COUNT,
          "UPDATE datasets SET"
              + " live_record_count = (SELECT count(*) FROM records WHERE dataset_id = datasets.id AND deleted = 0),"
              + " live_bytes = (SELECT coalesce(sum(length(CAST(key AS BLOB)) + length(CAST(value AS BLOB))), 0)"
              + " FROM records WHERE dataset_id = datasets.id AND deleted = 0),"
              + " dirty_record_count = (SELECT count(*) FROM records WHERE dataset_id = datasets.id AND dirty = 1)");

  /** v4, portable. */
  public static final List<String> PORTABLE_V4 =
      list(
          SchemaSteps.ADD_CONFLICT_SYNC_COUNT,
          SchemaSteps.ADD_CONFLICT_VALUE,
          "ALTER TABLE records ADD COLUMN conflict_last_modified_date",
          SchemaSteps.ADD_CONFLICT_LAST_MODIFIED_BY,
          "ALTER TABLE records ADD COLUMN conflict_device_last_modified_date",
          SchemaSteps.CONFLICTED_INDEX);

  /** v5, portable. */
  public static final List<String> PORTABLE_V5 =
      list("CREATE TABLE properties (name TEXT NOT NULL PRIMARY KEY, value TEXT NOT NULL) WITHOUT ROWID");

  // ------------------------------------------------------------------------------------------ the same in both

  private static final String DIRTY_INDEX = "CREATE INDEX records_dirty ON records (dataset_id, key) WHERE dirty = 1";
  private static final String ADD_LIVE_RECORD_COUNT =
      "ALTER TABLE datasets ADD COLUMN live_record_count INTEGER NOT NULL DEFAULT 0 CHECK (live_record_count >= 0)";
  private static final String ADD_LIVE_BYTES =
      "ALTER TABLE datasets ADD COLUMN live_bytes INTEGER NOT NULL DEFAULT 0 CHECK (live_bytes >= 0)";
  private static final String ADD_DIRTY_RECORD_COUNT =
      "ALTER TABLE datasets ADD COLUMN dirty_record_count INTEGER NOT NULL DEFAULT 0"
          + " CHECK (dirty_record_count >= 0)";
  private static final String ADD_CONFLICT_SYNC_COUNT =
      "ALTER TABLE records ADD COLUMN conflict_sync_count INTEGER CHECK (conflict_sync_count >= 0)";
  private static final String ADD_CONFLICT_VALUE = "ALTER TABLE records ADD COLUMN conflict_value TEXT";
  private static final String ADD_CONFLICT_LAST_MODIFIED_BY =
      "ALTER TABLE records ADD COLUMN conflict_last_modified_by TEXT";
  private static final String CONFLICTED_INDEX =
      "CREATE INDEX records_conflicted ON records (dataset_id, key) WHERE conflict_sync_count IS NOT NULL";

  static final List<List<String>> MODERN = list(MODERN_V1, MODERN_V2, MODERN_V3, MODERN_V4, MODERN_V5);
  static final List<List<String>> PORTABLE = list(PORTABLE_V1, PORTABLE_V2, PORTABLE_V3, PORTABLE_V4, PORTABLE_V5);

  /** An unmodifiable list (API 26 has no {@code List.of}). */
  @SafeVarargs
  private static <T> List<T> list(T... items) {
    return Collections.unmodifiableList(Arrays.asList(items));
  }

  /** The schema version both stores write. */
  public static final int CURRENT_VERSION = 5;

  /**
   * The statement that sets the schema version.
   *
   * @param version the version
   * @return {@code PRAGMA user_version = version}
   */
  public static String setUserVersion(int version) {
    return "PRAGMA user_version = " + version;
  }
}
