package dev.offsync.sqlite.schema.internal;

import dev.offsync.LocalStoreException;
import dev.offsync.spi.DatasetUsage;
import dev.offsync.spi.LocalDataset;
import dev.offsync.spi.LocalRecord;
import dev.offsync.spi.LocalTransaction;
import dev.offsync.spi.RecordWrite;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * What both stores' transactions share, whatever their driver: the reads and the dataset operations of
 * {@link LocalTransaction} around a few driver primitives ({@code query*}, {@code remove*}, {@code rename*}), validity (one thread, until {@link #end()}, writes
 * only in a write transaction), the first storage failure (so the store rolls back even if the work swallowed the
 * {@link LocalStoreException}), the per-transaction dataset-id cache, argument checks, key chunking, the usage
 * counters' arithmetic and the UTF-8 length SQLite stores.
 *
 * <p>The dataset-id cache is valid for the transaction only: nothing else can change the datasets table inside it
 * (a write transaction holds the write lock, a read transaction sees one snapshot); a subclass calls
 * {@link #forgetDatasetId()} before it deletes, moves or re-creates a dataset row. A miss is not kept:
 * {@code putDataset} may create the row next.
 *
 * @param <F> the storage failure of the driver ({@code SQLException} for JDBC, {@code android.database.SQLException})
 */
public abstract class StoreTransaction<F extends Exception> implements LocalTransaction {
  private final boolean writable;
  private final Class<F> failureType;
  private final Thread thread;
  private boolean active = true;
  private F failure;
  private String idOwner;
  private String idName;
  private long cachedId = -1;

  /**
   * A transaction valid on the calling thread.
   *
   * @param writable whether it may write
   * @param failureType the driver's storage failure: what an operation records as the transaction's failure
   */
  protected StoreTransaction(boolean writable, Class<F> failureType) {
    this.writable = writable;
    this.failureType = failureType;
    this.thread = Thread.currentThread();
  }

  /** Ends the transaction object's validity; later calls throw {@link IllegalStateException}. */
  public final void end() {
    active = false;
  }

  /**
   * The first storage failure seen by an operation of this transaction.
   *
   * @return the failure, or {@code null}
   */
  public final F failure() {
    return failure;
  }

  /**
   * Fails fast unless the transaction is still valid on this thread (and writable, for a write).
   *
   * @param write whether the operation writes
   */
  protected final void checkUsable(boolean write) {
    if (!active) {
      throw new IllegalStateException("the transaction has ended");
    }
    if (Thread.currentThread() != thread) {
      throw new IllegalStateException("the transaction belongs to thread " + thread.getName());
    }
    if (write && !writable) {
      throw new IllegalStateException("cannot write in a read transaction");
    }
  }

  /**
   * Records a storage failure (the first one is kept) and wraps it for the caller.
   *
   * @param what the operation, e.g. "reading dataset"
   * @param e the failure
   * @return the exception to throw
   */
  protected final LocalStoreException fail(String what, F e) {
    if (failure == null) {
      failure = e;
    }
    return new LocalStoreException(what + " failed: " + e.getMessage(), e);
  }

  /**
   * {@link #fail} for a storage failure of a primitive; anything else (a runtime exception) goes on unchanged.
   */
  private LocalStoreException failed(String what, Exception e) {
    if (failureType.isInstance(e)) {
      return fail(what, failureType.cast(e));
    }
    if (e instanceof RuntimeException) {
      throw (RuntimeException) e;
    }
    throw new IllegalStateException("a primitive threw " + e, e); // cannot happen: they throw only F
  }

  /**
   * {@code value}, or a {@link NullPointerException} naming it.
   *
   * @param value the argument
   * @param name its name
   * @param <T> its type
   * @return {@code value}
   */
  protected static <T> T notNull(T value, String name) {
    return Objects.requireNonNull(value, name + " == null");
  }

  // ---------------------------------------------------------------- dataset ids

  /**
   * Looks a dataset's id up in the database (no cache).
   *
   * @param owner the owner
   * @param name the dataset name
   * @return the id, or -1 if there is no such dataset
   * @throws F on a storage failure
   */
  protected abstract long lookUpDatasetId(String owner, String name) throws F;

  /**
   * The dataset's id, from the cache if this transaction looked it up last.
   *
   * @param owner the owner
   * @param name the dataset name
   * @return the id, or -1 if there is no such dataset
   * @throws F on a storage failure
   */
  protected final long datasetId(String owner, String name) throws F {
    if (knowsDatasetId(owner, name)) {
      return cachedId;
    }
    long found = lookUpDatasetId(owner, name);
    if (found >= 0) {
      idOwner = owner;
      idName = name;
      cachedId = found;
    }
    return found;
  }

  /**
   * Whether the cache holds this dataset's id.
   *
   * @param owner the owner
   * @param name the dataset name
   * @return true if {@link #cachedDatasetId()} is its id
   */
  protected final boolean knowsDatasetId(String owner, String name) {
    return cachedId >= 0 && name.equals(idName) && owner.equals(idOwner);
  }

  /**
   * The cached id (valid after {@link #knowsDatasetId} returned true).
   *
   * @return the id, or -1
   */
  protected final long cachedDatasetId() {
    return cachedId;
  }

  /** Empties the cache; called before a dataset row is deleted or moved. */
  protected final void forgetDatasetId() {
    idOwner = null;
    idName = null;
    cachedId = -1;
  }

  // ---------------------------------------------------------------- driver primitives

  /**
   * The dataset row, read by {@link Sql#DATASET}.
   *
   * @param owner the owner
   * @param name the dataset name
   * @return the dataset, or {@code null}
   * @throws F on a storage failure
   */
  protected abstract LocalDataset queryDataset(String owner, String name) throws F;

  /**
   * Adds the owner's datasets ({@link Sql#DATASETS}) to {@code out}.
   *
   * @param owner the owner
   * @param out where to add them
   * @throws F on a storage failure
   */
  protected abstract void queryDatasets(String owner, List<LocalDataset> out) throws F;

  /**
   * The record row, read by {@link Sql#RECORD}.
   *
   * @param datasetId the dataset's id
   * @param key the key
   * @return the record, or {@code null}
   * @throws F on a storage failure
   */
  protected abstract LocalRecord queryRecord(long datasetId, String key) throws F;

  /**
   * Puts the rows of up to {@link Sql#MAX_CHUNK} distinct keys ({@link Sql#RECORDS_IN}) in {@code out} by key.
   *
   * @param datasetId the dataset's id
   * @param keys the keys
   * @param out where to put them
   * @throws F on a storage failure
   */
  protected abstract void queryRecordsIn(long datasetId, List<String> keys, Map<String, LocalRecord> out) throws F;

  /**
   * Adds the rows a record list statement ({@link Sql#RECORDS}, ...) returns to {@code out}.
   *
   * @param sql the statement, its one parameter the dataset's id
   * @param datasetId the dataset's id
   * @param out where to add them
   * @throws F on a storage failure
   */
  protected abstract void queryRecords(String sql, long datasetId, List<LocalRecord> out) throws F;

  /**
   * The dataset's usage counters ({@link Sql#USAGE}).
   *
   * @param owner the owner
   * @param dataset the dataset name
   * @return the usage (all 0 without the dataset)
   * @throws F on a storage failure
   */
  protected abstract DatasetUsage queryUsage(String owner, String dataset) throws F;

  /**
   * Deletes a dataset's records and its row ({@link Sql#DELETE_DATASET_RECORDS}, {@link Sql#DELETE_DATASET}); the
   * usage counters are on the row and go with it.
   *
   * @param datasetId the dataset's id
   * @throws F on a storage failure
   */
  protected abstract void removeDataset(long datasetId) throws F;

  /**
   * Re-parents a dataset ({@link Sql#MOVE_DATASET}): records reference it by id, so every record field and the
   * usage counters move with it.
   *
   * @param datasetId the dataset's id
   * @param newOwner its new owner
   * @param newName its new name
   * @throws F on a storage failure
   */
  protected abstract void renameDataset(long datasetId, String newOwner, String newName) throws F;

  /**
   * Deletes every record and dataset ({@link Sql#DELETE_ALL_RECORDS}, {@link Sql#DELETE_ALL_DATASETS}).
   *
   * @throws F on a storage failure
   */
  protected abstract void removeAll() throws F;

  /**
   * Deletes the rows of {@code keys} and subtracts from {@code delta} what they contributed to the counters.
   *
   * @param datasetId the dataset's id
   * @param keys distinct keys
   * @param delta the net change of the counters
   * @throws F on a storage failure
   */
  protected abstract void removeRecords(long datasetId, List<String> keys, long[] delta) throws F;

  /**
   * Adds {live, bytes, dirty} to the dataset's counters ({@link Sql#ADJUST_USAGE}).
   *
   * @param datasetId the dataset's id
   * @param delta the net change, not all 0
   * @throws F on a storage failure
   */
  protected abstract void changeUsage(long datasetId, long[] delta) throws F;

  /**
   * Reads a property's value ({@link Sql#PROPERTY}).
   *
   * @param name the name
   * @return the value, or {@code null}
   * @throws F on a storage failure
   */
  protected abstract String queryProperty(String name) throws F;

  /**
   * Runs {@link Sql#PUT_PROPERTY} or, with a {@code null} value, {@link Sql#DELETE_PROPERTY}.
   *
   * @param name the name
   * @param value the value, or {@code null} to remove it
   * @throws F on a storage failure
   */
  protected abstract void changeProperty(String name, String value) throws F;

  /**
   * Adds every owner with a dataset row to {@code out} ({@link Sql#OWNERS}).
   *
   * @param out where the owners go, in order
   * @throws F on a storage failure
   */
  protected abstract void queryOwners(List<String> out) throws F;

  // ---------------------------------------------------------------- properties, owners

  @Override
  public final String property(String name) {
    checkPropertyName(name);
    checkUsable(false);
    try {
      return queryProperty(name);
    } catch (Exception e) {
      throw failed("reading property", e);
    }
  }

  @Override
  public final void putProperty(String name, String value) {
    checkPropertyName(name);
    notNull(value, "value");
    if (value.length() > 4096) {
      throw new IllegalArgumentException("property value longer than 4096 characters");
    }
    checkUsable(true);
    try {
      changeProperty(name, value);
    } catch (Exception e) {
      throw failed("writing property", e);
    }
  }

  @Override
  public final void removeProperty(String name) {
    checkPropertyName(name);
    checkUsable(true);
    try {
      changeProperty(name, null);
    } catch (Exception e) {
      throw failed("removing property", e);
    }
  }

  @Override
  public final List<String> owners() {
    checkUsable(false);
    List<String> out = new ArrayList<>();
    try {
      queryOwners(out);
    } catch (Exception e) {
      throw failed("listing owners", e);
    }
    return out;
  }

  private static void checkPropertyName(String name) {
    notNull(name, "name");
    if (name.isEmpty() || name.length() > 256) {
      throw new IllegalArgumentException("property name must have 1 to 256 characters");
    }
  }

  // ---------------------------------------------------------------- datasets

  @Override
  public final LocalDataset dataset(String owner, String name) {
    notNull(owner, "owner");
    notNull(name, "name");
    checkUsable(false);
    try {
      return queryDataset(owner, name);
    } catch (Exception e) {
      throw failed("reading dataset", e);
    }
  }

  @Override
  public final List<LocalDataset> datasets(String owner) {
    notNull(owner, "owner");
    checkUsable(false);
    List<LocalDataset> out = new ArrayList<>();
    try {
      queryDatasets(owner, out);
    } catch (Exception e) {
      throw failed("listing datasets", e);
    }
    return sortedBy(out, Comparator.comparing(LocalDataset::name));
  }

  @Override
  public final void deleteDataset(String owner, String name) {
    notNull(owner, "owner");
    notNull(name, "name");
    checkUsable(true);
    try {
      long id = datasetId(owner, name);
      if (id < 0) {
        return;
      }
      forgetDatasetId();
      removeDataset(id);
    } catch (Exception e) {
      throw failed("deleting dataset", e);
    }
  }

  @Override
  public final void moveDataset(String owner, String name, String newOwner, String newName) {
    notNull(owner, "owner");
    notNull(name, "name");
    notNull(newOwner, "newOwner");
    notNull(newName, "newName");
    checkUsable(true);
    try {
      long id = datasetId(owner, name);
      if (id < 0) {
        throw new IllegalStateException("no dataset " + name + " of owner " + owner);
      }
      if (datasetId(newOwner, newName) >= 0) {
        throw new IllegalStateException("dataset " + newName + " of owner " + newOwner + " already exists");
      }
      forgetDatasetId();
      renameDataset(id, newOwner, newName);
    } catch (Exception e) {
      throw failed("moving dataset", e);
    }
  }

  @Override
  public final void deleteAll() {
    checkUsable(true);
    forgetDatasetId();
    try { // no dataset row is left, so no usage counter either
      removeAll();
    } catch (Exception e) {
      throw failed("deleting everything", e);
    }
  }

  // ---------------------------------------------------------------- record reads

  @Override
  public final LocalRecord record(String owner, String dataset, String key) {
    notNull(owner, "owner");
    notNull(dataset, "dataset");
    notNull(key, "key");
    checkUsable(false);
    try {
      long id = datasetId(owner, dataset);
      return id < 0 ? null : queryRecord(id, key);
    } catch (Exception e) {
      throw failed("reading record", e);
    }
  }

  @Override
  public final Map<String, LocalRecord> records(String owner, String dataset, Collection<String> keys) {
    notNull(owner, "owner");
    notNull(dataset, "dataset");
    List<String> distinct = distinctKeys(keys);
    checkUsable(false);
    Map<String, LocalRecord> out = new HashMap<>();
    if (distinct.isEmpty()) {
      return out;
    }
    try {
      long id = datasetId(owner, dataset);
      if (id < 0) {
        return out;
      }
      for (int from = 0; from < distinct.size(); from += Sql.MAX_CHUNK) {
        queryRecordsIn(id, chunk(distinct, from), out);
      }
      return out;
    } catch (Exception e) {
      throw failed("reading records", e);
    }
  }

  @Override
  public final List<LocalRecord> records(String owner, String dataset) {
    return list(owner, dataset, Sql.RECORDS, "reading records");
  }

  @Override
  public final List<LocalRecord> dirtyRecords(String owner, String dataset) {
    return list(owner, dataset, Sql.DIRTY_RECORDS, "reading dirty records");
  }

  @Override
  public final List<LocalRecord> conflictedRecords(String owner, String dataset) {
    return list(owner, dataset, Sql.CONFLICTED_RECORDS, "reading records with a deferred conflict");
  }

  private List<LocalRecord> list(String owner, String dataset, String sql, String what) {
    notNull(owner, "owner");
    notNull(dataset, "dataset");
    checkUsable(false);
    List<LocalRecord> out = new ArrayList<>();
    try {
      long id = datasetId(owner, dataset);
      if (id < 0) {
        return out;
      }
      queryRecords(sql, id, out);
    } catch (Exception e) {
      throw failed(what, e);
    }
    return sortedBy(out, Comparator.comparing(LocalRecord::key));
  }

  // ---------------------------------------------------------------- record writes

  @Override
  public final void deleteRecords(String owner, String dataset, Collection<String> keys) {
    notNull(owner, "owner");
    notNull(dataset, "dataset");
    List<String> distinct = distinctKeys(keys);
    checkUsable(true);
    if (distinct.isEmpty()) {
      return;
    }
    try {
      long id = datasetId(owner, dataset);
      if (id < 0) {
        return;
      }
      long[] delta = new long[3];
      removeRecords(id, distinct, delta);
      adjustUsage(id, delta);
    } catch (Exception e) {
      throw failed("deleting records", e);
    }
  }

  /**
   * Checks the writes of one {@code writeRecords} call: none null, no key twice.
   *
   * @param writes the writes
   */
  protected static void checkWrites(List<RecordWrite> writes) {
    int n = writes.size();
    if (n == 1) {
      notNull(writes.get(0), "write");
    } else if (n > 1) {
      Set<String> seen = new HashSet<>(n * 2);
      for (RecordWrite w : writes) {
        notNull(w, "write");
        String key = w.record().key();
        if (!seen.add(key)) {
          throw new IllegalArgumentException("two writes of key " + key);
        }
      }
    }
  }

  /**
   * Moves the dataset's counters by {@code delta}; no statement when nothing changed.
   *
   * @param datasetId the dataset's id
   * @param delta the net change {live, bytes, dirty}
   * @throws F on a storage failure
   */
  protected final void adjustUsage(long datasetId, long[] delta) throws F {
    if (isZero(delta)) {
      return;
    }
    changeUsage(datasetId, delta);
  }

  @Override
  public final DatasetUsage usage(String owner, String dataset) {
    notNull(owner, "owner");
    notNull(dataset, "dataset");
    checkUsable(false);
    try {
      return queryUsage(owner, dataset);
    } catch (Exception e) {
      throw failed("computing usage", e);
    }
  }

  // ---------------------------------------------------------------- keys and lists

  /**
   * The distinct keys in their first order, each checked non-null.
   *
   * @param keys the keys
   * @return a new list
   */
  protected static List<String> distinctKeys(Collection<String> keys) {
    notNull(keys, "keys");
    LinkedHashSet<String> distinct = new LinkedHashSet<>();
    for (String k : keys) {
      distinct.add(notNull(k, "key"));
    }
    return new ArrayList<>(distinct);
  }

  /**
   * The chunk of up to {@link Sql#MAX_CHUNK} elements starting at {@code from}.
   *
   * @param list the list
   * @param from the chunk's first index
   * @param <T> the element type
   * @return a view of the chunk
   */
  protected static <T> List<T> chunk(List<T> list, int from) {
    return list.subList(from, Math.min(list.size(), from + Sql.MAX_CHUNK));
  }

  /**
   * {@code list} in {@code order}: SQLite orders TEXT by UTF-8 bytes, Java by UTF-16 units, so re-sort only when
   * they disagree.
   *
   * @param list the list, sorted in place if needed
   * @param order the order
   * @param <T> the element type
   * @return {@code list}
   */
  protected static <T> List<T> sortedBy(List<T> list, Comparator<T> order) {
    for (int i = 1; i < list.size(); i++) {
      if (order.compare(list.get(i - 1), list.get(i)) > 0) {
        list.sort(order);
        break;
      }
    }
    return list;
  }

  // ---------------------------------------------------------------- usage counters

  /**
   * Adds to {@code delta} ({live, bytes, dirty}) what a written record's row contributes.
   *
   * @param delta the net change of the counters
   * @param r the record written
   * @throws F on a storage failure (measuring a string may need the engine)
   */
  protected final void addRow(long[] delta, LocalRecord r) throws F {
    delta[0] += r.isDeleted() ? 0 : 1;
    delta[1] += liveBytes(r);
    delta[2] += r.isDirty() ? 1 : 0;
  }

  /**
   * Subtracts from {@code delta} what a replaced or removed row contributed.
   *
   * @param delta the net change of the counters
   * @param live 1 if the row was live
   * @param bytes its live bytes
   * @param dirty 1 if it was dirty
   */
  protected static void subtractRow(long[] delta, long live, long bytes, long dirty) {
    delta[0] -= live;
    delta[1] -= bytes;
    delta[2] -= dirty;
  }

  /**
   * Whether a net change moves no counter (then no statement runs).
   *
   * @param delta the net change
   * @return true if all three are 0
   */
  protected static boolean isZero(long[] delta) {
    return delta[0] == 0 && delta[1] == 0 && delta[2] == 0;
  }

  /**
   * UTF-8 bytes of key + value of a live record (0 for a tombstone), as SQLite stores them.
   *
   * @param r the record
   * @return the bytes
   * @throws F on a storage failure
   */
  protected final long liveBytes(LocalRecord r) throws F {
    return r.isDeleted() ? 0 : storedLength(r.key()) + storedLength(r.value());
  }

  /**
   * The UTF-8 length the driver stores for {@code s} (they differ only for an unpaired surrogate).
   *
   * @param s the string
   * @return its length in bytes
   * @throws F on a storage failure
   */
  protected abstract long storedLength(String s) throws F;

  /**
   * The UTF-8 length of {@code s}, counting an unpaired surrogate as {@code unpairedSurrogateBytes}; or -1 if that
   * is negative and {@code s} has one (the caller measures it another way).
   *
   * @param s the string
   * @param unpairedSurrogateBytes what an unpaired surrogate counts, or -1
   * @return the length, or -1
   */
  public static long utf8Length(String s, int unpairedSurrogateBytes) {
    long n = 0;
    int len = s.length();
    for (int i = 0; i < len; i++) {
      char c = s.charAt(i);
      if (c < 0x80) {
        n += 1;
      } else if (c < 0x800) {
        n += 2;
      } else if (Character.isHighSurrogate(c) && i + 1 < len && Character.isLowSurrogate(s.charAt(i + 1))) {
        n += 4;
        i++;
      } else if (Character.isSurrogate(c)) {
        if (unpairedSurrogateBytes < 0) {
          return -1;
        }
        n += unpairedSurrogateBytes;
      } else {
        n += 3;
      }
    }
    return n;
  }
}
