package dev.offsync.internal;

import dev.offsync.ClientClosedException;
import dev.offsync.ConcurrentUpdateException;
import dev.offsync.ConflictResolver;
import dev.offsync.DatasetChange;
import dev.offsync.DatasetMetadata;
import dev.offsync.IdentityChangedException;
import dev.offsync.LimitExceededException;
import dev.offsync.NetworkException;
import dev.offsync.Record;
import dev.offsync.RecordEvent;
import dev.offsync.Resolution;
import dev.offsync.ResolvedConflict;
import dev.offsync.SyncConflict;
import dev.offsync.SyncException;
import dev.offsync.SyncProgress;
import dev.offsync.SyncReport;
import dev.offsync.SyncStatus;
import dev.offsync.spi.DatasetUsage;
import dev.offsync.spi.LocalDataset;
import dev.offsync.spi.LocalRecord;
import dev.offsync.spi.LocalTransaction;
import dev.offsync.spi.RecordWrite;
import dev.offsync.spi.RemoteRecord;
import io.reactivex.rxjava3.core.BackpressureStrategy;
import io.reactivex.rxjava3.core.Flowable;
import io.reactivex.rxjava3.core.Observable;
import io.reactivex.rxjava3.core.Single;
import io.reactivex.rxjava3.disposables.Disposable;
import io.reactivex.rxjava3.observers.DisposableSingleObserver;
import io.reactivex.rxjava3.subjects.BehaviorSubject;
import io.reactivex.rxjava3.subjects.PublishSubject;
import io.reactivex.rxjava3.subjects.SingleSubject;
import io.reactivex.rxjava3.subjects.Subject;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

/**
 * Everything shared by all handles of one dataset: local reads and writes, the single-flight sync
 * (one running, one pending), deferred conflicts (read from and settled in the local store, where each one
 * lives in its record's row), status, progress and change streams, and background syncs with backoff.
 * Not API.
 */
public final class DatasetCore {
  /** How often one requested sync runs again because an identity merge overtook it. */
  private static final int MAX_IDENTITY_RERUNS = 2;

  final ClientCore client;
  final String name;

  private final Object lock = new Object();
  private Run running;
  private Run pending;

  /**
   * Resolutions committed by syncs that failed afterwards: the next successful sync reports them, so every
   * decided conflict appears in some {@link dev.offsync.SyncReport}. Guarded by itself.
   */
  private final List<ResolvedConflict> unreported = new ArrayList<>();

  private final BehaviorSubject<SyncStatus> status;
  private final Subject<SyncProgress> progress = PublishSubject.<SyncProgress>create().toSerialized();
  private final Subject<DatasetChange> changes = PublishSubject.<DatasetChange>create().toSerialized();
  private final Subject<Object> writes = PublishSubject.create().toSerialized();
  private final Backoff backoff;

  private volatile SyncStatus.State activity = SyncStatus.State.IDLE;
  private volatile long pendingCount;
  private volatile Instant lastSyncedAt;
  private volatile SyncException lastError;
  private volatile SyncProgress lastProgress;
  private volatile SyncStatus current;
  private int backgroundFailures;
  private Disposable retryTimer;

  private static final class Run {
    final SingleSubject<SyncReport> result = SingleSubject.create();
    boolean full;
    Disposable disposable;

    Run(boolean full) {
      this.full = full;
    }
  }

  DatasetCore(ClientCore client, String name) {
    this.client = client;
    this.name = name;
    this.backoff = new Backoff(client.options.retryInitialDelay(), client.options.retryMaxDelay(), client.random);
    this.current = SyncStatus.builder(SyncStatus.State.IDLE).build();
    this.status = BehaviorSubject.createDefault(current);
    if (client.options.autoSyncDebounce() != null) {
      long ms = client.options.autoSyncDebounce().toMillis();
      client.track(writes.debounce(ms, TimeUnit.MILLISECONDS, client.timer)
          .subscribe(x -> requestBackgroundSync(), e -> { }));
    }
    refreshFromStore();
  }

  /** The dataset's name. */
  public String name() {
    return name;
  }

