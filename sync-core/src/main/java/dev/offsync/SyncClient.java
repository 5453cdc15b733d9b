package dev.offsync;

import static dev.offsync.internal.Preconditions.checkNotNull;

import dev.offsync.internal.ClientCore;
import dev.offsync.internal.PushSync;
import dev.offsync.internal.UntilClosed;
import dev.offsync.internal.Validation;
import dev.offsync.spi.ConnectivityMonitor;
import dev.offsync.spi.IdentityProvider;
import dev.offsync.spi.LocalStore;
import dev.offsync.spi.RemoteStore;
import io.reactivex.rxjava3.annotations.CheckReturnValue;
import io.reactivex.rxjava3.core.Completable;
import io.reactivex.rxjava3.core.Maybe;
import io.reactivex.rxjava3.core.Observable;
import io.reactivex.rxjava3.core.Scheduler;
import io.reactivex.rxjava3.core.Single;
import io.reactivex.rxjava3.schedulers.Schedulers;
import java.io.Closeable;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * The entry point of offsync: an offline-first key-value store of named datasets, synced with an Amazon
 * Cognito Sync compatible server. Build one per identity pool with {@link #builder()}; it is thread-safe.
 *
 * <pre>{@code
 * SyncClient client = SyncClient.builder()
 *     .localStore(sqliteStore)
 *     .remoteStore(cognitoSyncRemoteStore)
 *     .identityProvider(identityProvider)
 *     .build();
 * Dataset settings = client.dataset("settings");
 * settings.put("theme", "dark");                 // local, works offline
 * settings.sync().subscribe(report -> ..., error -> ...);
 * }</pre>
 *
 * <p>Data written before any identity exists is kept under a stable local owner id and adopted by the
 * first identity. When the identity changes with {@link dev.offsync.spi.IdentityChange#isMerge()}, the
 * previous identity's datasets move to the new one in one transaction (a name taken already becomes
 * {@code <name>.<previousId>}, reported as a merged dataset); otherwise the previous identity's data stays
 * where it is. Status, progress and events are RxJava streams scoped to this instance.
 *
 * <p><b>Push sync</b> (as AWS's SDKs offered it): {@link #registerDevice} the device's push token, then
 * {@link Dataset#subscribe()} to the datasets to be notified about, and hand every received push message to
 * {@link #handlePushNotification}, which syncs the dataset it names:
 * <pre>{@code
 * client.registerDevice(Platform.GCM, fcmToken)
 *     .flatMapCompletable(deviceId -> client.dataset("settings").subscribe())
 *     .subscribe(...);
 * // in the push receiver:
 * client.handlePushNotification(message.getData()).subscribe(report -> ..., error -> ...);
 * }</pre>
 */
public final class SyncClient implements Closeable {
  private final Builder config;
  private final ClientCore core;
  private final PushSync push;

  private SyncClient(Builder b) {
    this.config = new Builder(b);
    this.core = new ClientCore(b.localStore, b.remoteStore, b.identityProvider, b.conflictResolver,
        b.datasetResolvers, b.connectivityMonitor, b.ioScheduler, b.timerScheduler, b.clock, b.random, b.limits,
        b.options, b.localOwnerId, b.deviceId);
    this.push = new PushSync(core, b.limits);
  }

  /** @return a new builder */
  public static Builder builder() {
    return new Builder();
  }

  /** @return a builder initialised with this client's configuration, to build another client */
  public Builder newBuilder() {
    return new Builder(config);
  }

  /**
   * A handle on dataset {@code name}; the dataset is created locally by its first write. All handles of
   * one name share one state and one sync at a time.
   *
   * @param name the dataset name: 1..{@link Limits#maxDatasetNameLength()} characters of {@code [a-zA-Z0-9_.:-]}
   * @return the handle
   * @throws ValidationException if the name is invalid
   * @throws ClientClosedException if the client is closed
   */
  public Dataset dataset(String name) {
    Validation.datasetName(name, config.limits);
    return new Dataset(this, core.dataset(name), config.limits);
  }

  /**
   * The current owner's local datasets (not those deleted locally), with their local sizes. Blocks on
   * the local store.
   *
   * @return the datasets, ordered by name
   */
  public List<DatasetMetadata> listDatasets() {
    return core.listDatasets();
  }

  /**
   * Fetches every dataset's metadata from the server ({@code ListDatasets}, paged) and records it locally
   * (creating local rows for datasets known only remotely; their records arrive with their first sync).
   *
   * @return the server's datasets
   */
  @CheckReturnValue
  public Single<List<DatasetMetadata>> refreshDatasetMetadata() {
    return core.refreshDatasetMetadata();
  }

  /**
   * Syncs every local dataset (including those deleted locally, so that the deletes reach the server),
   * one after the other. If any fails, the others still run and the result is the first error.
   *
   * @return the reports, in dataset-name order
   */
  @CheckReturnValue
  public Single<List<SyncReport>> syncAll() {
    return core.syncAll();
  }

  /**
   * Signs the current user out, explicitly (the only way offsync treats a change of user: every other identity
   * change is the same user under a new id and carries the local data over). Running syncs end with
   * {@link IdentityChangedException} and commit nothing more; the local store forgets the identity it remembered for
   * the pool; with {@link SignOutMode#KEEP_LOCAL_DATA} the user's datasets stay on the device apart from the next
   * user (see {@link #inactiveIdentities()}), with {@link SignOutMode#WIPE_LOCAL_DATA} they are deleted, unsynced
   * edits included; and the identity provider forgets the identity ({@link dev.offsync.spi.IdentityProvider#signOut}),
   * so the next sync obtains another one (give the provider the next user's logins first, if any). Edits made before
   * the next identity is known wait under the local owner and go to it.
   *
   * @param mode what happens to the signed-out user's local data, not null
   * @return completes once signed out; fails with {@link UnsupportedOperationException} (nothing changed) if the
   *     identity provider cannot forget its identity, or with the store's error
   */
  @CheckReturnValue
  public Completable signOut(SignOutMode mode) {
    checkNotNull(mode, "mode");
    return core.signOut(mode);
  }

  /**
   * Lists the local data held under identities other than the current one: users who signed out keeping their data,
   * identities the provider switched away from. Their pending edits are also counted in
   * {@link SyncStatus#inactivePendingCount()}; nothing of them is synced or dropped until the app decides.
   *
   * @return the inactive identities, ordered by id; empty if there are none
   */
  @CheckReturnValue
  public Single<List<InactiveIdentity>> inactiveIdentities() {
    return core.inactiveIdentities();
  }

  /**
   * Takes an inactive identity's local data over as the current identity's: its datasets move under the current
   * identity as local-only data (every live record pending on base 0; a name the current identity has already
   * becomes {@code <name>.<identityId>}), and the next syncs upload them. For edits the app knows belong to the
   * current user (e.g. made as an identity that has since been replaced without a merge).
   *
   * @param identityId an inactive identity's id, not null
   * @return completes once moved; fails with {@link InvalidParameterException} if {@code identityId} is not inactive
   *     (e.g. it is the current one), with {@link IllegalStateException} if there is no current identity yet
   */
  @CheckReturnValue
  public Completable adoptInactiveIdentity(String identityId) {
    checkNotNull(identityId, "identityId");
    return core.adoptInactiveIdentity(identityId);
  }

  /**
   * Deletes an inactive identity's local datasets and records, unsynced edits included (the app's explicit choice;
   * the server's copy is untouched).
   *
   * @param identityId an inactive identity's id, not null
   * @return completes once deleted; fails with {@link InvalidParameterException} if {@code identityId} is not inactive
   */
  @CheckReturnValue
  public Completable discardInactiveIdentity(String identityId) {
    checkNotNull(identityId, "identityId");
    return core.discardInactiveIdentity(identityId);
  }

  /**
   * Deletes every local dataset and record of every owner, synced or not. The identity provider is not
   * touched (sign out there if needed). Blocks on the local store.
   */
  public void wipeData() {
    core.wipeData();
  }

  /**
   * The client-wide status: {@code STOPPED} once closed, {@code BUSY} while any dataset syncs,
   * {@code CONNECTING} while one starts, {@code OFFLINE} without network, else {@code IDLE}; with the
   * latest successful sync time, the pending record count of the datasets used through this client, and
   * the last sync error. Emits the current status on subscription; completes on {@link #close()}.
   *
   * @return the status stream
   */
  public Observable<SyncStatus> status() {
    return core.status();
  }

  /** @return the current client-wide status */
  public SyncStatus currentStatus() {
    return core.currentStatus();
  }

  /** @return every dataset's sync progress, as it happens; hot */
  public Observable<SyncProgress> progress() {
    return core.progress();
  }

  /** @return every dataset's per-record sync events, as they happen; hot */
  public Observable<RecordEvent> events() {
    return core.events();
  }

  /**
   * The owner whose data the datasets read and write now: the current identity id, or the local owner id
   * before any identity exists.
   *
   * @return the owner id
   */
  public String ownerId() {
    return core.owner();
  }

  /**
   * Registers this device's push token for the current identity ({@code RegisterDevice}; the identity is
   * obtained from the identity provider, fetched if needed) and remembers the returned device id for that
   * identity, for this client's lifetime, so {@link Dataset#subscribe()} and {@link Dataset#unsubscribe()}
   * can use it. Registering the same token again returns the same device id, so calling this at every start
   * with the current token is fine; an app that wants to subscribe without the network may persist the id with
   * its identity and hand it to {@link #restoreDeviceId} instead. After an identity change register again: a
   * device id belongs to one identity. This id is not the {@link Builder#deviceId} sent with pushes.
   *
   * @param platform the push platform
   * @param token the push token the platform gave this device: not empty, without U+0000 or unpaired surrogates
   * @return the device id; fails with a {@link SyncException} ({@link ClientClosedException} once closed, a
   *     non-retryable {@link ServiceException} if the remote store does not support push sync)
   * @throws ValidationException if the token is empty or not well-formed text
   */
  @CheckReturnValue
  public Single<String> registerDevice(Platform platform, String token) {
    checkNotNull(platform, "platform");
    PushSync.token(token);
    return push.registerDevice(platform, token);
  }

  /**
   * Remembers a device id that an earlier {@link #registerDevice} returned for {@code identityId} (the app
   * persisted both), for this client's lifetime, as if that registration had just happened: no network call.
   *
   * @param identityId the identity the device was registered for (the {@link #ownerId()} after the registration)
   * @param deviceId the device id, 1..256 characters
   * @throws ValidationException if either is empty, or the device id is longer than 256 characters
   */
  public void restoreDeviceId(String identityId, String deviceId) {
    push.restoreDeviceId(identityId, deviceId);
  }

  /**
   * Handles a received push message: if it is a Cognito Sync notification ({@code source} is
   * {@code cognito-sync}) for the current identity, syncs the dataset it names ({@code datasetName}) unless
   * the dataset's {@link Dataset#lastSyncCount() watermark} already reached its {@code syncCount}. The payload
   * is AWS's: {@code source}, {@code identityPoolId} (not checked: one client serves one pool),
   * {@code identityId}, {@code datasetName}, {@code syncCount}. Cold; the payload is copied when called.
   *
   * @param payload the push message's data
   * @return the report of the sync; empty if the message is not from Cognito Sync, is for another identity, or
   *     the dataset is up to date; fails with {@link ValidationException} for a Cognito Sync message with a
   *     missing or malformed field (signalled, not thrown: the message is external input), and with the sync's
   *     errors
   */
  @CheckReturnValue
  public Maybe<SyncReport> handlePushNotification(Map<String, String> payload) {
    return push.handle(checkNotNull(payload, "payload"));
  }

  Completable subscription(Dataset dataset, boolean subscribe) {
    return push.subscription(dataset.name(), subscribe);
  }

  /**
   * Stops the client: background syncs stop, running and pending syncs end with
   * {@link ClientClosedException}, the streams complete. The stores are not closed (the app owns them).
   * Idempotent.
   */
  @Override
  public void close() {
    core.close();
  }

  Completable foldMerged(Dataset parent, String mergedName, ConflictResolver resolver) {
    Validation.datasetName(mergedName, config.limits);
    if (mergedName.equals(parent.name())) {
      throw new IllegalArgumentException("cannot fold a dataset into itself: " + mergedName);
    }
    Scheduler io = config.ioScheduler;
    // a closed client is signalled (ClientClosedException), like every other cold operation, not thrown
    return UntilClosed.completable(core, "foldMerged into " + parent.name(), Completable.defer(() -> {
      Dataset merged = dataset(mergedName);
      return UntilClosed.blocking(() -> merged.lastSyncCount() != 0 || !merged.records().isEmpty())
          .subscribeOn(io)
          .flatMapCompletable(present -> (present ? Completable.complete() : merged.sync().ignoreElement())
              .andThen(UntilClosed.blocking(() -> {
                parent.core().foldFrom(merged.core(), resolver);
                return Boolean.TRUE;
              }).ignoreElement().subscribeOn(io))
              .andThen(merged.sync().ignoreElement()));
    }));
  }

  /**
   * Builds a {@link SyncClient}. {@link #localStore}, {@link #remoteStore} and {@link #identityProvider}
   * are required; everything else has a default.
   */
  public static final class Builder {
    private LocalStore localStore;
    private RemoteStore remoteStore;
    private IdentityProvider identityProvider;
    private ConflictResolver conflictResolver = ConflictResolvers.lastWriterWins();
    private final Map<String, ConflictResolver> datasetResolvers = new LinkedHashMap<>();
    private ConnectivityMonitor connectivityMonitor = ConnectivityMonitors.alwaysOnline();
    private Scheduler ioScheduler = Schedulers.io();
    private Scheduler timerScheduler = Schedulers.computation();
    private Clock clock = Clock.systemUTC();
    private Random random = new Random();
    private Limits limits = Limits.DEFAULT;
    private SyncOptions options = SyncOptions.DEFAULT;
    private String localOwnerId = "local";
    private String deviceId;

    Builder() {}

    Builder(Builder b) {
      localStore = b.localStore;
      remoteStore = b.remoteStore;
      identityProvider = b.identityProvider;
      conflictResolver = b.conflictResolver;
      datasetResolvers.putAll(b.datasetResolvers);
      connectivityMonitor = b.connectivityMonitor;
      ioScheduler = b.ioScheduler;
      timerScheduler = b.timerScheduler;
      clock = b.clock;
      random = b.random;
      limits = b.limits;
      options = b.options;
      localOwnerId = b.localOwnerId;
      deviceId = b.deviceId;
    }

    /**
     * @param store where datasets live (required)
     * @return this builder
     */
    public Builder localStore(LocalStore store) {
      this.localStore = checkNotNull(store, "store");
      return this;
    }

    /**
     * @param store the server (required)
     * @return this builder
     */
    public Builder remoteStore(RemoteStore store) {
      this.remoteStore = checkNotNull(store, "store");
      return this;
    }

    /**
     * @param provider the identity source (required; see {@link IdentityProviders})
     * @return this builder
     */
    public Builder identityProvider(IdentityProvider provider) {
      this.identityProvider = checkNotNull(provider, "provider");
      return this;
    }

    /**
     * The resolver of every dataset without its own (default {@link ConflictResolvers#lastWriterWins()}).
     *
     * @param resolver the resolver
     * @return this builder
     */
    public Builder conflictResolver(ConflictResolver resolver) {
      this.conflictResolver = checkNotNull(resolver, "resolver");
      return this;
    }

    /**
     * The resolver of one dataset, overriding the default.
     *
     * @param datasetName the dataset
     * @param resolver its resolver
     * @return this builder
     */
    public Builder conflictResolver(String datasetName, ConflictResolver resolver) {
      checkNotNull(datasetName, "datasetName");
      datasetResolvers.put(datasetName, checkNotNull(resolver, "resolver"));
      return this;
    }

    /**
     * @param monitor network state (default {@link ConnectivityMonitors#alwaysOnline()})
     * @return this builder
     */
    public Builder connectivityMonitor(ConnectivityMonitor monitor) {
      this.connectivityMonitor = checkNotNull(monitor, "monitor");
      return this;
    }

    /**
     * Where blocking local-store work of syncs runs (default {@link Schedulers#io()}; tests may use
     * {@link Schedulers#trampoline()}).
     *
     * @param scheduler the scheduler
     * @return this builder
     */
    public Builder ioScheduler(Scheduler scheduler) {
      this.ioScheduler = checkNotNull(scheduler, "scheduler");
      return this;
    }

    /**
     * The scheduler of every delay: conflict retry backoff, background retry backoff, debounce and
     * periodic syncs (default {@link Schedulers#computation()}; tests use a {@code TestScheduler}).
     *
     * @param scheduler the scheduler
     * @return this builder
     */
    public Builder timerScheduler(Scheduler scheduler) {
      this.timerScheduler = checkNotNull(scheduler, "scheduler");
      return this;
    }

    /**
     * @param clock timestamps of local writes and syncs (default UTC system clock)
     * @return this builder
     */
    public Builder clock(Clock clock) {
      this.clock = checkNotNull(clock, "clock");
      return this;
    }

    /**
     * @param random the source of backoff jitter
     * @return this builder
     */
    public Builder random(Random random) {
      this.random = checkNotNull(random, "random");
      return this;
    }

    /**
     * @param limits the limits enforced on writes and pushes (default {@link Limits#DEFAULT})
     * @return this builder
     */
    public Builder limits(Limits limits) {
      this.limits = checkNotNull(limits, "limits");
      return this;
    }

    /**
     * @param options sync behaviour (default {@link SyncOptions#DEFAULT})
     * @return this builder
     */
    public Builder options(SyncOptions options) {
      this.options = checkNotNull(options, "options");
      return this;
    }

    /**
     * The owner id of data written before any identity exists (default {@code "local"}). Must never be
     * a real identity id.
     *
     * @param id the local owner id
     * @return this builder
     */
    public Builder localOwnerId(String id) {
      checkNotNull(id, "id");
      if (id.isEmpty()) {
        throw new IllegalArgumentException("localOwnerId is empty");
      }
      this.localOwnerId = id;
      return this;
    }

    /**
     * The device id sent with pushes (becomes the server's {@code LastModifiedBy}); default none.
     *
     * @param deviceId the device id
     * @return this builder
     */
    public Builder deviceId(String deviceId) {
      this.deviceId = checkNotNull(deviceId, "deviceId");
      return this;
    }

    /**
     * Builds the client and starts watching identity and connectivity.
     *
     * @return the client
     * @throws NullPointerException if a required part is missing
     */
    public SyncClient build() {
      checkNotNull(localStore, "localStore");
      checkNotNull(remoteStore, "remoteStore");
      checkNotNull(identityProvider, "identityProvider");
      return new SyncClient(this);
    }
  }
}
