package dev.offsync.internal;

import dev.offsync.ClientClosedException;
import dev.offsync.ConflictResolver;
import dev.offsync.DatasetMetadata;
import dev.offsync.IdentityChangedException;
import dev.offsync.InactiveIdentity;
import dev.offsync.InvalidParameterException;
import dev.offsync.Limits;
import dev.offsync.LimitExceededException;
import dev.offsync.RecordEvent;
import dev.offsync.SignOutMode;
import dev.offsync.SyncException;
import dev.offsync.SyncOptions;
import dev.offsync.SyncProgress;
import dev.offsync.SyncReport;
import dev.offsync.SyncStatus;
import dev.offsync.spi.ConnectivityMonitor;
import dev.offsync.spi.DatasetPage;
import dev.offsync.spi.DatasetUsage;
import dev.offsync.spi.IdentityChange;
import dev.offsync.spi.IdentityProvider;
import dev.offsync.spi.LocalDataset;
import dev.offsync.spi.LocalRecord;
import dev.offsync.spi.LocalStore;
import dev.offsync.spi.LocalTransaction;
import dev.offsync.spi.RecordWrite;
import dev.offsync.spi.RemoteStore;
import io.reactivex.rxjava3.core.Completable;
import io.reactivex.rxjava3.core.Notification;
import io.reactivex.rxjava3.core.Observable;
import io.reactivex.rxjava3.core.Scheduler;
import io.reactivex.rxjava3.core.Single;
import io.reactivex.rxjava3.disposables.CompositeDisposable;
import io.reactivex.rxjava3.subjects.BehaviorSubject;
import io.reactivex.rxjava3.subjects.CompletableSubject;
import io.reactivex.rxjava3.subjects.PublishSubject;
import io.reactivex.rxjava3.subjects.Subject;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The engine behind one {@code SyncClient}: configuration, the per-dataset cores, identity handling,
 * connectivity, and the client-wide status, progress and event streams (instance-scoped). Not API.
 */
public final class ClientCore {
  /** How long a failed sync waits for the identity change that overtook it to arrive, before it fails. */
  private static final long IDENTITY_SETTLE_SECONDS = 10;

  final LocalStore store;
  final RemoteStore remote;
  final IdentityProvider identity;
  final ConflictResolver defaultResolver;
  final Map<String, ConflictResolver> resolvers;
  final ConnectivityMonitor connectivity;
  final Scheduler io;
  final Scheduler timer;
  final Clock clock;
  final Random random;
  final Limits limits;
  final SyncOptions options;
  final String localOwner;
  final String deviceId;

  private final Map<String, DatasetCore> datasets = new ConcurrentHashMap<>();
  private final BehaviorSubject<SyncStatus> status;
  private final Subject<SyncProgress> progress = PublishSubject.<SyncProgress>create().toSerialized();
  private final Subject<RecordEvent> events = PublishSubject.<RecordEvent>create().toSerialized();
  private final CompositeDisposable subscriptions = new CompositeDisposable();
  private final CompletableSubject closedSignal = CompletableSubject.create();
  private final AtomicLong identityEpoch = new AtomicLong();
  /** The epoch of the latest identity change that was not a merge, or of the latest wipe. */
  private volatile long lastAbortingEpoch;
  /** The highest epoch whose identity change (or wipe) has been applied to the local store. */
  private final AtomicLong settledEpoch = new AtomicLong();
  /** Ticks (replaying the last) whenever {@link #settledEpoch} may have risen; read the value from there. */
  private final Subject<Long> settledTicks = BehaviorSubject.createDefault(0L).toSerialized();
  private final Object identityLock = new Object();
  /** The store property that remembers the current identity of {@link #identity}'s pool. */
  private final String identityProperty;
  private volatile String adoptedFor;
  /** Whether the remembered identity was read and offered to the provider (guarded by identityLock to set). */
  private volatile boolean resumed;
  /** The identity the store remembers as current, as last read or written (guarded by identityLock). */
  private String rememberedIdentity;
  /**
   * The identity the store remembered when this client started, if the provider did not resume it: the owner a
   * first identity announced as a merge takes over (guarded by identityLock; consumed by the first change).
   */
  private String startIdentity;
  /** Dirty records held under identities other than the current one and the local owner. */
  private volatile long inactivePendingCount;
  private volatile boolean connected;
  private volatile boolean closed;
  private volatile SyncException lastError;
  private volatile SyncStatus current;

