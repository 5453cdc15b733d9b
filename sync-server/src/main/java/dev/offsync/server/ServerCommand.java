package dev.offsync.server;

import dev.offsync.server.internal.store.postgres.PostgresStoreConfig;
import dev.offsync.server.internal.store.postgres.PostgresSyncStore;
import dev.offsync.server.internal.store.postgres.PostgresUrls;
import java.io.PrintWriter;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * The {@code server} command: runs a {@link SyncServer} until the process is terminated (SIGTERM drains in-flight
 * requests and closes the database). Used by {@link Main} and reusable as a subcommand, e.g. {@code offsync server}.
 * On start it prints one line containing the base URI, e.g. {@code http://127.0.0.1:8080}.
 */
@Command(name = "server", mixinStandardHelpOptions = true, sortOptions = false, description = ServerCommand.ABOUT)
public final class ServerCommand implements Callable<Integer> {
  /** The command's one-line description in {@code --help} (a constant so the annotation stays on one line). */
  static final String ABOUT = "Runs the offsync Cognito-Sync-compatible server.";

  @Spec private CommandSpec spec;

  @Option(names = "--host", description = "Interface to bind (default: ${DEFAULT-VALUE}).", defaultValue = "127.0.0.1")
  private String host;

  @Option(names = "--port", description = "Port to bind; 0 picks a free port (default: ${DEFAULT-VALUE}).",
      defaultValue = "8080")
  private int port;

  @Option(names = "--data", description = "Data directory: database, server key, streams (default: ${DEFAULT-VALUE}).",
      defaultValue = "./offsync-data")
  private Path data;

  @Option(names = "--stream-dir", paramLabel = "DIR",
      description = "Where bulk publish writes <StreamName>.jsonl (default: streams in the data directory). With several"
          + " instances on one database, point every instance at one shared volume.")
  private Path streamDir;

  @Option(names = "--db", paramLabel = "URL", defaultValue = "${env:OFFSYNC_DB}",
      description = "Database: 'sqlite' (the default, a file in the data directory) or PostgreSQL, shared by any"
          + " number of instances: postgresql://host:port/db?user=.. or jdbc:postgresql://... (env OFFSYNC_DB).")
  private String db;

  @Option(names = "--db-user", description = "PostgreSQL user (else env OFFSYNC_DB_USER, the URL, env PGUSER).")
  private String dbUser;

  @Option(names = "--db-password",
      description = "PostgreSQL password (prefer env OFFSYNC_DB_PASSWORD: flags are visible to other processes;"
          + " else the URL, env PGPASSWORD).")
  private String dbPassword;

  @Option(names = "--db-pool-size", defaultValue = "16",
      description = "PostgreSQL connections per pool (this instance has one for writes, one for reads)."
          + " Default: ${DEFAULT-VALUE}.")
  private int dbPoolSize;

  @Option(names = "--developer-key", paramLabel = "AKID:SECRET",
      description = "Developer credentials (repeatable). May call every operation except the device operations.")
  private List<String> developerKeys = new ArrayList<>();

  @Option(names = "--identity-pool", paramLabel = "POOL_ID",
      description = "Identity pool to serve, created if absent (repeatable), e.g. us-east-1:<uuid>.")
  private List<String> identityPools = new ArrayList<>();

  @Option(names = "--oidc-provider", paramLabel = "issuer=URL,jwks=URL|FILE,client-id=ID[,client-id=ID...]",
      description = "OpenID Connect provider trusted for Cognito Identity logins (repeatable): its exact issuer, its"
          + " JWKS (URL, or a file), the accepted audiences. Pools enable it by its issuer without scheme (see"
          + " docs/server.md).")
  private List<String> oidcProviders = new ArrayList<>();

  @Option(names = "--max-datasets-per-identity", description = "Default: ${DEFAULT-VALUE}.", defaultValue = "20")
  private int maxDatasets;

  @Option(names = "--max-records-per-dataset", description = "Default: ${DEFAULT-VALUE}.", defaultValue = "1024")
  private int maxRecords;

  @Option(names = "--max-dataset-bytes", description = "UTF-8 key+value bytes per dataset. Default: ${DEFAULT-VALUE}.",
      defaultValue = "1048576")
  private long maxDatasetBytes;

  @Option(names = "--max-request-bytes", description = "Request body cap. Default: ${DEFAULT-VALUE}.",
      defaultValue = "4194304")
  private long maxRequestBytes;

  @Option(names = "--max-threads", description = "HTTP worker threads (they run operations; slow bodies and headers"
      + " hold none). Default: ${DEFAULT-VALUE}.", defaultValue = "64")
  private int maxThreads;

  @Option(names = "--max-connections", description = "Open connections accepted at once; past it the server stops"
      + " accepting until one closes. Default: ${DEFAULT-VALUE}.", defaultValue = "2048")
  private int maxConnections;

  @Option(names = "--idle-timeout", description = "A connection silent (no byte either way) this long is closed,"
      + " ISO-8601. Default: ${DEFAULT-VALUE}.", defaultValue = "PT30S")
  private Duration idleTimeout;

  @Option(names = "--body-timeout", description = "Grace period of the body deadline: a body must be complete within"
      + " this plus 1 s per --min-body-rate bytes received, else 408, ISO-8601. Default: ${DEFAULT-VALUE}.",
      defaultValue = "PT10S")
  private Duration bodyTimeout;

  @Option(names = "--min-body-rate", paramLabel = "BYTES_PER_SECOND",
      description = "Minimum request body rate after the grace period. Default: ${DEFAULT-VALUE}.", defaultValue = "4096")
  private long minBodyRate;

  @Option(names = "--max-header-bytes", description = "Request line plus headers cap (431 past it)."
      + " Default: ${DEFAULT-VALUE}.", defaultValue = "8192")
  private int maxHeaderBytes;

  @Option(names = "--metrics", negatable = true, defaultValue = "true", fallbackValue = "true",
      description = "Serve the Prometheus scrape at GET /metrics on the main port (unauthenticated, no secrets);"
          + " --no-metrics turns it off. Default: on.")
  private boolean metricsEndpoint;

  @Option(names = "--drain-delay", description = "On SIGTERM, how long /ready answers 503 while requests are still"
      + " served, before the drain, ISO-8601. Default: ${DEFAULT-VALUE}.", defaultValue = "PT0S")
  private Duration drainDelay;

  @Option(names = "--sync-session-ttl", description = "SyncSessionToken lifetime, ISO-8601. Default: ${DEFAULT-VALUE}.",
      defaultValue = "PT1H")
  private Duration syncSessionTtl;

  @Option(names = "--credentials-ttl",
      description = "Temporary identity credentials lifetime, ISO-8601. Default: ${DEFAULT-VALUE}.",
      defaultValue = "PT1H")
  private Duration credentialsTtl;

  @Option(names = "--lambda", paramLabel = "ARN=URL",
      description = "Sync Trigger webhook (repeatable): UpdateRecords on a pool whose Cognito events name the Lambda"
          + " function ARN as SyncTrigger POSTs the event JSON to the http(s) URL and writes what it answers.")
  private List<String> lambdas = new ArrayList<>();

  @Option(names = "--lambda-timeout",
      description = "How long a Sync Trigger webhook may take, ISO-8601. Default: ${DEFAULT-VALUE} (AWS's limit).",
      defaultValue = "PT5S")
  private Duration lambdaTimeout;

  @Option(names = "--drain-timeout", description = "How long a stop waits for in-flight requests. Default: ${DEFAULT-VALUE}.",
      defaultValue = "PT30S")
  private Duration drainTimeout;

  @Option(names = "--cors-origin", paramLabel = "ORIGIN",
      description = "Browser origin allowed to call the server (CORS; repeatable): scheme://host[:port], or * for any."
          + " Default: none, CORS off.")
  private List<String> corsOrigins = new ArrayList<>();

  /** Creates the command; picocli fills the options. */
  public ServerCommand() {}

  /**
   * A server builder configured from the parsed options (not started). With a PostgreSQL {@code --db}, the store is
   * opened (and its schema migrated) here; the server built from the builder owns and closes it.
   *
   * @return the builder
   */
  public SyncServer.Builder toServerBuilder() {
    SyncServer.Builder b = SyncServer.builder().host(host).port(port).dataDirectory(data);
    if (streamDir != null) {
      b.streamDirectory(streamDir);
    }
    for (String k : developerKeys) {
      int colon = k.indexOf(':');
      if (colon <= 0 || colon == k.length() - 1) {
        throw new ParameterException(spec.commandLine(), "--developer-key must be AKID:SECRET");
      }
      b.developerKey(k.substring(0, colon), k.substring(colon + 1));
    }
    for (String o : corsOrigins) {
      try {
        b.corsOrigin(o);
      } catch (IllegalArgumentException e) {
        throw new ParameterException(spec.commandLine(), "--cors-origin: " + e.getMessage());
      }
    }
    for (String o : oidcProviders) {
      addOidcProvider(b, o);
    }
    try {
      for (String p : identityPools) {
        b.identityPool(p);
      }
      ServerLimits.Builder lb = ServerLimits.newBuilder();
      flag("--max-datasets-per-identity", () -> lb.maxDatasetsPerIdentity(maxDatasets));
      flag("--max-records-per-dataset", () -> lb.maxRecordsPerDataset(maxRecords));
      flag("--max-dataset-bytes", () -> lb.maxDatasetBytes(maxDatasetBytes));
      flag("--max-request-bytes", () -> lb.maxRequestBodyBytes(maxRequestBytes));
      flag("--max-threads", () -> lb.maxThreads(maxThreads));
      flag("--max-connections", () -> lb.maxConnections(maxConnections));
      flag("--idle-timeout", () -> lb.idleTimeout(idleTimeout));
      flag("--body-timeout", () -> lb.requestBodyTimeout(bodyTimeout));
      flag("--min-body-rate", () -> lb.minRequestBodyRate(minBodyRate));
      flag("--max-header-bytes", () -> lb.maxRequestHeaderBytes(maxHeaderBytes));
      b.limits(lb.build());
      flag("--drain-delay", () -> b.drainDelay(drainDelay));
      b.syncSessionTokenTtl(syncSessionTtl).credentialsTtl(credentialsTtl).drainTimeout(drainTimeout)
          .metricsEndpoint(metricsEndpoint);
      for (String l : lambdas) {
        int eq = l.indexOf('=');
        if (eq <= 0 || eq == l.length() - 1) {
          throw new IllegalArgumentException("--lambda must be <function ARN>=<http(s) URL>: " + l);
        }
        URI url;
        try {
          url = new URI(l.substring(eq + 1));
        } catch (URISyntaxException e) {
          throw new IllegalArgumentException("--lambda: not a URL: " + l.substring(eq + 1));
        }
        try {
          b.lambda(l.substring(0, eq), url);
        } catch (IllegalArgumentException e) {
          throw new IllegalArgumentException("--lambda: " + e.getMessage());
        }
      }
      b.syncTriggerTimeout(lambdaTimeout);
    } catch (IllegalArgumentException e) {
      throw new ParameterException(spec.commandLine(), e.getMessage());
    }
    if (db != null && !db.isBlank() && !"sqlite".equalsIgnoreCase(db.trim())) {
      PostgresStoreConfig pg;
      try {
        pg = PostgresUrls.parse(db.trim(), dbUser, dbPassword, System.getenv()).withMaxConnections(dbPoolSize);
      } catch (IllegalArgumentException e) {
        throw new ParameterException(spec.commandLine(), "--db: " + e.getMessage()
            + " (expected 'sqlite', postgresql://host:port/db?user=.. or jdbc:postgresql://...)");
      }
      b.store(PostgresSyncStore.open(pg));
    }
    return b;
  }

  /** Runs a setter; its IllegalArgumentException comes back naming the flag. */
  private static void flag(String name, Runnable setter) {
    try {
      setter.run();
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(name + ": " + e.getMessage(), e);
    }
  }

  private void addOidcProvider(SyncServer.Builder b, String spec) {
    String issuer = null;
    String jwks = null;
    List<String> clientIds = new ArrayList<>();
    for (String part : spec.split(",")) {
      int eq = part.indexOf('=');
      String k = eq < 0 ? part : part.substring(0, eq).trim();
      String v = eq < 0 ? "" : part.substring(eq + 1).trim();
      switch (k) {
        case "issuer" -> issuer = v;
        case "jwks" -> jwks = v;
        case "client-id" -> clientIds.add(v);
        default -> throw new ParameterException(this.spec.commandLine(),
            "--oidc-provider: unknown part '" + k + "' (expected issuer=, jwks=, client-id=)");
      }
    }
    if (issuer == null || issuer.isEmpty() || jwks == null || jwks.isEmpty() || clientIds.isEmpty()) {
      throw new ParameterException(this.spec.commandLine(),
          "--oidc-provider needs issuer=URL,jwks=URL|FILE and at least one client-id=ID");
    }
    b.openIdConnectProvider(issuer, jwks, clientIds);
  }

  /**
   * Starts the server, prints its URI and blocks until it is closed (by SIGTERM / Ctrl-C via a shutdown hook).
   *
   * @return the exit code: 0 after a clean stop
   * @throws InterruptedException if interrupted while running
   */
  @Override
  public Integer call() throws InterruptedException {
    SyncServer server = toServerBuilder().build().start();
    Thread hook = new Thread(server::close, "offsync-shutdown");
    Runtime.getRuntime().addShutdownHook(hook);
    PrintWriter out = spec.commandLine().getOut();
    out.println("offsync sync-server listening on " + server.baseUri() + " (data: "
        + server.dataDirectory().toAbsolutePath().normalize() + ")");
    out.flush();
    server.awaitClose();
    return 0;
  }
}