  private void refreshFromStore() {
    try {
      String owner = client.owner();
      client.store.read(tx -> {
        LocalDataset ds = tx.dataset(owner, name);
        lastSyncedAt = ds == null ? null : ds.lastSyncedAt();
        pendingCount = ds == null ? 0 : tx.usage(owner, name).dirtyRecordCount();
        return null;
      });
    } catch (RuntimeException e) {
      lastError = SyncErrors.wrap(e);
    }
    recomputeStatus();
  }

  // ---------------------------------------------------------------- reads

  /** Reads one record, tombstones included, or {@code null}. */
  public Record record(String key) {
    client.checkOpen();
    String owner = client.owner();
    LocalRecord r = client.store.read(tx -> tx.record(owner, name, key));
    return r == null ? null : Records.toRecord(r);
  }

  /** Every record, tombstones included, ordered by key. */
  public List<Record> records() {
    client.checkOpen();
    String owner = client.owner();
    List<LocalRecord> all = client.store.read(tx -> tx.records(owner, name));
    List<Record> out = new ArrayList<>(all.size());
    for (LocalRecord r : all) {
      out.add(Records.toRecord(r));
    }
    return Collections.unmodifiableList(out);
  }

  /** Live values by key, ordered by key. */
  public Map<String, String> getAll() {
    Map<String, String> out = new LinkedHashMap<>();
    for (Record r : records()) {
      if (!r.isDeleted()) {
        out.put(r.key(), r.value());
      }
    }
    return Collections.unmodifiableMap(out);
  }

  /** Keys with unacknowledged local changes, ordered by key. */
  public Set<String> pendingKeys() {
    client.checkOpen();
    String owner = client.owner();
    List<LocalRecord> dirty = client.store.read(tx -> tx.dirtyRecords(owner, name));
    Set<String> keys = new LinkedHashSet<>();
    for (LocalRecord r : dirty) {
      keys.add(r.key());
    }
    return Collections.unmodifiableSet(keys);
  }

  /** UTF-8 bytes of keys and values of live records. */
  public long sizeInBytes() {
    client.checkOpen();
    String owner = client.owner();
    return client.store.read(tx -> tx.usage(owner, name)).liveBytes();
  }

  /** The local dataset row as metadata (zeros if the dataset does not exist locally). */
  public DatasetMetadata metadata() {
    client.checkOpen();
    String owner = client.owner();
    return client.store.read(tx -> {
      LocalDataset ds = tx.dataset(owner, name);
      if (ds == null) {
        return DatasetMetadata.builder(name).build();
      }
      return metadataOf(ds, tx.usage(owner, name));
    });
  }

  static DatasetMetadata metadataOf(LocalDataset ds, DatasetUsage usage) {
    return DatasetMetadata.builder(ds.name())
        .creationDate(ds.creationDate())
        .lastModifiedDate(ds.lastModifiedDate())
        .lastModifiedBy(ds.lastModifiedBy())
        .storageSizeBytes(usage.liveBytes())
        .recordCount(usage.liveRecordCount())
        .build();
  }

  /** The watermark; -1 if deleted locally pending the remote delete; 0 if never synced. */
  public long lastSyncCount() {
    client.checkOpen();
    String owner = client.owner();
    return client.store.read(tx -> {
      LocalDataset ds = tx.dataset(owner, name);
      return ds == null ? 0L : ds.isDeletedLocally() ? -1L : ds.watermark();
    });
  }

  // ---------------------------------------------------------------- writes

  /**
   * Writes values ({@code null} = remove) atomically after validating them and the dataset limits. Keys
   * and values were validated by the caller.
   */
  public void write(Map<String, String> values) {
    client.checkOpen();
    if (values.isEmpty()) {
      return;
    }
    Instant now = client.clock.instant();
    afterWrite(ownedWrite((tx, owner) -> writeIn(tx, owner, values, now)));
  }

  /** How many times {@link #update} applies its function before giving up on records that keep changing. */
  static final int MAX_UPDATE_ATTEMPTS = 64;

