package dev.offsync.android.internal;

import android.database.Cursor;
import android.database.sqlite.SQLiteDatabase;
import android.database.sqlite.SQLiteStatement;
import dev.offsync.LocalStoreException;
import dev.offsync.spi.DatasetUsage;
import dev.offsync.spi.LocalDataset;
import dev.offsync.spi.LocalRecord;
import dev.offsync.spi.LocalTransaction;
import dev.offsync.spi.RecordWrite;
import dev.offsync.spi.RemoteRecord;
import dev.offsync.sqlite.schema.internal.PortableSql;
import dev.offsync.sqlite.schema.internal.Sql;
import dev.offsync.sqlite.schema.internal.StoreTransaction;
import dev.offsync.sqlite.schema.internal.StoredInstants;
import dev.offsync.sqlite.schema.internal.StoredRows;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@link LocalTransaction} on one Android SQLite connection inside an open transaction (the writer's
 * {@code BEGIN IMMEDIATE}, or a reader's {@code SAVEPOINT}). Valid only on the thread that created it and until
 * {@link #end()}.
 *
 * <p>Writes, in the SQLite 3.18 dialect ({@link PortableSql}): a {@code writeRecords} call reads the existing rows
 * of its keys (key, version, counter contribution; {@code IN} lists of up to 512 keys), decides each write's
 * compare-and-set outcome from them in Java (exact: this transaction holds the write lock), runs a plain
 * {@code INSERT} for an absent row or {@link Sql#UPDATE_IF_VERSION} with the row's version for an existing one
 * (each must change one row), and moves the dataset row's usage counters once by the net change. A delete reads
 * the removed rows' contribution the same way first. A rollback undoes the counters with the rows.
 *
 * <p>If any operation fails with an SQLite error, the transaction is marked failed and the store rolls it back
 * even if the work swallows the {@link LocalStoreException}.
 */
final class AndroidTransaction extends StoreTransaction<android.database.SQLException> implements LocalTransaction {
  private final SQLiteDatabase db;
  private final Statements statements; // null in a read transaction
  private final CursorRow row = new CursorRow(); // re-pointed at each cursor read: nothing allocated per row

  AndroidTransaction(SQLiteDatabase db, Statements statements) {
    super(statements != null, android.database.SQLException.class);
    this.db = db;
    this.statements = statements;
  }

  private long changes(String sql, Object... args) {
    SQLiteStatement st = statements.get(sql);
    Queries.bind(st, args);
    return st.executeUpdateDelete();
  }

  // ---------------------------------------------------------------- datasets

  @Override
  protected long lookUpDatasetId(String owner, String name) {
    try (Cursor c = Queries.query(db, Sql.DATASET_ID, owner, name)) {
      return c.moveToFirst() ? c.getLong(0) : -1;
    }
  }

  @Override
  protected LocalDataset queryDataset(String owner, String name) {
    try (Cursor c = Queries.query(db, Sql.DATASET, owner, name)) {
      return c.moveToFirst() ? readDataset(c) : null;
    }
  }

  @Override
  protected void queryDatasets(String owner, List<LocalDataset> out) {
    try (Cursor c = Queries.query(db, Sql.DATASETS, owner)) {
      while (c.moveToNext()) {
        out.add(readDataset(c));
      }
    }
  }

  private LocalDataset readDataset(Cursor c) {
    return StoredRows.readDataset(row.on(c));
  }

  @Override
  public void putDataset(LocalDataset d) {
    notNull(d, "dataset");
    checkUsable(true);
    try {
      long changed = changes(PortableSql.UPDATE_DATASET, d.watermark(), d.isDeletedLocally() ? 1L : 0L,
          StoredInstants.encode(d.creationDate()), StoredInstants.encode(d.lastModifiedDate()), d.lastModifiedBy(),
          StoredInstants.encode(d.lastSyncedAt()), d.remoteStorageBytes(), d.remoteRecordCount(), d.owner(),
          d.name());
      if (changed == 0) {
        changes(PortableSql.INSERT_DATASET, d.owner(), d.name(), d.watermark(), d.isDeletedLocally() ? 1L : 0L,
            StoredInstants.encode(d.creationDate()), StoredInstants.encode(d.lastModifiedDate()),
            d.lastModifiedBy(), StoredInstants.encode(d.lastSyncedAt()), d.remoteStorageBytes(),
            d.remoteRecordCount());
      }
    } catch (android.database.SQLException e) {
      throw fail("writing dataset", e);
    }
  }

  @Override
  protected void removeDataset(long id) {
    changes(Sql.DELETE_DATASET_RECORDS, id);
    changes(Sql.DELETE_DATASET, id);
  }

  @Override
  protected void renameDataset(long id, String newOwner, String newName) {
    changes(Sql.MOVE_DATASET, newOwner, newName, id);
  }

  @Override
  protected String queryProperty(String name) {
    try (Cursor c = Queries.query(db, Sql.PROPERTY, name)) {
      return c.moveToFirst() ? c.getString(0) : null;
    }
  }

  @Override
  protected void changeProperty(String name, String value) {
    if (value == null) {
      changes(Sql.DELETE_PROPERTY, name);
    } else {
      changes(Sql.PUT_PROPERTY, name, value);
    }
  }

  @Override
  protected void queryOwners(List<String> out) {
    try (Cursor c = Queries.query(db, Sql.OWNERS)) {
      while (c.moveToNext()) {
        out.add(c.getString(0));
      }
    }
  }

  @Override
  protected void removeAll() {
    changes(Sql.DELETE_ALL_RECORDS);
    changes(Sql.DELETE_ALL_DATASETS);
  }

  // ---------------------------------------------------------------- records

  @Override
  protected LocalRecord queryRecord(long id, String key) {
    try (Cursor c = Queries.query(db, Sql.RECORD, id, key)) {
      return c.moveToFirst() ? readRecord(c) : null;
    }
  }

  @Override
  protected void queryRecordsIn(long id, List<String> keys, Map<String, LocalRecord> out) {
    try (Cursor c = queryIn(Sql.RECORDS_IN, id, keys)) {
      while (c.moveToNext()) {
        LocalRecord r = readRecord(c);
        out.put(r.key(), r);
      }
    }
  }

  @Override
  protected void queryRecords(String sql, long id, List<LocalRecord> out) {
    try (Cursor c = Queries.query(db, sql, id)) {
      while (c.moveToNext()) {
        out.add(readRecord(c));
      }
    }
  }

  @Override
  protected DatasetUsage queryUsage(String owner, String dataset) {
    try (Cursor c = Queries.query(db, Sql.USAGE, owner, dataset)) {
      return c.moveToFirst() ? new DatasetUsage(c.getLong(0), c.getLong(1), c.getLong(2)) : new DatasetUsage(0, 0, 0);
    }
  }

  @Override
  public Set<String> writeRecords(String owner, String dataset, List<RecordWrite> writes) {
    notNull(owner, "owner");
    notNull(dataset, "dataset");
    notNull(writes, "writes");
    checkWrites(writes);
    int n = writes.size();
    List<String> keys = new ArrayList<>(n);
    for (RecordWrite w : writes) {
      keys.add(w.record().key());
    }
    checkUsable(true);
    Set<String> skipped = new LinkedHashSet<>();
    try {
      long id = datasetId(owner, dataset);
      if (id < 0) {
        throw new IllegalStateException("no dataset " + dataset + " of owner " + owner);
      }
      if (n == 0) {
        return skipped;
      }
      Map<String, OldRow> old = oldRows(id, keys);
      long[] delta = new long[3];
      for (RecordWrite w : writes) {
        LocalRecord r = w.record();
        OldRow o = old.get(r.key());
        long expected = w.expectedVersion();
        boolean applies = expected == RecordWrite.ANY_VERSION
            || (expected == RecordWrite.ABSENT ? o == null : o != null && o.version == expected);
        if (!applies) {
          skipped.add(r.key());
          continue;
        }
        long changed;
        if (o == null) {
          SQLiteStatement st = statements.get(Sql.INSERT_RECORD);
          st.bindLong(1, id);
          st.bindString(2, r.key());
          bindRecordFields(st, 3, r);
          changed = st.executeUpdateDelete();
        } else {
          SQLiteStatement st = statements.get(Sql.UPDATE_IF_VERSION);
          bindRecordFields(st, 1, r);
          st.bindLong(Sql.WRITTEN_FIELDS + 1, id);
          st.bindString(Sql.WRITTEN_FIELDS + 2, r.key());
          st.bindLong(Sql.WRITTEN_FIELDS + 3, o.version);
          changed = st.executeUpdateDelete();
          subtractRow(delta, o.live, o.bytes, o.dirty);
        }
        if (changed != 1) { // cannot happen under the write lock; never commit counters that disagree
          throw new android.database.SQLException("the write of key " + r.key() + " changed " + changed + " rows");
        }
        addRow(delta, r);
      }
      adjustUsage(id, delta);
      return skipped;
    } catch (android.database.SQLException e) {
      throw fail("writing records", e);
    }
  }

  /** What an existing row contributes to the counters, and its version. */
  private static final class OldRow {
    final long version;
    final long live;
    final long bytes;
    final long dirty;

    OldRow(long version, long live, long bytes, long dirty) {
      this.version = version;
      this.live = live;
      this.bytes = bytes;
      this.dirty = dirty;
    }
  }

  private Map<String, OldRow> oldRows(long id, List<String> keys) {
    Map<String, OldRow> out = new HashMap<>(keys.size() * 2);
    for (int from = 0; from < keys.size(); from += Sql.MAX_CHUNK) {
      try (Cursor c = queryIn(PortableSql.OLD_ROWS_IN, id, chunk(keys, from))) {
        while (c.moveToNext()) {
          out.put(c.getString(PortableSql.OLD_KEY - 1), new OldRow(c.getLong(PortableSql.OLD_VERSION - 1),
              c.getLong(PortableSql.OLD_LIVE - 1), c.getLong(PortableSql.OLD_BYTES - 1),
              c.getLong(PortableSql.OLD_DIRTY - 1)));
        }
      }
    }
    return out;
  }

  @Override
  protected void changeUsage(long id, long[] delta) {
    changes(Sql.ADJUST_USAGE, delta[0], delta[1], delta[2], id);
  }

  /**
   * The UTF-8 length SQLite stores for {@code s}: computed here for well-formed UTF-16; a string with an unpaired
   * surrogate is measured by the engine itself, whose conversion of those differs between SQLite versions.
   */
  @Override
  protected long storedLength(String s) {
    long n = utf8Length(s, -1);
    if (n >= 0) {
      return n;
    }
    SQLiteStatement st = statements.get(PortableSql.UTF8_LENGTH);
    st.bindString(1, s);
    return st.simpleQueryForLong();
  }

  /** Binds the {@link Sql#WRITTEN_COLUMNS} of {@code r} from {@code at}. */
  private static void bindRecordFields(SQLiteStatement st, int at, LocalRecord r) {
    Queries.bindOne(st, at, r.value());
    st.bindLong(at + 1, r.isDeleted() ? 1 : 0);
    st.bindLong(at + 2, r.syncCount());
    Queries.bindOne(st, at + 3, r.baseValue());
    Queries.bindOne(st, at + 4, StoredInstants.encode(r.deviceLastModifiedDate()));
    Queries.bindOne(st, at + 5, StoredInstants.encode(r.lastModifiedDate()));
    Queries.bindOne(st, at + 6, r.lastModifiedBy());
    st.bindLong(at + 7, r.isDirty() ? 1 : 0);
    RemoteRecord c = r.pendingConflict();
    if (c == null) {
      for (int i = 8; i < Sql.WRITTEN_FIELDS; i++) {
        st.bindNull(at + i);
      }
    } else {
      st.bindLong(at + 8, c.syncCount());
      Queries.bindOne(st, at + 9, c.value());
      Queries.bindOne(st, at + 10, StoredInstants.encode(c.lastModifiedDate()));
      Queries.bindOne(st, at + 11, c.lastModifiedBy());
      Queries.bindOne(st, at + 12, StoredInstants.encode(c.deviceLastModifiedDate()));
    }
  }

  /** Reads what the rows contribute to the counters first (the 3.18 dialect has no {@code RETURNING}). */
  @Override
  protected void removeRecords(long id, List<String> keys, long[] delta) {
    for (OldRow o : oldRows(id, keys).values()) {
      subtractRow(delta, o.live, o.bytes, o.dirty);
    }
    for (int from = 0; from < keys.size(); from += Sql.MAX_CHUNK) {
      List<String> chunk = chunk(keys, from);
      SQLiteStatement st = statements.get(PortableSql.DELETE_RECORDS_IN[Sql.bucket(chunk.size())]);
      bindIn(st, id, chunk, Sql.bucketSize(Sql.bucket(chunk.size())));
      st.executeUpdateDelete();
    }
  }

  // ---------------------------------------------------------------- helpers

  /** The smallest bucketed {@code IN} query that fits {@code chunk}, padded with NULL. */
  private Cursor queryIn(String[] sqlByBucket, long id, List<String> chunk) {
    int bucket = Sql.bucket(chunk.size());
    Object[] args = new Object[1 + Sql.bucketSize(bucket)];
    args[0] = id;
    for (int i = 0; i < chunk.size(); i++) {
      args[i + 1] = chunk.get(i);
    }
    return Queries.query(db, sqlByBucket[bucket], args);
  }

  private static void bindIn(SQLiteStatement st, long id, List<String> chunk, int size) {
    st.bindLong(1, id);
    for (int i = 0; i < size; i++) {
      if (i < chunk.size()) {
        st.bindString(i + 2, chunk.get(i));
      } else {
        st.bindNull(i + 2);
      }
    }
  }

  private LocalRecord readRecord(Cursor c) {
    return StoredRows.readRecord(row.on(c));
  }
}