  /** Creates the engine and starts watching identity and connectivity. */
  public ClientCore(LocalStore store, RemoteStore remote, IdentityProvider identity, ConflictResolver defaultResolver,
      Map<String, ConflictResolver> resolvers, ConnectivityMonitor connectivity, Scheduler io, Scheduler timer,
      Clock clock, Random random, Limits limits, SyncOptions options, String localOwner, String deviceId) {
    this.store = store;
    this.remote = remote;
    this.identity = identity;
    this.defaultResolver = defaultResolver;
    this.resolvers = Collections.unmodifiableMap(new ConcurrentHashMap<>(resolvers));
    this.connectivity = connectivity;
    this.io = io;
    this.timer = timer;
    this.clock = clock;
    this.random = random;
    this.limits = limits;
    this.options = options;
    this.localOwner = localOwner;
    this.deviceId = deviceId;
    this.identityProperty = identityPropertyOf(identity.identityPoolId());
    this.connected = connectivity.isConnected();
    this.current = SyncStatus.builder(connected ? SyncStatus.State.IDLE : SyncStatus.State.OFFLINE).build();
    this.status = BehaviorSubject.createDefault(current);

    subscriptions.add(identity.changes()
        .concatMapCompletable(change -> UntilClosed.blocking(() -> {
              onIdentityChange(change);
              return Boolean.TRUE;
            }).ignoreElement()
            .subscribeOn(io)
            .onErrorComplete(e -> {
              lastError = e instanceof SyncException ? (SyncException) e : SyncErrors.wrap(e);
              recomputeStatus();
              return true;
            }))
        .subscribe(() -> { }, e -> { }));
    subscriptions.add(connectivity.connectivity()
        .distinctUntilChanged()
        .subscribe(this::onConnectivity, e -> { }));
    openLocalDatasets();
    if (options.periodicSyncInterval() != null) {
      long ms = options.periodicSyncInterval().toMillis();
      subscriptions.add(Observable.interval(ms, ms, TimeUnit.MILLISECONDS, timer)
          .subscribe(tick -> backgroundSyncAll(false), e -> { }));
    }
  }

  // ---------------------------------------------------------------- infrastructure

  /**
   * Runs blocking local work on the I/O scheduler; once the client is closed it fails with
   * {@link ClientClosedException} instead (the store may be closed too), and an error thrown after its sync was
   * disposed is dropped, not undeliverable.
   */
  <T> Single<T> local(Callable<T> work) {
    return UntilClosed.blocking(() -> {
      checkOpen();
      return work.call();
    }).subscribeOn(io);
  }

  boolean isConnected() {
    return connected;
  }

  boolean isClosed() {
    return closed;
  }

  /** Completes when the client is closed (at once if it is). */
  Completable closedSignal() {
    return closedSignal.hide();
  }

  void checkOpen() {
    if (closed) {
      throw new ClientClosedException("the client is closed");
    }
  }

  /** Moves on every identity change and every wipe: local state captured before it is stale. */
  long identityEpoch() {
    return identityEpoch.get();
  }

  /**
   * Whether a sync that started as {@code id} at {@code epoch} and failed with {@code error} was overtaken by
   * identity merges only, so it may run again as the new identity: a merge means the same user goes on under
   * a new id (a vanished identity renewed, a login linked) and the local data moved there; the run's failure
   * (an identity check, or the server refusing the old id with the new id's credentials) belongs to the old id.
   *
   * <p>Completes once every identity change since {@code epoch} has been applied locally and each was a merge.
   * Fails with {@code error} if the identity did not move (or the change never arrives), and with an
   * {@link IdentityChangedException} if a change was a switch to another user or a wipe.
   */
  Completable identityMergedSince(String id, long epoch, Throwable error) {
    return Completable.defer(() -> {
      String current = identity.currentIdentityId();
      boolean moved = identityEpoch() != epoch || (current != null && !current.equals(id));
      if (!moved) {
        return Completable.error(error);
      }
      return settledTicks.map(tick -> settledEpoch.get())
          .filter(settled -> settled > epoch && settled >= identityEpoch())
          .firstOrError()
          .timeout(IDENTITY_SETTLE_SECONDS, TimeUnit.SECONDS, timer, Single.error(error))
          .flatMapCompletable(settled -> {
            if (lastAbortingEpoch <= epoch) {
              return Completable.complete();
            }
            return Completable.error(error instanceof IdentityChangedException ? error
                : new IdentityChangedException("the identity changed from " + id + " during the sync", error));
          });
    });
  }

