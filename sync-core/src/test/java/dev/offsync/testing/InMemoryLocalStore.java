package dev.offsync.testing;

import dev.offsync.internal.Records;
import dev.offsync.spi.DatasetUsage;
import dev.offsync.spi.LocalDataset;
import dev.offsync.spi.LocalRecord;
import dev.offsync.spi.LocalStore;
import dev.offsync.spi.LocalTransaction;
import dev.offsync.spi.RecordWrite;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantLock;

/**
 * A {@link LocalStore} kept in memory, for tests and for apps that need no durability.
 *
 * <p>It follows the whole {@link LocalStore} contract (and passes {@link LocalStoreContract}): writes are
 * serialized by a fair lock, each write works on a private copy-on-write copy of the committed state and
 * publishes it atomically when the work returns (and discards it when the work throws), reads work on the
 * committed snapshot current when they start and never wait for a writer, calls are not reentrant, and
 * every call after {@link #close()} throws {@link IllegalStateException}. Row versions follow
 * {@link LocalTransaction#writeRecords}: previous + 1, 1 for a new row. Rows are kept whole, deferred
 * conflicts ({@link LocalRecord#pendingConflict()}) included, but only as long as the instance lives: a
 * new {@code SyncClient} over the same instance sees them, a new instance starts empty.
 *
 * <p>Also offers a few counters for tests ({@link #writeCount()}, {@link #readCount()}) and a
 * {@link #snapshot()} of everything it holds.
 */
public final class InMemoryLocalStore implements LocalStore {

  private final ReentrantLock writeLock = new ReentrantLock(true);
  private final ThreadLocal<Boolean> inTransaction = new ThreadLocal<>();
  private final AtomicLong writes = new AtomicLong();
  private final AtomicLong reads = new AtomicLong();
  private volatile State committed = new State(new TreeMap<>(), new TreeMap<>());
  private volatile boolean closed;

  /** Creates an empty store. */
  public InMemoryLocalStore() {}

  @Override
  public <T> T read(Work<T> work) {
    Objects.requireNonNull(work, "work");
    enter();
    try {
      reads.incrementAndGet();
      Tx tx = new Tx(committed, true);
      try {
        return work.run(tx);
      } finally {
        tx.end();
      }
    } finally {
      inTransaction.remove();
    }
  }

  @Override
  public <T> T write(Work<T> work) {
    Objects.requireNonNull(work, "work");
    enter();
    try {
      writeLock.lock();
      try {
        checkOpen();
        Tx tx = new Tx(committed, false);
        T result;
        try {
          result = work.run(tx);
        } finally {
          tx.end();
        }
        // reached only when the work returned normally: commit; on a throw the copy is dropped
        committed = tx.state.freeze();
        writes.incrementAndGet();
        return result;
      } finally {
        writeLock.unlock();
      }
    } finally {
      inTransaction.remove();
    }
  }

  @Override
  public void close() {
    closed = true;
  }

  /** @return whether {@link #close()} was called */
  public boolean isClosed() {
    return closed;
  }

  /** @return how many write transactions committed so far */
  public long writeCount() {
    return writes.get();
  }

  /** @return how many read transactions started so far */
  public long readCount() {
    return reads.get();
  }

  /**
   * Everything the store holds right now (committed state), for assertions and debugging: dataset rows by
   * {@code owner + "/" + name}, in order.
   *
   * @return an immutable copy of the dataset rows
   */
  public Map<String, LocalDataset> snapshot() {
    checkOpen();
    Map<String, LocalDataset> out = new LinkedHashMap<>();
    for (Map.Entry<DsKey, DsState> e : committed.datasets.entrySet()) {
      out.put(e.getKey().owner + "/" + e.getKey().name, e.getValue().row);
    }
    return Collections.unmodifiableMap(out);
  }

  private void enter() {
    if (Boolean.TRUE.equals(inTransaction.get())) {
      throw new IllegalStateException("LocalStore is not reentrant: read/write called from inside a work");
    }
    checkOpen();
    inTransaction.set(Boolean.TRUE);
  }

  private void checkOpen() {
    if (closed) {
      throw new IllegalStateException("store is closed");
    }
  }

  /** (owner, name) of a dataset, ordered by owner then name. */
  private static final class DsKey implements Comparable<DsKey> {
    final String owner;
    final String name;

    DsKey(String owner, String name) {
      this.owner = Objects.requireNonNull(owner, "owner");
      this.name = Objects.requireNonNull(name, "name");
    }

    @Override
    public int compareTo(DsKey o) {
      int c = owner.compareTo(o.owner);
      return c != 0 ? c : name.compareTo(o.name);
    }

    @Override
    public boolean equals(Object o) {
      return o instanceof DsKey && ((DsKey) o).owner.equals(owner) && ((DsKey) o).name.equals(name);
    }

