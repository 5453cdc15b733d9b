package dev.offsync.internal;

import dev.offsync.ConflictException;
import dev.offsync.ConflictResolver;
import dev.offsync.ConflictRetriesExhaustedException;
import dev.offsync.DatasetNotFoundException;
import dev.offsync.IdentityChangedException;
import dev.offsync.InvalidParameterException;
import dev.offsync.LimitExceededException;
import dev.offsync.Limits;
import dev.offsync.spi.DatasetUsage;
import dev.offsync.RecordEvent;
import dev.offsync.RemoteDeletionPolicy;
import dev.offsync.Resolution;
import dev.offsync.ResolvedConflict;
import dev.offsync.SyncConflict;
import dev.offsync.SyncProgress;
import dev.offsync.SyncReport;
import dev.offsync.SyncStatus;
import dev.offsync.spi.LocalDataset;
import dev.offsync.spi.LocalRecord;
import dev.offsync.spi.LocalTransaction;
import dev.offsync.spi.RecordPage;
import dev.offsync.spi.RecordPatch;
import dev.offsync.spi.RecordWrite;
import dev.offsync.spi.RemoteRecord;
import dev.offsync.spi.RemoteStore;
import io.reactivex.rxjava3.core.Single;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * One sync of one dataset: capture identity and watermark, delete remotely if deleted locally, pull pages
 * and merge them (compare-and-set, one transaction per page), push dirty records in batches, and on a
 * stale-sync-count conflict rewind to the lowest pushed base and go again, a bounded number of times.
 * Runs as one reactive chain; local work runs on the I/O scheduler, never blocking inside the chain
 * otherwise. Instances are used once and are confined to the chain (sequential access). Not API.
 */
final class SyncRun {
  private static final Object REPAIR = new Object();
  private static final Object CONFLICT = new Object();

  private enum Outcome { DONE, CONFLICT }

  private enum DeletionOutcome { PURGED, RECREATED }

  private final DatasetCore ds;
  private final ClientCore c;
  private final String name;
  private final boolean full;
  private final Backoff conflictBackoff;

  private String id;
  private long epoch;
  private Instant startedAt;
  private long watermark;
  private long firstPageCount;
  private String sessionToken;
  private boolean repairTried;
  private boolean remoteDeletionHandled;
  /**
   * Whether the local copy had synced with the server (stored watermark above 0) when this run started: a pull
   * from 0 ({@code fullResync()}, a rewind to a new record's base) must still notice that the dataset died.
   */
  private boolean syncedBefore;
  /**
   * During a pull from 0: every key the listing held, with the highest sync count it listed (tombstones
   * included), so that the local records whose base the server's history contradicts can be found once the
   * last page is in ({@link #reconcileWithFullListing}); null during a pull from a count above 0.
   */
  private Map<String, Long> listed;
  /** Whether this run already re-pulled from 0 after rebasing records whose key the listing held lower. */
  private boolean relistedAfterReconcile;
  /** Set by {@link #reconcileWithFullListing}: a record was listed below its local base. */
  private boolean relistNeeded;
  /** Live records {@link #reconcileWithFullListing} purged, announced once its transaction committed. */
  private final List<LocalRecord> reconcilePurged = new ArrayList<>();
  private int attempts = 1;
  private ConflictException lastConflict;
  private long conflictMinBase;

  private long pullCompleted;
  private long pullTotal;
  private long pushCompleted;
  private long pushTotal;
  private long recordsPulled;
  private long recordsApplied;
  private long recordsPushed;
  private boolean datasetDeleted;
  private boolean remoteDeletionDetected;
  private boolean recreated;
  private final List<ResolvedConflict> conflicts = new ArrayList<>();
  /** Resolutions this run committed locally; carried to a later report if this run fails. */
  private final List<ResolvedConflict> committedResolutions = new ArrayList<>();
  private final Set<String> failedKeys = new LinkedHashSet<>();
  /**
   * Keys whose deferral this run committed. Their rows carry the conflict, so pushes skip them anyway. A deferral
   * whose compare-and-set lost to an app write is not in it: that write is pushed, meets a 409, and the next
   * round asks the resolver again on the app's new value (as for any resolution an app write superseded).
   */
  private final Set<String> deferredInRun = new LinkedHashSet<>();
  private final Set<String> mergedNames = new LinkedHashSet<>();

  SyncRun(DatasetCore ds, boolean full) {
    this.ds = ds;
    this.c = ds.client;
    this.name = ds.name;
    this.full = full;
    this.conflictBackoff = new Backoff(c.options.conflictRetryDelay(), c.options.conflictRetryMaxDelay(), c.random);
  }

  /**
   * A run of the same requested sync after {@code previous} failed (an identity merge overtook it): its progress
   * goes on from where {@code previous} stopped, the work {@code previous} did counting as completed, so nothing
   * the app saw for this sync decreases.
   */
  SyncRun(DatasetCore ds, boolean full, SyncRun previous) {
    this(ds, full);
    pullTotal = previous.pullTotal;
    pullCompleted = previous.pullTotal;
    pushTotal = previous.pushTotal;
    pushCompleted = previous.pushTotal;
  }