  /**
   * Read-modify-write of {@code keys} (validated by the caller): reads their live values (absent keys and
   * tombstones left out), applies {@code function} outside any transaction, validates its answer, and writes it in
   * one transaction that commits only if none of the keys' rows changed since the read (compare-and-set on each
   * row's version, presence included); otherwise reads again and applies the function again, at most
   * {@link #MAX_UPDATE_ATTEMPTS} times.
   *
   * @return the keys' live values after the write (absent = no value)
   */
  public Map<String, String> update(Set<String> keys,
      Function<Map<String, String>, Map<String, String>> function) {
    client.checkOpen();
    for (int attempt = 1; attempt <= MAX_UPDATE_ATTEMPTS; attempt++) {
      String readOwner = client.owner();
      Map<String, LocalRecord> read = client.store.read(tx -> tx.records(readOwner, name, keys));
      Map<String, String> current = new TreeMap<>();
      for (LocalRecord r : read.values()) {
        if (!r.isDeleted()) {
          current.put(r.key(), r.value());
        }
      }
      Map<String, String> answer = function.apply(Collections.unmodifiableMap(new TreeMap<>(current)));
      if (answer == null) {
        throw new NullPointerException("the update function returned null for " + keys);
      }
      Map<String, String> values = new LinkedHashMap<>();
      for (Map.Entry<String, String> e : answer.entrySet()) {
        if (!keys.contains(e.getKey())) {
          throw new IllegalArgumentException("the update function returned key " + e.getKey()
              + ", which is not one of the keys it was given: " + keys);
        }
        if (e.getValue() != null) {
          Validation.value(e.getValue(), client.limits);
        }
        values.put(e.getKey(), e.getValue());
      }
      Instant now = client.clock.instant();
      List<LocalRecord> written = ownedWrite((tx, owner) -> {
        if (!owner.equals(readOwner)) {
          return null; // the identity changed since the read: read again under the new owner
        }
        Map<String, LocalRecord> now2 = tx.records(owner, name, keys);
        for (String key : keys) {
          LocalRecord before = read.get(key);
          LocalRecord after = now2.get(key);
          if (before == null ? after != null : after == null || after.version() != before.version()) {
            return null;
          }
        }
        return writeIn(tx, owner, values, now);
      });
      if (written != null) {
        afterWrite(written);
        Map<String, String> result = new TreeMap<>(current);
        for (Map.Entry<String, String> e : values.entrySet()) {
          if (e.getValue() == null) {
            result.remove(e.getKey());
          } else {
            result.put(e.getKey(), e.getValue());
          }
        }
        return result;
      }
    }
    throw new ConcurrentUpdateException(name, MAX_UPDATE_ATTEMPTS);
  }

  /**
   * The body of {@link #write}: applies {@code values} inside {@code tx} for {@code owner}, checking the
   * dataset limits, and returns the rows written (for {@link #afterWrite} once the transaction committed).
   */
  private List<LocalRecord> writeIn(LocalTransaction tx, String owner, Map<String, String> values, Instant now) {
    LocalDataset ds = ensureDatasetRow(tx, owner, now);
    Map<String, LocalRecord> existing = tx.records(owner, name, values.keySet());
    DatasetUsage usage = tx.usage(owner, name);
    long live = usage.liveRecordCount();
    long bytes = usage.liveBytes();
    long dirty = usage.dirtyRecordCount(); // kept up to date below: no second scan of the dataset
    List<RecordWrite> batch = new ArrayList<>();
    List<LocalRecord> out = new ArrayList<>();
    for (Map.Entry<String, String> e : values.entrySet()) {
      String key = e.getKey();
      String value = e.getValue();
      LocalRecord old = existing.get(key);
      if (old == null ? value == null : Objects.equals(old.value(), value)) {
        continue;
      }
      if (old != null && !old.isDeleted()) {
        live--;
        bytes -= Records.utf8Length(key) + Records.utf8Length(old.value());
      }
      if (value != null) {
        live++;
        bytes += Records.utf8Length(key) + Records.utf8Length(value);
      }
      if (old != null && old.isDirty()) {
        dirty--;
      }
      if (value == null && old != null && old.isDirty() && old.syncCount() == 0 && old.baseValue() == null
          && old.pendingConflict() == null) {
        // never synced: removing it needs no remote change, so the row simply goes (unless a deferred
        // conflict is kept in it: the remote side it holds must survive until the app resolves it)
        tx.deleteRecords(owner, name, Collections.singletonList(key));
        out.add(old.newBuilder().value(null).deviceLastModifiedDate(now).build());
        continue;
      }
      LocalRecord next;
      if (old == null) {
        next = LocalRecord.builder(key).value(value).syncCount(0).baseValue(null).dirty(true)
            .deviceLastModifiedDate(now).build();
      } else {
        next = old.newBuilder().value(value).dirty(true).deviceLastModifiedDate(now)
            .baseValue(old.isDirty() ? old.baseValue() : old.value()).build();
      }
      batch.add(RecordWrite.unconditional(next));
      out.add(next);
      dirty++;
    }
    if (live > client.limits.maxRecordsPerDataset()) {
      throw new LimitExceededException("dataset " + name + " would hold " + live + " records, more than "
          + client.limits.maxRecordsPerDataset());
    }
    if (bytes > client.limits.maxDatasetBytes()) {
      throw new LimitExceededException("dataset " + name + " would hold " + bytes + " bytes, more than "
          + client.limits.maxDatasetBytes());
    }
    if (out.isEmpty()) {
      return out;
    }
    if (!batch.isEmpty()) {
      tx.writeRecords(owner, name, batch);
    }
    tx.putDataset(ds.newBuilder().lastModifiedDate(now).build());
    pendingCount = dirty;
    return out;
  }