    @Override
    public int hashCode() {
      return owner.hashCode() * 31 + name.hashCode();
    }
  }

  /** A dataset row and its records. Shared between snapshots until a transaction copies it. */
  private static final class DsState {
    final LocalDataset row;
    final TreeMap<String, LocalRecord> records;

    DsState(LocalDataset row, TreeMap<String, LocalRecord> records) {
      this.row = row;
      this.records = records;
    }
  }

  /** The store's content; a committed State is never mutated. */
  private static final class State {
    final TreeMap<DsKey, DsState> datasets;
    final TreeMap<String, String> properties;
    /** Datasets whose record map this (working) state owns and may mutate. */
    final Set<DsKey> owned = new HashSet<>();

    State(TreeMap<DsKey, DsState> datasets, TreeMap<String, String> properties) {
      this.datasets = datasets;
      this.properties = properties;
    }

    State mutableCopy() {
      return new State(new TreeMap<>(datasets), new TreeMap<>(properties));
    }

    State freeze() {
      return new State(datasets, properties);
    }

    /** The record map of {@code key}, copied once per transaction before the first change. */
    TreeMap<String, LocalRecord> mutableRecords(DsKey key) {
      DsState ds = datasets.get(key);
      if (owned.add(key)) {
        ds = new DsState(ds.row, new TreeMap<>(ds.records));
        datasets.put(key, ds);
      }
      return ds.records;
    }
  }

  /** One transaction. Read transactions use the committed state; write ones a private copy. */
  private final class Tx implements LocalTransaction {
    final State state;
    final boolean readOnly;
    final Thread thread = Thread.currentThread();
    boolean ended;

    Tx(State base, boolean readOnly) {
      this.state = readOnly ? base : base.mutableCopy();
      this.readOnly = readOnly;
    }

    void end() {
      ended = true;
    }

    private void check() {
      if (ended) {
        throw new IllegalStateException("transaction is over: it is valid only inside its read/write call");
      }
      if (Thread.currentThread() != thread) {
        throw new IllegalStateException("transaction used from another thread");
      }
      checkOpen();
    }

    private void checkWrite() {
      check();
      if (readOnly) {
        throw new IllegalStateException("read-only transaction");
      }
    }

    @Override
    public LocalDataset dataset(String owner, String name) {
      check();
      DsState ds = state.datasets.get(new DsKey(owner, name));
      return ds == null ? null : ds.row;
    }

    @Override
    public List<LocalDataset> datasets(String owner) {
      check();
      Objects.requireNonNull(owner, "owner");
      List<LocalDataset> out = new ArrayList<>();
      for (DsState ds : state.datasets.subMap(new DsKey(owner, ""), true, new DsKey(owner + "\0", ""), false)
          .values()) {
        out.add(ds.row);
      }
      return out;
    }

    @Override
    public void putDataset(LocalDataset dataset) {
      checkWrite();
      Objects.requireNonNull(dataset, "dataset");
      DsKey key = new DsKey(dataset.owner(), dataset.name());
      DsState old = state.datasets.get(key);
      if (old == null) {
        state.datasets.put(key, new DsState(dataset, new TreeMap<>()));
        state.owned.add(key);
      } else {
        state.datasets.put(key, new DsState(dataset, old.records));
      }
    }

    @Override
    public void deleteDataset(String owner, String name) {
      checkWrite();
      DsKey key = new DsKey(owner, name);
      state.datasets.remove(key);
      state.owned.remove(key);
    }

    @Override
    public void moveDataset(String owner, String name, String newOwner, String newName) {
      checkWrite();
      DsKey from = new DsKey(owner, name);
      DsKey to = new DsKey(newOwner, newName);
      DsState ds = state.datasets.get(from);
      if (ds == null) {
        throw new IllegalStateException("no dataset " + owner + "/" + name + " to move");
      }
      if (state.datasets.containsKey(to)) {
        throw new IllegalStateException("dataset " + newOwner + "/" + newName + " already exists");
      }
      boolean wasOwned = state.owned.remove(from);
      state.datasets.remove(from);
      state.datasets.put(to, new DsState(ds.row.newBuilder().owner(newOwner).name(newName).build(), ds.records));
      if (wasOwned) {
        state.owned.add(to);
      }
    }

    @Override
    public void deleteAll() {
      checkWrite();
      state.datasets.clear();
      state.owned.clear();
    }

    @Override
    public LocalRecord record(String owner, String dataset, String key) {
      check();
      Objects.requireNonNull(key, "key");
      DsState ds = state.datasets.get(new DsKey(owner, dataset));
      return ds == null ? null : ds.records.get(key);
    }