  /**
   * Whether the dataset's pending count was last computed by one of this run's own transactions, after its last
   * change to the records; {@link #finish()} then need not count again (the count reads the whole dataset in
   * some stores). App writes made meanwhile set the count themselves.
   */
  private boolean pendingCountFresh;

  /** @return the identity this run syncs as, once it started; null before, or if it never got one */
  String identityId() {
    return id;
  }

  /** @return the client's identity epoch when this run captured its identity */
  long startEpoch() {
    return epoch;
  }

  Single<SyncReport> execute() {
    long[] asked = new long[1];
    return Single.defer(() -> {
      startedAt = c.clock.instant();
      progress(SyncProgress.Phase.STARTING);
      asked[0] = c.identityEpoch();
      return c.identityId();
    }).flatMap(identityId -> c.local(() -> {
      id = identityId;
      epoch = c.identityEpoch();
      String current = c.identity.currentIdentityId();
      if (current != null && !current.equals(identityId)) {
        // the id was stale when it arrived (the identity moved while the provider answered): adopt nothing for
        // it, and let the changes since the question decide whether the sync runs again as the new identity
        epoch = asked[0];
        throw new IdentityChangedException("the identity changed from " + identityId + " to " + current
            + " while the sync of " + name + " asked for it");
      }
      c.ensureAdopted(identityId, true);
      epoch = c.identityEpoch();
      checkIdentity();
      return java.util.Optional.ofNullable(c.store.read(tx -> tx.dataset(id, name)));
    }))
        .flatMap(start -> {
          LocalDataset row = start.orElse(null);
          if (row != null && row.isDeletedLocally()) {
            return deleteRemotely();
          }
          syncedBefore = row != null && row.watermark() > 0;
          watermark = full || row == null ? 0 : row.watermark();
          return pullPush(watermark);
        })
        .flatMap(done -> c.local(this::finish))
        // a failed run may have stopped anywhere: count the pending edits again, on the I/O scheduler (the error
        // may arrive on the timer's or the transport's thread)
        .onErrorResumeNext(e -> c.local(() -> {
          ds.refreshPendingCount();
          return Boolean.TRUE;
        }).flatMap(x -> Single.<SyncReport>error(e)))
        // the FAILED progress is the caller's to announce (announceFailure): the sync may run again instead
        .doOnError(e -> ds.carryOver(committedResolutions));
  }

  /** Announces that the requested sync ended with this run's failure: FAILED progress, completed = total. */
  void announceFailure() {
    pullCompleted = pullTotal;
    pushCompleted = pushTotal;
    progress(SyncProgress.Phase.FAILED);
  }

  // ---------------------------------------------------------------- identity

  private void checkIdentity() {
    if (c.identityEpoch() != epoch) {
      throw new IdentityChangedException("the identity changed (or local data was wiped) during the sync of "
          + name + "; nothing more was committed for " + id);
    }
    String current = c.identity.currentIdentityId();
    if (current != null && !current.equals(id)) {
      throw new IdentityChangedException("the identity changed from " + id + " to " + current
          + " during the sync of " + name);
    }
  }

  // ---------------------------------------------------------------- 1. local deletion

  private Single<Boolean> deleteRemotely() {
    progress(SyncProgress.Phase.DELETING);
    return c.remote.deleteDataset(id, name)
        .map(m -> Boolean.TRUE)
        .onErrorResumeNext(e -> e instanceof DatasetNotFoundException ? Single.just(Boolean.TRUE) : Single.error(e))
        .flatMap(x -> {
          ds.setActivity(SyncStatus.State.BUSY);
          return c.local(() -> c.store.write(tx -> {
            checkIdentity();
            pendingCountFresh = false;
            LocalDataset row = tx.dataset(id, name);
            if (row == null) {
              return DeletionOutcome.PURGED;
            }
            if (tx.records(id, name).isEmpty()) {
              tx.deleteDataset(id, name);
              return DeletionOutcome.PURGED;
            }
            // written after delete(): a new dataset, pushed from scratch
            Reparenting.resetAsNew(tx, id, name);
            return DeletionOutcome.RECREATED;
          }));
        })
        .flatMap(outcome -> {
          datasetDeleted = true;
          watermark = 0;
          if (outcome == DeletionOutcome.PURGED) {
            return Single.just(Boolean.TRUE);
          }
          return pullPush(0);
        });
  }

  // ---------------------------------------------------------------- attempts