  ConflictResolver resolverFor(String datasetName) {
    ConflictResolver r = resolvers.get(datasetName);
    return r != null ? r : defaultResolver;
  }

  void emit(RecordEvent event) {
    events.onNext(event);
  }

  void emit(SyncProgress p) {
    progress.onNext(p);
  }

  void recordError(SyncException e) {
    lastError = e;
  }

  /** The shared core of dataset {@code name} (validated by the caller). */
  public DatasetCore dataset(String name) {
    checkOpen();
    return datasets.computeIfAbsent(name, n -> new DatasetCore(this, n));
  }

  // ---------------------------------------------------------------- identity

  /**
   * The owner local reads and writes use now: the current identity (adopting the local owner's data
   * first if needed), or the local owner when there is no identity yet.
   */
  public String owner() {
    resumeIdentity();
    String id = identity.currentIdentityId();
    if (id == null) {
      return localOwner;
    }
    ensureAdopted(id);
    return id;
  }

  /** Moves the local owner's datasets under {@code id} once (idempotent), in one transaction. */
  void ensureAdopted(String id) {
    ensureAdopted(id, false);
  }

  /**
   * Like {@link #ensureAdopted(String)}; with {@code recheck} it looks at the local owner again even if
   * {@code id} adopted it before (a sync start: a provider that does not cache its id lets local writes
   * land under the local owner in between), and the store remembers {@code id} as the pool's current identity.
   */
  void ensureAdopted(String id, boolean recheck) {
    if (id.equals(localOwner) || (!recheck && id.equals(adoptedFor))) {
      return;
    }
    synchronized (identityLock) {
      resumeIdentity();
      if (!recheck && id.equals(adoptedFor)) {
        return;
      }
      boolean anything = store.read(tx -> !tx.datasets(localOwner).isEmpty());
      // remembered when a remote operation starts as it (recheck), not on a read: reads never write
      boolean remember = recheck && !id.equals(rememberedIdentity);
      if (anything || remember) {
        store.write(tx -> {
          reparent(tx, localOwner, id, false);
          if (remember) {
            tx.putProperty(identityProperty, id);
          }
          return null;
        });
        rememberedIdentity = id;
      }
      if (remember) {
        recountInactive();
      }
      adoptedFor = id;
    }
  }

  /** The name of the store property that remembers the current identity of {@code identityPoolId}. */
  static String identityPropertyOf(String identityPoolId) {
    return identityPoolId == null ? "current-identity" : "current-identity:" + identityPoolId;
  }

  /**
   * Once per client, before anything needs the identity: reads the identity the store remembers for the pool and
   * offers it to the provider ({@link IdentityProvider#resume}), so a restarted app goes on as the same identity. If
   * the provider does not take it, it stays the start identity: a first identity announced as a merge takes over
   * its data. Blocks on the store; runs on the I/O scheduler (or wherever the first owner is needed).
   */
  void resumeIdentity() {
    if (resumed) {
      return;
    }
    synchronized (identityLock) {
      if (resumed) {
        return;
      }
      String remembered = store.read(tx -> tx.property(identityProperty));
      if (remembered != null && identity.currentIdentityId() == null) {
        try {
          identity.resume(remembered);
        } catch (IllegalArgumentException notAnIdentity) {
          remembered = null; // a value the provider cannot use is forgotten, never guessed at
        }
      }
      rememberedIdentity = remembered;
      String now = identity.currentIdentityId();
      startIdentity = remembered != null && !remembered.equals(now) ? remembered : null;
      resumed = true;
    }
  }

  /**
   * The identity id for a sync or another remote operation: the remembered identity is offered to the provider
   * first (once), then the provider answers ({@code GetId} for Cognito, if it has none).
   */
  Single<String> identityId() {
    if (resumed) {
      return identity.identityId();
    }
    return local(() -> {
      resumeIdentity();
      return Boolean.TRUE;
    }).flatMap(x -> identity.identityId());
  }

