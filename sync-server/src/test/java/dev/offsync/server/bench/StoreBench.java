package dev.offsync.server.bench;

import dev.offsync.server.SyncServer;
import dev.offsync.server.internal.store.SqliteSyncStore;
import dev.offsync.server.internal.store.postgres.PostgresStoreConfig;
import dev.offsync.server.internal.store.postgres.PostgresSyncStore;
import dev.offsync.server.postgres.EmbeddedPostgresDatabase;
import dev.offsync.server.spi.SyncStore;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Throughput of UpdateRecords and ListRecords with 1, 4 and 16 concurrent clients on distinct identities, for the
 * SQLite and the PostgreSQL store, each on three paths in the same run: the server end to end (HTTP), the store
 * alone (the service's sequence of store primitives, in process), and a raw JDBC baseline running the same
 * transactions.
 * Not a test: run it with
 *
 * <pre>
 * mvn -o -q -pl sync-server test-compile exec:java -Dexec.classpathScope=test \
 *     -Dexec.mainClass=dev.offsync.server.bench.StoreBench [-Dbench.seconds=3] [-Dbench.clients=1,4,16] \
 *     [-Dbench.pg.url=jdbc:postgresql://host/db -Dbench.pg.user=.. -Dbench.pg.password=..]
 * </pre>
 *
 * <p>Without {@code bench.pg.url}, PostgreSQL is the embedded PostgreSQL 18 of the tests (its defaults include
 * {@code synchronous_commit=off}; SQLite runs WAL with {@code synchronous=NORMAL}: both keep every commit across a
 * process crash and may lose the last moments on power loss). The server path is end to end: the AWS SDK for Java v2
 * (URLConnection client, one per client thread, SigV4) over HTTP on 127.0.0.1 to Jetty, with request logging at WARN.
 */
public final class StoreBench {
  private StoreBench() {}

  /** A result row. */
  private record Row(String store, int clients, double updateServer, double updateStore, double updateRaw,
      double listServer, double listStore, double listRaw) {}

  /**
   * Runs the benchmark and prints a Markdown table.
   *
   * @param args unused; see the system properties above
   * @throws Exception on failure
   */
  public static void main(String[] args) throws Exception {
    if (System.getProperty("org.slf4j.simpleLogger.defaultLogLevel") == null) {
      System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", "warn");
    }
    Duration measure = Duration.ofMillis((long) (Double.parseDouble(System.getProperty("bench.seconds", "3")) * 1000));
    Duration warmup = Duration.ofMillis(Math.max(500, measure.toMillis() / 3));
    List<Integer> clientCounts = new ArrayList<>();
    for (String s : System.getProperty("bench.clients", "1,4,16").split(",")) {
      clientCounts.add(Integer.parseInt(s.trim()));
    }
    String stores = System.getProperty("bench.stores", "sqlite,postgresql");
    int maxClients = clientCounts.stream().mapToInt(Integer::intValue).max().orElse(1);
    List<Row> rows = new ArrayList<>();
    Path tmp = Files.createTempDirectory("offsync-bench");

    if (stores.contains("sqlite")) {
      Path dir = tmp.resolve("sqlite");
      SyncStore store = SqliteSyncStore.openInDirectory(dir);
      try (SyncServer server = server(dir, store, maxClients);
          SqliteRawWorkloads raw = new SqliteRawWorkloads(dir.resolve(SqliteSyncStore.FILE_NAME))) {
        for (int n : clientCounts) {
          rows.add(measureAll("SQLite", n, server.baseUri(), store, raw::update, raw::list, warmup, measure));
        }
      }
    }
    if (stores.contains("postgresql")) {
      String url = System.getProperty("bench.pg.url");
      String user = System.getProperty("bench.pg.user");
      String password = System.getProperty("bench.pg.password");
      String label = "PostgreSQL";
      if (url == null) {
        String schema = EmbeddedPostgresDatabase.newSchema();
        url = EmbeddedPostgresDatabase.jdbcUrl(schema);
        user = "postgres";
        password = "";
        label = "PostgreSQL " + setting(url, user, password, "server_version") + " (embedded, synchronous_commit="
            + setting(url, user, password, "synchronous_commit") + ")";
      }
      PostgresStoreConfig config = PostgresStoreConfig.of(url, user, password)
          .withMaxConnections(Math.max(PostgresStoreConfig.DEFAULT_MAX_CONNECTIONS, maxClients));
      Path dir = tmp.resolve("postgresql");
      PostgresSyncStore store = PostgresSyncStore.open(config);
      String u = url;
      String us = user;
      String pw = password;
      try (SyncServer server = server(dir, store, maxClients)) {
        for (int n : clientCounts) {
          rows.add(measureAll(label, n, server.baseUri(), store, () -> PostgresRawWorkloads.update(u, us, pw),
              () -> PostgresRawWorkloads.list(u, us, pw), warmup, measure));
        }
        System.out.printf(Locale.ROOT, "(PostgreSQL store: %d write transactions re-run after 40001/40P01)%n",
            store.retriedTransactions());
      }
    }

    System.out.printf(Locale.ROOT, "%nUpdateRecords: %d patches of a %d-character value per call; ListRecords: a"
        + " whole dataset of %d records per call. Operations per second, %s s measured after %s s warm-up, %d cores.%n%n",
        BenchShape.PATCHES_PER_UPDATE, BenchShape.VALUE.length(), BenchShape.RECORDS_PER_LIST,
        fmt(measure.toMillis() / 1000.0), fmt(warmup.toMillis() / 1000.0), Runtime.getRuntime().availableProcessors());
    System.out.println("| store | clients | UpdateRecords/s: server | store | raw JDBC"
        + " | ListRecords/s: server | store | raw JDBC |");
    System.out.println("|---|---:|---:|---:|---:|---:|---:|---:|");
    for (Row r : rows) {
      System.out.printf(Locale.ROOT, "| %s | %d | %s | %s | %s | %s | %s | %s |%n", r.store(), r.clients(),
          fmt(r.updateServer()), fmt(r.updateStore()), fmt(r.updateRaw()), fmt(r.listServer()), fmt(r.listStore()),
          fmt(r.listRaw()));
    }
    System.exit(0);
  }

  private static String fmt(double v) {
    return v >= 100 ? String.format(Locale.ROOT, "%,.0f", v) : String.format(Locale.ROOT, "%.1f", v);
  }

  private static String setting(String url, String user, String password, String name) throws Exception {
    try (Connection c = DriverManager.getConnection(url, user, password);
        Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("SHOW " + name)) {
      rs.next();
      return rs.getString(1);
    }
  }

  private static SyncServer server(Path dir, SyncStore store, int clients) {
    return SyncServer.builder().host("127.0.0.1").port(0).dataDirectory(dir)
        .developerKey(ServerWorkloads.KEY_ID, ServerWorkloads.SECRET).identityPool(BenchShape.POOL)
        .maxThreads(Math.max(64, clients * 4)).store(store).build().start();
  }

  private static Row measureAll(String label, int clients, URI endpoint, SyncStore store,
      BenchRunner.WorkloadFactory rawUpdate, BenchRunner.WorkloadFactory rawList, Duration warmup, Duration measure)
      throws Exception {
    double us = BenchRunner.opsPerSecond(clients, () -> ServerWorkloads.update(endpoint), warmup, measure);
    double ust = BenchRunner.opsPerSecond(clients, () -> StoreWorkloads.update(store), warmup, measure);
    double ur = BenchRunner.opsPerSecond(clients, rawUpdate, warmup, measure);
    double ls = BenchRunner.opsPerSecond(clients, () -> ServerWorkloads.list(endpoint), warmup, measure);
    double lst = BenchRunner.opsPerSecond(clients, () -> StoreWorkloads.list(store), warmup, measure);
    double lr = BenchRunner.opsPerSecond(clients, rawList, warmup, measure);
    System.out.printf(Locale.ROOT, "%s, %d clients: update %s/s (store %s/s, raw %s/s), list %s/s (store %s/s,"
        + " raw %s/s)%n", label, clients, fmt(us), fmt(ust), fmt(ur), fmt(ls), fmt(lst), fmt(lr));
    return new Row(label, clients, us, ust, ur, ls, lst, lr);
  }
}