  /** Announces rows {@link #writeIn} wrote, after their transaction committed. */
  private void afterWrite(List<LocalRecord> written) {
    if (!written.isEmpty()) {
      for (LocalRecord r : written) {
        changes.onNext(new DatasetChange(name, Records.toRecord(r), DatasetChange.Source.LOCAL));
      }
      recomputeStatus();
      writes.onNext(Boolean.TRUE);
    }
  }

  /** Write work on behalf of the current owner. */
  private interface OwnedWork<T> {
    T run(LocalTransaction tx, String owner);
  }

  /**
   * Runs {@code work} in one write transaction under the current owner. If the identity changed between
   * choosing the owner and the transaction (a merge may have moved the owner's datasets away meanwhile), it
   * runs again under the new owner, so an app write never lands under an identity that is no longer current.
   */
  private <T> T ownedWrite(OwnedWork<T> work) {
    while (true) {
      long epoch = client.identityEpoch();
      String owner = client.owner();
      boolean[] stale = new boolean[1];
      T out = client.store.write(tx -> {
        if (client.identityEpoch() != epoch) {
          stale[0] = true;
          return null;
        }
        return work.run(tx, owner);
      });
      if (!stale[0]) {
        return out;
      }
    }
  }

  private LocalDataset ensureDatasetRow(LocalTransaction tx, String owner, Instant now) {
    LocalDataset ds = tx.dataset(owner, name);
    if (ds != null) {
      return ds;
    }
    int live = 0;
    for (LocalDataset other : tx.datasets(owner)) {
      live += other.isDeletedLocally() ? 0 : 1;
    }
    if (live >= client.limits.maxDatasets()) {
      throw new LimitExceededException("cannot create dataset " + name + ": already " + live
          + " datasets, the limit is " + client.limits.maxDatasets());
    }
    ds = LocalDataset.builder(owner, name).creationDate(now).lastModifiedDate(now).build();
    tx.putDataset(ds);
    return ds;
  }

  /** Marks the dataset deleted locally: its records go now, the remote delete happens on the next sync. */
  public void delete() {
    client.checkOpen();
    Instant now = client.clock.instant();
    afterDelete(ownedWrite((tx, owner) -> deleteIn(tx, owner, now)), now);
  }

  /** The body of {@link #delete}: marks the dataset deleted inside {@code tx}; returns the rows removed. */
  private List<LocalRecord> deleteIn(LocalTransaction tx, String owner, Instant now) {
    LocalDataset ds = tx.dataset(owner, name);
    if (ds == null) {
      ds = LocalDataset.builder(owner, name).creationDate(now).build();
    }
    List<LocalRecord> all = tx.records(owner, name);
    List<String> keys = new ArrayList<>();
    for (LocalRecord r : all) {
      keys.add(r.key());
    }
    tx.putDataset(ds.newBuilder().deletedLocally(true).lastModifiedDate(now).build());
    tx.deleteRecords(owner, name, keys);
    return all;
  }