  private Single<Boolean> pullPush(long from) {
    return pull(from)
        .flatMap(cont -> cont ? push() : Single.just(Outcome.DONE))
        .flatMap(outcome -> {
          if (outcome == Outcome.DONE) {
            return Single.just(Boolean.TRUE);
          }
          if (attempts >= c.options.maxConflictAttempts()) {
            return Single.error(new ConflictRetriesExhaustedException(attempts, lastConflict));
          }
          // the first conflict rewinds to the lowest rejected base, so the pull fetches what changed; if a
          // conflict comes back after that, some base is one the incremental pull cannot explain (a dataset
          // deleted and re-created behind a count the server does not flag): the next pull is a full listing
          // from 0, which reconcileWithFullListing treats as authoritative
          long rewind = attempts >= 2 ? 0 : Math.min(watermark, conflictMinBase);
          return c.local(() -> c.store.write(tx -> {
            checkIdentity();
            LocalDataset row = tx.dataset(id, name);
            if (row != null) {
              tx.putDataset(row.newBuilder().watermark(rewind).build());
            }
            return rewind;
          })).flatMap(w -> {
            watermark = w;
            return delay(attempts);
          }).flatMap(x -> {
            attempts++;
            return pullPush(watermark);
          });
        });
  }

  private Single<Long> delay(int failures) {
    long ms = conflictBackoff.delayMillis(failures, null);
    return ms <= 0 ? Single.just(0L) : Single.timer(ms, TimeUnit.MILLISECONDS, c.timer);
  }

  // ---------------------------------------------------------------- 2. pull

  /** Pulls every page after {@code from}; emits whether to go on with the push. */
  private Single<Boolean> pull(long from) {
    progress(SyncProgress.Phase.PULLING);
    listed = from == 0 ? new HashMap<>() : null;
    return fetch(from, null, true);
  }

  private Single<Boolean> fetch(long from, String token, boolean first) {
    Single<Object> call = c.remote.listRecords(id, name, from, token, RemoteStore.MAX_RECORDS_PER_PAGE,
            first ? null : sessionToken)
        .map(p -> (Object) p);
    if (first && from > 0 && !repairTried) {
      call = call.onErrorResumeNext(e -> isBadWatermark(e) ? Single.just(REPAIR) : Single.error(e));
    }
    return call.flatMap(o -> {
      if (o == REPAIR) {
        // "No such SyncCount": the watermark is above the server's count; repair it with a full pull.
        repairTried = true;
        watermark = 0;
        return pull(0);
      }
      return onPage(from, (RecordPage) o, first);
    });
  }

  private static boolean isBadWatermark(Throwable e) {
    return e instanceof InvalidParameterException && SyncErrors.asConflict(e) == null;
  }

  private Single<Boolean> onPage(long from, RecordPage page, boolean first) {
    if (first) {
      ds.setActivity(SyncStatus.State.BUSY);
      firstPageCount = page.datasetSyncCount();
      mergedNames.addAll(page.mergedDatasetNames());
      boolean deleted = ((from != 0 || syncedBefore) && !page.datasetExists())
          || page.datasetDeletedAfterRequestedSyncCount();
      if (deleted && !remoteDeletionHandled) {
        remoteDeletionHandled = true;
        remoteDeletionDetected = true;
        return c.local(() -> handleRemoteDeletion(page.datasetExists())).flatMap(outcome -> {
          watermark = 0;
          if (outcome == DeletionOutcome.PURGED && !page.datasetExists()) {
            return Single.just(Boolean.FALSE);
          }
          return pull(0);
        });
      }
    } else {
      mergedNames.addAll(page.mergedDatasetNames());
    }
    sessionToken = page.syncSessionToken();
    if (listed != null) {
      for (RemoteRecord r : page.records()) {
        listed.merge(r.key(), r.syncCount(), Math::max);
      }
    }
    recordsPulled += page.records().size();
    pullTotal += page.records().size();
    progress(SyncProgress.Phase.PULLING);
    boolean last = page.nextToken() == null;
    return c.local(() -> applyPage(page, last))
        .flatMap(x -> {
          if (!last) {
            return fetch(from, page.nextToken(), false);
          }
          if (from == 0 && relistNeeded && !relistedAfterReconcile) {
            relistedAfterReconcile = true;
            return pull(0);
          }
          return Single.just(Boolean.TRUE);
        });
  }

