package dev.offsync.sqlite.schema.internal;

import dev.offsync.spi.LocalDataset;
import dev.offsync.spi.LocalRecord;
import dev.offsync.spi.RemoteRecord;

/**
 * Reads the SPI values out of the rows of the shared statements ({@link Sql#DATASET_COLUMNS},
 * {@link Sql#RECORD_COLUMNS}), for both stores.
 */
public final class StoredRows {
  private StoredRows() {}

  /**
   * The dataset in a row of {@link Sql#DATASET} or {@link Sql#DATASETS}.
   *
   * @param row the current row
   * @param <E> what the row access throws
   * @return the dataset
   * @throws E if the row cannot be read
   */
  public static <E extends Exception> LocalDataset readDataset(Row<E> row) throws E {
    return LocalDataset.builder(row.getString(Sql.DATASET_OWNER), row.getString(Sql.DATASET_NAME))
        .watermark(row.getLong(Sql.DATASET_WATERMARK))
        .deletedLocally(row.getLong(Sql.DATASET_DELETED_LOCALLY) != 0)
        .creationDate(row.getInstant(Sql.DATASET_CREATION_DATE))
        .lastModifiedDate(row.getInstant(Sql.DATASET_LAST_MODIFIED_DATE))
        .lastModifiedBy(row.getString(Sql.DATASET_LAST_MODIFIED_BY))
        .lastSyncedAt(row.getInstant(Sql.DATASET_LAST_SYNCED_AT))
        .remoteStorageBytes(row.getLong(Sql.DATASET_REMOTE_STORAGE_BYTES))
        .remoteRecordCount(row.getLong(Sql.DATASET_REMOTE_RECORD_COUNT))
        .build();
  }

  /**
   * The record in a row of the record reads ({@link Sql#RECORD}, {@link Sql#RECORDS}, ...), with its deferred
   * conflict when {@code conflict_sync_count} is not {@code NULL}.
   *
   * @param row the current row
   * @param <E> what the row access throws
   * @return the record
   * @throws E if the row cannot be read
   */
  public static <E extends Exception> LocalRecord readRecord(Row<E> row) throws E {
    String key = row.getString(Sql.RECORD_KEY);
    RemoteRecord conflict = row.isNull(Sql.RECORD_CONFLICT_SYNC_COUNT) ? null : RemoteRecord.builder(key)
        .value(row.getString(Sql.RECORD_CONFLICT_VALUE))
        .syncCount(row.getLong(Sql.RECORD_CONFLICT_SYNC_COUNT))
        .lastModifiedDate(row.getInstant(Sql.RECORD_CONFLICT_LAST_MODIFIED_DATE))
        .lastModifiedBy(row.getString(Sql.RECORD_CONFLICT_LAST_MODIFIED_BY))
        .deviceLastModifiedDate(row.getInstant(Sql.RECORD_CONFLICT_DEVICE_LAST_MODIFIED_DATE))
        .build();
    return LocalRecord.builder(key)
        .value(row.getString(Sql.RECORD_VALUE))
        .syncCount(row.getLong(Sql.RECORD_SYNC_COUNT))
        .baseValue(row.getString(Sql.RECORD_BASE_VALUE))
        .dirty(row.getLong(Sql.RECORD_DIRTY) != 0)
        .version(row.getLong(Sql.RECORD_VERSION))
        .deviceLastModifiedDate(row.getInstant(Sql.RECORD_DEVICE_LAST_MODIFIED_DATE))
        .lastModifiedDate(row.getInstant(Sql.RECORD_LAST_MODIFIED_DATE))
        .lastModifiedBy(row.getString(Sql.RECORD_LAST_MODIFIED_BY))
        .pendingConflict(conflict)
        .build();
  }
}
