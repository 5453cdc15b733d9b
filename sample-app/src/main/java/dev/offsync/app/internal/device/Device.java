package dev.offsync.app.internal.device;

import dev.offsync.ConflictResolver;
import dev.offsync.ConflictResolvers;
import dev.offsync.ConnectivityMonitors;
import dev.offsync.Dataset;
import dev.offsync.IdentityProviders;
import dev.offsync.ManualIdentityProvider;
import dev.offsync.SyncClient;
import dev.offsync.app.internal.CliContext;
import dev.offsync.app.internal.Credentials;
import dev.offsync.http.CognitoIdentityCredentialsProvider;
import dev.offsync.http.CognitoSyncClient;
import dev.offsync.http.CognitoSyncRemoteStore;
import dev.offsync.http.RetryPolicy;
import dev.offsync.http.spi.CredentialsProvider;
import dev.offsync.spi.ConnectivityMonitor;
import dev.offsync.spi.IdentityProvider;
import dev.offsync.spi.RemoteStore;
import dev.offsync.sqlite.SqliteLocalStore;
import java.time.Duration;
import java.util.Objects;
import java.util.function.UnaryOperator;

/**
 * One offline-first device: a {@link SyncClient} over a {@link SqliteLocalStore} file and, when a server is
 * configured, a {@link CognitoSyncRemoteStore} signed with credentials from the environment or from Cognito
 * Identity. Without an identity yet, local writes go to the local owner and the first identity adopts them.
 * Closing it closes the client, the HTTP client and the database.
 */
public final class Device implements AutoCloseable {
  private final DeviceSettings settings;
  private final SqliteLocalStore store;
  private final CognitoSyncClient http;
  private final SyncClient client;

  private Device(DeviceSettings settings, SqliteLocalStore store, CognitoSyncClient http, SyncClient client) {
    this.settings = settings;
    this.store = store;
    this.http = http;
    this.client = client;
  }

  /** Configures and opens a {@link Device}. Not thread-safe. */
  public static final class Opener {
    private final DeviceSettings settings;
    private final CliContext context;
    private ConflictResolver resolver = ConflictResolvers.deferAll();
    private ConnectivityMonitor connectivity = ConnectivityMonitors.alwaysOnline();
    private UnaryOperator<RemoteStore> remoteDecorator = UnaryOperator.identity();
    private RetryPolicy retryPolicy = RetryPolicy.builder().maxAttempts(2).build();
    private String adoptFrom;

    private Opener(DeviceSettings settings, CliContext context) {
      this.settings = Objects.requireNonNull(settings, "settings == null");
      this.context = Objects.requireNonNull(context, "context == null");
    }

    /**
     * Sets the conflict resolver of every dataset (default: defer every conflict to the user).
     *
     * @param resolver the resolver
     * @return this
     */
    public Opener resolver(ConflictResolver resolver) {
      this.resolver = Objects.requireNonNull(resolver, "resolver == null");
      return this;
    }

    /**
     * Sets the connectivity monitor (default: always online).
     *
     * @param monitor the monitor
     * @return this
     */
    public Opener connectivity(ConnectivityMonitor monitor) {
      this.connectivity = Objects.requireNonNull(monitor, "monitor == null");
      return this;
    }

    /**
     * Wraps the remote store, e.g. to observe or stage calls.
     *
     * @param decorator receives the real store and returns the one the device uses
     * @return this
     */
    public Opener remoteDecorator(UnaryOperator<RemoteStore> decorator) {
      this.remoteDecorator = Objects.requireNonNull(decorator, "decorator == null");
      return this;
    }

    /**
     * Sets the identity whose local data the device's identity takes over when it opens (default: none, only the
     * data written before any identity): an id the device used but no sync ever confirmed, like a typo.
     *
     * @param identityId the identity, or {@code null}
     * @return this
     */
    public Opener adoptFrom(String identityId) {
      this.adoptFrom = identityId;
      return this;
    }

