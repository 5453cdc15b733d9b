package dev.offsync.awscompat;

import dev.offsync.Dataset;
import dev.offsync.DatasetChange;
import dev.offsync.DatasetMetadata;
import dev.offsync.Record;
import dev.offsync.SyncConflict;
import dev.offsync.SyncReport;
import io.reactivex.rxjava3.core.Single;
import io.reactivex.rxjava3.disposables.Disposable;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * AWS's {@code Dataset} on top of an offsync {@link Dataset}: local reads and writes are the engine's (they block
 * on the local store: call them off the UI thread), and {@link #synchronize(SyncCallback)} runs the engine's sync
 * and translates its {@link SyncReport} into AWS's callbacks.
 *
 * <p>Guarantees beyond AWS's client: every {@code synchronize} ends with exactly one terminal callback
 * ({@link SyncCallback#onSuccess} or {@link SyncCallback#onFailure}) even when a callback returns {@code false}
 * or throws; a cancelled conflict stays stored as a dirty local edit with its conflict (see {@link #getConflicts()})
 * and is never overwritten; all handles of one dataset share one sync at a time (the engine's).
 *
 * <p>Conflicts reach {@link SyncCallback#onConflict} only if the engine's resolver defers them: build the
 * {@link dev.offsync.SyncClient} with {@link dev.offsync.ConflictResolvers#deferAll()} to get AWS's behaviour;
 * with another resolver the engine decides and the decisions are in the report.
 */
public final class CompatDataset {
  /** How many times a sync is re-run to push conflict resolutions before giving up (AWS: 3 retries). */
  static final int MAX_ROUNDS = 4;

  private final Dataset dataset;

  CompatDataset(Dataset dataset) {
    this.dataset = Objects.requireNonNull(dataset, "dataset == null");
  }

  /**
   * AWS's {@code Dataset.SyncCallback}. Callbacks run on the engine's I/O thread. A callback that throws is
   * treated as a cancel (its exception is the cause of the terminal {@link #onFailure}); one that blocks delays
   * only this sync.
   */
  public interface SyncCallback {
    /**
     * The sync succeeded.
     *
     * @param dataset the dataset
     * @param updatedRecords the records the sync changed locally (pulled from the server)
     */
    void onSuccess(CompatDataset dataset, List<Record> updatedRecords);

    /**
     * Local edits conflict with newer server records. Resolve them with {@link CompatDataset#resolve(List)} and
     * return {@code true} to push the resolutions; return {@code false} to cancel: the edits stay local and
     * dirty, the conflicts stay in {@link CompatDataset#getConflicts()}, and the sync ends with
     * {@link #onFailure} ({@link CompatSyncException.Reason#CANCELLED}).
     *
     * @param dataset the dataset
     * @param conflicts the conflicts
     * @return {@code true} to continue, {@code false} to cancel
     */
    boolean onConflict(CompatDataset dataset, List<CompatConflict> conflicts);

    /**
     * The dataset was deleted on the server. The engine already applied its
     * {@link dev.offsync.RemoteDeletionPolicy} (no local edit is dropped by it); return {@code false} to end this
     * sync with {@link #onFailure} instead of {@link #onSuccess}.
     *
     * @param dataset the dataset
     * @param datasetName its name
     * @return {@code true} to finish with success
     */
    boolean onDatasetDeleted(CompatDataset dataset, String datasetName);

    /**
     * The server reports datasets merged into this one (identity merge). Fold them with
     * {@link Dataset#foldMerged} on {@link CompatDataset#unwrap()}. Return {@code false} to end this sync with
     * {@link #onFailure}; the sync itself already ran (unlike AWS, merges never stop syncs).
     *
     * @param dataset the dataset
     * @param datasetNames the merged datasets' names
     * @return {@code true} to continue
     */
    boolean onDatasetsMerged(CompatDataset dataset, List<String> datasetNames);

    /**
     * The sync failed or was cancelled; nothing local was lost.
     *
     * @param exception why
     */
    void onFailure(CompatSyncException exception);
  }

  /** @return the engine dataset behind this handle */
  public Dataset unwrap() {
    return dataset;
  }

  /** @return the dataset name */
  public String getName() {
    return dataset.name();
  }

  /**
   * The live value of {@code key}.
   *
   * @param key the key
   * @return the value, or {@code null} if absent or deleted
   */
  public String get(String key) {
    return dataset.get(key);
  }

  /**
   * Stores a value; it is pushed by the next sync.
   *
   * @param key the key
   * @param value the value; {@code null} removes the key
   */
  public void put(String key, String value) {
    if (value == null) {
      dataset.remove(key);
    } else {
      dataset.put(key, value);
    }
  }

  /**
   * Stores several values atomically ({@code null} removes).
   *
   * @param values values by key
   */
  public void putAll(Map<String, String> values) {
    dataset.putAll(values);
  }

  /**
   * Removes a key (a tombstone pushed by the next sync).
   *
   * @param key the key
   */
  public void remove(String key) {
    dataset.remove(key);
  }

  /** @return the live values, tombstones excluded */
  public Map<String, String> getAll() {
    return dataset.getAll();
  }

  /** @return every stored record, tombstones included */
  public List<Record> getAllRecords() {
    return dataset.records();
  }

  /**
   * Whether {@code key} has a local change not yet acknowledged by the server.
   *
   * @param key the key
   * @return {@code true} if dirty
   */
  public boolean isChanged(String key) {
    return dataset.isChanged(key);
  }

  /** @return UTF-8 bytes of the live records' keys and values (tombstones do not count, unlike AWS) */
  public long getTotalSizeInBytes() {
    return dataset.sizeInBytes();
  }

  /**
   * The size of one record.
   *
   * @param key the key
   * @return UTF-8 bytes of key and value; 0 for an absent or deleted key
   */
  public long getSizeInBytes(String key) {
    return dataset.sizeInBytes(key);
  }

  /** @return the local metadata */
  public DatasetMetadata getDatasetMetadata() {
    return dataset.metadata();
  }

  /** @return the watermark: 0 never synced, -1 deleted locally with the remote delete pending */
  public long getLastSyncCount() {
    return dataset.lastSyncCount();
  }

  /** Deletes the dataset locally; the next sync deletes it on the server. */
  public void delete() {
    dataset.delete();
  }

  /** @return the conflicts awaiting a decision (deferred by the engine), ordered by key */
  public List<CompatConflict> getConflicts() {
    List<CompatConflict> out = new ArrayList<>();
    for (SyncConflict c : dataset.conflicts()) {
      out.add(new CompatConflict(c));
    }
    return out;
  }

  /**
   * Applies conflict decisions, each in the engine's local transaction against the stored conflict (a local
   * write made since is never clobbered). The next sync pushes them.
   *
   * @param resolutions decisions from {@link CompatConflict}'s {@code resolveWith...} methods
   * @throws IllegalArgumentException if a key has no pending conflict
   */
  public void resolve(List<CompatResolution> resolutions) {
    Objects.requireNonNull(resolutions, "resolutions == null");
    for (CompatResolution r : resolutions) {
      Objects.requireNonNull(r, "resolution == null");
      dataset.resolve(r.key(), r.resolution());
    }
  }

  /**
   * Syncs in the background and reports through {@code callback}: exactly one of
   * {@link SyncCallback#onSuccess} or {@link SyncCallback#onFailure} is called, once.
   *
   * @param callback the callback
   */
  public void synchronize(SyncCallback callback) {
    Objects.requireNonNull(callback, "callback == null");
    new Run(callback).start(dataset.sync());
  }

  /**
   * Syncs as soon as the network is available (at once if online). Unlike AWS, the request is held strongly by
   * the engine until it runs; it does not survive process death.
   *
   * @param callback the callback
   */
  public void synchronizeOnConnectivity(SyncCallback callback) {
    Objects.requireNonNull(callback, "callback == null");
    new Run(callback).start(dataset.syncOnConnectivity());
  }

  @Override
  public String toString() {
    return "CompatDataset{" + dataset.name() + "}";
  }

  /** One {@code synchronize} call: its rounds and its single terminal callback. */
  private final class Run {
    private final SyncCallback callback;
    private final AtomicBoolean ended = new AtomicBoolean();
    private final List<Record> updated = Collections.synchronizedList(new ArrayList<>());
    private int round;

    Run(SyncCallback callback) {
      this.callback = callback;
    }

    void start(Single<SyncReport> sync) {
      // AWS's updatedRecords are the pulled records: remote changes, not the acknowledgements of our own pushes
      // (which change the sync count but not the value stored before the sync)
      Map<String, String> before = new java.util.HashMap<>();
      for (Record r : dataset.records()) {
        before.put(r.key(), r.value());
      }
      Disposable changes = dataset.observe()
          .filter(c -> c.source() == DatasetChange.Source.REMOTE
              && (!before.containsKey(c.key()) || !Objects.equals(before.get(c.key()), c.value())))
          .subscribe(c -> updated.add(c.record()), e -> { });
      sync.subscribe(report -> {
        changes.dispose();
        try {
          after(report);
        } catch (Throwable t) {
          fail(CompatSyncException.Reason.SYNC_FAILED, "sync outcome could not be handled", t);
        }
      }, error -> {
        changes.dispose();
        fail(CompatSyncException.Reason.SYNC_FAILED, "sync failed: " + error, error);
      });
    }

    private void after(SyncReport report) {
      round++;
      if (round == 1 && !report.mergedDatasetNames().isEmpty()
          && !ask("onDatasetsMerged", () -> callback.onDatasetsMerged(CompatDataset.this,
              report.mergedDatasetNames()))) {
        return;
      }
      if (round == 1 && (report.datasetDeleted() || report.remoteDeletionDetected())
          && !ask("onDatasetDeleted", () -> callback.onDatasetDeleted(CompatDataset.this, dataset.name()))) {
        return;
      }
      List<CompatConflict> conflicts = getConflicts();
      if (conflicts.isEmpty()) {
        succeed();
        return;
      }
      if (round >= MAX_ROUNDS) {
        fail(CompatSyncException.Reason.UNRESOLVED_CONFLICTS,
            "conflicts still unresolved after " + round + " syncs: " + keys(conflicts), null);
        return;
      }
      if (!ask("onConflict", () -> callback.onConflict(CompatDataset.this, conflicts))) {
        return;
      }
      List<CompatConflict> left = getConflicts();
      if (!left.isEmpty()) {
        fail(CompatSyncException.Reason.UNRESOLVED_CONFLICTS,
            "onConflict returned true but left conflicts unresolved (kept, dirty): " + keys(left), null);
        return;
      }
      start(dataset.sync());
    }

    /** Calls a deciding callback; on {@code false} or a throw ends the run with onFailure and returns false. */
    private boolean ask(String name, java.util.function.BooleanSupplier question) {
      boolean answer;
      try {
        answer = question.getAsBoolean();
      } catch (Throwable t) {
        fail(CompatSyncException.Reason.CALLBACK_FAILED, name + " threw: " + t, t);
        return false;
      }
      if (!answer) {
        fail(CompatSyncException.Reason.CANCELLED, name + " returned false (nothing local was dropped)", null);
      }
      return answer;
    }

    private void succeed() {
      if (ended.compareAndSet(false, true)) {
        List<Record> records;
        synchronized (updated) {
          records = Collections.unmodifiableList(new ArrayList<>(updated));
        }
        try {
          callback.onSuccess(CompatDataset.this, records);
        } catch (Throwable ignored) {
          // the app's own terminal callback failed: the sync is over and nothing is left to undo
        }
      }
    }

    private void fail(CompatSyncException.Reason reason, String message, Throwable cause) {
      if (ended.compareAndSet(false, true)) {
        try {
          callback.onFailure(new CompatSyncException(reason, message, cause));
        } catch (Throwable ignored) {
          // as in succeed(): never rethrown into RxJava (it would reach RxJavaPlugins.onError)
        }
      }
    }

    private List<String> keys(List<CompatConflict> conflicts) {
      List<String> out = new ArrayList<>();
      for (CompatConflict c : conflicts) {
        out.add(c.getKey());
      }
      return out;
    }
  }
}