    @Override
    public Map<String, LocalRecord> records(String owner, String dataset, Collection<String> keys) {
      check();
      Objects.requireNonNull(keys, "keys");
      DsState ds = state.datasets.get(new DsKey(owner, dataset));
      Map<String, LocalRecord> out = new HashMap<>();
      if (ds != null) {
        for (String k : keys) {
          LocalRecord r = ds.records.get(Objects.requireNonNull(k, "key"));
          if (r != null) {
            out.put(k, r);
          }
        }
      }
      return out;
    }

    @Override
    public List<LocalRecord> records(String owner, String dataset) {
      check();
      DsState ds = state.datasets.get(new DsKey(owner, dataset));
      return ds == null ? new ArrayList<>() : new ArrayList<>(ds.records.values());
    }

    @Override
    public List<LocalRecord> dirtyRecords(String owner, String dataset) {
      check();
      List<LocalRecord> out = new ArrayList<>();
      DsState ds = state.datasets.get(new DsKey(owner, dataset));
      if (ds != null) {
        for (LocalRecord r : ds.records.values()) {
          if (r.isDirty()) {
            out.add(r);
          }
        }
      }
      return out;
    }

    @Override
    public List<LocalRecord> conflictedRecords(String owner, String dataset) {
      check();
      List<LocalRecord> out = new ArrayList<>();
      DsState ds = state.datasets.get(new DsKey(owner, dataset));
      if (ds != null) {
        for (LocalRecord r : ds.records.values()) {
          if (r.pendingConflict() != null) {
            out.add(r);
          }
        }
      }
      return out;
    }

    @Override
    public DatasetUsage usage(String owner, String dataset) {
      check();
      long live = 0;
      long bytes = 0;
      long dirty = 0;
      DsState ds = state.datasets.get(new DsKey(owner, dataset));
      if (ds != null) {
        for (LocalRecord r : ds.records.values()) {
          if (r.value() != null) {
            live++;
            bytes += Records.utf8Length(r.key()) + Records.utf8Length(r.value());
          }
          if (r.isDirty()) {
            dirty++;
          }
        }
      }
      return new DatasetUsage(live, bytes, dirty);
    }

    @Override
    public Set<String> writeRecords(String owner, String dataset, List<RecordWrite> writes) {
      checkWrite();
      Objects.requireNonNull(writes, "writes");
      DsKey dsKey = new DsKey(owner, dataset);
      Set<String> seen = new HashSet<>();
      for (RecordWrite w : writes) {
        if (!seen.add(Objects.requireNonNull(w, "write").record().key())) {
          throw new IllegalArgumentException("two writes for key " + w.record().key());
        }
      }
      if (!state.datasets.containsKey(dsKey)) {
        throw new IllegalStateException("no dataset " + owner + "/" + dataset + ": cannot write its records");
      }
      Set<String> skipped = new LinkedHashSet<>();
      if (writes.isEmpty()) {
        return skipped;
      }
      TreeMap<String, LocalRecord> records = state.mutableRecords(dsKey);
      for (RecordWrite w : writes) {
        LocalRecord current = records.get(w.record().key());
        long currentVersion = current == null ? RecordWrite.ABSENT : current.version();
        boolean ok = w.expectedVersion() == RecordWrite.ANY_VERSION || w.expectedVersion() == currentVersion;
        if (ok) {
          records.put(w.record().key(), w.record().newBuilder().version(currentVersion + 1).build());
        } else {
          skipped.add(w.record().key());
        }
      }
      return skipped;
    }

    @Override
    public void deleteRecords(String owner, String dataset, Collection<String> keys) {
      checkWrite();
      Objects.requireNonNull(keys, "keys");
      DsKey dsKey = new DsKey(owner, dataset);
      if (!state.datasets.containsKey(dsKey) || keys.isEmpty()) {
        return;
      }
      TreeMap<String, LocalRecord> records = state.mutableRecords(dsKey);
      for (String k : keys) {
        records.remove(Objects.requireNonNull(k, "key"));
      }
    }

    @Override
    public String property(String name) {
      check();
      return state.properties.get(checkPropertyName(name));
    }

    @Override
    public void putProperty(String name, String value) {
      checkWrite();
      Objects.requireNonNull(value, "value");
      if (value.length() > 4096) {
        throw new IllegalArgumentException("property value longer than 4096 characters");
      }
      state.properties.put(checkPropertyName(name), value);
    }

    @Override
    public void removeProperty(String name) {
      checkWrite();
      state.properties.remove(checkPropertyName(name));
    }

    @Override
    public List<String> owners() {
      check();
      TreeSet<String> owners = new TreeSet<>();
      for (DsKey k : state.datasets.keySet()) {
        owners.add(k.owner);
      }
      return new ArrayList<>(owners);
    }

    private String checkPropertyName(String name) {
      Objects.requireNonNull(name, "name");
      if (name.isEmpty() || name.length() > 256) {
        throw new IllegalArgumentException("property name must have 1 to 256 characters");
      }
      return name;
    }
  }
}