  /**
   * After a complete listing from 0: the listing holds every key the server's dataset has ever had in its
   * current incarnation (tombstones included), each at its latest count, and counts are never reused. A local
   * record with a base above 0 whose key the listing lacks, or lists below that base, was based on a state the
   * server no longer has: the dataset was deleted (and maybe re-created) since, whatever the watermark says. Such
   * a record is repaired key by key, in one transaction: a tombstone goes; a clean record goes too (its key was
   * deleted remotely) unless the policy is {@link RemoteDeletionPolicy#ALWAYS_RECREATE}, which keeps it as a new
   * record; a dirty record is rebased on 0 (a new record of the new incarnation, pushed by this sync) unless the
   * policy is {@link RemoteDeletionPolicy#ALWAYS_PURGE}. Any deferred conflict of such a record goes with its
   * base. No push ever goes out on a base the server cannot have.
   *
   * A record listed below its local base (a server that reused counts) had its key's remote state skipped by
   * the merge: {@link #relistNeeded} asks for one more listing from 0, to merge it on the new base. Runs in the
   * last page's transaction, before the watermark is stored.
   */
  private void reconcileWithFullListing(LocalTransaction tx) {
    Map<String, Long> seen = listed;
    relistNeeded = false;
    reconcilePurged.clear();
    RemoteDeletionPolicy policy = c.options.remoteDeletionPolicy();
    List<String> drop = new ArrayList<>();
    List<RecordWrite> writes = new ArrayList<>();
    boolean contradicted = false;
    for (LocalRecord r : tx.records(id, name)) {
      Long count = seen.get(r.key());
      if (r.syncCount() == 0) {
        if (r.isDeleted() && r.isDirty() && r.pendingConflict() == null && count == null) {
          // a removal on base 0 (kept across a remote deletion) of a key the server's dataset does not have:
          // nothing is left to remove
          drop.add(r.key());
        }
        continue;
      }
      if (count != null && count >= r.syncCount()) {
        continue;
      }
      relistNeeded |= count != null;
      contradicted = true;
      boolean keep = r.isDeleted()
          ? r.isDirty() && count != null && policy != RemoteDeletionPolicy.ALWAYS_PURGE
          : r.isDirty() ? policy != RemoteDeletionPolicy.ALWAYS_PURGE
              : policy == RemoteDeletionPolicy.ALWAYS_RECREATE;
      if (keep) {
        recreated |= !r.isDeleted();
        writes.add(RecordWrite.ifVersion(
            r.newBuilder().syncCount(0).baseValue(null).dirty(true).pendingConflict(null).build(), r.version()));
      } else {
        drop.add(r.key());
        if (!r.isDeleted()) {
          reconcilePurged.add(r);
        }
      }
    }
    remoteDeletionDetected |= contradicted;
    if (!drop.isEmpty()) {
      tx.deleteRecords(id, name, drop);
    }
    if (!writes.isEmpty()) {
      tx.writeRecords(id, name, writes);
    }
  }

  /**
   * Applies the remote deletion policy to the whole local copy. With {@code serverHasDataset} (deleted and
   * re-created), pending removals are kept on base 0 whatever the policy keeps of the rest (except
   * {@link RemoteDeletionPolicy#ALWAYS_PURGE}): the pull from 0 that follows turns each into a conflict with the
   * new dataset's value of the key, or drops it if the new dataset has no such key.
   */
  private DeletionOutcome handleRemoteDeletion(boolean serverHasDataset) {
    List<LocalRecord> purged = new ArrayList<>();
    DeletionOutcome outcome = c.store.write(tx -> {
      checkIdentity();
      pendingCountFresh = false;
      LocalDataset row = tx.dataset(id, name);
      if (row == null) {
        return DeletionOutcome.PURGED;
      }
      boolean dirty = false;
      for (LocalRecord r : tx.dirtyRecords(id, name)) {
        dirty |= !r.isDeleted();
      }
      RemoteDeletionPolicy policy = c.options.remoteDeletionPolicy();
      boolean recreate = policy == RemoteDeletionPolicy.ALWAYS_RECREATE
          || (policy == RemoteDeletionPolicy.PURGE_UNLESS_DIRTY && dirty);
      if (recreate) {
        Reparenting.resetAsNew(tx, id, name, serverHasDataset);
        return DeletionOutcome.RECREATED;
      }
      List<String> drop = new ArrayList<>();
      List<RecordWrite> removals = new ArrayList<>();
      for (LocalRecord r : tx.records(id, name)) {
        if (serverHasDataset && policy != RemoteDeletionPolicy.ALWAYS_PURGE && r.isDeleted() && r.isDirty()) {
          removals.add(RecordWrite.unconditional(
              r.newBuilder().syncCount(0).baseValue(null).pendingConflict(null).build()));
        } else {
          drop.add(r.key());
          purged.add(r);
        }
      }
      if (removals.isEmpty()) {
        tx.deleteDataset(id, name);
      } else {
        tx.deleteRecords(id, name, drop);
        tx.writeRecords(id, name, removals);
        tx.putDataset(row.newBuilder().watermark(0).build());
      }
      return DeletionOutcome.PURGED;
    });
    if (outcome == DeletionOutcome.RECREATED) {
      recreated = true;
    }
    for (LocalRecord r : purged) {
      if (!r.isDeleted()) {
        ds.emitChange(Records.toRecord(r.newBuilder().value(null).dirty(false).build()));
      }
    }
    return outcome;
  }

  /** What the merge decided for one key of a page. */
  private static final class Decision {
    final RecordWrite write;
    final SyncConflict conflict;
    final Resolution resolution;