  /** Announces the removal {@link #deleteIn} made, after its transaction committed. */
  private void afterDelete(List<LocalRecord> removed, Instant now) {
    pendingCount = 0;
    for (LocalRecord r : removed) {
      if (!r.isDeleted()) {
        changes.onNext(new DatasetChange(name,
            Records.toRecord(r.newBuilder().value(null).dirty(true).deviceLastModifiedDate(now).build()),
            DatasetChange.Source.LOCAL));
      }
    }
    recomputeStatus();
    writes.onNext(Boolean.TRUE);
  }

  // ---------------------------------------------------------------- folding a merged copy

  /**
   * Folds the live records of {@code merged} into this dataset and marks {@code merged} deleted, in one
   * transaction. Keys equal on both sides are left alone; keys holding different values are decided by
   * {@code resolver} (called outside any transaction: it is app code). The transaction commits only if
   * neither dataset's involved rows changed since they were read for the decisions (whole rows compared),
   * so an app write or a sync landing on either side in between is never overwritten or deleted unseen: the
   * fold reads again and decides again.
   *
   * @return the number of keys written into this dataset
   */
  public int foldFrom(DatasetCore merged, ConflictResolver resolver) {
    client.checkOpen();
    long epoch = client.identityEpoch(); // before the owner: a change in between fails the fold, never hides
    String owner = client.owner();
    while (true) {
      client.checkOpen();
      if (client.identityEpoch() != epoch) {
        // both datasets belonged to the previous identity: after a switch the names mean another user's data,
        // after a merge the copy may have been renamed. Nothing was written; the app decides whether to fold again
        throw new IdentityChangedException("the identity changed from " + owner + " while folding " + merged.name
            + " into " + name + "; nothing was written");
      }
      FoldPlan plan = client.store.read(tx -> FoldPlan.read(tx, owner, merged.name, name));
      Map<String, String> updates = plan.decide(name, resolver, client.limits);
      Instant now = client.clock.instant();
      List<List<LocalRecord>> done = client.store.write(tx -> {
        if (client.identityEpoch() != epoch || !plan.stillHolds(tx, owner, merged.name, name)) {
          return null;
        }
        // the copy goes first: the fold moves data, so a parent it creates must not count against the
        // dataset limit next to the copy it replaces
        List<LocalRecord> removed = merged.deleteIn(tx, owner, now);
        List<LocalRecord> written =
            updates.isEmpty() ? Collections.<LocalRecord>emptyList() : writeIn(tx, owner, updates, now);
        return Arrays.asList(written, removed);
      });
      if (done != null) {
        afterWrite(done.get(0));
        merged.afterDelete(done.get(1), now);
        return done.get(0).size();
      }
    }
  }

  // ---------------------------------------------------------------- conflicts

  /** Keeps resolutions a failed sync committed, for the next successful sync's report. */
  void carryOver(List<ResolvedConflict> resolutions) {
    synchronized (unreported) {
      unreported.addAll(resolutions);
    }
  }

  /** Returns and forgets the resolutions carried over from failed syncs, oldest first. */
  List<ResolvedConflict> takeCarriedOver() {
    synchronized (unreported) {
      List<ResolvedConflict> out = new ArrayList<>(unreported);
      unreported.clear();
      return out;
    }
  }

  /** The deferred conflicts, ordered by key, as stored in the local store. */
  public List<SyncConflict> conflicts() {
    client.checkOpen();
    String owner = client.owner();
    List<LocalRecord> rows = client.store.read(tx -> tx.conflictedRecords(owner, name));
    List<SyncConflict> out = new ArrayList<>(rows.size());
    for (LocalRecord r : rows) {
      out.add(conflictOf(name, r));
    }
    return Collections.unmodifiableList(out);
  }

