package dev.offsync.testing;

import dev.offsync.ConflictException;
import dev.offsync.DatasetMetadata;
import dev.offsync.DatasetNotFoundException;
import dev.offsync.DeviceNotRegisteredException;
import dev.offsync.InvalidParameterException;
import dev.offsync.LimitExceededException;
import dev.offsync.NetworkException;
import dev.offsync.Platform;
import dev.offsync.ThrottledException;
import dev.offsync.spi.DatasetPage;
import dev.offsync.spi.RecordPage;
import dev.offsync.spi.RecordPatch;
import dev.offsync.spi.RemoteRecord;
import dev.offsync.spi.RemoteStore;
import io.reactivex.rxjava3.core.Completable;
import io.reactivex.rxjava3.core.Single;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.Deque;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * An in-memory Cognito Sync server behind the {@link RemoteStore} SPI, with the real service's semantics
 * (wire-protocol.md §6) and scriptable faults. Thread-safe; every operation is cold and runs on the
 * subscribing thread.
 *
 * <h2>Semantics</h2>
 * <ul>
 *   <li>Per (identity, dataset) a sync count that only rises, across deletes and re-creations too.
 *   <li>{@code UpdateRecords} checks the session token (issued by {@code ListRecords} for the same identity
 *       and dataset, else {@link InvalidParameterException} "SyncSessionToken not valid for these
 *       inputs"), then compares each patch's sync count with the stored record's (0 for a key never
 *       written in the current incarnation): any mismatch rejects the whole request with
 *       {@code ConflictException("Current SyncCount for: <key> is: <n> not: <m>")}, even when the value is
 *       equal. Then limits (live records, UTF-8 bytes of keys and values, datasets per identity) →
 *       {@link LimitExceededException}, nothing written. On success the count rises by one, every patched
 *       record takes it ({@code remove} leaves a tombstone), the dataset is created if absent, and the
 *       written records are returned in patch order.
 *   <li>{@code ListRecords(L)} returns records (tombstones included) with sync count &gt; L ordered by
 *       (sync count, key), paged by an opaque token positioned on (sync count, key), so that pages never
 *       skip or repeat a record version even when writes happen between pages. L above the count →
 *       {@code InvalidParameterException("No such SyncCount: L exists for this Dataset")}; a missing
 *       dataset → empty page with {@code datasetExists == false} and count 0;
 *       {@code datasetDeletedAfterRequestedSyncCount} when 0 &lt; L and the dataset was deleted at or after
 *       L (L belongs to a dead incarnation).
 *   <li>{@code DescribeDataset} / {@code DeleteDataset} of a missing dataset → {@link DatasetNotFoundException}.
 *       {@code ListDatasets} pages existing datasets by name.
 *   <li>Push sync: {@code RegisterDevice} gives one stable device id per (identity, platform, token);
 *       {@code SubscribeToDataset}/{@code UnsubscribeFromDataset} (idempotent; the dataset need not exist)
 *       store the subscriptions, and a device id not registered for the identity fails with
 *       {@link DeviceNotRegisteredException}. {@link #subscribedDevices} reads them; the fake sends no pushes.
 * </ul>
 *
 * <h2>Faults and hooks</h2>
 * {@link #on(Operation)} scripts what the next calls of an operation do, deterministically and in order:
 * <pre>{@code
 * remote.on(Operation.UPDATE_RECORDS).failAfterApplying(1);      // a lost acknowledgement
 * remote.on(Operation.LIST_RECORDS).throttle(2, Duration.ofSeconds(3));
 * remote.on(Operation.UPDATE_RECORDS).runBefore(1, call ->      // another device writes in between
 *     remote.putDirect(call.identityId(), call.datasetName(), Map.of("k", "theirs")));
 * }</pre>
 * {@link #calls(Operation)} counts calls (failed ones included). The backdoor ({@link #serverRecords},
 * {@link #datasetSyncCount}, {@link #putDirect}, {@link #deleteDirect}) lets tests inspect and change the
 * server as another device would, without faults, hooks or counters.
 */
public final class FakeRemoteStore implements RemoteStore {

  /** The service's limit of live records per dataset. */
  public static final int DEFAULT_MAX_RECORDS = 1024;
  /** The service's limit of UTF-8 bytes (keys + values of live records) per dataset: 1 MB. */
  public static final long DEFAULT_MAX_BYTES = 1024 * 1024;
  /** The service's limit of datasets per identity. */
  public static final int DEFAULT_MAX_DATASETS = 20;
  /** The model's maximum value length in characters. */
  public static final int MAX_VALUE_LENGTH = 1_048_575;
  /** The model's maximum key length in characters. */
  public static final int MAX_KEY_LENGTH = 1024;
  /** Use as {@code times} for a fault or hook that applies to every later call. */
  public static final int ALWAYS = Integer.MAX_VALUE;

  /** The operations, to script faults and count calls. */
  public enum Operation {
    /** {@link RemoteStore#listRecords}. */
    LIST_RECORDS,
    /** {@link RemoteStore#updateRecords}. */
    UPDATE_RECORDS,
    /** {@link RemoteStore#describeDataset}. */
    DESCRIBE_DATASET,
    /** {@link RemoteStore#deleteDataset}. */
    DELETE_DATASET,
    /** {@link RemoteStore#listDatasets}. */
    LIST_DATASETS,
    /** {@link RemoteStore#registerDevice}. */
    REGISTER_DEVICE,
    /** {@link RemoteStore#subscribe}. */
    SUBSCRIBE,
    /** {@link RemoteStore#unsubscribe}. */
    UNSUBSCRIBE
  }

  /** One call as faults and hooks see it. Immutable. */
  public static final class Call {
    private final Operation operation;
    private final String identityId;
    private final String datasetName;
    private final List<RecordPatch> patches;
    private final long lastSyncCount;

    Call(Operation operation, String identityId, String datasetName, List<RecordPatch> patches, long lastSyncCount) {
      this.operation = operation;
      this.identityId = identityId;
      this.datasetName = datasetName;
      this.patches = patches == null ? Collections.emptyList() : Collections.unmodifiableList(new ArrayList<>(patches));
      this.lastSyncCount = lastSyncCount;
    }

    /** @return the operation */
    public Operation operation() {
      return operation;
    }

    /** @return the identity the call is for */
    public String identityId() {
      return identityId;
    }

    /** @return the dataset, or {@code null} for {@code ListDatasets} and {@code RegisterDevice} */
    public String datasetName() {
      return datasetName;
    }

    /** @return the patches of an {@code UpdateRecords}; empty for other operations */
    public List<RecordPatch> patches() {
      return patches;
    }

    /** @return the requested {@code lastSyncCount} of a {@code ListRecords}; 0 for other operations */
    public long lastSyncCount() {
      return lastSyncCount;
    }

    @Override
    public String toString() {
      return operation + "(" + identityId + ", " + datasetName + (patches.isEmpty() ? "" : ", " + patches) + ")";
    }
  }

  /**
   * Scripts faults and hooks for the next calls of one operation, optionally only calls matching a
   * predicate. Each terminal method queues one rule and returns the store; rules apply in the order they
   * were queued, each for its number of matching calls.
   */
  public final class FaultBuilder {
    private final Operation operation;
    private Predicate<Call> filter = call -> true;

    FaultBuilder(Operation operation) {
      this.operation = operation;
    }

    /**
     * Restricts the rule to calls matching {@code predicate} (e.g. one dataset or one identity).
     *
     * @param predicate which calls the rule applies to
     * @return this builder
     */
    public FaultBuilder when(Predicate<Call> predicate) {
      this.filter = Objects.requireNonNull(predicate, "predicate");
      return this;
    }

    /**
     * Restricts the rule to calls for {@code datasetName}.
     *
     * @param datasetName the dataset
     * @return this builder
     */
    public FaultBuilder forDataset(String datasetName) {
      return when(call -> datasetName.equals(call.datasetName()));
    }

    /**
     * The next {@code times} calls fail with {@link NetworkException} without reaching the server state.
     *
     * @param times how many calls, or {@link #ALWAYS}
     * @return the store
     */
    public FakeRemoteStore failBeforeApplying(int times) {
      return add(new Rule(operation, filter, times, Kind.ERROR_BEFORE,
          () -> new NetworkException("fake: connection reset before " + operation), null));
    }

    /**
     * The next {@code times} calls are applied (an {@code UpdateRecords} commits) but the caller gets a
     * {@link NetworkException}: a lost acknowledgement.
     *
     * @param times how many calls, or {@link #ALWAYS}
     * @return the store
     */
    public FakeRemoteStore failAfterApplying(int times) {
      return add(new Rule(operation, filter, times, Kind.ERROR_AFTER,
          () -> new NetworkException("fake: timeout after " + operation + " was applied"), null));
    }

    /**
     * The next {@code times} calls fail with {@link ThrottledException} carrying {@code retryAfter},
     * without being applied.
     *
     * @param times how many calls, or {@link #ALWAYS}
     * @param retryAfter the retry-after hint, or {@code null}
     * @return the store
     */
    public FakeRemoteStore throttle(int times, Duration retryAfter) {
      return add(new Rule(operation, filter, times, Kind.ERROR_BEFORE,
          () -> new ThrottledException("fake: TooManyRequestsException", retryAfter, null), null));
    }

    /**
     * The next {@code times} calls fail with the error {@code error} supplies, without being applied.
     *
     * @param times how many calls, or {@link #ALWAYS}
     * @param error creates the error, once per failing call
     * @return the store
     */
    public FakeRemoteStore fail(int times, Supplier<? extends RuntimeException> error) {
      return add(new Rule(operation, filter, times, Kind.ERROR_BEFORE, Objects.requireNonNull(error, "error"), null));
    }

    /**
     * Runs {@code action} just before the next {@code times} calls are applied (after faults that fail
     * before applying were checked). The action may use the backdoor, e.g. {@link #putDirect} to simulate
     * another device writing between a pull and a push.
     *
     * @param times how many calls, or {@link #ALWAYS}
     * @param action the action
     * @return the store
     */
    public FakeRemoteStore runBefore(int times, Consumer<Call> action) {
      return add(new Rule(operation, filter, times, Kind.HOOK_BEFORE, null, Objects.requireNonNull(action, "action")));
    }

    /**
     * Runs {@code action} just after the next {@code times} calls were applied (whether or not they
     * succeeded), before the caller sees the outcome.
     *
     * @param times how many calls, or {@link #ALWAYS}
     * @param action the action
     * @return the store
     */
    public FakeRemoteStore runAfter(int times, Consumer<Call> action) {
      return add(new Rule(operation, filter, times, Kind.HOOK_AFTER, null, Objects.requireNonNull(action, "action")));
    }

    private FakeRemoteStore add(Rule rule) {
      if (rule.remaining < 1) {
        throw new IllegalArgumentException("times < 1: " + rule.remaining);
      }
      synchronized (lock) {
        rules.get(operation).addLast(rule);
      }
      return FakeRemoteStore.this;
    }
  }

  private enum Kind { ERROR_BEFORE, ERROR_AFTER, HOOK_BEFORE, HOOK_AFTER }

  private static final class Rule {
    final Operation operation;
    final Predicate<Call> filter;
    final Kind kind;
    final Supplier<? extends RuntimeException> error;
    final Consumer<Call> action;
    int remaining;

    Rule(Operation operation, Predicate<Call> filter, int times, Kind kind,
        Supplier<? extends RuntimeException> error, Consumer<Call> action) {
      this.operation = operation;
      this.filter = filter;
      this.remaining = times;
      this.kind = kind;
      this.error = error;
      this.action = action;
    }
  }

  /** Server state of one dataset name of one identity, across incarnations. */
  private static final class DatasetState {
    final String name;
    long syncCount;
    boolean exists;
    long lastDeletedAtCount = -1;
    final TreeMap<String, RemoteRecord> records = new TreeMap<>();
    Instant creationDate;
    Instant lastModifiedDate;
    String lastModifiedBy;
    List<String> mergedDatasetNames = Collections.emptyList();

    DatasetState(String name) {
      this.name = name;
    }

    long liveCount() {
      long n = 0;
      for (RemoteRecord r : records.values()) {
        if (r.value() != null) {
          n++;
        }
      }
      return n;
    }

    long liveBytes() {
      long n = 0;
      for (RemoteRecord r : records.values()) {
        if (r.value() != null) {
          n += utf8(r.key()) + utf8(r.value());
        }
      }
      return n;
    }

    DatasetMetadata metadata() {
      return DatasetMetadata.builder(name)
          .creationDate(creationDate)
          .lastModifiedDate(lastModifiedDate)
          .lastModifiedBy(lastModifiedBy)
          .storageSizeBytes(liveBytes())
          .recordCount(liveCount())
          .build();
    }
  }

  private final Object lock = new Object();
  private final Map<String, Map<String, DatasetState>> identities = new HashMap<>();
  private final Map<String, String> sessionTokens = new HashMap<>();
  /** Device id by "identity|platform|token". */
  private final Map<String, String> devices = new HashMap<>();
  /** Identity by device id. */
  private final Map<String, String> deviceOwners = new HashMap<>();
  /** Subscribed device ids by "identity|dataset", in subscription order. */
  private final Map<String, Set<String>> subscriptions = new HashMap<>();
  private final EnumMap<Operation, Deque<Rule>> rules = new EnumMap<>(Operation.class);
  private final EnumMap<Operation, AtomicLong> callCounts = new EnumMap<>(Operation.class);
  private final AtomicLong tokenCounter = new AtomicLong();
  private final Supplier<Instant> clock;
  private volatile int maxRecords = DEFAULT_MAX_RECORDS;
  private volatile long maxBytes = DEFAULT_MAX_BYTES;
  private volatile int maxDatasets = DEFAULT_MAX_DATASETS;

  /** Creates an empty server on the system clock. */
  public FakeRemoteStore() {
    this(Instant::now);
  }

  /**
   * Creates an empty server whose dates come from {@code clock} (e.g. an RxJava {@code TestScheduler}'s
   * virtual time).
   *
   * @param clock the server clock
   */
  public FakeRemoteStore(Supplier<Instant> clock) {
    this.clock = Objects.requireNonNull(clock, "clock");
    for (Operation op : Operation.values()) {
      rules.put(op, new ArrayDeque<>());
      callCounts.put(op, new AtomicLong());
    }
  }

  /**
   * Changes the limits (for tests that want to hit them cheaply). Defaults are the service's.
   *
   * @param maxRecords live records per dataset
   * @param maxBytes UTF-8 bytes of live keys and values per dataset
   * @param maxDatasets datasets per identity
   * @return this store
   */
  public FakeRemoteStore withLimits(int maxRecords, long maxBytes, int maxDatasets) {
    this.maxRecords = maxRecords;
    this.maxBytes = maxBytes;
    this.maxDatasets = maxDatasets;
    return this;
  }

  // ---------------------------------------------------------------------------------------------
  // scripting and counters

  /**
   * Starts scripting faults or hooks for the next calls of {@code operation}.
   *
   * @param operation the operation
   * @return a builder whose terminal methods queue a rule
   */
  public FaultBuilder on(Operation operation) {
    return new FaultBuilder(Objects.requireNonNull(operation, "operation"));
  }

  /** Drops every queued fault and hook. */
  public void clearFaults() {
    synchronized (lock) {
      for (Deque<Rule> q : rules.values()) {
        q.clear();
      }
    }
  }

  /**
   * How many times {@code operation} was called (subscribed), failed calls included.
   *
   * @param operation the operation
   * @return the count since creation or the last {@link #resetCounters()}
   */
  public long calls(Operation operation) {
    return callCounts.get(operation).get();
  }

  /** Sets every call counter to zero. */
  public void resetCounters() {
    for (AtomicLong c : callCounts.values()) {
      c.set(0);
    }
  }

  /**
   * Sets the {@code MergedDatasetNames} that {@code ListRecords} reports for a dataset.
   *
   * @param identityId the identity
   * @param datasetName the dataset
   * @param mergedNames the names; empty to clear
   */
  public void setMergedDatasetNames(String identityId, String datasetName, List<String> mergedNames) {
    synchronized (lock) {
      state(identityId, datasetName, true).mergedDatasetNames =
          Collections.unmodifiableList(new ArrayList<>(mergedNames));
    }
  }

  // ---------------------------------------------------------------------------------------------
  // backdoor

  /**
   * The records the server holds for a dataset right now, tombstones included, by key in key order.
   *
   * @param identityId the identity
   * @param datasetName the dataset
   * @return a copy; empty if the dataset does not exist
   */
  public Map<String, RemoteRecord> serverRecords(String identityId, String datasetName) {
    synchronized (lock) {
      DatasetState ds = state(identityId, datasetName, false);
      return ds == null ? Collections.emptyMap() : Collections.unmodifiableMap(new LinkedHashMap<>(ds.records));
    }
  }

  /**
   * The live values of a dataset (tombstones left out), by key in key order.
   *
   * @param identityId the identity
   * @param datasetName the dataset
   * @return a copy; empty if the dataset does not exist
   */
  public Map<String, String> serverValues(String identityId, String datasetName) {
    Map<String, String> out = new LinkedHashMap<>();
    for (RemoteRecord r : serverRecords(identityId, datasetName).values()) {
      if (r.value() != null) {
        out.put(r.key(), r.value());
      }
    }
    return Collections.unmodifiableMap(out);
  }

  /**
   * The dataset's sync count (it keeps rising across deletes; 0 if it was never written).
   *
   * @param identityId the identity
   * @param datasetName the dataset
   * @return the count
   */
  public long datasetSyncCount(String identityId, String datasetName) {
    synchronized (lock) {
      DatasetState ds = state(identityId, datasetName, false);
      return ds == null ? 0 : ds.syncCount;
    }
  }

  /**
   * Whether the dataset exists on the server.
   *
   * @param identityId the identity
   * @param datasetName the dataset
   * @return {@code true} if it exists
   */
  public boolean datasetExists(String identityId, String datasetName) {
    synchronized (lock) {
      DatasetState ds = state(identityId, datasetName, false);
      return ds != null && ds.exists;
    }
  }

  /**
   * Writes as another device's successful {@code UpdateRecords} would, based on the current server counts
   * (so it never conflicts), bypassing faults, hooks, counters and limits: the count rises by one and
   * every given key takes it; a {@code null} value removes the key (tombstone).
   *
   * @param identityId the identity
   * @param datasetName the dataset, created if absent
   * @param values the new values by key; {@code null} values remove
   * @return the records written
   */
  public List<RemoteRecord> putDirect(String identityId, String datasetName, Map<String, String> values) {
    return putDirect(identityId, datasetName, values, "other-device");
  }

  /**
   * Like {@link #putDirect(String, String, Map)}, with an explicit writer id.
   *
   * @param identityId the identity
   * @param datasetName the dataset, created if absent
   * @param values the new values by key; {@code null} values remove
   * @param deviceId becomes the records' {@code lastModifiedBy}
   * @return the records written
   */
  public List<RemoteRecord> putDirect(String identityId, String datasetName, Map<String, String> values,
      String deviceId) {
    synchronized (lock) {
      DatasetState ds = state(identityId, datasetName, true);
      List<RecordPatch> patches = new ArrayList<>();
      for (Map.Entry<String, String> e : values.entrySet()) {
        RemoteRecord current = ds.exists ? ds.records.get(e.getKey()) : null;
        long base = current == null ? 0 : current.syncCount();
        patches.add(e.getValue() == null
            ? RecordPatch.remove(e.getKey(), base, clock.get())
            : RecordPatch.replace(e.getKey(), e.getValue(), base, clock.get()));
      }
      return apply(ds, patches, deviceId);
    }
  }

  /**
   * Deletes a dataset as another device's {@code DeleteDataset} would, bypassing faults and counters.
   *
   * @param identityId the identity
   * @param datasetName the dataset
   * @return whether it existed
   */
  public boolean deleteDirect(String identityId, String datasetName) {
    synchronized (lock) {
      DatasetState ds = state(identityId, datasetName, false);
      if (ds == null || !ds.exists) {
        return false;
      }
      delete(ds);
      return true;
    }
  }

  /**
   * The devices subscribed to a dataset, as a server would notify them after a change.
   *
   * @param identityId the identity
   * @param datasetName the dataset
   * @return the device ids, in subscription order; empty if none
   */
  public Set<String> subscribedDevices(String identityId, String datasetName) {
    synchronized (lock) {
      Set<String> ids = subscriptions.get(identityId + "|" + datasetName);
      return ids == null ? Collections.emptySet() : Collections.unmodifiableSet(new java.util.LinkedHashSet<>(ids));
    }
  }

  // ---------------------------------------------------------------------------------------------
  // RemoteStore

  @Override
  public Single<RecordPage> listRecords(String identityId, String datasetName, long lastSyncCount,
      String nextToken, int maxResults, String syncSessionToken) {
    return call(new Call(Operation.LIST_RECORDS, identityId, datasetName, null, lastSyncCount),
        () -> doListRecords(identityId, datasetName, lastSyncCount, nextToken, maxResults, syncSessionToken));
  }

  @Override
  public Single<List<RemoteRecord>> updateRecords(String identityId, String datasetName, List<RecordPatch> patches,
      String syncSessionToken, String deviceId) {
    return call(new Call(Operation.UPDATE_RECORDS, identityId, datasetName, patches, 0),
        () -> doUpdateRecords(identityId, datasetName, patches, syncSessionToken, deviceId));
  }

  @Override
  public Single<DatasetMetadata> describeDataset(String identityId, String datasetName) {
    return call(new Call(Operation.DESCRIBE_DATASET, identityId, datasetName, null, 0), () -> {
      synchronized (lock) {
        DatasetState ds = state(identityId, datasetName, false);
        if (ds == null || !ds.exists) {
          throw notFound(identityId, datasetName);
        }
        return ds.metadata();
      }
    });
  }

  @Override
  public Single<DatasetMetadata> deleteDataset(String identityId, String datasetName) {
    return call(new Call(Operation.DELETE_DATASET, identityId, datasetName, null, 0), () -> {
      synchronized (lock) {
        DatasetState ds = state(identityId, datasetName, false);
        if (ds == null || !ds.exists) {
          throw notFound(identityId, datasetName);
        }
        DatasetMetadata before = ds.metadata();
        delete(ds);
        return before;
      }
    });
  }

  @Override
  public Single<DatasetPage> listDatasets(String identityId, String nextToken, int maxResults) {
    return call(new Call(Operation.LIST_DATASETS, identityId, null, null, 0), () -> {
      if (maxResults < 1) {
        throw new InvalidParameterException("maxResults must be at least 1: " + maxResults);
      }
      String after = nextToken == null ? null : decodeToken(nextToken, "datasets|" + identityId + "|");
      synchronized (lock) {
        Map<String, DatasetState> all = identities.getOrDefault(identityId, Collections.emptyMap());
        List<DatasetState> existing = new ArrayList<>();
        for (DatasetState ds : new TreeMap<>(all).values()) {
          if (ds.exists && (after == null || ds.name.compareTo(after) > 0)) {
            existing.add(ds);
          }
        }
        List<DatasetMetadata> page = new ArrayList<>();
        for (int i = 0; i < existing.size() && i < maxResults; i++) {
          page.add(existing.get(i).metadata());
        }
        String next = existing.size() > maxResults
            ? encodeToken("datasets|" + identityId + "|" + existing.get(maxResults - 1).name)
            : null;
        return new DatasetPage(page, next);
      }
    });
  }

  @Override
  public Single<String> registerDevice(String identityId, Platform platform, String token) {
    return call(new Call(Operation.REGISTER_DEVICE, identityId, null, null, 0), () -> {
      Objects.requireNonNull(identityId, "identityId");
      Objects.requireNonNull(platform, "platform");
      Objects.requireNonNull(token, "token");
      if (token.isEmpty()) {
        throw new InvalidParameterException("Token must not be empty");
      }
      synchronized (lock) {
        String key = identityId + "|" + platform.name() + "|" + token;
        String deviceId = devices.get(key);
        if (deviceId == null) {
          deviceId = "fake-device-" + tokenCounter.incrementAndGet();
          devices.put(key, deviceId);
          deviceOwners.put(deviceId, identityId);
        }
        return deviceId;
      }
    });
  }

  @Override
  public Completable subscribe(String identityId, String datasetName, String deviceId) {
    return subscription(Operation.SUBSCRIBE, identityId, datasetName, deviceId);
  }

  @Override
  public Completable unsubscribe(String identityId, String datasetName, String deviceId) {
    return subscription(Operation.UNSUBSCRIBE, identityId, datasetName, deviceId);
  }

  private Completable subscription(Operation operation, String identityId, String datasetName, String deviceId) {
    return call(new Call(operation, identityId, datasetName, null, 0), () -> {
      Objects.requireNonNull(identityId, "identityId");
      Objects.requireNonNull(datasetName, "datasetName");
      Objects.requireNonNull(deviceId, "deviceId");
      synchronized (lock) {
        if (!identityId.equals(deviceOwners.get(deviceId))) {
          throw new DeviceNotRegisteredException(
              "Device '" + deviceId + "' is not registered for identity " + identityId);
        }
        String scope = identityId + "|" + datasetName;
        if (operation == Operation.SUBSCRIBE) {
          subscriptions.computeIfAbsent(scope, k -> new java.util.LinkedHashSet<>()).add(deviceId);
        } else if (subscriptions.containsKey(scope)) {
          subscriptions.get(scope).remove(deviceId);
        }
        return Boolean.TRUE;
      }
    }).ignoreElement();
  }

  // ---------------------------------------------------------------------------------------------
  // implementation

  private interface Body<T> {
    T run();
  }

  private <T> Single<T> call(Call call, Body<T> body) {
    return Single.defer(() -> {
      callCounts.get(call.operation()).incrementAndGet();
      List<Rule> matched = takeRules(call);
      for (Rule r : matched) {
        if (r.kind == Kind.ERROR_BEFORE) {
          return Single.<T>error(r.error.get());
        }
      }
      for (Rule r : matched) {
        if (r.kind == Kind.HOOK_BEFORE) {
          r.action.accept(call);
        }
      }
      T result = null;
      RuntimeException failure = null;
      try {
        result = body.run();
      } catch (RuntimeException e) {
        failure = e;
      }
      for (Rule r : matched) {
        if (r.kind == Kind.HOOK_AFTER) {
          r.action.accept(call);
        }
      }
      if (failure != null) {
        return Single.<T>error(failure);
      }
      for (Rule r : matched) {
        if (r.kind == Kind.ERROR_AFTER) {
          return Single.<T>error(r.error.get());
        }
      }
      return Single.just(result);
    });
  }

  /**
   * The rules that apply to this call, at most one of each kind (the first queued), each consumed once.
   * An error-before rule short-circuits: later rules of other kinds are not consumed by a call that fails
   * before reaching the server.
   */
  private List<Rule> takeRules(Call call) {
    synchronized (lock) {
      List<Rule> out = new ArrayList<>();
      Set<Kind> kinds = new HashSet<>();
      Rule errorBefore = null;
      for (Rule r : rules.get(call.operation())) {
        if (r.kind == Kind.ERROR_BEFORE && r.filter.test(call)) {
          errorBefore = r;
          break;
        }
      }
      if (errorBefore != null) {
        out.add(errorBefore);
      } else {
        for (Rule r : rules.get(call.operation())) {
          if (r.kind != Kind.ERROR_BEFORE && !kinds.contains(r.kind) && r.filter.test(call)) {
            kinds.add(r.kind);
            out.add(r);
          }
        }
      }
      for (Rule r : out) {
        if (r.remaining != ALWAYS) {
          r.remaining--;
        }
      }
      for (Iterator<Rule> it = rules.get(call.operation()).iterator(); it.hasNext(); ) {
        if (it.next().remaining <= 0) {
          it.remove();
        }
      }
      return out;
    }
  }

  private RecordPage doListRecords(String identityId, String datasetName, long lastSyncCount, String nextToken,
      int maxResults, String syncSessionToken) {
    if (lastSyncCount < 0) {
      throw new InvalidParameterException("LastSyncCount must not be negative: " + lastSyncCount);
    }
    if (maxResults < 1) {
      throw new InvalidParameterException("MaxResults must be at least 1: " + maxResults);
    }
    synchronized (lock) {
      String scope = identityId + "|" + datasetName;
      String token = syncSessionToken != null && scope.equals(sessionTokens.get(syncSessionToken))
          ? syncSessionToken
          : newSessionToken(scope);
      DatasetState ds = state(identityId, datasetName, false);
      boolean deletedAfter = ds != null && lastSyncCount > 0 && ds.lastDeletedAtCount >= lastSyncCount;
      if (ds == null || !ds.exists) {
        return RecordPage.builder()
            .records(Collections.emptyList())
            .datasetSyncCount(0)
            .datasetExists(false)
            .datasetDeletedAfterRequestedSyncCount(deletedAfter)
            .syncSessionToken(token)
            .build();
      }
      if (lastSyncCount > ds.syncCount) {
        throw new InvalidParameterException("No such SyncCount: " + lastSyncCount + " exists for this Dataset");
      }
      long afterCount = lastSyncCount;
      String afterKey = null;
      String tokenPrefix = "records|" + scope + "|" + lastSyncCount + "|";
      if (nextToken != null) {
        String position = decodeToken(nextToken, tokenPrefix);
        int bar = position.indexOf('|');
        afterCount = Long.parseLong(position.substring(0, bar));
        afterKey = position.substring(bar + 1);
      }
      List<RemoteRecord> matching = new ArrayList<>();
      for (RemoteRecord r : ds.records.values()) {
        if (r.syncCount() > afterCount || (afterKey != null && r.syncCount() == afterCount
            && r.key().compareTo(afterKey) > 0)) {
          matching.add(r);
        }
      }
      matching.sort((a, b) -> a.syncCount() != b.syncCount()
          ? Long.compare(a.syncCount(), b.syncCount())
          : a.key().compareTo(b.key()));
      List<RemoteRecord> page = new ArrayList<>(matching.subList(0, Math.min(maxResults, matching.size())));
      String next = null;
      if (matching.size() > maxResults) {
        RemoteRecord last = page.get(page.size() - 1);
        next = encodeToken(tokenPrefix + last.syncCount() + "|" + last.key());
      }
      return RecordPage.builder()
          .records(page)
          .nextToken(next)
          .datasetSyncCount(ds.syncCount)
          .datasetExists(true)
          .datasetDeletedAfterRequestedSyncCount(deletedAfter)
          .mergedDatasetNames(ds.mergedDatasetNames)
          .syncSessionToken(token)
          .build();
    }
  }

  private List<RemoteRecord> doUpdateRecords(String identityId, String datasetName, List<RecordPatch> patches,
      String syncSessionToken, String deviceId) {
    Objects.requireNonNull(patches, "patches");
    synchronized (lock) {
      String scope = identityId + "|" + datasetName;
      if (syncSessionToken == null || !scope.equals(sessionTokens.get(syncSessionToken))) {
        throw new InvalidParameterException("SyncSessionToken not valid for these inputs");
      }
      Set<String> keys = new HashSet<>();
      for (RecordPatch p : patches) {
        if (!keys.add(p.key())) {
          throw new InvalidParameterException("Duplicate key in RecordPatches: " + p.key());
        }
        if (p.key().isEmpty() || p.key().length() > MAX_KEY_LENGTH) {
          throw new InvalidParameterException("Key length must be 1.." + MAX_KEY_LENGTH + ": " + p.key().length());
        }
        if (p.value() != null && p.value().length() > MAX_VALUE_LENGTH) {
          throw new InvalidParameterException("Value too long: " + p.value().length());
        }
      }
      if (patches.isEmpty()) {
        return Collections.emptyList();
      }
      DatasetState ds = state(identityId, datasetName, true);
      for (RecordPatch p : patches) {
        RemoteRecord current = ds.exists ? ds.records.get(p.key()) : null;
        long serverCount = current == null ? 0 : current.syncCount();
        if (serverCount != p.syncCount()) {
          throw new ConflictException(
              "Current SyncCount for: " + p.key() + " is: " + serverCount + " not: " + p.syncCount());
        }
      }
      if (!ds.exists) {
        long existing = 0;
        for (DatasetState other : identities.get(identityId).values()) {
          if (other.exists) {
            existing++;
          }
        }
        if (existing >= maxDatasets) {
          throw new LimitExceededException("Maximum number of datasets (" + maxDatasets + ") exceeded");
        }
      }
      Map<String, String> after = new HashMap<>();
      if (ds.exists) {
        for (RemoteRecord r : ds.records.values()) {
          after.put(r.key(), r.value());
        }
      }
      for (RecordPatch p : patches) {
        after.put(p.key(), p.value());
      }
      long live = 0;
      long bytes = 0;
      for (Map.Entry<String, String> e : after.entrySet()) {
        if (e.getValue() != null) {
          live++;
          bytes += utf8(e.getKey()) + utf8(e.getValue());
        }
      }
      if (live > maxRecords) {
        throw new LimitExceededException("Maximum number of records (" + maxRecords + ") exceeded: " + live);
      }
      if (bytes > maxBytes) {
        throw new LimitExceededException("Maximum dataset size (" + maxBytes + " bytes) exceeded: " + bytes);
      }
      return apply(ds, patches, deviceId == null ? identityId : deviceId);
    }
  }

  /** Writes validated patches: count + 1, every record takes it. Caller holds the lock. */
  private List<RemoteRecord> apply(DatasetState ds, List<RecordPatch> patches, String writer) {
    Instant now = clock.get();
    if (!ds.exists) {
      ds.exists = true;
      ds.records.clear();
      ds.creationDate = now;
    }
    ds.syncCount++;
    ds.lastModifiedDate = now;
    ds.lastModifiedBy = writer;
    List<RemoteRecord> written = new ArrayList<>();
    for (RecordPatch p : patches) {
      RemoteRecord r = RemoteRecord.builder(p.key())
          .value(p.value())
          .syncCount(ds.syncCount)
          .lastModifiedDate(now)
          .lastModifiedBy(writer)
          .deviceLastModifiedDate(p.deviceLastModifiedDate())
          .build();
      ds.records.put(p.key(), r);
      written.add(r);
    }
    return written;
  }

  private void delete(DatasetState ds) {
    ds.exists = false;
    ds.records.clear();
    ds.lastDeletedAtCount = ds.syncCount;
    ds.creationDate = null;
    ds.lastModifiedDate = null;
    ds.lastModifiedBy = null;
    ds.mergedDatasetNames = Collections.emptyList();
  }

  private DatasetState state(String identityId, String datasetName, boolean create) {
    Objects.requireNonNull(identityId, "identityId");
    Objects.requireNonNull(datasetName, "datasetName");
    Map<String, DatasetState> datasets = identities.get(identityId);
    if (datasets == null) {
      if (!create) {
        return null;
      }
      datasets = new HashMap<>();
      identities.put(identityId, datasets);
    }
    DatasetState ds = datasets.get(datasetName);
    if (ds == null && create) {
      ds = new DatasetState(datasetName);
      datasets.put(datasetName, ds);
    }
    return ds;
  }

  private String newSessionToken(String scope) {
    String token = "fake-session-" + tokenCounter.incrementAndGet();
    sessionTokens.put(token, scope);
    return token;
  }

  private static DatasetNotFoundException notFound(String identityId, String datasetName) {
    return new DatasetNotFoundException("Dataset " + datasetName + " of " + identityId + " not found");
  }

  private static String encodeToken(String plain) {
    return Base64.getUrlEncoder().withoutPadding().encodeToString(plain.getBytes(StandardCharsets.UTF_8));
  }

  private static String decodeToken(String token, String expectedPrefix) {
    String plain;
    try {
      plain = new String(Base64.getUrlDecoder().decode(token), StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      throw new InvalidParameterException("Invalid NextToken", e);
    }
    if (!plain.startsWith(expectedPrefix)) {
      throw new InvalidParameterException("NextToken not valid for these inputs");
    }
    return plain.substring(expectedPrefix.length());
  }

  private static long utf8(String s) {
    return s.getBytes(StandardCharsets.UTF_8).length;
  }
}