    Decision(RecordWrite write, SyncConflict conflict, Resolution resolution) {
      this.write = write;
      this.conflict = conflict;
      this.resolution = resolution;
    }
  }

  private boolean applyPage(RecordPage page, boolean last) {
    Map<String, RemoteRecord> remote = new LinkedHashMap<>();
    Set<String> adoptedAfterMiss = new LinkedHashSet<>();
    for (RemoteRecord r : page.records()) {
      RemoteRecord prev = remote.get(r.key());
      if (prev == null || prev.syncCount() < r.syncCount()) {
        remote.put(r.key(), r);
      }
    }
    Map<String, LocalRecord> locals = new LinkedHashMap<>();
    Budget budget = remote.isEmpty() ? new Budget(0, 0) : c.store.read(tx -> {
      locals.putAll(tx.records(id, name, remote.keySet()));
      DatasetUsage usage = tx.usage(id, name);
      return new Budget(usage.liveRecordCount(), usage.liveBytes());
    });
    Instant now = c.clock.instant();
    ConflictResolver resolver = ds.resolver();
    List<Decision> decisions = new ArrayList<>();
    for (RemoteRecord r : remote.values()) {
      LocalRecord l = locals.get(r.key());
      int before = decisions.size();
      if (l == null) {
        decisions.add(new Decision(RecordWrite.ifVersion(Records.cleanFromRemote(r), RecordWrite.ABSENT), null, null));
      } else if (l.syncCount() >= r.syncCount()) {
        continue; // already have this or a later state (a re-pull after a rewind)
      } else if (l.pendingConflict() != null && l.pendingConflict().syncCount() >= r.syncCount()
          && !Objects.equals(l.value(), r.value())) {
        continue; // this remote state is already deferred to the app; only a newer one asks the resolver again
      } else if (!l.isDirty() || Objects.equals(l.value(), r.value())) {
        // clean: take remote; dirty with the same value: adopt its sync count and become clean
        decisions.add(new Decision(RecordWrite.ifVersion(Records.cleanFromRemote(r), l.version()), null, null));
      } else {
        Decision d = resolve(resolver, l, r, now, budget);
        if (d != null) {
          decisions.add(d);
        }
      }
      if (decisions.size() > before) {
        budget.apply(l, decisions.get(before).write.record());
      }
    }
    List<RecordWrite> writes = new ArrayList<>(decisions.size());
    for (Decision d : decisions) {
      writes.add(d.write);
    }
    long count = firstPageCount;
    Set<String> skipped = c.store.write(tx -> {
      checkIdentity();
      LocalDataset row = tx.dataset(id, name);
      if (row != null && row.isDeletedLocally()) {
        // the app deleted the dataset during the sync: nothing pulled may land in it (the next sync would push
        // it back as a new dataset), and every decision counts as skipped
        Set<String> all = new LinkedHashSet<>();
        for (RecordWrite w : writes) {
          all.add(w.record().key());
        }
        pendingCountFresh = false;
        return all;
      }
      if (row == null) {
        if (writes.isEmpty() && !page.datasetExists()) {
          return Collections.<String>emptySet();
        }
        row = LocalDataset.builder(id, name).creationDate(now).lastModifiedDate(now).build();
        tx.putDataset(row);
      }
      Set<String> s = writes.isEmpty() ? Collections.<String>emptySet() : tx.writeRecords(id, name, writes);
      if (!s.isEmpty()) {
        // a miss whose row is gone: the app removed a never-synced value meanwhile. Nothing of it is left to push
        // (a 409 would re-pull the remote record), and the watermark passes the remote record here, so take it
        // now, as for a key with no row
        Map<String, LocalRecord> rows = tx.records(id, name, s);
        List<RecordWrite> adopt = new ArrayList<>();
        for (String key : s) {
          if (!rows.containsKey(key)) {
            adopt.add(RecordWrite.ifVersion(Records.cleanFromRemote(remote.get(key)), RecordWrite.ABSENT));
          }
        }
        if (!adopt.isEmpty()) {
          Set<String> missed = tx.writeRecords(id, name, adopt);
          s = new LinkedHashSet<>(s);
          for (RecordWrite w : adopt) {
            if (!missed.contains(w.record().key())) {
              s.remove(w.record().key());
              adoptedAfterMiss.add(w.record().key());
            }
          }
        }
      }
      if (last) {
        if (listed != null) {
          reconcileWithFullListing(tx);
        }
        tx.putDataset(tx.dataset(id, name).newBuilder().watermark(count).build());
      }
      ds.setPendingCount(tx.usage(id, name).dirtyRecordCount());
      pendingCountFresh = true;
      return s;
    });
    if (last) {
      watermark = count;
      listed = null;
      for (LocalRecord r : reconcilePurged) {
        ds.emitChange(Records.toRecord(r.newBuilder().value(null).dirty(false).build()));
      }
      reconcilePurged.clear();
    }
    for (Decision d : decisions) {
      String key = d.write.record().key();
      if (skipped.contains(key)) {
        continue; // the app wrote the row meanwhile: its newer write wins and stays dirty
      }
      if (adoptedAfterMiss.contains(key)) {
        dev.offsync.Record stored = Records.toRecord(remote.get(key));
        recordsApplied++;
        c.emit(RecordEvent.pulled(name, stored));
        ds.emitChange(stored);
        continue;
      }
      if (d.resolution != null && d.resolution.kind() == Resolution.Kind.DEFER) {
        // only the conflict was stored in the row: its value did not change
        deferredInRun.add(key);
        conflicts.add(new ResolvedConflict(d.conflict, d.resolution, null));
        c.emit(RecordEvent.resolved(d.conflict, d.resolution));
        continue;
      }
      recordsApplied++;
      dev.offsync.Record stored = Records.toRecord(d.write.record());
      if (d.conflict != null) {
        conflicts.add(new ResolvedConflict(d.conflict, d.resolution, null));
        committedResolutions.add(new ResolvedConflict(d.conflict, d.resolution, null));
        c.emit(RecordEvent.resolved(d.conflict, d.resolution));
      } else {
        c.emit(RecordEvent.pulled(name, stored));
      }
      ds.emitChange(stored);
    }
    pullCompleted += page.records().size();
    progress(SyncProgress.Phase.PULLING);
    return true;
  }