    /**
     * Opens the database and builds the client. Does not touch the network.
     *
     * @return the device
     */
    public Device open() {
      SqliteLocalStore store = SqliteLocalStore.builder().file(settings.db()).build();
      CognitoSyncClient http = null;
      RemoteStore remote;
      try {
        if (settings.hasServer()) {
          http = CognitoSyncClient.builder()
              .endpoint(settings.endpoint())
              .region(settings.region())
              .credentialsProvider(credentials(context, settings))
              .retryPolicy(retryPolicy)
              .connectTimeout(Duration.ofSeconds(5))
              .callTimeout(Duration.ofSeconds(60))
              .build();
          remote = CognitoSyncRemoteStore.create(http, settings.identityPoolId());
        } else {
          remote = new NoServerRemoteStore(settings.endpoint() == null
              ? "pass --endpoint URL" : "pass --identity-pool ID");
        }
        IdentityProvider identity = settings.identityId() != null
            ? IdentityProviders.fixed(settings.identityId())
            : new ManualIdentityProvider();
        SyncClient.Builder builder = SyncClient.builder();
        if (adoptFrom != null && settings.identityId() != null) {
          // the engine hands the local owner's data to the identity it opens with: here, the unconfirmed id's
          builder.localOwnerId(adoptFrom);
        }
        SyncClient client = builder
            .localStore(store)
            .remoteStore(remoteDecorator.apply(remote))
            .identityProvider(identity)
            .conflictResolver(resolver)
            .connectivityMonitor(connectivity)
            .deviceId(settings.name())
            .build();
        return new Device(settings, store, http, client);
      } catch (RuntimeException e) {
        if (http != null) {
          http.close();
        }
        store.close();
        throw e;
      }
    }
  }

  /**
   * Starts configuring a device.
   *
   * @param settings where its file and server are
   * @param context the environment, for credentials
   * @return the opener
   */
  public static Opener opener(DeviceSettings settings, CliContext context) {
    return new Opener(settings, context);
  }

  /**
   * Returns the credentials a device signs with: the environment's, else Cognito Identity's for its identity.
   *
   * @param context the environment
   * @param settings the device settings, with an identity pool
   * @return the provider
   */
  static CredentialsProvider credentials(CliContext context, DeviceSettings settings) {
    if (Credentials.inEnvironment(context)) {
      return Credentials.fromEnvironment(context);
    }
    return identityProvider(settings);
  }

  /**
   * Returns a Cognito Identity provider for the device's pool and identity (or a new identity if it has none).
   *
   * @param settings the device settings, with an identity pool
   * @return the provider
   */
  public static CognitoIdentityCredentialsProvider identityProvider(DeviceSettings settings) {
    Objects.requireNonNull(settings.identityPoolId(), "identityPoolId == null");
    return Credentials.cognitoIdentity(
        identityEndpoint(settings), settings.region(), settings.identityPoolId(), settings.identityId());
  }

  /**
   * Returns where a device asks Cognito Identity: its identity endpoint if set; AWS's regional Cognito Identity
   * (the provider's default, {@code null} here) when the sync endpoint is AWS's Cognito Sync; otherwise the sync
   * endpoint itself, which is how {@code offsync server} serves both.
   *
   * @param settings the device settings
   * @return the endpoint, or {@code null} for AWS's
   */
  static String identityEndpoint(DeviceSettings settings) {
    if (settings.identityEndpoint() != null) {
      return settings.identityEndpoint();
    }
    String endpoint = settings.endpoint();
    if (endpoint == null || endpoint.matches("(?i)https://cognito-sync\\.[a-z0-9-]+\\.amazonaws\\.com/?")) {
      return null;
    }
    return endpoint;
  }

  /** Returns the device's settings. */
  public DeviceSettings settings() {
    return settings;
  }

  /** Returns the sync client. */
  public SyncClient client() {
    return client;
  }

  /**
   * Returns a dataset of the device.
   *
   * @param name the dataset name
   * @return the dataset
   */
  public Dataset dataset(String name) {
    return client.dataset(name);
  }

  /**
   * Returns the sync-http client of the device's server, for direct Cognito Sync calls.
   *
   * @return the client, or {@code null} without a server
   */
  public CognitoSyncClient http() {
    return http;
  }

  @Override
  public void close() {
    try {
      client.close();
    } finally {
      try {
        if (http != null) {
          http.close();
        }
      } finally {
        store.close();
      }
    }
  }
}