  private void onIdentityChange(IdentityChange announced) {
    long epoch = -1;
    try {
      synchronized (identityLock) {
        resumeIdentity();
        // a provider that knew no identity announcing its first one as taking over the previous identity's data:
        // the previous identity is the one this store belonged to (the provider could not resume it)
        boolean takesOverStart = announced.previousId() == null && announced.isMerge() && startIdentity != null
            && !startIdentity.equals(announced.currentId());
        IdentityChange change = takesOverStart
            ? new IdentityChange(startIdentity, announced.currentId(), true) : announced;
        startIdentity = null;
        String previous = change.previousId();
        String current = change.currentId();
        // An identity announced after a sync already adopted it ("no identity -> id", or "signed-out user -> next
        // user", arriving once the provider answered that sync's question): unless the previous identity's data moves
        // in (a merge), nothing changes for anyone, so no run is overtaken. With the default schedulers the
        // announcement can land at any moment of that sync.
        boolean alreadyCurrent = current.equals(adoptedFor)
            && (previous == null || previous.equals(current) || !change.isMerge());
        if (!alreadyCurrent) {
          epoch = identityEpoch.incrementAndGet();
          if (!change.isMerge()) {
            lastAbortingEpoch = epoch;
          }
        }
        try {
          store.write(tx -> {
            reparent(tx, localOwner, current, false);
            if (previous != null && change.isMerge() && !previous.equals(current) && !previous.equals(localOwner)) {
              reparent(tx, previous, current, true);
            }
            tx.putProperty(identityProperty, current);
            return null;
          });
          rememberedIdentity = current;
        } catch (RuntimeException e) {
          if (epoch != -1) {
            lastAbortingEpoch = epoch; // the data did not move: a sync must not go on as if it had
          }
          throw e;
        }
        adoptedFor = current;
        recountInactive();
      }
      for (DatasetCore d : datasets.values()) {
        d.onIdentityChanged();
      }
      recomputeStatus();
      openLocalDatasets();
    } finally {
      // outside the identity lock: syncs waiting for this change run again from here, with app callbacks
      markSettled(epoch);
    }
  }

  /**
   * Announces that the identity change (or wipe) of {@code epoch} has been applied ({@code -1}: it never
   * started). Changes are applied in epoch order under the identity lock, so a later epoch settled implies
   * every earlier one is: the settled epoch only ever rises, whatever order racing announcements take. Called
   * outside every engine lock, since waiting syncs run again from here.
   */
  private void markSettled(long epoch) {
    if (epoch < 0) {
      return;
    }
    settledEpoch.accumulateAndGet(epoch, Math::max);
    settledTicks.onNext(epoch);
  }

  /**
   * Opens (on the I/O scheduler) every local dataset of the current owner, so the client-wide status
   * counts the pending edits of datasets the app has not opened in this process yet.
   */
  private void openLocalDatasets() {
    subscriptions.add(local(() -> {
      List<String> names = localDatasetNames();
      synchronized (identityLock) {
        recountInactive();
      }
      return names;
    }).subscribe(names -> {
      try {
        for (String name : names) {
          dataset(name);
        }
      } catch (ClientClosedException closedMeanwhile) {
        return;
      }
      recomputeStatus();
    }, e -> {
      lastError = e instanceof SyncException ? (SyncException) e : SyncErrors.wrap(e);
      recomputeStatus();
    }));
  }

  /** {@link Reparenting#reparent} with this client's dataset-name limit. */
  void reparent(LocalTransaction tx, String from, String to, boolean rebase) {
    Reparenting.reparent(tx, from, to, rebase, limits.maxDatasetNameLength());
  }

  // ---------------------------------------------------------------- inactive identities, sign-out

  /** Whether {@code owner} is an inactive identity: neither the current owner nor the local owner. */
  private boolean isInactive(String owner, String current) {
    return !owner.equals(localOwner) && !owner.equals(current);
  }

  /** Recounts the dirty records of inactive identities (one store read; under identityLock). */
  private void recountInactive() {
    String current = identity.currentIdentityId();
    inactivePendingCount = store.read(tx -> {
      long n = 0;
      for (String owner : tx.owners()) {
        if (isInactive(owner, current)) {
          for (LocalDataset ds : tx.datasets(owner)) {
            n += tx.usage(owner, ds.name()).dirtyRecordCount();
          }
        }
      }
      return n;
    });
  }

