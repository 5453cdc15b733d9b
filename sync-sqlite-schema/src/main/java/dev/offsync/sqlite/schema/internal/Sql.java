package dev.offsync.sqlite.schema.internal;

/**
 * The statements both SQLite stores run, and the column order of their row reads. Everything here runs on SQLite
 * 3.18 (checked by {@code PortableDialectOnSqlite318Test}) and on the modern schema alike.
 *
 * <p>Record reads return {@link #RECORD_COLUMNS} in that order (positions {@code RECORD_*}, 1-based as in SQL;
 * an Android cursor subtracts 1), dataset reads {@link #DATASET_COLUMNS} (positions {@code DATASET_*}).
 */
public final class Sql {
  private Sql() {}

  /** Keys bound per {@code IN} statement at most; longer key lists go in chunks. */
  public static final int MAX_CHUNK = 512;
  /** The sizes {@code IN} lists are padded to, so that four prepared statements serve every size. */
  private static final int[] BUCKETS = {1, 8, 64, MAX_CHUNK};

  /** The columns of a record read, in order. */
  public static final String RECORD_COLUMNS =
      "key, value, sync_count, base_value, dirty, version, device_last_modified_date,"
          + " last_modified_date, last_modified_by, conflict_sync_count, conflict_value,"
          + " conflict_last_modified_date, conflict_last_modified_by, conflict_device_last_modified_date";
  /** Position of {@code key} in a record read. */
  public static final int RECORD_KEY = 1;
  /** Position of {@code value}. */
  public static final int RECORD_VALUE = 2;
  /** Position of {@code sync_count}. */
  public static final int RECORD_SYNC_COUNT = 3;
  /** Position of {@code base_value}. */
  public static final int RECORD_BASE_VALUE = 4;
  /** Position of {@code dirty}. */
  public static final int RECORD_DIRTY = 5;
  /** Position of {@code version}. */
  public static final int RECORD_VERSION = 6;
  /** Position of {@code device_last_modified_date}. */
  public static final int RECORD_DEVICE_LAST_MODIFIED_DATE = 7;
  /** Position of {@code last_modified_date}. */
  public static final int RECORD_LAST_MODIFIED_DATE = 8;
  /** Position of {@code last_modified_by}. */
  public static final int RECORD_LAST_MODIFIED_BY = 9;
  /** Position of {@code conflict_sync_count} ({@code NULL}: no deferred conflict). */
  public static final int RECORD_CONFLICT_SYNC_COUNT = 10;
  /** Position of {@code conflict_value}. */
  public static final int RECORD_CONFLICT_VALUE = 11;
  /** Position of {@code conflict_last_modified_date}. */
  public static final int RECORD_CONFLICT_LAST_MODIFIED_DATE = 12;
  /** Position of {@code conflict_last_modified_by}. */
  public static final int RECORD_CONFLICT_LAST_MODIFIED_BY = 13;
  /** Position of {@code conflict_device_last_modified_date}. */
  public static final int RECORD_CONFLICT_DEVICE_LAST_MODIFIED_DATE = 14;

  /** The columns of a dataset read, in order (also the insert order of a new dataset row). */
  public static final String DATASET_COLUMNS =
      "owner, name, watermark, deleted_locally, creation_date, last_modified_date, last_modified_by,"
          + " last_synced_at, remote_storage_bytes, remote_record_count";
  /** Position of {@code owner}. */
  public static final int DATASET_OWNER = 1;
  /** Position of {@code name}. */
  public static final int DATASET_NAME = 2;
  /** Position of {@code watermark}. */
  public static final int DATASET_WATERMARK = 3;
  /** Position of {@code deleted_locally}. */
  public static final int DATASET_DELETED_LOCALLY = 4;
  /** Position of {@code creation_date}. */
  public static final int DATASET_CREATION_DATE = 5;
  /** Position of {@code last_modified_date}. */
  public static final int DATASET_LAST_MODIFIED_DATE = 6;
  /** Position of {@code last_modified_by}. */
  public static final int DATASET_LAST_MODIFIED_BY = 7;
  /** Position of {@code last_synced_at}. */
  public static final int DATASET_LAST_SYNCED_AT = 8;
  /** Position of {@code remote_storage_bytes}. */
  public static final int DATASET_REMOTE_STORAGE_BYTES = 9;
  /** Position of {@code remote_record_count}. */
  public static final int DATASET_REMOTE_RECORD_COUNT = 10;

