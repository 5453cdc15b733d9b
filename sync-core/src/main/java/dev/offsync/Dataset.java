package dev.offsync;

import static dev.offsync.internal.Preconditions.checkNotNull;

import dev.offsync.internal.DatasetCore;
import dev.offsync.internal.Validation;
import io.reactivex.rxjava3.annotations.CheckReturnValue;
import io.reactivex.rxjava3.core.Completable;
import io.reactivex.rxjava3.core.Flowable;
import io.reactivex.rxjava3.core.Observable;
import io.reactivex.rxjava3.core.Single;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.function.UnaryOperator;

/**
 * A handle on one dataset of the current identity (or of the local owner before any identity exists).
 * All handles of one dataset share one state and one sync at a time. Obtain it with
 * {@link SyncClient#dataset(String)}.
 *
 * <p>Reads and writes are local, work offline, and block on the local store: call them off the UI
 * thread. Writes are validated first ({@link ValidationException} for a bad key or value,
 * {@link LimitExceededException} for a dataset that would break {@link Limits}) and store nothing when
 * rejected. {@code null} means deleted and is never confused with {@code ""}. Syncs are reactive:
 * {@link #sync()} returns a cold {@link Single} that starts (or joins) a sync when subscribed.
 */
public final class Dataset {
  private final SyncClient client;
  private final DatasetCore core;
  private final Limits limits;

  Dataset(SyncClient client, DatasetCore core, Limits limits) {
    this.client = client;
    this.core = core;
    this.limits = limits;
  }

  DatasetCore core() {
    return core;
  }

  /** @return the dataset name */
  public String name() {
    return core.name();
  }

  /**
   * The live value of {@code key}.
   *
   * @param key the key
   * @return the value, or {@code null} if absent or deleted
   */
  public String get(String key) {
    Record r = record(key);
    return r == null ? null : r.value();
  }

  /**
   * The stored record of {@code key}, tombstones included.
   *
   * @param key the key
   * @return the record, or {@code null} if the store has none
   */
  public Record record(String key) {
    checkNotNull(key, "key");
    return core.record(key);
  }

  /**
   * Stores {@code value} under {@code key}; the record becomes dirty (pending a push). Storing the value
   * the key already has changes nothing.
   *
   * @param key the key, 1..{@link Limits#maxKeyLength()} characters
   * @param value the value, at most {@link Limits#maxValueLength()} characters; use {@link #remove} to delete
   * @throws ValidationException if the key or value breaks a limit
   * @throws LimitExceededException if the dataset would exceed its record count or size, or a new dataset
   *     the dataset count
   */
  public void put(String key, String value) {
    Validation.key(key, limits);
    Validation.value(value, limits);
    core.write(Collections.singletonMap(key, value));
  }

  /**
   * Stores several values atomically: all or none. A {@code null} value removes its key.
   *
   * @param values values by key
   * @throws ValidationException if any key or value breaks a limit (nothing is stored)
   * @throws LimitExceededException if the dataset would break its limits (nothing is stored)
   */
  public void putAll(Map<String, String> values) {
    checkNotNull(values, "values");
    Map<String, String> copy = new LinkedHashMap<>();
    for (Map.Entry<String, String> e : values.entrySet()) {
      Validation.key(e.getKey(), limits);
      if (e.getValue() != null) {
        Validation.value(e.getValue(), limits);
      }
      copy.put(e.getKey(), e.getValue());
    }
    core.write(copy);
  }

  /**
   * Atomic read-modify-write of one key: applies {@code function} to the key's current local value ({@code null}
   * if absent or removed) and stores what it returns ({@code null} removes the key; the same value changes
   * nothing), in one local transaction that commits only if the record did not change since the function read it
   * (compare-and-set on the record's version). If it changed (a sync applied a pulled or pushed record, another
   * thread wrote it), the function is applied again to the new value. So no write made meanwhile, by the
   * synchronizer or the app, is lost, as a {@link #get} followed by a {@link #put} could. The function runs on the
   * calling thread, outside any transaction, possibly more than once: keep it free of side effects. A set kept as
   * comma-separated members, merged with a member of this device:
   *
   * <pre>{@code
   * tags.update("favourites", current -> {
   *   Set<String> members = new TreeSet<>();
   *   if (current != null && !current.isEmpty()) {
   *     members.addAll(Arrays.asList(current.split(",")));
   *   }
   *   members.add("jazz");
   *   return String.join(",", members);
   * });
   * }</pre>
   *
   * @param key the key, 1..{@link Limits#maxKeyLength()} characters
   * @param function maps the current value to the new one; {@code null} in means no value, out means remove
   * @return the key's value after the update ({@code null} if it has none)
   * @throws ValidationException if the key or the returned value breaks a limit (nothing is stored)
   * @throws LimitExceededException if the dataset would break its limits (nothing is stored)
   * @throws ConcurrentUpdateException if the record changed before every one of many attempts could write
   *     (nothing is stored; a later retry may succeed)
   */
  public String update(String key, UnaryOperator<String> function) {
    Validation.key(key, limits);
    checkNotNull(function, "function");
    Map<String, String> after = core.update(Collections.singleton(key), current -> {
      Map<String, String> out = new LinkedHashMap<>();
      out.put(key, function.apply(current.get(key)));
      return out;
    });
    return after.get(key);
  }