  /** The local data of every inactive identity, ordered by identity id. */
  public Single<List<InactiveIdentity>> inactiveIdentities() {
    return UntilClosed.single(this, "inactiveIdentities", local(() -> {
      resumeIdentity();
      String current = identity.currentIdentityId();
      return store.read(tx -> {
        List<InactiveIdentity> out = new ArrayList<>();
        for (String owner : tx.owners()) {
          if (!isInactive(owner, current)) {
            continue;
          }
          List<DatasetMetadata> meta = new ArrayList<>();
          long pending = 0;
          for (LocalDataset ds : tx.datasets(owner)) {
            DatasetUsage usage = tx.usage(owner, ds.name());
            meta.add(DatasetCore.metadataOf(ds, usage));
            pending += usage.dirtyRecordCount();
          }
          out.add(new InactiveIdentity(owner, meta, pending));
        }
        return Collections.unmodifiableList(out);
      });
    }));
  }

  /**
   * Moves an inactive identity's datasets under the current identity as local-only data (every live record dirty
   * on base 0, a name taken already as a merged copy), so the next syncs upload them as the current identity.
   */
  public Completable adoptInactiveIdentity(String identityId) {
    return UntilClosed.completable(this, "adoptInactiveIdentity", local(() -> {
      changeInactive(identityId, true);
      return Boolean.TRUE;
    }).ignoreElement());
  }

  /** Deletes an inactive identity's local datasets and records, unsynced edits included. */
  public Completable discardInactiveIdentity(String identityId) {
    return UntilClosed.completable(this, "discardInactiveIdentity", local(() -> {
      changeInactive(identityId, false);
      return Boolean.TRUE;
    }).ignoreElement());
  }

  private void changeInactive(String identityId, boolean adopt) {
    long epoch = -1;
    try {
      synchronized (identityLock) {
        resumeIdentity();
        String current = identity.currentIdentityId();
        if (!isInactive(identityId, current)) {
          throw new InvalidParameterException(identityId + " is not an inactive identity of this client"
              + (identityId.equals(current) ? " (it is the current one)" : ""));
        }
        if (store.read(tx -> tx.datasets(identityId).isEmpty())) {
          throw new InvalidParameterException(identityId + " holds no local data on this device");
        }
        if (adopt && current == null) {
          throw new IllegalStateException("no current identity to adopt " + identityId + "'s data into yet");
        }
        if (adopt) {
          epoch = identityEpoch.incrementAndGet(); // datasets appear under the current identity: a merge
        }
        store.write(tx -> {
          if (adopt) {
            reparent(tx, identityId, current, true);
          } else {
            for (LocalDataset ds : tx.datasets(identityId)) {
              tx.deleteDataset(identityId, ds.name());
            }
          }
          return null;
        });
        recountInactive();
      }
      if (adopt) {
        for (DatasetCore d : datasets.values()) {
          d.onIdentityChanged();
        }
        openLocalDatasets();
      }
      recomputeStatus();
    } finally {
      markSettled(epoch);
    }
  }

  /**
   * Signs the current user out: running syncs end (they commit nothing more), the store forgets the remembered
   * identity, the user's local data is kept apart or wiped as {@code mode} says, and the identity provider forgets
   * the identity, so the next sync obtains a new one. Data written meanwhile waits under the local owner for it.
   */
  public Completable signOut(SignOutMode mode) {
    return UntilClosed.completable(this, "signOut", local(() -> {
      signOutNow(mode);
      return Boolean.TRUE;
    }).ignoreElement());
  }

  private void signOutNow(SignOutMode mode) {
    long epoch = -1;
    try {
      synchronized (identityLock) {
        resumeIdentity();
        String known = identity.currentIdentityId();
        String current = known != null ? known : adoptedFor;
        // the provider first: one that cannot sign out fails here, before anything changed
        identity.signOut();
        epoch = identityEpoch.incrementAndGet();
        lastAbortingEpoch = epoch;
        store.write(tx -> {
          if (mode == SignOutMode.WIPE_LOCAL_DATA) {
            for (String owner : current != null ? Arrays.asList(current, localOwner)
                : Collections.singletonList(localOwner)) {
              for (LocalDataset ds : tx.datasets(owner)) {
                tx.deleteDataset(owner, ds.name());
              }
            }
          }
          tx.removeProperty(identityProperty);
          return null;
        });
        rememberedIdentity = null;
        startIdentity = null;
        adoptedFor = null;
        recountInactive();
      }
      for (DatasetCore d : datasets.values()) {
        if (mode == SignOutMode.WIPE_LOCAL_DATA) {
          d.onWiped();
        } else {
          d.onIdentityChanged();
        }
      }
      recomputeStatus();
    } finally {
      markSettled(epoch);
    }
  }

