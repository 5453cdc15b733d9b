package dev.offsync.sqlite.internal;

import dev.offsync.LocalStoreException;
import dev.offsync.spi.DatasetUsage;
import dev.offsync.spi.LocalDataset;
import dev.offsync.spi.LocalRecord;
import dev.offsync.spi.LocalTransaction;
import dev.offsync.spi.RecordWrite;
import dev.offsync.spi.RemoteRecord;
import dev.offsync.sqlite.schema.internal.Sql;
import dev.offsync.sqlite.schema.internal.StoreTransaction;
import dev.offsync.sqlite.schema.internal.StoredRows;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@link LocalTransaction} on one SQLite connection inside an open transaction. Valid only on the
 * thread that created it and until {@link #end()}. Every multi-record operation runs a bounded number
 * of batched statements: key lists go in chunks of up to {@value #MAX_CHUNK} bound keys (padded to a
 * few fixed sizes so the prepared statements are reused), writes go through JDBC batches whose
 * statements carry the compare-and-set condition themselves.
 *
 * <p>Usage counters: every call that changes record rows also moves the dataset row's counters
 * ({@code live_record_count}, {@code live_bytes}, {@code dirty_record_count}) by exactly the change, in the
 * same transaction, so {@link #usage} is one row read. A single-record write does it in one statement
 * before the write (old contribution read in the statement, under the write's compare-and-set condition);
 * a batched write sums the replaced rows' contributions in SQL (chunks of 512 keys) and adds the net
 * change with one {@code UPDATE}; a delete returns the removed rows' contributions ({@code RETURNING}).
 * Datasets that are deleted or moved take their counters with their row.
 *
 * <p>Deferred conflicts (schema v4): a record's {@link LocalRecord#pendingConflict()} is five columns of its
 * row ({@code conflict_*}, all {@code NULL} for none), written by every write of the row like its other
 * fields and read back by every record read; {@link #conflictedRecords} uses the partial index on the rows
 * that have one. Moving a dataset re-parents its rows and keeps them. They do not count in the usage
 * counters (a conflicted row is dirty, and counted as such).
 *
 * <p>If any operation fails with an {@link SQLException}, the transaction is marked failed and the
 * store rolls it back even if the work swallows the {@link LocalStoreException}.
 */
final class SqliteTransaction extends StoreTransaction<SQLException> implements LocalTransaction {
  static final int MAX_CHUNK = Sql.MAX_CHUNK;
  /**
   * Rows per JDBC batch execution: a pulled page (1,024 records) is one batch, and a reused batch
   * statement's parameter array (which sqlite-jdbc never shrinks) stays bounded.
   */
  static final int MAX_BATCH = 1024;

  private static final String RECORD_COLUMNS = Sql.RECORD_COLUMNS;
  /** How many record fields {@link #bindRecordFields} binds (everything but dataset, key and version). */
  private static final int FIELDS = Sql.WRITTEN_FIELDS;
  private static final String DATASET_COLUMNS = Sql.DATASET_COLUMNS;

  // the statements both SQLite stores run, from sync-sqlite-schema (named here as before for the tests)
  static final String DATASET_ID = Sql.DATASET_ID;
  static final String DATASET = Sql.DATASET;
  static final String DATASETS = Sql.DATASETS;
  static final String PUT_DATASET =
      "INSERT INTO datasets (" + DATASET_COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
          + " ON CONFLICT (owner, name) DO UPDATE SET watermark = excluded.watermark,"
          + " deleted_locally = excluded.deleted_locally, creation_date = excluded.creation_date,"
          + " last_modified_date = excluded.last_modified_date,"
          + " last_modified_by = excluded.last_modified_by, last_synced_at = excluded.last_synced_at,"
          + " remote_storage_bytes = excluded.remote_storage_bytes,"
          + " remote_record_count = excluded.remote_record_count";
  static final String DELETE_DATASET_RECORDS = Sql.DELETE_DATASET_RECORDS;
  static final String DELETE_DATASET = Sql.DELETE_DATASET;
  static final String MOVE_DATASET = Sql.MOVE_DATASET;
  static final String DELETE_ALL_RECORDS = Sql.DELETE_ALL_RECORDS;
  static final String DELETE_ALL_DATASETS = Sql.DELETE_ALL_DATASETS;
  static final String RECORD = Sql.RECORD;
  static final String RECORDS = Sql.RECORDS;
  static final String DIRTY_RECORDS = Sql.DIRTY_RECORDS;
  static final String CONFLICTED_RECORDS = Sql.CONFLICTED_RECORDS;
  static final String USAGE = Sql.USAGE;
  static final String ADJUST_USAGE = Sql.ADJUST_USAGE;
  /** What a record row contributes to the counters: live (0/1), live UTF-8 bytes of key + value, dirty (0/1). */
  private static final String CONTRIBUTION =
      "deleted = 0, iif(deleted = 0, octet_length(key) + octet_length(value), 0), dirty";
  private static final String WRITTEN_COLUMNS = Sql.WRITTEN_COLUMNS;
  private static final String INSERT_COLUMNS = Sql.INSERT_RECORD;
  static final String UPSERT_RECORD = INSERT_COLUMNS
      + " ON CONFLICT (dataset_id, key) DO UPDATE SET value = excluded.value, deleted = excluded.deleted,"
      + " sync_count = excluded.sync_count, base_value = excluded.base_value,"
      + " device_last_modified_date = excluded.device_last_modified_date,"
      + " last_modified_date = excluded.last_modified_date, last_modified_by = excluded.last_modified_by,"
      + " dirty = excluded.dirty, conflict_sync_count = excluded.conflict_sync_count,"
      + " conflict_value = excluded.conflict_value,"
      + " conflict_last_modified_date = excluded.conflict_last_modified_date,"
      + " conflict_last_modified_by = excluded.conflict_last_modified_by,"
      + " conflict_device_last_modified_date = excluded.conflict_device_last_modified_date,"
      + " version = records.version + 1";
  static final String INSERT_IF_ABSENT = INSERT_COLUMNS + " ON CONFLICT (dataset_id, key) DO NOTHING";
  static final String UPDATE_IF_VERSION = Sql.UPDATE_IF_VERSION;

  // The same three writes for one record with the dataset id resolved inside the statement (by owner and
  // name), so a single put needs no separate id lookup. They change no row when the dataset is missing;
  // only then (or on a compare-and-set miss) does writeRecords look the id up, to tell the two apart.
  private static final String INSERT_COLUMNS_BY_NAME =
      "INSERT INTO records (dataset_id, key, " + WRITTEN_COLUMNS + ", version)"
          + " SELECT id, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 1 FROM datasets WHERE owner = ? AND name = ?";
  static final String UPSERT_RECORD_BY_NAME = INSERT_COLUMNS_BY_NAME + UPSERT_RECORD.substring(INSERT_COLUMNS.length());
  static final String INSERT_IF_ABSENT_BY_NAME = INSERT_COLUMNS_BY_NAME + " ON CONFLICT (dataset_id, key) DO NOTHING";
  static final String UPDATE_IF_VERSION_BY_NAME = UPDATE_IF_VERSION.replace("WHERE dataset_id = ?",
      "WHERE dataset_id = (SELECT id FROM datasets WHERE owner = ? AND name = ?)");

  private static final String[] RECORDS_IN = Sql.RECORDS_IN;
  /**
   * What the rows that a batch of writes will replace contribute to the counters, summed in SQL (no row
   * is returned): one (key, expected version) pair per write, -1 for "any version", so a row counts iff
   * its write will apply. The pairs are the outer loop (CROSS JOIN), each a primary-key search.
   */
  static final String[] OLD_ROWS_SUM = Sql.pairStatements("SELECT coalesce(sum(r.deleted = 0), 0),"
      + " coalesce(sum(iif(r.deleted = 0, octet_length(r.key) + octet_length(r.value), 0)), 0),"
      + " coalesce(sum(r.dirty), 0) FROM (VALUES ",
      ") AS v CROSS JOIN records AS r ON r.dataset_id = ? AND r.key = v.column1"
          + " AND (v.column2 < 0 OR r.version = v.column2)");

  /** Removes rows and returns what they contributed to the counters. */
  static final String[] DELETE_RECORDS_IN = Sql.inStatements("DELETE FROM records WHERE dataset_id = ? AND key IN ",
      " RETURNING " + CONTRIBUTION);

  // A single-record write first moves the dataset's counters from the row's old contribution (read in the
  // statement) to the new one (bound), under exactly the write's compare-and-set condition, then writes.
  // The adjustment changes one row iff the dataset exists and the write will apply; otherwise the write is
  // not run. Parameters: ?1 live, ?2 bytes, ?3 dirty of the new row, ?4 key, then the dataset (?5 id, or
  // ?5 owner and ?6 name), then the expected version (CAS only).
  private static final String ADJUST_ONE_SET =
      "UPDATE datasets SET (live_record_count, live_bytes, dirty_record_count) = (SELECT"
          + " datasets.live_record_count + ?1 - coalesce(sum(r.deleted = 0), 0),"
          + " datasets.live_bytes + ?2 - coalesce(sum(iif(r.deleted = 0, octet_length(r.key) + octet_length(r.value), 0)), 0),"
          + " datasets.dirty_record_count + ?3 - coalesce(sum(r.dirty), 0)"
          + " FROM records AS r WHERE r.dataset_id = datasets.id AND r.key = ?4) WHERE ";
  /** [kind: any, absent, version][0 = by id, 1 = by owner and name]. */
  static final String[][] ADJUST_ONE = {
      {adjustOne(true, ""), adjustOne(false, "")},
      {adjustOne(true, " AND NOT EXISTS (SELECT 1 FROM records WHERE dataset_id = datasets.id AND key = ?4)"),
          adjustOne(false, " AND NOT EXISTS (SELECT 1 FROM records WHERE dataset_id = datasets.id AND key = ?4)")},
      {adjustOne(true, " AND EXISTS (SELECT 1 FROM records WHERE dataset_id = datasets.id AND key = ?4"
          + " AND version = ?6)"),
          adjustOne(false, " AND EXISTS (SELECT 1 FROM records WHERE dataset_id = datasets.id AND key = ?4"
              + " AND version = ?7)")}};

  private static String adjustOne(boolean byId, String condition) {
    return ADJUST_ONE_SET + (byId ? "id = ?5" : "owner = ?5 AND name = ?6") + condition;
  }

  private final StoreConnection conn;
  private final ResultSetRow row = new ResultSetRow(); // re-pointed at each result read: nothing allocated per row

  SqliteTransaction(StoreConnection conn, boolean writable) {
    super(writable, SQLException.class);
    this.conn = conn;
  }

  // ---------------------------------------------------------------- datasets

  @Override
  protected long lookUpDatasetId(String owner, String name) throws SQLException {
    PreparedStatement ps = conn.prepare(DATASET_ID);
    ps.setString(1, owner);
    ps.setString(2, name);
    try (ResultSet rs = ps.executeQuery()) {
      return rs.next() ? rs.getLong(1) : -1;
    }
  }

  @Override
  protected LocalDataset queryDataset(String owner, String name) throws SQLException {
    PreparedStatement ps = conn.prepare(DATASET);
    ps.setString(1, owner);
    ps.setString(2, name);
    try (ResultSet rs = ps.executeQuery()) {
      return rs.next() ? readDataset(rs) : null;
    }
  }

  @Override
  protected void queryDatasets(String owner, List<LocalDataset> out) throws SQLException {
    PreparedStatement ps = conn.prepare(DATASETS);
    ps.setString(1, owner);
    try (ResultSet rs = ps.executeQuery()) {
      while (rs.next()) {
        out.add(readDataset(rs));
      }
    }
  }

  private LocalDataset readDataset(ResultSet rs) throws SQLException {
    return StoredRows.readDataset(row.on(rs));
  }

  @Override
  public void putDataset(LocalDataset d) {
    notNull(d, "dataset");
    checkUsable(true);
    try {
      PreparedStatement ps = conn.prepare(PUT_DATASET);
      ps.setString(1, d.owner());
      ps.setString(2, d.name());
      ps.setLong(3, d.watermark());
      ps.setInt(4, d.isDeletedLocally() ? 1 : 0);
      setInstant(ps, 5, d.creationDate());
      setInstant(ps, 6, d.lastModifiedDate());
      ps.setString(7, d.lastModifiedBy());
      setInstant(ps, 8, d.lastSyncedAt());
      ps.setLong(9, d.remoteStorageBytes());
      ps.setLong(10, d.remoteRecordCount());
      ps.executeUpdate();
    } catch (SQLException e) {
      throw fail("writing dataset", e);
    }
  }

  @Override
  protected void removeDataset(long id) throws SQLException {
    PreparedStatement records = conn.prepare(DELETE_DATASET_RECORDS);
    records.setLong(1, id);
    records.executeUpdate();
    PreparedStatement dataset = conn.prepare(DELETE_DATASET);
    dataset.setLong(1, id);
    dataset.executeUpdate();
  }

  @Override
  protected void renameDataset(long id, String newOwner, String newName) throws SQLException {
    PreparedStatement ps = conn.prepare(MOVE_DATASET);
    ps.setString(1, newOwner);
    ps.setString(2, newName);
    ps.setLong(3, id);
    ps.executeUpdate();
  }

  @Override
  protected String queryProperty(String name) throws SQLException {
    PreparedStatement ps = conn.prepare(Sql.PROPERTY);
    ps.setString(1, name);
    try (ResultSet rs = ps.executeQuery()) {
      return rs.next() ? rs.getString(1) : null;
    }
  }

  @Override
  protected void changeProperty(String name, String value) throws SQLException {
    PreparedStatement ps = conn.prepare(value == null ? Sql.DELETE_PROPERTY : Sql.PUT_PROPERTY);
    ps.setString(1, name);
    if (value != null) {
      ps.setString(2, value);
    }
    ps.executeUpdate();
  }

  @Override
  protected void queryOwners(List<String> out) throws SQLException {
    try (ResultSet rs = conn.prepare(Sql.OWNERS).executeQuery()) {
      while (rs.next()) {
        out.add(rs.getString(1));
      }
    }
  }

  @Override
  protected void removeAll() throws SQLException {
    conn.prepare(DELETE_ALL_RECORDS).executeUpdate();
    conn.prepare(DELETE_ALL_DATASETS).executeUpdate();
  }

  // ---------------------------------------------------------------- records

  @Override
  protected LocalRecord queryRecord(long id, String key) throws SQLException {
    PreparedStatement ps = conn.prepare(RECORD);
    ps.setLong(1, id);
    ps.setString(2, key);
    try (ResultSet rs = ps.executeQuery()) {
      return rs.next() ? readRecord(rs) : null;
    }
  }

  @Override
  protected void queryRecordsIn(long id, List<String> keys, Map<String, LocalRecord> out) throws SQLException {
    PreparedStatement ps = bindIn(RECORDS_IN, id, keys);
    try (ResultSet rs = ps.executeQuery()) {
      while (rs.next()) {
        LocalRecord r = readRecord(rs);
        out.put(r.key(), r);
      }
    }
  }

  @Override
  protected void queryRecords(String sql, long id, List<LocalRecord> out) throws SQLException {
    PreparedStatement ps = conn.prepare(sql);
    ps.setLong(1, id);
    try (ResultSet rs = ps.executeQuery()) {
      while (rs.next()) {
        out.add(readRecord(rs));
      }
    }
  }

  @Override
  protected DatasetUsage queryUsage(String owner, String dataset) throws SQLException {
    PreparedStatement ps = conn.prepare(USAGE);
    ps.setString(1, owner);
    ps.setString(2, dataset);
    try (ResultSet rs = ps.executeQuery()) {
      return rs.next() ? new DatasetUsage(rs.getLong(1), rs.getLong(2), rs.getLong(3)) : new DatasetUsage(0, 0, 0);
    }
  }

  @Override
  public Set<String> writeRecords(String owner, String dataset, List<RecordWrite> writes) {
    notNull(owner, "owner");
    notNull(dataset, "dataset");
    notNull(writes, "writes");
    int n = writes.size();
    checkWrites(writes);
    checkUsable(true);
    Set<String> skipped = new LinkedHashSet<>();
    // Compare-and-set inside the statements themselves (this transaction holds the write lock):
    // "any" = upsert with version + 1, "absent" = insert that does nothing on conflict, "version v"
    // = update WHERE version = v. A statement that changed no row is a skipped write.
    try {
      if (n == 1) {
        // one record (an app's put): one plain execution, no JDBC batch machinery, and unless this
        // transaction already knows the dataset's id, the id lookup folded into the statement
        RecordWrite w = writes.get(0);
        LocalRecord r = w.record();
        long expected = w.expectedVersion();
        int kind = kindOf(expected);
        boolean byId = knowsDatasetId(owner, dataset);
        PreparedStatement adjust = conn.prepare(ADJUST_ONE[kind][byId ? 0 : 1]);
        adjust.setLong(1, r.isDeleted() ? 0 : 1);
        adjust.setLong(2, liveBytes(r));
        adjust.setLong(3, r.isDirty() ? 1 : 0);
        adjust.setString(4, r.key());
        int at = 5;
        if (byId) {
          adjust.setLong(at++, cachedDatasetId());
        } else {
          adjust.setString(at++, owner);
          adjust.setString(at++, dataset);
        }
        if (kind == 2) {
          adjust.setLong(at, expected);
        }
        if (adjust.executeUpdate() == 0) { // no dataset, or the compare-and-set fails: the write would not apply
          if (datasetId(owner, dataset) < 0) {
            throw new IllegalStateException("no dataset " + dataset + " of owner " + owner);
          }
          skipped.add(r.key());
          return skipped;
        }
        int changed;
        if (byId) {
          PreparedStatement ps = conn.prepare(writeSql(expected));
          bindWrite(ps, cachedDatasetId(), w);
          changed = ps.executeUpdate();
        } else {
          PreparedStatement ps = conn.prepare(kind == 0 ? UPSERT_RECORD_BY_NAME
              : kind == 1 ? INSERT_IF_ABSENT_BY_NAME : UPDATE_IF_VERSION_BY_NAME);
          bindWriteByName(ps, owner, dataset, w);
          changed = ps.executeUpdate();
        }
        if (changed != 1) { // cannot happen under the write lock; never commit counters that disagree
          throw new SQLException("the usage counters were adjusted for a write of key " + r.key()
              + " that changed " + changed + " rows");
        }
        return skipped;
      }
      long id = datasetId(owner, dataset);
      if (id < 0) {
        throw new IllegalStateException("no dataset " + dataset + " of owner " + owner);
      }
      if (n == 0) {
        return skipped;
      }
      // the counters lose what the rows the writes will replace contribute (an "absent" write that applies
      // replaces none), summed in SQL, and gain what each applied write's row contributes
      long[] delta = new long[3];
      subtractReplaced(id, writes, delta);
      // several: at most three JDBC batches (one per kind), each split every MAX_BATCH rows
      WriteBatch[] batches = new WriteBatch[3];
      for (RecordWrite w : writes) {
        long expected = w.expectedVersion();
        int kind = kindOf(expected);
        WriteBatch b = batches[kind];
        if (b == null) {
          b = new WriteBatch(conn.prepareBatch(writeSql(expected)), Math.min(n, MAX_BATCH));
          batches[kind] = b;
        } else if (b.writes.size() == MAX_BATCH) {
          b.run(skipped, delta);
        }
        bindWrite(b.ps, id, w);
        b.ps.addBatch();
        b.writes.add(w);
      }
      for (WriteBatch b : batches) {
        if (b != null && !b.writes.isEmpty()) {
          b.run(skipped, delta);
        }
      }
      adjustUsage(id, delta);
      return skipped;
    } catch (SQLException e) {
      // never leave rows of a failed call queued in a reused statement
      for (String sql : new String[] {UPSERT_RECORD, INSERT_IF_ABSENT, UPDATE_IF_VERSION}) {
        try {
          conn.prepareBatch(sql).clearBatch();
        } catch (SQLException suppressed) {
          e.addSuppressed(suppressed);
        }
      }
      throw fail("writing records", e);
    }
  }

  private static int kindOf(long expected) {
    return expected == RecordWrite.ANY_VERSION ? 0 : expected == RecordWrite.ABSENT ? 1 : 2;
  }

  /**
   * Subtracts from {@code delta} what the rows that {@code writes} will replace contribute: for every write
   * but "absent" ones, the row with its key if its version matches (any version for "any"), in chunks of up
   * to {@value #MAX_CHUNK} writes. Exact because this transaction holds the write lock: the batches that
   * follow apply a write iff its row matched here.
   */
  private void subtractReplaced(long id, List<RecordWrite> writes, long[] delta) throws SQLException {
    List<RecordWrite> replacing = new ArrayList<>(writes.size());
    for (RecordWrite w : writes) {
      if (w.expectedVersion() != RecordWrite.ABSENT) {
        replacing.add(w);
      }
    }
    for (int from = 0; from < replacing.size(); from += MAX_CHUNK) {
      List<RecordWrite> chunk = replacing.subList(from, Math.min(replacing.size(), from + MAX_CHUNK));
      int bucket = Sql.bucket(chunk.size());
      PreparedStatement ps = conn.prepare(OLD_ROWS_SUM[bucket]);
      int i = 1;
      for (RecordWrite w : chunk) {
        ps.setString(i++, w.record().key());
        ps.setLong(i++, w.expectedVersion() == RecordWrite.ANY_VERSION ? -1 : w.expectedVersion());
      }
      for (int pad = chunk.size(); pad < Sql.bucketSize(bucket); pad++) {
        ps.setNull(i++, Types.VARCHAR);
        ps.setNull(i++, Types.INTEGER);
      }
      ps.setLong(i, id);
      try (ResultSet rs = ps.executeQuery()) {
        rs.next();
        subtractRow(delta, rs.getLong(1), rs.getLong(2), rs.getLong(3));
      }
    }
  }

  /** Adds {live, bytes, dirty} to the dataset's counters; no statement when nothing changed. */
  @Override
  protected void changeUsage(long id, long[] delta) throws SQLException {
    PreparedStatement ps = conn.prepare(ADJUST_USAGE);
    ps.setLong(1, delta[0]);
    ps.setLong(2, delta[1]);
    ps.setLong(3, delta[2]);
    ps.setLong(4, id);
    ps.executeUpdate();
  }

  @Override
  protected long storedLength(String s) {
    return utf8Length(s);
  }

  /**
   * The length of {@code s} in the UTF-8 that sqlite-jdbc stores ({@code String.getBytes(UTF_8)}): an
   * unpaired surrogate becomes {@code '?'}, one byte.
   */
  static long utf8Length(String s) {
    return utf8Length(s, 1);
  }

  private static String writeSql(long expected) {
    return expected == RecordWrite.ANY_VERSION ? UPSERT_RECORD
        : expected == RecordWrite.ABSENT ? INSERT_IF_ABSENT : UPDATE_IF_VERSION;
  }

  private static void bindWrite(PreparedStatement ps, long datasetId, RecordWrite w) throws SQLException {
    LocalRecord r = w.record();
    long expected = w.expectedVersion();
    if (expected == RecordWrite.ANY_VERSION || expected == RecordWrite.ABSENT) {
      ps.setLong(1, datasetId);
      ps.setString(2, r.key());
      bindRecordFields(ps, 3, r);
    } else {
      bindRecordFields(ps, 1, r);
      ps.setLong(FIELDS + 1, datasetId);
      ps.setString(FIELDS + 2, r.key());
      ps.setLong(FIELDS + 3, expected);
    }
  }

  private static void bindWriteByName(PreparedStatement ps, String owner, String dataset, RecordWrite w)
      throws SQLException {
    LocalRecord r = w.record();
    long expected = w.expectedVersion();
    if (expected == RecordWrite.ANY_VERSION || expected == RecordWrite.ABSENT) {
      ps.setString(1, r.key());
      bindRecordFields(ps, 2, r);
      ps.setString(FIELDS + 2, owner);
      ps.setString(FIELDS + 3, dataset);
    } else {
      bindRecordFields(ps, 1, r);
      ps.setString(FIELDS + 1, owner);
      ps.setString(FIELDS + 2, dataset);
      ps.setString(FIELDS + 3, r.key());
      ps.setLong(FIELDS + 4, expected);
    }
  }

  /** The queued rows of one JDBC batch and their writes, in order. */
  private final class WriteBatch {
    final PreparedStatement ps;
    final List<RecordWrite> writes;

    WriteBatch(PreparedStatement ps, int capacity) {
      this.ps = ps;
      this.writes = new ArrayList<>(capacity);
    }

    /**
     * Executes the queued rows (one counted statement run), adds the unchanged ones to {@code skipped}
     * and the changed ones' new contribution to {@code delta}.
     */
    void run(Set<String> skipped, long[] delta) throws SQLException {
      conn.countRun();
      int[] counts = ps.executeBatch();
      if (counts.length != writes.size()) {
        throw new SQLException("batch returned " + counts.length + " counts for " + writes.size() + " rows");
      }
      for (int i = 0; i < counts.length; i++) {
        LocalRecord r = writes.get(i).record();
        if (counts[i] == 0) {
          skipped.add(r.key());
          continue;
        }
        addRow(delta, r);
      }
      writes.clear();
    }
  }

  /**
   * Binds the {@value #FIELDS} written columns from {@code at}: value, deleted, sync_count, base_value, the
   * three dates/by, dirty, then the deferred conflict's sync count, value, dates and writer (all
   * {@code NULL} when the record has none).
   */
  private static void bindRecordFields(PreparedStatement ps, int at, LocalRecord r) throws SQLException {
    ps.setString(at, r.value());
    ps.setInt(at + 1, r.isDeleted() ? 1 : 0);
    ps.setLong(at + 2, r.syncCount());
    ps.setString(at + 3, r.baseValue());
    setInstant(ps, at + 4, r.deviceLastModifiedDate());
    setInstant(ps, at + 5, r.lastModifiedDate());
    ps.setString(at + 6, r.lastModifiedBy());
    ps.setInt(at + 7, r.isDirty() ? 1 : 0);
    RemoteRecord c = r.pendingConflict();
    if (c == null) {
      for (int i = 8; i < FIELDS; i++) {
        ps.setNull(at + i, Types.NULL);
      }
    } else {
      ps.setLong(at + 8, c.syncCount());
      ps.setString(at + 9, c.value());
      setInstant(ps, at + 10, c.lastModifiedDate());
      ps.setString(at + 11, c.lastModifiedBy());
      setInstant(ps, at + 12, c.deviceLastModifiedDate());
    }
  }

  /** Chunks of up to {@value #MAX_CHUNK} keys; each statement returns what its rows contributed to the counters. */
  @Override
  protected void removeRecords(long id, List<String> keys, long[] delta) throws SQLException {
    for (int from = 0; from < keys.size(); from += MAX_CHUNK) {
      PreparedStatement ps = bindIn(DELETE_RECORDS_IN, id, chunk(keys, from));
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          subtractRow(delta, rs.getLong(1), rs.getLong(2), rs.getLong(3));
        }
      }
    }
  }

  // ---------------------------------------------------------------- helpers

  /** Prepares the smallest bucketed {@code IN} statement that fits {@code chunk}, padding with NULL. */
  private PreparedStatement bindIn(String[] sqlByBucket, long datasetId, List<String> chunk)
      throws SQLException {
    int bucket = Sql.bucket(chunk.size());
    PreparedStatement ps = conn.prepare(sqlByBucket[bucket]);
    ps.setLong(1, datasetId);
    int i = 2;
    for (String key : chunk) {
      ps.setString(i++, key);
    }
    for (int pad = chunk.size(); pad < Sql.bucketSize(bucket); pad++) {
      ps.setNull(i++, Types.VARCHAR);
    }
    return ps;
  }

  private LocalRecord readRecord(ResultSet rs) throws SQLException {
    return StoredRows.readRecord(row.on(rs));
  }

  private static void setInstant(PreparedStatement ps, int index, Instant instant) throws SQLException {
    Object encoded = Instants.encode(instant);
    if (encoded == null) {
      ps.setNull(index, Types.NULL);
    } else if (encoded instanceof Long) {
      ps.setLong(index, (Long) encoded);
    } else {
      ps.setString(index, (String) encoded);
    }
  }
}