  /** A dataset's id by owner and name. */
  public static final String DATASET_ID = "SELECT id FROM datasets WHERE owner = ? AND name = ?";
  /** A dataset row by owner and name. */
  public static final String DATASET = "SELECT " + DATASET_COLUMNS + " FROM datasets WHERE owner = ? AND name = ?";
  /** An owner's dataset rows by name. */
  public static final String DATASETS = "SELECT " + DATASET_COLUMNS + " FROM datasets WHERE owner = ? ORDER BY name";
  /** Removes a dataset's records (by dataset id). */
  public static final String DELETE_DATASET_RECORDS = "DELETE FROM records WHERE dataset_id = ?";
  /** Removes a dataset row (by id); its usage counters go with it. */
  public static final String DELETE_DATASET = "DELETE FROM datasets WHERE id = ?";
  /** Re-parents a dataset (by id): every record and counter stays. */
  public static final String MOVE_DATASET = "UPDATE datasets SET owner = ?, name = ? WHERE id = ?";
  /** One store property's value by name. */
  public static final String PROPERTY = "SELECT value FROM properties WHERE name = ?";
  /** Sets a store property (both dialects: REPLACE, not UPSERT, which SQLite 3.18 lacks). */
  public static final String PUT_PROPERTY = "INSERT OR REPLACE INTO properties (name, value) VALUES (?, ?)";
  /** Removes a store property. */
  public static final String DELETE_PROPERTY = "DELETE FROM properties WHERE name = ?";
  /** Every owner with a dataset row, in order (through the UNIQUE (owner, name) index). */
  public static final String OWNERS = "SELECT DISTINCT owner FROM datasets ORDER BY owner";
  /** Removes every record. */
  public static final String DELETE_ALL_RECORDS = "DELETE FROM records";
  /** Removes every dataset. */
  public static final String DELETE_ALL_DATASETS = "DELETE FROM datasets";
  /** One record by dataset id and key. */
  public static final String RECORD = "SELECT " + RECORD_COLUMNS + " FROM records WHERE dataset_id = ? AND key = ?";
  /** A dataset's records in key order. */
  public static final String RECORDS = "SELECT " + RECORD_COLUMNS + " FROM records WHERE dataset_id = ? ORDER BY key";
  /** A dataset's dirty records through the partial index, in key order. */
  public static final String DIRTY_RECORDS =
      "SELECT " + RECORD_COLUMNS + " FROM records INDEXED BY records_dirty WHERE dataset_id = ? AND dirty = 1"
          + " ORDER BY key";
  /** The rows holding a deferred conflict (schema v4), by their partial index. */
  public static final String CONFLICTED_RECORDS =
      "SELECT " + RECORD_COLUMNS + " FROM records INDEXED BY records_conflicted"
          + " WHERE dataset_id = ? AND conflict_sync_count IS NOT NULL ORDER BY key";
  /** The usage counters kept on the dataset row (schema v3): one index lookup, no record read. */
  public static final String USAGE =
      "SELECT live_record_count, live_bytes, dirty_record_count FROM datasets WHERE owner = ? AND name = ?";
  /** Adds a (signed) change to a dataset's usage counters: live, bytes, dirty, then the dataset id. */
  public static final String ADJUST_USAGE =
      "UPDATE datasets SET live_record_count = live_record_count + ?, live_bytes = live_bytes + ?,"
          + " dirty_record_count = dirty_record_count + ? WHERE id = ?";
  /**
   * The written columns of a record after dataset_id and key, in binding order ({@link #WRITTEN_FIELDS} of
   * them): value, deleted, sync_count, base_value, the device date, server date and writer, dirty, then the
   * deferred conflict's sync count, value, server date, writer and device date.
   */
  public static final String WRITTEN_COLUMNS =
      "value, deleted, sync_count, base_value, device_last_modified_date, last_modified_date, last_modified_by,"
          + " dirty, conflict_sync_count, conflict_value, conflict_last_modified_date, conflict_last_modified_by,"
          + " conflict_device_last_modified_date";
  /** How many columns {@link #WRITTEN_COLUMNS} names. */
  public static final int WRITTEN_FIELDS = 13;
  /** A new record row at version 1: dataset id, key, then the {@link #WRITTEN_COLUMNS}. */
  public static final String INSERT_RECORD =
      "INSERT INTO records (dataset_id, key, " + WRITTEN_COLUMNS + ", version)"
          + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 1)";
  /**
   * Compare-and-set update of one record: the {@link #WRITTEN_COLUMNS}, then dataset id, key and the expected
   * version; bumps the version. Changes no row when the version differs.
   */
  public static final String UPDATE_IF_VERSION =
      "UPDATE records SET value = ?, deleted = ?, sync_count = ?, base_value = ?,"
          + " device_last_modified_date = ?, last_modified_date = ?, last_modified_by = ?, dirty = ?,"
          + " conflict_sync_count = ?, conflict_value = ?, conflict_last_modified_date = ?,"
          + " conflict_last_modified_by = ?, conflict_device_last_modified_date = ?,"
          + " version = version + 1 WHERE dataset_id = ? AND key = ? AND version = ?";
  /** Records by dataset id and up to 1, 8, 64 or 512 keys (one statement per bucket). */
  public static final String[] RECORDS_IN =
      inStatements("SELECT " + RECORD_COLUMNS + " FROM records WHERE dataset_id = ? AND key IN ", "");

  /**
   * The index of the smallest bucket holding {@code size} keys.
   *
   * @param size 1 to {@link #MAX_CHUNK}
   * @return the index into the bucketed statements
   */
  public static int bucket(int size) {
    int b = 0;
    while (BUCKETS[b] < size) {
      b++;
    }
    return b;
  }

  /**
   * How many keys (or rows) the bucket's statement binds.
   *
   * @param bucket an index from {@link #bucket(int)}
   * @return its size
   */
  public static int bucketSize(int bucket) {
    return BUCKETS[bucket];
  }

  /**
   * One statement per bucket: {@code prefix (?, ?, ...) suffix}.
   *
   * @param prefix the text before the parenthesized parameter list
   * @param suffix the text after it
   * @return the statements, by bucket
   */
  public static String[] inStatements(String prefix, String suffix) {
    String[] sql = new String[BUCKETS.length];
    for (int i = 0; i < BUCKETS.length; i++) {
      StringBuilder sb = new StringBuilder(prefix).append('(');
      for (int j = 0; j < BUCKETS[i]; j++) {
        sb.append(j == 0 ? "?" : ", ?");
      }
      sql[i] = sb.append(')').append(suffix).toString();
    }
    return sql;
  }

  /**
   * One statement per bucket with a list of {@code (?, ?)} pairs.
   *
   * @param prefix the text before the list
   * @param suffix the text after it
   * @return the statements, by bucket
   */
  public static String[] pairStatements(String prefix, String suffix) {
    String[] sql = new String[BUCKETS.length];
    for (int i = 0; i < BUCKETS.length; i++) {
      StringBuilder sb = new StringBuilder(prefix);
      for (int j = 0; j < BUCKETS[i]; j++) {
        sb.append(j == 0 ? "(?, ?)" : ", (?, ?)");
      }
      sql[i] = sb.append(suffix).toString();
    }
    return sql;
  }
}
