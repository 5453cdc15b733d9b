package dev.offsync.sqlite.schema.internal;

/**
 * The statements only the Android store runs: what the modern store does with UPSERT, {@code RETURNING},
 * {@code iif}, {@code octet_length} and {@code VALUES} joins, written for SQLite 3.18. The usage counters are
 * computed in Java from the old rows read by {@link #OLD_ROWS_IN} in the same write transaction (which holds the
 * write lock), so every write is a plain {@code INSERT} (the row is known absent) or a compare-and-set
 * {@link Sql#UPDATE_IF_VERSION} (the row's version is known), and one {@link Sql#ADJUST_USAGE} per call.
 */
public final class PortableSql {
  private PortableSql() {}

  /** What a record row contributes to the counters: live (0/1), live UTF-8 bytes of key + value, dirty (0/1). */
  public static final String CONTRIBUTION =
      "deleted = 0, CASE WHEN deleted = 0 THEN length(CAST(key AS BLOB)) + length(CAST(value AS BLOB)) ELSE 0 END,"
          + " dirty";
  /** Position of the key in an {@link #OLD_ROWS_IN} row. */
  public static final int OLD_KEY = 1;
  /** Position of the version. */
  public static final int OLD_VERSION = 2;
  /** Position of the live flag (0/1). */
  public static final int OLD_LIVE = 3;
  /** Position of the live bytes. */
  public static final int OLD_BYTES = 4;
  /** Position of the dirty flag (0/1). */
  public static final int OLD_DIRTY = 5;

  /**
   * Key, version and counter contribution of the existing rows among up to 1, 8, 64 or 512 keys of a dataset:
   * dataset id, then the keys.
   */
  public static final String[] OLD_ROWS_IN =
      Sql.inStatements("SELECT key, version, " + CONTRIBUTION + " FROM records WHERE dataset_id = ? AND key IN ", "");
  /** Removes up to 1, 8, 64 or 512 keys of a dataset (their contribution was read first by OLD_ROWS_IN). */
  public static final String[] DELETE_RECORDS_IN =
      Sql.inStatements("DELETE FROM records WHERE dataset_id = ? AND key IN ", "");
  /**
   * Updates an existing dataset row (everything but owner, name and counters): watermark, deleted_locally,
   * creation_date, last_modified_date, last_modified_by, last_synced_at, remote_storage_bytes,
   * remote_record_count, then owner and name. Changes no row when the dataset is absent; then
   * {@link #INSERT_DATASET} runs.
   */
  public static final String UPDATE_DATASET =
      "UPDATE datasets SET watermark = ?, deleted_locally = ?, creation_date = ?, last_modified_date = ?,"
          + " last_modified_by = ?, last_synced_at = ?, remote_storage_bytes = ?, remote_record_count = ?"
          + " WHERE owner = ? AND name = ?";
  /** A new dataset row, {@link Sql#DATASET_COLUMNS} in order; its counters start at 0. */
  public static final String INSERT_DATASET =
      "INSERT INTO datasets (" + Sql.DATASET_COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";
  /**
   * The UTF-8 length SQLite stores for a bound string; for the rare string with an unpaired surrogate, where
   * the conversion from UTF-16 is the engine's own (and differs between SQLite versions).
   */
  public static final String UTF8_LENGTH = "SELECT length(CAST(? AS BLOB))";
}