  /** The conflict a row with a deferred conflict stands for: its current local state against the stored remote. */
  static SyncConflict conflictOf(String dataset, LocalRecord row) {
    return new SyncConflict(dataset, Records.toRecord(row), Records.toRecord(row.pendingConflict()),
        row.baseValue(), row.syncCount());
  }

  /**
   * Applies the app's decision for a deferred conflict against the stored remote side, and clears the
   * conflict, in one transaction.
   */
  public void resolve(String key, Resolution resolution) {
    client.checkOpen();
    if (resolution.kind() == Resolution.Kind.USE_VALUE) {
      Validation.value(resolution.value(), client.limits);
    }
    Instant now = client.clock.instant();
    if (resolution.kind() == Resolution.Kind.DEFER) {
      String owner = client.owner();
      LocalRecord current = client.store.read(tx -> tx.record(owner, name, key));
      if (current == null || current.pendingConflict() == null) {
        throw new IllegalArgumentException("no deferred conflict for key " + key);
      }
      return;
    }
    SyncConflict[] conflict = new SyncConflict[1];
    LocalRecord written = ownedWrite((tx, owner) -> {
      LocalRecord current = tx.record(owner, name, key);
      if (current == null || current.pendingConflict() == null) {
        throw new IllegalArgumentException("no deferred conflict for key " + key);
      }
      conflict[0] = conflictOf(name, current);
      LocalRecord next = applyResolution(current, current.pendingConflict(), resolution, now);
      tx.writeRecords(owner, name, Collections.singletonList(RecordWrite.ifVersion(next, current.version())));
      pendingCount = tx.usage(owner, name).dirtyRecordCount();
      return next;
    });
    client.emit(RecordEvent.resolved(conflict[0], resolution));
    changes.onNext(new DatasetChange(name, Records.toRecord(written), DatasetChange.Source.REMOTE));
    recomputeStatus();
    writes.onNext(Boolean.TRUE);
  }

  /**
   * The row {@code local} becomes under {@code resolution} against {@code remote}; it carries no deferred
   * conflict any more.
   */
  static LocalRecord applyResolution(LocalRecord local, RemoteRecord remote, Resolution resolution, Instant now) {
    switch (resolution.kind()) {
      case USE_REMOTE:
        return Records.cleanFromRemote(remote);
      case USE_LOCAL:
        return Records.rebase(local, remote, local.value(), false, now);
      case USE_VALUE:
        return Records.rebase(local, remote, resolution.value(), true, now);
      case DELETE:
        return Records.rebase(local, remote, null, true, now);
      default:
        throw new IllegalArgumentException("not applicable: " + resolution);
    }
  }

  // ---------------------------------------------------------------- sync: single flight

  /** A sync of this dataset: joins the running one if it has not started, else the pending one. */
  public Single<SyncReport> requestSync(boolean full) {
    return Single.defer(() -> {
      if (client.isClosed()) {
        return Single.error(new ClientClosedException("the client is closed"));
      }
      if (!client.isConnected()) {
        return Single.error(new NetworkException("offline: the connectivity monitor reports no network"));
      }
      Run run;
      boolean start = false;
      synchronized (lock) {
        if (running == null) {
          running = new Run(full);
          run = running;
          start = true;
        } else if (pending == null) {
          pending = new Run(full);
          run = pending;
        } else {
          pending.full |= full;
          run = pending;
        }
      }
      if (start) {
        start(run);
      }
      // each subscriber on its own: one whose callback throws must not keep the others (or the pending run)
      // from their outcome; what it throws goes to RxJavaPlugins.onError
      return Single.<SyncReport>unsafeCreate(run.result::safeSubscribe);
    });
  }

  /** Syncs when the network is available: at once if online, else on the next regain. */
  public Single<SyncReport> requestSyncOnConnectivity() {
    return Single.defer(() -> {
      if (client.isConnected()) {
        return requestSync(false);
      }
      // close() ends the wait: the caller gets ClientClosedException, not silence until the network returns
      return client.connectivity.connectivity().filter(Boolean::booleanValue)
          .takeUntil(client.closedSignal().toObservable())
          .firstElement()
          .switchIfEmpty(Single.error(() -> client.isClosed()
              ? new ClientClosedException("the client was closed while the sync of " + name
                  + " waited for the network")
              : new NetworkException("the connectivity monitor's stream ended while offline")))
          .flatMap(online -> requestSync(false));
    });
  }

