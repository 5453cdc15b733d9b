package dev.offsync.server;

import dev.offsync.server.internal.auth.CredentialResolverImpl;
import dev.offsync.server.internal.auth.ServerKey;
import dev.offsync.server.internal.auth.SigV4Verifier;
import dev.offsync.server.internal.http.CorsHandler;
import dev.offsync.server.internal.http.JsonErrorHandler;
import dev.offsync.server.internal.http.Readiness;
import dev.offsync.server.internal.http.SyncHandler;
import dev.offsync.server.internal.identity.IdentityEndpoint;
import dev.offsync.server.internal.metrics.ServerMetrics;
import dev.offsync.server.internal.identity.OpenIdProvider;
import dev.offsync.server.internal.service.Fields;
import dev.offsync.server.internal.service.FileStreamSink;
import dev.offsync.server.internal.service.Settings;
import dev.offsync.server.internal.service.StreamPublisher;
import dev.offsync.server.internal.service.SyncService;
import dev.offsync.server.internal.store.SqliteSyncStore;
import dev.offsync.server.internal.trigger.WebhookSyncTrigger;
import dev.offsync.server.spi.PushNotifier;
import dev.offsync.server.spi.StreamSink;
import dev.offsync.server.spi.SyncStore;
import dev.offsync.server.spi.SyncTrigger;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import org.eclipse.jetty.http.UriCompliance;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.NetworkConnectionLimit;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.handler.GracefulHandler;
import org.eclipse.jetty.util.thread.QueuedThreadPool;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A Cognito-Sync-compatible server: the 17 Cognito Sync operations (SigV4-signed, service {@code cognito-sync}), a
 * Cognito-Identity-compatible credentials endpoint for unauthenticated identities, and {@code GET /health}, all on one
 * port, storing data in a SQLite database in the data directory unless another {@link Builder#store store} is given.
 *
 * <pre>{@code
 * try (SyncServer server = SyncServer.builder()
 *     .port(0)
 *     .dataDirectory(dir)
 *     .developerKey("AKID", "SECRET")
 *     .identityPool("us-east-1:0d3b5a52-5d1f-4c1b-9a4e-3c1f0e0c2a11")
 *     .build()
 *     .start()) {
 *   URI endpoint = server.baseUri();
 * }
 * }</pre>
 *
 * <p>{@link #close()} stops accepting connections, lets in-flight requests finish (up to the drain timeout) and then
 * closes the database.
 */
public final class SyncServer implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(SyncServer.class);
  /** How long a stream publisher's lease lasts unless renewed; another instance takes over after it. */
  private static final Duration STREAM_LEASE = Duration.ofSeconds(30);

  private final Builder config;
  private final CountDownLatch stopped = new CountDownLatch(1);
  private Server jetty;
  private GracefulHandler graceful;
  private SyncStore store;
  private ServerMetrics metrics;
  private Readiness readiness;
  private ExecutorService ownedBulkExecutor;
  private StreamPublisher streamPublisher;
  private WebhookSyncTrigger ownedSyncTrigger;
  private volatile int port = -1;
  private boolean started;
  private boolean closed;

  private SyncServer(Builder b) {
    this.config = b.copy();
  }

  /**
   * A new builder.
   *
   * @return a builder with defaults: host 127.0.0.1, port 8080, AWS's limits, 1 h token and credential lifetimes
   */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * Opens the store, creates the configured identity pools and starts listening.
   *
   * @return this server, running
   * @throws IllegalStateException if already started or closed, or if the server cannot start
   */
  public synchronized SyncServer start() {
    if (started || closed) {
      throw new IllegalStateException(closed ? "server is closed" : "server already started");
    }
    started = true;
    try {
      Files.createDirectories(config.dataDirectory);
      metrics = new ServerMetrics();
      store = metrics.instrument(
          config.store != null ? config.store : SqliteSyncStore.openInDirectory(config.dataDirectory));
      readiness = new Readiness(store);
      // several instances on one database share the key through it; otherwise it lives in the data directory
      ServerKey key = store.sharedSecret("server-key", 32).map(ServerKey::of)
          .orElseGet(() -> ServerKey.loadOrCreate(config.dataDirectory));
      Clock clock = config.clock;
      store.write(tx -> {
        for (String pool : config.identityPools) {
          if (tx.createPoolIfAbsent(pool, clock.instant())) {
            LOG.info("created identity pool {}", pool);
          }
        }
        return null;
      });
      Executor bulkExecutor = config.bulkPublishExecutor;
      if (bulkExecutor == null) {
        ownedBulkExecutor = Executors.newSingleThreadExecutor(r -> {
          Thread t = new Thread(r, "offsync-bulk-publish");
          t.setDaemon(true);
          return t;
        });
        bulkExecutor = ownedBulkExecutor;
      }
      StreamSink sink = config.streamSink != null ? config.streamSink : new FileStreamSink(config.streamDirectory());
      StreamPublisher publisher = new StreamPublisher(store, sink, clock, config.streamPollInterval,
          config.streamFirstBackoff, config.streamMaxBackoff, STREAM_LEASE, config.streamBatchBytes,
          metrics::streamPublishFailure);
      SyncStore lagStore = store;
      metrics.streamOutboxLag(clock, c -> StreamPublisher.outboxLagSeconds(lagStore, c));
      Settings settings = new Settings(
          store, key, clock, config.streamDirectory(),
          config.limits.maxDatasetsPerIdentity(), config.limits.maxRecordsPerDataset(),
          config.limits.maxDatasetBytes(), config.syncSessionTokenTtl, config.credentialsTtl,
          config.pushNotifier, bulkExecutor, publisher::wakeUp,
          config.syncTrigger != null ? config.syncTrigger
              : (ownedSyncTrigger = new WebhookSyncTrigger(config.lambdas, config.syncTriggerTimeout)),
          metrics);
      SyncService service = new SyncService(settings);
      service.recover();
      streamPublisher = publisher;
      publisher.start();
      SigV4Verifier verifier = new SigV4Verifier("cognito-sync", clock, config.maxClockSkew,
          new CredentialResolverImpl(config.developerKeys, key, clock));
      SigV4Verifier identityVerifier = new SigV4Verifier("cognito-identity", clock, config.maxClockSkew,
          new CredentialResolverImpl(config.developerKeys, key, clock));
      SyncHandler handler = new SyncHandler(verifier, identityVerifier, service,
          new IdentityEndpoint(settings, config.openIdProviders), config.limits, metrics, readiness,
          config.metricsEndpoint);

      ServerLimits limits = config.limits;
      QueuedThreadPool threads = new QueuedThreadPool(limits.maxThreads(), Math.min(4, limits.maxThreads()));
      threads.setName("offsync-http");
      Server server = new Server(threads);
      HttpConfiguration http = new HttpConfiguration();
      http.setSendServerVersion(false);
      http.setUriCompliance(UriCompliance.LEGACY);
      http.setRequestHeaderSize(limits.maxRequestHeaderBytes());
      ServerConnector connector = new ServerConnector(server, new HttpConnectionFactory(http));
      connector.setHost(config.host);
      connector.setPort(config.port);
      connector.setIdleTimeout(limits.idleTimeout().toMillis());
      server.addConnector(connector);
      // past the cap the connector stops accepting (the kernel's backlog holds new ones) until a connection closes
      server.addBean(new NetworkConnectionLimit(limits.maxConnections(), connector));
      GracefulHandler gracefulHandler = new GracefulHandler(
          config.corsOrigins.isEmpty() ? handler : new CorsHandler(config.corsOrigins, handler));
      server.setHandler(gracefulHandler);
      server.setErrorHandler(new JsonErrorHandler(metrics));
      server.setStopTimeout(config.drainTimeout.toMillis());
      server.setStopAtShutdown(false);
      server.start();
      jetty = server;
      graceful = gracefulHandler;
      port = connector.getLocalPort();
      readiness.started();
      LOG.info("offsync sync-server listening on {} (data: {})", baseUri(), config.dataDirectory.toAbsolutePath());
      return this;
    } catch (Exception e) {
      closeResources();
      closed = true;
      stopped.countDown();
      if (e instanceof RuntimeException re) {
        throw re;
      }
      throw new IllegalStateException("cannot start the sync server: " + e.getMessage(), e);
    }
  }

  /**
   * The port the server listens on (the real one when built with port 0).
   *
   * @return the port
   * @throws IllegalStateException if not started
   */
  public int port() {
    if (port < 0) {
      throw new IllegalStateException("server not started");
    }
    return port;
  }

  /**
   * The server's base URI, e.g. {@code http://127.0.0.1:8080}, usable as an AWS SDK {@code endpointOverride}.
   *
   * @return the URI
   * @throws IllegalStateException if not started
   */
  public URI baseUri() {
    String host = config.host.contains(":") ? "[" + config.host + "]" : config.host;
    if ("0.0.0.0".equals(config.host) || "::".equals(config.host)) {
      host = "127.0.0.1";
    }
    return URI.create("http://" + host + ":" + port());
  }

  /**
   * The data directory.
   *
   * @return the directory holding the SQLite database, the server key and, by default, bulk-publish streams
   */
  public Path dataDirectory() {
    return config.dataDirectory;
  }

  /**
   * Where bulk publish writes its export files.
   *
   * @return the {@linkplain Builder#streamDirectory stream directory}, by default {@code <data>/streams}
   */
  public Path streamDirectory() {
    return config.streamDirectory();
  }

  /**
   * Blocks until the server has been closed.
   *
   * @throws InterruptedException if interrupted while waiting
   */
  public void awaitClose() throws InterruptedException {
    stopped.await();
  }

  /**
   * Stops accepting requests, drains in-flight ones, stops bulk publishing and the stream publisher (entries not yet
   * published stay for the next start) and closes the store. Idempotent.
   */
  @Override
  public synchronized void close() {
    if (closed) {
      return;
    }
    closed = true;
    closeResources();
    stopped.countDown();
    LOG.info("offsync sync-server stopped");
  }

  private void closeResources() {
    if (readiness != null) {
      readiness.draining();
    }
    if (jetty != null && !config.drainDelay.isZero()) {
      // /ready answers 503 from now on while requests are still served: load balancers and orchestrators take the
      // instance out of rotation before it stops accepting connections
      LOG.info("draining: /ready reports 503; still serving for {}", config.drainDelay);
      try {
        Thread.sleep(config.drainDelay.toMillis());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    if (jetty != null) {
      try {
        // drain: refuse new requests, wait for in-flight ones, then stop without waiting on idle keep-alive
        // connections (Jetty's own graceful stop would wait for those too)
        if (graceful != null) {
          try {
            graceful.shutdown().get(config.drainTimeout.toMillis(), TimeUnit.MILLISECONDS);
          } catch (java.util.concurrent.TimeoutException e) {
            LOG.warn("in-flight requests did not finish within {}", config.drainTimeout);
          } catch (java.util.concurrent.ExecutionException e) {
            LOG.warn("draining requests: {}", e.toString());
          }
        }
        jetty.setStopTimeout(0);
        jetty.stop();
      } catch (Exception e) {
        LOG.warn("stopping HTTP server: {}", e.toString());
      }
    }
    if (ownedSyncTrigger != null) {
      // after the HTTP side stopped: no request calls a webhook any more
      ownedSyncTrigger.close();
    }
    if (ownedBulkExecutor != null) {
      ownedBulkExecutor.shutdown();
      try {
        if (!ownedBulkExecutor.awaitTermination(config.drainTimeout.toMillis(), TimeUnit.MILLISECONDS)) {
          ownedBulkExecutor.shutdownNow();
        }
      } catch (InterruptedException e) {
        ownedBulkExecutor.shutdownNow();
        Thread.currentThread().interrupt();
      }
    }
    if (streamPublisher != null) {
      // after the HTTP side stopped: no new entries; the current sink call and its delete finish
      streamPublisher.close(config.drainTimeout);
    }
    if (store != null) {
      try {
        store.close();
      } catch (RuntimeException e) {
        LOG.warn("closing store: {}", e.toString());
      }
    }
    if (metrics != null) {
      metrics.close();
    }
  }

  /**
   * This instance's meters (read by the admin console; scraped at {@code GET /metrics}).
   *
   * @return the metrics
   * @throws IllegalStateException if not started
   */
  ServerMetrics metrics() {
    if (metrics == null) {
      throw new IllegalStateException("server not started");
    }
    return metrics;
  }

  /** Builder of a {@link SyncServer}; every setter rejects null. */
  public static final class Builder {
    private String host = "127.0.0.1";
    private int port = 8080;
    private Path dataDirectory;
    private Path streamDirectory;
    private final Map<String, String> developerKeys = new LinkedHashMap<>();
    private final Set<String> identityPools = new LinkedHashSet<>();
    private final List<OpenIdProvider> openIdProviders = new ArrayList<>();
    private Clock clock = Clock.systemUTC();
    private ServerLimits limits = ServerLimits.defaults();
    private Duration syncSessionTokenTtl = Duration.ofHours(1);
    private Duration credentialsTtl = Duration.ofHours(1);
    private Duration maxClockSkew = Duration.ofMinutes(5);
    private Duration drainTimeout = Duration.ofSeconds(30);
    private Duration drainDelay = Duration.ZERO;
    private boolean metricsEndpoint = true;
    private PushNotifier pushNotifier = new LoggingPushNotifier();
    private Executor bulkPublishExecutor;
    private StreamSink streamSink;
    private Duration streamPollInterval = Duration.ofSeconds(1);
    private Duration streamFirstBackoff = Duration.ofSeconds(1);
    private Duration streamMaxBackoff = Duration.ofMinutes(1);
    private long streamBatchBytes = StreamPublisher.BATCH_BYTES;
    private SyncStore store;
    private final Map<String, URI> lambdas = new LinkedHashMap<>();
    private SyncTrigger syncTrigger;
    private Duration syncTriggerTimeout = Duration.ofSeconds(5);
    private final Set<String> corsOrigins = new LinkedHashSet<>();

    private Builder() {}

    private Builder copy() {
      Builder b = new Builder();
      b.host = host;
      b.port = port;
      b.dataDirectory = dataDirectory;
      b.streamDirectory = streamDirectory;
      b.developerKeys.putAll(developerKeys);
      b.identityPools.addAll(identityPools);
      b.openIdProviders.addAll(openIdProviders);
      b.clock = clock;
      b.limits = limits;
      b.syncSessionTokenTtl = syncSessionTokenTtl;
      b.credentialsTtl = credentialsTtl;
      b.maxClockSkew = maxClockSkew;
      b.drainTimeout = drainTimeout;
      b.drainDelay = drainDelay;
      b.metricsEndpoint = metricsEndpoint;
      b.pushNotifier = pushNotifier;
      b.bulkPublishExecutor = bulkPublishExecutor;
      b.streamSink = streamSink;
      b.streamPollInterval = streamPollInterval;
      b.streamFirstBackoff = streamFirstBackoff;
      b.streamMaxBackoff = streamMaxBackoff;
      b.streamBatchBytes = streamBatchBytes;
      b.store = store;
      b.lambdas.putAll(lambdas);
      b.syncTrigger = syncTrigger;
      b.syncTriggerTimeout = syncTriggerTimeout;
      b.corsOrigins.addAll(corsOrigins);
      return b;
    }

    private static Duration positive(String name, Duration d) {
      Objects.requireNonNull(d, name + " == null");
      if (d.isNegative() || d.isZero()) {
        throw new IllegalArgumentException(name + " must be positive: " + d);
      }
      return d;
    }

    /**
     * The interface to bind.
     *
     * @param host a host name or address; default 127.0.0.1
     * @return this
     */
    public Builder host(String host) {
      this.host = Objects.requireNonNull(host, "host == null");
      return this;
    }

    /**
     * The port to bind.
     *
     * @param port 0 for any free port; default 8080
     * @return this
     */
    public Builder port(int port) {
      if (port < 0 || port > 65535) {
        throw new IllegalArgumentException("port out of range: " + port);
      }
      this.port = port;
      return this;
    }

    /**
     * The data directory (created if absent): database, server key, bulk-publish streams. Required.
     *
     * @param dataDirectory the directory
     * @return this
     */
    public Builder dataDirectory(Path dataDirectory) {
      this.dataDirectory = Objects.requireNonNull(dataDirectory, "dataDirectory == null");
      return this;
    }

    /**
     * Where bulk publish writes its export files ({@code <StreamName>.jsonl}, created if absent); by default
     * {@code streams} in the data directory. Several instances on one database should share one directory (a shared
     * volume), so that every export lands in one place whichever instance ran it.
     *
     * @param streamDirectory the directory
     * @return this
     */
    public Builder streamDirectory(Path streamDirectory) {
      this.streamDirectory = Objects.requireNonNull(streamDirectory, "streamDirectory == null");
      return this;
    }

    private Path streamDirectory() {
      return streamDirectory != null ? streamDirectory : dataDirectory.resolve("streams");
    }

    /**
     * Adds a developer key pair; its holder may call every operation on every identity except RegisterDevice,
     * SubscribeToDataset and UnsubscribeFromDataset.
     *
     * @param accessKeyId the access key id
     * @param secretAccessKey the secret
     * @return this
     */
    public Builder developerKey(String accessKeyId, String secretAccessKey) {
      Objects.requireNonNull(accessKeyId, "accessKeyId == null");
      Objects.requireNonNull(secretAccessKey, "secretAccessKey == null");
      if (accessKeyId.isEmpty() || secretAccessKey.isEmpty() || accessKeyId.contains("/")) {
        throw new IllegalArgumentException("developer key id and secret must be non-empty, and the id without '/'");
      }
      developerKeys.put(accessKeyId, secretAccessKey);
      return this;
    }

    /**
     * Trusts an OpenID Connect provider for Cognito Identity logins. Its {@code Logins} key is the issuer without
     * scheme (e.g. {@code issuer.example.com/realms/app}); a pool accepts it when its
     * {@code OpenIdConnectProviderARNs} lists {@code arn:aws:iam::<account>:oidc-provider/<that name>} or its
     * {@code SupportedLoginProviders} has that name as a key. See docs/server.md.
     *
     * @param issuer the exact {@code iss} of the provider's tokens
     * @param jwks an {@code http(s)://} URL of the provider's JWKS, or the path of a JWKS file
     * @param clientIds the accepted token audiences (at least one)
     * @return this
     * @throws IllegalArgumentException if {@code clientIds} is empty or the issuer blank
     */
    public Builder openIdConnectProvider(String issuer, String jwks, Collection<String> clientIds) {
      Objects.requireNonNull(issuer, "issuer == null");
      Objects.requireNonNull(jwks, "jwks == null");
      Objects.requireNonNull(clientIds, "clientIds == null");
      if (clientIds.isEmpty()) {
        throw new IllegalArgumentException("an OpenID Connect provider needs at least one client id (audience)");
      }
      openIdProviders.add(new OpenIdProvider(issuer, jwks, new LinkedHashSet<>(clientIds)));
      return this;
    }

    /**
     * Adds an identity pool, created at start if absent.
     *
     * @param poolId e.g. {@code us-east-1:0d3b5a52-5d1f-4c1b-9a4e-3c1f0e0c2a11}
     * @return this
     * @throws IllegalArgumentException if the id does not satisfy the model's pattern
     */
    public Builder identityPool(String poolId) {
      Objects.requireNonNull(poolId, "poolId == null");
      try {
        Fields.poolId(poolId);
      } catch (RuntimeException e) {
        throw new IllegalArgumentException("invalid identity pool id: " + e.getMessage());
      }
      identityPools.add(poolId);
      return this;
    }

    /**
     * The clock for token expiry, signature skew and the 24 h bulk-publish rule.
     *
     * @param clock the clock; default the system UTC clock
     * @return this
     */
    public Builder clock(Clock clock) {
      this.clock = Objects.requireNonNull(clock, "clock == null");
      return this;
    }

    /**
     * Service limits.
     *
     * @param limits the limits; default {@link ServerLimits#defaults()}
     * @return this
     */
    public Builder limits(ServerLimits limits) {
      this.limits = Objects.requireNonNull(limits, "limits == null");
      return this;
    }

    /**
     * Lifetime of SyncSessionTokens.
     *
     * @param ttl positive; default 1 hour
     * @return this
     */
    public Builder syncSessionTokenTtl(Duration ttl) {
      this.syncSessionTokenTtl = positive("ttl", ttl);
      return this;
    }

    /**
     * Lifetime of temporary identity credentials.
     *
     * @param ttl positive; default 1 hour
     * @return this
     */
    public Builder credentialsTtl(Duration ttl) {
      this.credentialsTtl = positive("ttl", ttl);
      return this;
    }

    /**
     * Allowed difference between a request's signing time and the server clock.
     *
     * @param skew positive; default 5 minutes
     * @return this
     */
    public Builder maxClockSkew(Duration skew) {
      this.maxClockSkew = positive("skew", skew);
      return this;
    }

    /**
     * How long {@link SyncServer#close()} waits for in-flight requests.
     *
     * @param timeout positive; default 30 seconds
     * @return this
     */
    public Builder drainTimeout(Duration timeout) {
      this.drainTimeout = positive("timeout", timeout);
      return this;
    }

    /**
     * How long a stop keeps serving after {@code GET /ready} started answering 503, before it stops accepting
     * connections and drains in-flight requests: the time a load balancer needs to notice (a few probe periods).
     *
     * @param delay zero or positive; default zero
     * @return this
     */
    public Builder drainDelay(Duration delay) {
      Objects.requireNonNull(delay, "delay == null");
      if (delay.isNegative()) {
        throw new IllegalArgumentException("delay must not be negative: " + delay);
      }
      this.drainDelay = delay;
      return this;
    }

    /**
     * Whether {@code GET /metrics} serves the Prometheus scrape on the main port (unauthenticated; it carries no
     * secrets: operation names, status codes, error names, JVM figures). Meters are kept either way.
     *
     * @param enabled default true
     * @return this
     */
    public Builder metricsEndpoint(boolean enabled) {
      this.metricsEndpoint = enabled;
      return this;
    }

    /**
     * Receives push-sync notifications after committed dataset changes.
     *
     * @param notifier the notifier; default logs each notification
     * @return this
     */
    public Builder pushNotifier(PushNotifier notifier) {
      this.pushNotifier = Objects.requireNonNull(notifier, "notifier == null");
      return this;
    }

    /**
     * Runs bulk publishes. By default a single background thread owned by the server.
     *
     * @param executor the executor
     * @return this
     */
    public Builder bulkPublishExecutor(Executor executor) {
      this.bulkPublishExecutor = Objects.requireNonNull(executor, "executor == null");
      return this;
    }

    /**
     * Where live Cognito Streams records go (pools whose {@code CognitoStreams} has {@code StreamingStatus: ENABLED}
     * and a {@code StreamName}). By default each stream is appended to {@code <stream directory>/<StreamName>.jsonl},
     * the file bulk publish writes to.
     *
     * @param sink the sink; called from one background thread, at least once per committed change
     * @return this
     */
    public Builder streamSink(StreamSink sink) {
      this.streamSink = Objects.requireNonNull(sink, "sink == null");
      return this;
    }

    /**
     * How often the stream publisher looks at the outbox when no commit woke it (changes committed by other
     * instances on the same database, entries left by a previous run).
     *
     * @param interval positive; default 1 second
     * @return this
     */
    public Builder streamPollInterval(Duration interval) {
      this.streamPollInterval = positive("interval", interval);
      return this;
    }

    /**
     * The back-off of the stream publisher after its sink (or the store) failed: {@code first} after one failure,
     * doubling with each further consecutive failure up to {@code max}.
     *
     * @param first positive; default 1 second
     * @param max at least {@code first}; default 1 minute
     * @return this
     */
    public Builder streamRetryBackoff(Duration first, Duration max) {
      positive("first", first);
      positive("max", max);
      if (max.compareTo(first) < 0) {
        throw new IllegalArgumentException("max back-off " + max + " is shorter than the first " + first);
      }
      this.streamFirstBackoff = first;
      this.streamMaxBackoff = max;
      return this;
    }

    /**
     * The byte budget of one stream publisher batch (tests set a small one; see {@link StreamPublisher#BATCH_BYTES}).
     *
     * @param bytes positive
     * @return this
     */
    Builder streamBatchBytes(long bytes) {
      if (bytes < 1) {
        throw new IllegalArgumentException("bytes must be positive: " + bytes);
      }
      this.streamBatchBytes = bytes;
      return this;
    }

    /**
     * Uses this store instead of SQLite in the data directory. The server takes ownership and closes it.
     *
     * @param store the store
     * @return this
     */
    public Builder store(SyncStore store) {
      this.store = Objects.requireNonNull(store, "store == null");
      return this;
    }

    /**
     * Maximum number of HTTP worker threads: the same as {@code limits(limits.toBuilder().maxThreads(n).build())}
     * with the limits set so far (see {@link ServerLimits#maxThreads()}).
     *
     * @param maxThreads at least 8; default 64
     * @return this
     */
    public Builder maxThreads(int maxThreads) {
      this.limits = limits.toBuilder().maxThreads(maxThreads).build();
      return this;
    }

    /**
     * Maps a Lambda function ARN to the HTTP(S) webhook that stands in for it: when an identity pool's Cognito events
     * name the ARN as {@code SyncTrigger}, UpdateRecords POSTs the Sync Trigger event there (JSON) and writes what the
     * answer says (see {@link SyncTrigger} and docs/server.md, "Sync Trigger"). A pool whose trigger names an ARN
     * without a mapping fails its UpdateRecords with {@code InvalidLambdaFunctionOutputException}. Repeatable; a
     * second mapping of the same ARN replaces the first.
     *
     * @param functionArn the ARN as stored with SetCognitoEvents, e.g.
     *     {@code arn:aws:lambda:us-east-1:123456789012:function:validate}
     * @param url an absolute http or https URL
     * @return this
     * @throws IllegalArgumentException if the ARN is empty or the URL is not an absolute http(s) URL with a host
     */
    public Builder lambda(String functionArn, URI url) {
      Objects.requireNonNull(functionArn, "functionArn == null");
      Objects.requireNonNull(url, "url == null");
      if (functionArn.isBlank()) {
        throw new IllegalArgumentException("function ARN must not be empty");
      }
      String scheme = url.getScheme() == null ? "" : url.getScheme().toLowerCase(java.util.Locale.ROOT);
      if (!scheme.equals("http") && !scheme.equals("https") || url.getHost() == null) {
        throw new IllegalArgumentException("Sync Trigger URL must be an absolute http or https URL: " + url);
      }
      lambdas.put(functionArn, url);
      return this;
    }

    /**
     * Runs Sync Triggers with this implementation instead of the webhooks configured with {@link #lambda}, e.g. an
     * in-process function. The server calls it outside any database transaction, on the request's thread.
     *
     * @param trigger the trigger
     * @return this
     */
    public Builder syncTrigger(SyncTrigger trigger) {
      this.syncTrigger = Objects.requireNonNull(trigger, "trigger == null");
      return this;
    }

    /**
     * How long a Sync Trigger webhook may take to answer completely (connect, send, answer) before the UpdateRecords
     * fails with {@code LambdaSocketTimeoutException}.
     *
     * @param timeout positive; default 5 seconds, AWS's fixed limit for a Sync Trigger function
     * @return this
     */
    public Builder syncTriggerTimeout(Duration timeout) {
      this.syncTriggerTimeout = positive("timeout", timeout);
      return this;
    }

    /**
     * Allows browser pages from this origin to call the server (CORS; repeatable). With no origin (the default) CORS is
     * off: no {@code Access-Control-*} headers, and a preflight is an ordinary request that fails. With origins,
     * preflights are answered before SigV4 and without touching the store, and responses to an allowed origin carry
     * {@code Access-Control-Allow-Origin} and {@code Access-Control-Expose-Headers} (see docs/server.md, "Browser
     * clients (CORS)").
     *
     * @param origin {@code scheme://host[:port]} (e.g. {@code https://app.example.com}, no path), or {@code *} for
     *     any origin
     * @return this
     * @throws IllegalArgumentException if the value is not an origin
     */
    public Builder corsOrigin(String origin) {
      Objects.requireNonNull(origin, "origin == null");
      corsOrigins.add(CorsHandler.normalizeOrigin(origin));
      return this;
    }

    /**
     * Builds the (not yet started) server.
     *
     * @return the server; call {@link SyncServer#start()}
     * @throws IllegalStateException if no data directory was set, or if both {@link #syncTrigger} and {@link #lambda}
     *     mappings were given
     */
    public SyncServer build() {
      if (dataDirectory == null) {
        throw new IllegalStateException("dataDirectory is required");
      }
      if (syncTrigger != null && !lambdas.isEmpty()) {
        throw new IllegalStateException("give either syncTrigger(...) or lambda(...) mappings, not both");
      }
      return new SyncServer(this);
    }

    ServerLimits limits() {
      return limits;
    }

    List<String> identityPools() {
      return new ArrayList<>(identityPools);
    }
  }
}