  /**
   * Calls the resolver for a conflict; {@code null} if nothing is to be written (the resolver failed). A
   * deferral writes the conflict's remote side into the row.
   */
  private Decision resolve(ConflictResolver resolver, LocalRecord l, RemoteRecord r, Instant now, Budget budget) {
    SyncConflict conflict = new SyncConflict(name, Records.toRecord(l), Records.toRecord(r), l.baseValue(),
        l.syncCount());
    c.emit(RecordEvent.conflicted(conflict));
    Resolution resolution;
    try {
      resolution = resolver.resolve(conflict);
      if (resolution == null) {
        throw new NullPointerException("the resolver returned null for key " + l.key());
      }
      if (resolution.kind() == Resolution.Kind.USE_VALUE) {
        Validation.value(resolution.value(), c.limits);
      }
      if (resolution.kind() != Resolution.Kind.DEFER) {
        // a resolution the dataset limits cannot hold would make every later push fail: it fails here instead
        budget.check(l, DatasetCore.applyResolution(l, r, resolution, now), c.limits, name);
      }
    } catch (RuntimeException | Error e) {
      failedKeys.add(l.key());
      conflicts.add(new ResolvedConflict(conflict, null, e));
      c.emit(RecordEvent.failed(name, l.key(), conflict, e));
      return null;
    }
    // reported (and announced) only once its write committed: a write the app's own newer write skips
    // decided nothing, and the next round asks again on the new value
    if (resolution.kind() == Resolution.Kind.DEFER) {
      // kept in the row (value, dirty mark and base unchanged), so it survives restarts and is not pushed;
      // a newer remote state replaces it
      return new Decision(RecordWrite.ifVersion(l.newBuilder().pendingConflict(r).build(), l.version()), conflict,
          resolution);
    }
    LocalRecord next = DatasetCore.applyResolution(l, r, resolution, now);
    return new Decision(RecordWrite.ifVersion(next, l.version()), conflict, resolution);
  }

  /** The dataset's live record count and bytes as a page's decisions would leave them. */
  private static final class Budget {
    private long live;
    private long bytes;

    Budget(long live, long bytes) {
      this.live = live;
      this.bytes = bytes;
    }

    /** Throws {@link LimitExceededException} if replacing {@code before} by {@code after} breaks the limits. */
    void check(LocalRecord before, LocalRecord after, Limits limits, String dataset) {
      long newLive = live - liveOf(before) + liveOf(after);
      long newBytes = bytes - bytesOf(before) + bytesOf(after);
      if (newLive > limits.maxRecordsPerDataset()) {
        throw new LimitExceededException("resolving " + after.key() + " would leave dataset " + dataset + " with "
            + newLive + " records, more than " + limits.maxRecordsPerDataset());
      }
      if (newBytes > limits.maxDatasetBytes()) {
        throw new LimitExceededException("resolving " + after.key() + " would leave dataset " + dataset + " with "
            + newBytes + " bytes, more than " + limits.maxDatasetBytes());
      }
    }

    void apply(LocalRecord before, LocalRecord after) {
      live += liveOf(after) - liveOf(before);
      bytes += bytesOf(after) - bytesOf(before);
    }

    private static long liveOf(LocalRecord r) {
      return r == null || r.isDeleted() ? 0 : 1;
    }

    private static long bytesOf(LocalRecord r) {
      return r == null || r.isDeleted() ? 0 : Records.utf8Length(r.key()) + Records.utf8Length(r.value());
    }
  }

  // ---------------------------------------------------------------- 3. push