  // ---------------------------------------------------------------- connectivity, status

  private void onConnectivity(boolean online) {
    boolean regained = online && !connected;
    connected = online;
    for (DatasetCore d : datasets.values()) {
      d.recomputeStatus();
    }
    recomputeStatus();
    if (regained && options.autoSyncDebounce() != null) {
      backgroundSyncAll(true);
    }
  }

  private void backgroundSyncAll(boolean onlyPending) {
    if (closed || !connected) {
      return;
    }
    subscriptions.add(local(this::localDatasetNames).subscribe(names -> {
      for (String name : names) {
        DatasetCore d = dataset(name);
        if (!onlyPending || d.hasPendingWork()) {
          d.requestBackgroundSync();
        }
      }
    }, e -> { }));
  }

  /** Names of the current owner's local datasets, locally deleted ones included. */
  List<String> localDatasetNames() {
    String owner = owner();
    return store.read(tx -> {
      List<String> names = new ArrayList<>();
      for (LocalDataset ds : tx.datasets(owner)) {
        names.add(ds.name());
      }
      return names;
    });
  }

  /** Recomputes the client-wide status from the datasets' statuses. */
  void recomputeStatus() {
    // Built and emitted under one lock, so a status computed from older state never follows a newer one.
    synchronized (status) {
      SyncStatus.State state;
      boolean busy = false;
      boolean connecting = false;
      Instant last = null;
      boolean hasSynced = false;
      long pending = 0;
      for (DatasetCore d : datasets.values()) {
        SyncStatus s = d.currentStatus();
        busy |= s.state() == SyncStatus.State.BUSY;
        connecting |= s.state() == SyncStatus.State.CONNECTING;
        if (s.lastSyncedAt() != null && (last == null || s.lastSyncedAt().isAfter(last))) {
          last = s.lastSyncedAt();
        }
        hasSynced |= s.hasSynced();
        pending += s.pendingCount();
      }
      if (closed) {
        state = SyncStatus.State.STOPPED;
      } else if (busy) {
        state = SyncStatus.State.BUSY;
      } else if (connecting) {
        state = SyncStatus.State.CONNECTING;
      } else if (!connected) {
        state = SyncStatus.State.OFFLINE;
      } else {
        state = SyncStatus.State.IDLE;
      }
      SyncStatus next = SyncStatus.builder(state).lastSyncedAt(last).hasSynced(hasSynced).pendingCount(pending)
          .inactivePendingCount(inactivePendingCount).lastError(lastError).build();
      if (!next.equals(current) && !status.hasComplete()) {
        current = next;
        status.onNext(next);
      }
    }
  }

  // ---------------------------------------------------------------- client operations

  /** Client-wide status stream. */
  public Observable<SyncStatus> status() {
    return status.distinctUntilChanged();
  }

  /** The current client-wide status. */
  public SyncStatus currentStatus() {
    return current;
  }

  /** Every dataset's progress. */
  public Observable<SyncProgress> progress() {
    return progress;
  }

  /** Every dataset's record events. */
  public Observable<RecordEvent> events() {
    return events;
  }

  /** Local datasets of the current owner, not locally deleted, with local sizes. */
  public List<DatasetMetadata> listDatasets() {
    checkOpen();
    String owner = owner();
    return store.read(tx -> {
      List<DatasetMetadata> out = new ArrayList<>();
      for (LocalDataset ds : tx.datasets(owner)) {
        if (!ds.isDeletedLocally()) {
          out.add(DatasetCore.metadataOf(ds, tx.usage(owner, ds.name())));
        }
      }
      return out;
    });
  }