  private void start(Run run) {
    synchronized (lock) {
      if (running != run) {
        return; // close() failed it meanwhile (e.g. from a callback of the run before it): it must not run
      }
    }
    setActivity(SyncStatus.State.CONNECTING);
    // not subscribe(onSuccess, onError): that observer, once close() disposed it, would hand what the work still
    // signals (the store closed under it, an interrupted call) to RxJavaPlugins.onError; finish() ignores it
    Disposable d = execute(run, 0, null).subscribeWith(new DisposableSingleObserver<SyncReport>() {
      @Override
      public void onSuccess(SyncReport report) {
        finish(run, report, null);
      }

      @Override
      public void onError(Throwable e) {
        finish(run, null, e);
      }
    });
    synchronized (lock) {
      if (running != run) {
        d.dispose(); // ended already (harmless), or close() ran meanwhile and could not dispose it
        return;
      }
      if (run.result.hasValue() || run.result.hasThrowable()) {
        return;
      }
      run.disposable = d;
    }
  }

  /**
   * Runs the sync; if identity merges overtook it (its failure belongs to the old id, and the data moved to
   * the new one), runs it again as the new identity, at most {@link #MAX_IDENTITY_RERUNS} times, so the caller
   * gets the outcome for the identity the data now has.
   */
  private Single<SyncReport> execute(Run run, int reruns, SyncRun previous) {
    SyncRun sync = previous == null ? new SyncRun(this, run.full) : new SyncRun(this, run.full, previous);
    return sync.execute().onErrorResumeNext(e -> {
      if (reruns >= MAX_IDENTITY_RERUNS || sync.identityId() == null || e instanceof ClientClosedException) {
        sync.announceFailure();
        return Single.error(e);
      }
      // FAILED is announced only if the sync does not run again: one requested sync, one outcome
      return client.identityMergedSince(sync.identityId(), sync.startEpoch(), e)
          .doOnError(x -> sync.announceFailure())
          .andThen(Single.defer(() -> execute(run, reruns + 1, sync)));
    });
  }

  private void finish(Run run, SyncReport report, Throwable error) {
    Run next;
    synchronized (lock) {
      if (running != run) {
        return;
      }
      running = pending;
      pending = null;
      next = running;
    }
    if (error == null) {
      lastError = null;
      lastSyncedAt = report.startedAt().plus(report.duration());
      client.recordError(null);
    } else {
      lastError = SyncErrors.wrap(error);
      client.recordError(lastError);
    }
    // the count is fresh: a successful run set it in its last transaction, a failed one counted again (SyncRun)
    activity = next != null ? SyncStatus.State.CONNECTING : SyncStatus.State.IDLE;
    try {
      recomputeStatus();
      if (error == null) {
        run.result.onSuccess(report);
      } else {
        run.result.onError(SyncErrors.wrap(error));
      }
    } finally {
      if (next != null) {
        start(next); // whatever a status observer threw, the pending run's callers get an outcome
      }
    }
  }

  void refreshPendingCount() {
    try {
      String owner = client.owner();
      pendingCount = client.store.read(tx -> tx.usage(owner, name)).dirtyRecordCount();
    } catch (RuntimeException e) {
      // keep the previous figure; the store error surfaces on the next operation
    }
  }

  /** Whether this dataset has local changes to push. */
  boolean hasPendingWork() {
    return pendingCount > 0;
  }

  // ---------------------------------------------------------------- background syncs