  private Single<Outcome> push() {
    return c.local(() -> c.store.read(tx -> tx.dirtyRecords(id, name))).flatMap(dirty -> {
      List<LocalRecord> toPush = new ArrayList<>();
      for (LocalRecord r : dirty) {
        if (r.pendingConflict() == null && !failedKeys.contains(r.key()) && !deferredInRun.contains(r.key())) {
          toPush.add(r);
        }
      }
      if (toPush.isEmpty()) {
        return Single.just(Outcome.DONE);
      }
      pushTotal += toPush.size();
      progress(SyncProgress.Phase.PUSHING);
      return pushBatches(batches(toPush), 0);
    });
  }

  private List<List<LocalRecord>> batches(List<LocalRecord> records) {
    List<List<LocalRecord>> out = new ArrayList<>();
    List<LocalRecord> current = new ArrayList<>();
    long bytes = 0;
    for (LocalRecord r : records) {
      long size = Records.utf8Length(r.key()) + Records.utf8Length(r.value());
      if (!current.isEmpty() && (current.size() >= c.limits.maxPatchesPerRequest()
          || bytes + size > c.limits.maxRequestBytes())) {
        out.add(current);
        current = new ArrayList<>();
        bytes = 0;
      }
      current.add(r);
      bytes += size;
    }
    if (!current.isEmpty()) {
      out.add(current);
    }
    return out;
  }

  private Single<Outcome> pushBatches(List<List<LocalRecord>> batches, int index) {
    if (index == batches.size()) {
      return Single.just(Outcome.DONE);
    }
    List<LocalRecord> batch = batches.get(index);
    List<RecordPatch> patches = new ArrayList<>(batch.size());
    long minBase = Long.MAX_VALUE;
    for (LocalRecord r : batch) {
      patches.add(r.isDeleted()
          ? RecordPatch.remove(r.key(), r.syncCount(), r.deviceLastModifiedDate())
          : RecordPatch.replace(r.key(), r.value(), r.syncCount(), r.deviceLastModifiedDate()));
      minBase = Math.min(minBase, r.syncCount());
    }
    long lowest = minBase;
    String token = sessionToken == null ? "" : sessionToken;
    return c.remote.updateRecords(id, name, patches, token, c.deviceId)
        .map(list -> (Object) list)
        .onErrorResumeNext(e -> {
          ConflictException conflict = SyncErrors.asConflict(e);
          if (conflict == null) {
            return Single.error(e);
          }
          lastConflict = conflict;
          conflictMinBase = lowest;
          return Single.just(CONFLICT);
        })
        .flatMap(o -> {
          if (o == CONFLICT) {
            long remaining = 0;
            for (int i = index; i < batches.size(); i++) {
              remaining += batches.get(i).size();
            }
            pushCompleted += remaining;
            progress(SyncProgress.Phase.PUSHING);
            return Single.just(Outcome.CONFLICT);
          }
          @SuppressWarnings("unchecked")
          List<RemoteRecord> returned = (List<RemoteRecord>) o;
          return c.local(() -> applyPushed(batch, returned)).flatMap(x -> pushBatches(batches, index + 1));
        });
  }