  /** Pages through ListDatasets and records what the server says about each dataset locally. */
  public Single<List<DatasetMetadata>> refreshDatasetMetadata() {
    return UntilClosed.single(this, "refreshDatasetMetadata", Single.defer(() -> {
      checkOpen();
      return identityId().flatMap(id -> local(() -> {
        ensureAdopted(id, true);
        return id;
      })).flatMap(id -> {
        long epoch = identityEpoch();
        List<DatasetMetadata> all = new ArrayList<>();
        return fetchDatasetPages(id, null, all).flatMap(done -> local(() -> store.write(tx -> {
          if (identityEpoch() != epoch) {
            throw new dev.offsync.IdentityChangedException("identity changed during refreshDatasetMetadata");
          }
          for (DatasetMetadata m : all) {
            LocalDataset ds = tx.dataset(id, m.name());
            LocalDataset.Builder b = ds != null ? ds.newBuilder() : LocalDataset.builder(id, m.name());
            if (ds == null) {
              int live = 0;
              for (LocalDataset other : tx.datasets(id)) {
                live += other.isDeletedLocally() ? 0 : 1;
              }
              if (live >= limits.maxDatasets()) {
                throw new LimitExceededException("more than " + limits.maxDatasets() + " datasets");
              }
            }
            tx.putDataset(b.creationDate(m.creationDate()).lastModifiedDate(m.lastModifiedDate())
                .lastModifiedBy(m.lastModifiedBy()).remoteStorageBytes(Math.max(0, m.storageSizeBytes()))
                .remoteRecordCount(Math.max(0, m.recordCount())).build());
          }
          return Collections.unmodifiableList(all);
        })));
      });
    }).onErrorResumeNext(e -> Single.error(SyncErrors.wrap(e))));
  }

  private Single<Boolean> fetchDatasetPages(String id, String token, List<DatasetMetadata> into) {
    return remote.listDatasets(id, token, RemoteStore.MAX_DATASETS_PER_PAGE).flatMap((DatasetPage page) -> {
      into.addAll(page.datasets());
      return page.nextToken() == null ? Single.just(true) : fetchDatasetPages(id, page.nextToken(), into);
    });
  }

  /** Syncs every local dataset, one after the other; fails with the first error after trying all. */
  public Single<List<SyncReport>> syncAll() {
    return UntilClosed.single(this, "syncAll", Single.defer(() -> {
      checkOpen();
      return local(this::localDatasetNames);
    }).flatMap(names -> Observable.fromIterable(names)
        // each outcome as a value, not an error of the stream: concatMap hands an inner error that arrives once
        // it is disposed (close() ending syncAll at that moment) to RxJavaPlugins.onError
        .concatMapSingle(name -> dataset(name).requestSync(false).map(Notification::createOnNext)
            .onErrorReturn(Notification::createOnError))
        .toList()
        .map(ClientCore::reportsOrFirstError)));
  }

  private static List<SyncReport> reportsOrFirstError(List<Notification<SyncReport>> outcomes) throws Throwable {
    List<SyncReport> reports = new ArrayList<>(outcomes.size());
    for (Notification<SyncReport> outcome : outcomes) {
      if (outcome.isOnError()) {
        throw outcome.getError();
      }
      reports.add(outcome.getValue());
    }
    return Collections.unmodifiableList(reports);
  }

  /** Deletes every local dataset and record of every owner (the identity provider is untouched). */
  public void wipeData() {
    checkOpen();
    long epoch = -1;
    try {
      synchronized (identityLock) {
        // like an identity change, a wipe ends the local state running syncs captured: they commit nothing more
        epoch = identityEpoch.incrementAndGet();
        lastAbortingEpoch = epoch;
        store.write(tx -> {
          tx.deleteAll();
          return null;
        });
      }
      for (DatasetCore d : datasets.values()) {
        d.onWiped();
      }
      recomputeStatus();
    } finally {
      markSettled(epoch);
    }
  }

  /** Stops everything: running and pending syncs fail with {@link ClientClosedException}. */
  public void close() {
    if (closed) {
      return;
    }
    closed = true;
    subscriptions.dispose();
    for (DatasetCore d : datasets.values()) {
      d.close();
    }
    closedSignal.onComplete();
    recomputeStatus();
    synchronized (status) {
      status.onComplete();
    }
    progress.onComplete();
    events.onComplete();
  }

  /** Used by {@link DatasetCore} to keep background work disposable with the client. */
  void track(io.reactivex.rxjava3.disposables.Disposable d) {
    if (closed) {
      d.dispose();
    } else {
      subscriptions.add(d);
    }
  }

  void untrack(io.reactivex.rxjava3.disposables.Disposable d) {
    subscriptions.delete(d);
  }
}