  /** Starts a sync in the background; transient failures back off with full jitter and retry. */
  void requestBackgroundSync() {
    if (client.isClosed() || !client.isConnected()) {
      return;
    }
    synchronized (lock) {
      if (retryTimer != null) {
        retryTimer.dispose();
        client.untrack(retryTimer);
        retryTimer = null;
      }
    }
    Disposable[] holder = new Disposable[1];
    holder[0] = requestSync(false).subscribe(report -> {
      synchronized (lock) {
        backgroundFailures = 0;
      }
      untrackLater(holder);
    }, e -> {
      untrackLater(holder);
      if (e instanceof SyncException && ((SyncException) e).isRetryable() && client.isConnected()
          && !client.isClosed()) {
        long delay;
        synchronized (lock) {
          backgroundFailures++;
          delay = backoff.delayMillis(backgroundFailures, e);
        }
        Disposable timer = Single.timer(delay, TimeUnit.MILLISECONDS, client.timer)
            .subscribe(x -> requestBackgroundSync(), err -> { });
        synchronized (lock) {
          retryTimer = timer;
        }
        client.track(timer);
      }
    });
    client.track(holder[0]);
  }

  private void untrackLater(Disposable[] holder) {
    if (holder[0] != null) {
      client.untrack(holder[0]);
    }
  }

  /** Consecutive failed background syncs (for tests and diagnostics). */
  int backgroundFailures() {
    synchronized (lock) {
      return backgroundFailures;
    }
  }

  // ---------------------------------------------------------------- status, progress, events

  void setActivity(SyncStatus.State state) {
    activity = state;
    recomputeStatus();
  }

  void emitProgress(SyncProgress p) {
    lastProgress = p;
    progress.onNext(p);
    client.emit(p);
  }

  void emitChange(Record record) {
    changes.onNext(new DatasetChange(name, record, DatasetChange.Source.REMOTE));
  }

  void setPendingCount(long count) {
    pendingCount = count;
  }

  /** Recomputes this dataset's status and then the client's. */
  void recomputeStatus() {
    // Built and emitted under one lock: a status computed from older state can never be emitted after a
    // newer one (an app write computing BUSY racing a finishing sync's IDLE).
    synchronized (status) {
      SyncStatus.State state;
      if (client.isClosed()) {
        state = SyncStatus.State.STOPPED;
      } else if (activity != SyncStatus.State.IDLE) {
        state = activity;
      } else if (!client.isConnected()) {
        state = SyncStatus.State.OFFLINE;
      } else {
        state = SyncStatus.State.IDLE;
      }
      Instant last = lastSyncedAt;
      SyncStatus next = SyncStatus.builder(state).lastSyncedAt(last).hasSynced(last != null)
          .pendingCount(Math.max(0, pendingCount)).lastError(lastError).build();
      if (!status.hasComplete() && !next.equals(current)) {
        current = next;
        status.onNext(next);
      }
    }
    client.recomputeStatus();
  }

  /** Status stream of this dataset. */
  public Observable<SyncStatus> status() {
    return status.distinctUntilChanged();
  }

  /** The current status. */
  public SyncStatus currentStatus() {
    return current;
  }

  /** Progress stream of this dataset's syncs. */
  public Observable<SyncProgress> progress() {
    return progress;
  }

  /** The last progress emitted, or {@code null}. */
  public SyncProgress lastProgress() {
    return lastProgress;
  }

  /** Record events of this dataset. */
  public Observable<RecordEvent> events() {
    return client.events().filter(e -> e.datasetName().equals(name));
  }

  /** Per-key changes. */
  public Flowable<DatasetChange> observe() {
    return changes.toFlowable(BackpressureStrategy.BUFFER);
  }

  ConflictResolver resolver() {
    return client.resolverFor(name);
  }

  // ---------------------------------------------------------------- lifecycle

  void onIdentityChanged() {
    refreshFromStore();
  }

  void onWiped() {
    pendingCount = 0;
    lastSyncedAt = null;
    recomputeStatus();
  }

  void close() {
    List<Run> runs = new ArrayList<>();
    synchronized (lock) {
      if (running != null) {
        runs.add(running);
      }
      if (pending != null) {
        runs.add(pending);
      }
      running = null;
      pending = null;
      if (retryTimer != null) {
        retryTimer.dispose();
      }
    }
    for (Run r : runs) {
      if (r.disposable != null) {
        r.disposable.dispose();
      }
      r.result.onError(new ClientClosedException("the client was closed during the sync of " + name));
    }
    activity = SyncStatus.State.IDLE;
    recomputeStatus();
    synchronized (status) {
      status.onComplete();
    }
    progress.onComplete();
    changes.onComplete();
  }
}