  private boolean applyPushed(List<LocalRecord> batch, List<RemoteRecord> returned) {
    Map<String, LocalRecord> sent = new LinkedHashMap<>();
    for (LocalRecord r : batch) {
      sent.put(r.key(), r);
    }
    Map<String, RemoteRecord> byKey = new LinkedHashMap<>();
    long max = -1;
    for (RemoteRecord r : returned) {
      byKey.put(r.key(), r);
      max = Math.max(max, r.syncCount());
    }
    long maxCount = max;
    // a push made only of new keys (base 0) also succeeds on a dataset deleted since the pull, re-creating it,
    // and the count it returns may still be watermark + 1: only a push with a patch on a base above 0 (which the
    // server refuses if that record is gone) or onto watermark 0 (a count-1 answer then means a dataset that
    // never existed before) proves that nothing else happened since the watermark
    boolean provesLive = watermark == 0;
    for (LocalRecord r : batch) {
      provesLive |= r.syncCount() > 0;
    }
    boolean fastForward = provesLive && maxCount == watermark + 1;
    List<LocalRecord> pushed = new ArrayList<>();
    List<LocalRecord> pulled = new ArrayList<>();
    Instant at = c.clock.instant();
    c.store.write(tx -> {
      checkIdentity();
      LocalDataset row = tx.dataset(id, name);
      if (row == null || row.isDeletedLocally()) {
        // deleted locally (or wiped) during the round trip: nothing may land in it; the next sync deletes remotely
        pendingCountFresh = false;
        return null;
      }
      Map<String, LocalRecord> current = byKey.isEmpty()
          ? Collections.<String, LocalRecord>emptyMap()
          : tx.records(id, name, byKey.keySet());
      List<RecordWrite> writes = new ArrayList<>();
      for (RemoteRecord rr : byKey.values()) {
        LocalRecord before = sent.get(rr.key());
        LocalRecord now = current.get(rr.key());
        LocalRecord next = null;
        if (before != null) {
          if (now == null) {
            if (rr.value() == null) {
              continue;
            }
            // the app removed a never-synced key during the round trip (its row simply went), but the server
            // now holds the pushed value: keep the removal pending, as a dirty tombstone on the new base
            writes.add(RecordWrite.ifVersion(Records.rebase(before, rr, null, true, at), RecordWrite.ABSENT));
            continue;
          }
          if (now.version() == before.version() || Objects.equals(now.value(), rr.value())) {
            next = Records.cleanFromRemote(rr);
          } else {
            // changed during the round trip: keep the app's value, dirty, on the new base
            next = now.newBuilder().syncCount(rr.syncCount()).baseValue(rr.value()).dirty(true)
                .lastModifiedDate(rr.lastModifiedDate()).lastModifiedBy(rr.lastModifiedBy()).build();
          }
          pushed.add(next);
        } else {
          // a record we did not send (a server-side trigger): apply it like a pulled one
          if (now == null || (now.syncCount() < rr.syncCount()
              && (!now.isDirty() || Objects.equals(now.value(), rr.value())))) {
            next = Records.cleanFromRemote(rr);
            pulled.add(next);
          } else {
            continue;
          }
        }
        writes.add(now == null ? RecordWrite.ifVersion(next, RecordWrite.ABSENT)
            : RecordWrite.ifVersion(next, now.version()));
      }
      if (!writes.isEmpty()) {
        tx.writeRecords(id, name, writes);
      }
      if (fastForward) {
        tx.putDataset(tx.dataset(id, name).newBuilder().watermark(maxCount).build());
        watermark = maxCount;
      }
      ds.setPendingCount(tx.usage(id, name).dirtyRecordCount());
      pendingCountFresh = true;
      return null;
    });
    for (LocalRecord r : pushed) {
      dev.offsync.Record rec = Records.toRecord(r);
      c.emit(RecordEvent.pushed(name, rec));
      ds.emitChange(rec);
    }
    for (LocalRecord r : pulled) {
      dev.offsync.Record rec = Records.toRecord(r);
      recordsApplied++;
      c.emit(RecordEvent.pulled(name, rec));
      ds.emitChange(rec);
    }
    recordsPushed += batch.size();
    pushCompleted += batch.size();
    progress(SyncProgress.Phase.PUSHING);
    return true;
  }

  // ---------------------------------------------------------------- finish

  private SyncReport finish() {
    Instant end = c.clock.instant();
    List<String> localMerged = new ArrayList<>();
    Set<String> deferredKeys = new LinkedHashSet<>();
    boolean sameIdentity = c.identityEpoch() == epoch;
    c.store.write(tx -> {
      for (LocalRecord r : tx.conflictedRecords(id, name)) {
        deferredKeys.add(r.key());
      }
      for (LocalDataset other : tx.datasets(id)) {
        if (!other.isDeletedLocally()
            && Reparenting.isMergedCopyName(name, other.name(), c.limits.maxDatasetNameLength())) {
          localMerged.add(other.name());
        }
      }
      LocalDataset row = tx.dataset(id, name);
      if (row != null && sameIdentity) {
        tx.putDataset(row.newBuilder().lastSyncedAt(end).build());
      }
      if (row == null) {
        ds.setPendingCount(0);
      } else if (!pendingCountFresh) {
        ds.setPendingCount(tx.usage(id, name).dirtyRecordCount());
      }
      return null;
    });
    mergedNames.addAll(localMerged);
    pullCompleted = pullTotal;
    pushCompleted = pushTotal;
    progress(SyncProgress.Phase.DONE);
    SyncReport.Builder b = SyncReport.builder(name, id)
        .startedAt(startedAt)
        .duration(Duration.between(startedAt, end).isNegative() ? Duration.ZERO : Duration.between(startedAt, end))
        .attempts(attempts)
        .recordsPulled(recordsPulled)
        .recordsApplied(recordsApplied)
        .recordsPushed(recordsPushed)
        .deferredKeys(deferredKeys)
        .failedKeys(failedKeys)
        .mergedDatasetNames(new ArrayList<>(mergedNames))
        .datasetDeleted(datasetDeleted)
        .remoteDeletionDetected(remoteDeletionDetected)
        .recreated(recreated)
        .syncCount(watermark);
    for (ResolvedConflict rc : ds.takeCarriedOver()) {
      b.addConflict(rc);
    }
    for (ResolvedConflict rc : conflicts) {
      b.addConflict(rc);
    }
    return b.build();
  }

  // ---------------------------------------------------------------- progress

  private void progress(SyncProgress.Phase phase) {
    ds.emitProgress(new SyncProgress(name, phase, Math.min(pullCompleted, pullTotal), pullTotal,
        Math.min(pushCompleted, pushTotal), pushTotal));
  }
}