  /**
   * Atomic read-modify-write of several keys, like {@link #update(String, UnaryOperator)}:
   * {@code function} gets the keys' current live values (a key with no value is absent from the map) and returns
   * the values to store ({@code null} removes a key; a key it leaves out stays as it is; it may not name a key
   * outside {@code keys}). All of it is written in one transaction that commits only if none of the keys' records
   * changed since the read, else the function is applied again.
   *
   * @param keys the keys read and possibly written, each 1..{@link Limits#maxKeyLength()} characters
   * @param function maps the current values to the values to store
   * @return the keys' live values after the update (a key with no value is absent)
   * @throws ValidationException if a key or a returned value breaks a limit (nothing is stored)
   * @throws LimitExceededException if the dataset would break its limits (nothing is stored)
   * @throws IllegalArgumentException if the function returns a key outside {@code keys} (nothing is stored)
   * @throws ConcurrentUpdateException if the records changed before every one of many attempts could write
   */
  public Map<String, String> updateAll(Set<String> keys,
      Function<Map<String, String>, Map<String, String>> function) {
    checkNotNull(keys, "keys");
    checkNotNull(function, "function");
    Set<String> copy = new LinkedHashSet<>();
    for (String key : keys) {
      Validation.key(key, limits);
      copy.add(key);
    }
    return core.update(Collections.unmodifiableSet(copy), function);
  }

  /**
   * Deletes {@code key}: it becomes a dirty tombstone, and the removal is pushed on the next sync. A key
   * that was never synced simply disappears. No effect if the key is absent or already deleted.
   *
   * @param key the key
   */
  public void remove(String key) {
    Validation.key(key, limits);
    core.write(Collections.singletonMap(key, null));
  }

  /** @return the live values by key, ordered by key (tombstones excluded) */
  public Map<String, String> getAll() {
    return core.getAll();
  }

  /** @return every stored record, tombstones included, ordered by key */
  public List<Record> records() {
    return core.records();
  }

  /**
   * Whether {@code key} has local changes the server has not acknowledged.
   *
   * @param key the key
   * @return {@code true} if dirty
   */
  public boolean isChanged(String key) {
    Record r = record(key);
    return r != null && r.isDirty();
  }

  /** @return the keys with unacknowledged local changes, tombstones included, ordered by key */
  public Set<String> pendingKeys() {
    return core.pendingKeys();
  }

  /** @return UTF-8 bytes of keys and values of the live records (what the 1 MB limit counts) */
  public long sizeInBytes() {
    return core.sizeInBytes();
  }

  /**
   * The UTF-8 bytes of {@code key} and its value.
   *
   * @param key the key
   * @return the size, or 0 if the key is absent or deleted
   */
  public long sizeInBytes(String key) {
    Record r = record(key);
    return r == null || r.isDeleted() ? 0
        : dev.offsync.internal.Records.utf8Length(key) + dev.offsync.internal.Records.utf8Length(r.value());
  }

  /** @return the local metadata: dates, and the live record count and size */
  public DatasetMetadata metadata() {
    return core.metadata();
  }

  /**
   * The dataset's watermark: the server sync count up to which all remote changes are applied.
   *
   * @return the watermark; 0 if never synced; -1 if deleted locally and the remote delete is pending
   */
  public long lastSyncCount() {
    return core.lastSyncCount();
  }

  /**
   * Deletes the dataset locally at once; the next sync deletes it on the server and purges it. Records
   * written after this call form a new dataset, pushed after the remote delete.
   */
  public void delete() {
    core.delete();
  }

  /**
   * Syncs this dataset: pull, merge, push, as described in {@code docs/sync-engine.md}. Cold: each
   * subscription requests a sync. If none is running one starts; if one is running, the request joins
   * the single pending sync that starts after it. Every subscriber gets exactly one outcome: a report,
   * or a {@link SyncException} ({@link NetworkException} at once when offline).
   *
   * @return the sync's report
   */
  @CheckReturnValue
  public Single<SyncReport> sync() {
    return core.requestSync(false);
  }

  /**
   * Syncs from watermark 0, re-reading every remote record: repairs any watermark. Local edits are kept.
   *
   * @return the sync's report
   */
  @CheckReturnValue
  public Single<SyncReport> fullResync() {
    return core.requestSync(true);
  }

  /**
   * Syncs as soon as the network is available: at once if online, else when the connectivity monitor
   * next reports it. Cold; disposing before then cancels the wait.
   *
   * @return the sync's report
   */
  @CheckReturnValue
  public Single<SyncReport> syncOnConnectivity() {
    return core.requestSyncOnConnectivity();
  }

  /**
   * Per-key changes as they happen, from local writes ({@link DatasetChange.Source#LOCAL}) and from syncs
   * ({@link DatasetChange.Source#REMOTE}). Hot; buffers for slow subscribers. Completes when the client closes.
   *
   * @return the changes
   */
  public Flowable<DatasetChange> observe() {
    return core.observe();
  }

  /**
   * Conflicts a resolver deferred, ordered by key. They stay dirty and are not pushed until {@link #resolve}.
   * Each one is kept in the local store with its record, so it is shared by every handle and client on the
   * store and survives a restart. Each conflict shows the record's current local state (an app write to
   * a deferred key keeps the conflict and shows here), the remote record it conflicts with and the base; a
   * sync that pulls a newer remote version of the key asks the resolver again (and a remote value equal to
   * the local one settles it). Reads the local store: call it off the UI thread.
   *
   * @return the deferred conflicts
   */
  public List<SyncConflict> conflicts() {
    return core.conflicts();
  }

  /**
   * Decides a deferred conflict against the remote record stored with it, and clears the conflict, in one
   * local transaction; the next sync pushes the outcome (unless it is {@link Resolution#useRemote()}).
   *
   * @param key the key of a conflict in {@link #conflicts()}
   * @param resolution the decision; {@link Resolution#defer()} leaves it deferred
   * @throws IllegalArgumentException if no conflict is deferred for {@code key}
   */
  public void resolve(String key, Resolution resolution) {
    checkNotNull(key, "key");
    checkNotNull(resolution, "resolution");
    core.resolve(key, resolution);
  }

  /**
   * Folds a merged dataset (one of {@link SyncReport#mergedDatasetNames()}) into this one and deletes it:
   * if it is not stored locally it is synced first (to fetch it); every live record of it is then written
   * into this dataset as a local change — keys equal on both sides are left alone, and keys holding
   * different values are decided by {@code resolver} (its {@link SyncConflict#local()} is this dataset's
   * record, {@link SyncConflict#remote()} the merged one's; {@link Resolution#defer()} keeps this
   * dataset's value); finally the merged dataset is deleted and that deletion synced. Sync this dataset
   * afterwards to push the result. The writes into this dataset and the deletion of the merged one are one
   * local transaction, made only if neither changed while the resolver decided (else it reads and decides
   * again); if the identity changes meanwhile the fold fails with {@link IdentityChangedException} and writes
   * nothing.
   *
   * @param mergedName the merged dataset's name
   * @param resolver decides keys present in both
   * @return completes when done
   */
  @CheckReturnValue
  public Completable foldMerged(String mergedName, ConflictResolver resolver) {
    checkNotNull(mergedName, "mergedName");
    checkNotNull(resolver, "resolver");
    return client.foldMerged(this, mergedName, resolver);
  }

  /**
   * Subscribes this device to the dataset ({@code SubscribeToDataset}): the server then sends a push message
   * after every change of it, which {@link SyncClient#handlePushNotification} turns into a sync. Uses the device
   * id {@link SyncClient#registerDevice} (or {@link SyncClient#restoreDeviceId}) gave the current identity.
   * The dataset need not exist on the server yet. Cold.
   *
   * @return completes when subscribed; fails with {@link DeviceNotRegisteredException} if no device is
   *     registered for the current identity (locally or on the server), else with the call's
   *     {@link SyncException}
   */
  @CheckReturnValue
  public Completable subscribe() {
    return client.subscription(this, true);
  }

  /**
   * Unsubscribes this device from the dataset ({@code UnsubscribeFromDataset}); nothing happens if it was not
   * subscribed. Uses the device id as {@link #subscribe()} does. Cold.
   *
   * @return completes when unsubscribed; fails as {@link #subscribe()} does
   */
  @CheckReturnValue
  public Completable unsubscribe() {
    return client.subscription(this, false);
  }

  /** @return this dataset's sync status: state, last sync, pending count, last error */
  public Observable<SyncStatus> status() {
    return core.status();
  }

  /** @return this dataset's current sync status */
  public SyncStatus currentStatus() {
    return core.currentStatus();
  }

  /** @return this dataset's sync progress; hot */
  public Observable<SyncProgress> progress() {
    return core.progress();
  }

  /** @return this dataset's per-record sync events; hot */
  public Observable<RecordEvent> events() {
    return core.events();
  }

  @Override
  public String toString() {
    return "Dataset{" + name() + "}";
  }
}
