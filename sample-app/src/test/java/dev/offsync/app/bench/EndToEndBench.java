package dev.offsync.app.bench;

import dev.offsync.ConflictResolvers;
import dev.offsync.Dataset;
import dev.offsync.IdentityProviders;
import dev.offsync.SyncClient;
import dev.offsync.SyncReport;
import dev.offsync.http.CognitoSyncClient;
import dev.offsync.http.CognitoSyncRemoteStore;
import dev.offsync.http.RetryPolicy;
import dev.offsync.http.StaticCredentialsProvider;
import dev.offsync.http.model.ListRecordsRequest;
import dev.offsync.http.model.ListRecordsResponse;
import dev.offsync.http.model.Operation;
import dev.offsync.http.model.RecordPatch;
import dev.offsync.http.model.UpdateRecordsRequest;
import dev.offsync.http.model.UpdateRecordsResponse;
import dev.offsync.server.SyncServer;
import dev.offsync.sqlite.SqliteLocalStore;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Stream;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.Callback;

/**
 * End-to-end throughput of offsync on one machine, each figure beside its floor measured in the same run: a bare
 * Jetty echo and the offsync server's own handler (unsigned POST) on one keep-alive OkHttp connection,
 * {@link CognitoSyncClient} UpdateRecords and ListRecords with 1 and 4 clients on distinct identities, and the full
 * engine ({@link SyncClient} + {@link SqliteLocalStore} + {@link CognitoSyncRemoteStore}): initial sync of a
 * 1,024-record dataset, a push of 1,000 dirty records, and incremental syncs after one change on a small and on the
 * large dataset. Not a test; run it with
 *
 * <pre>
 * mvn -o -q -pl sample-app -Pbench
 * </pre>
 *
 * <p>System properties: {@code bench.seconds} (measure time per throughput cell, default 2), {@code bench.accessLog}
 * ({@code file}: the server's access log at INFO into a temp file, the default; {@code off}: WARN) and
 * {@code bench.only} (a subset of {@code raw,client1,client4,engine,costs}, e.g. to profile one part). Everything runs
 * on 127.0.0.1 in this JVM: client and server share the machine's cores, as they would in a CI job.
 */
public final class EndToEndBench {
  private static final String POOL = "us-east-1:0d3b5a52-5d1f-4c1b-9a4e-3c1f0e0c2a11";
  private static final String KEY = "AKIDBENCH";
  private static final String SECRET = "bench-secret";
  private static final MediaType JSON = MediaType.get("application/json");
  private static final String VALUE_1K = "v".repeat(900);
  private static final String VALUE_512 = "x".repeat(512);

  private final long configuredMillis;
  private long measureMillis;
  private long warmupMillis;
  private boolean recording = true;
  private final List<String[]> rows = new ArrayList<>();
  private final List<String> notes = new ArrayList<>();
  private final List<String> calls = new ArrayList<>();
  private final CallTimer timer = new CallTimer();

  private EndToEndBench(long measureMillis) {
    this.configuredMillis = measureMillis;
    this.measureMillis = measureMillis;
    this.warmupMillis = Math.max(500, measureMillis / 2);
  }

  /** JIT warm-up of every HTTP path (client and server share this JVM), results discarded. */
  private void warmUp(String endpoint) throws Exception {
    recording = false;
    measureMillis = 1500;
    warmupMillis = 300;
    rawHttp(endpoint);
    client(endpoint, 1);
    recording = true;
    measureMillis = configuredMillis;
    warmupMillis = Math.max(500, configuredMillis / 2);
  }

  /**
   * Runs the benchmark and prints a Markdown table.
   *
   * @param args unused; see the class comment for system properties
   * @throws Exception on failure
   */
  public static void main(String[] args) throws Exception {
    Path tmp = Files.createTempDirectory("offsync-e2e-bench");
    String accessLog = System.getProperty("bench.accessLog", "file");
    if (System.getProperty("org.slf4j.simpleLogger.logFile") == null && "file".equals(accessLog)) {
      System.setProperty("org.slf4j.simpleLogger.logFile", tmp.resolve("server.log").toString());
    }
    // sample-app's simplelogger.properties says warn; the server's access log is on in "file" mode, as a server's is
    System.setProperty("org.slf4j.simpleLogger.log.dev.offsync.server.access", "file".equals(accessLog) ? "info" : "warn");
    long seconds = (long) (Double.parseDouble(System.getProperty("bench.seconds", "2")) * 1000);
    EndToEndBench bench = new EndToEndBench(seconds);
    long started = System.nanoTime();
    try (SyncServer server = SyncServer.builder().host("127.0.0.1").port(0).dataDirectory(tmp.resolve("server"))
        .developerKey(KEY, SECRET).identityPool(POOL).build().start()) {
      String endpoint = server.baseUri().toString();
      String only = System.getProperty("bench.only", "raw,client1,client4,engine,costs");
      bench.warmUp(endpoint);
      if (only.contains("raw")) {
        bench.rawHttp(endpoint);
      }
      if (only.contains("client1")) {
        bench.client(endpoint, 1);
      }
      if (only.contains("client4")) {
        bench.client(endpoint, 4);
      }
      if (only.contains("engine")) {
        bench.engine(endpoint, tmp);
      }
      if (only.contains("costs")) {
        double[] c = RequestCosts.measure(POOL, KEY, SECRET, bench.measureMillis / 2);
        bench.row("CPU: client SigV4 sign, UpdateRecords ~1 KB", "in-process, one thread",
            String.format(Locale.ROOT, "%.1f µs", c[0]), "per request");
        bench.row("CPU: server SigV4 verify, same request", "in-process, one thread",
            String.format(Locale.ROOT, "%.1f µs", c[1]), "per request");
      }
    }
    double total = (System.nanoTime() - started) / 1e9;
    bench.print(accessLog, total, tmp);
    deleteQuietly(tmp);
    System.exit(0);
  }

  // ---------------------------------------------------------------------------------------------------- raw HTTP

  private void rawHttp(String endpoint) throws Exception {
    Server jetty = new Server();
    ServerConnector connector = new ServerConnector(jetty);
    connector.setHost("127.0.0.1");
    connector.setPort(0);
    jetty.addConnector(connector);
    byte[] reply = ("{\"Records\":[],\"Pad\":\"" + VALUE_1K + "\"}").getBytes();
    jetty.setHandler(new Handler.Abstract(Handler.Abstract.InvocationType.BLOCKING) {
      @Override
      public boolean handle(org.eclipse.jetty.server.Request request, org.eclipse.jetty.server.Response response,
          Callback callback) throws Exception {
        Content.Source.asByteBuffer(request);
        response.setStatus(200);
        response.getHeaders().put("Content-Type", "application/json");
        response.write(true, ByteBuffer.wrap(reply), callback);
        return true;
      }
    });
    jetty.start();
    byte[] body = ("{\"RecordPatches\":[{\"Op\":\"replace\",\"Key\":\"k\",\"Value\":\"" + VALUE_1K
        + "\",\"SyncCount\":0}]}").getBytes();
    try {
      OkHttpClient http = new OkHttpClient();
      String bare = "http://127.0.0.1:" + connector.getLocalPort() + "/echo";
      double bareRate = throughput(1, i -> () -> post(http, bare, body, 200));
      row("raw HTTP floor", "bare Jetty 12 echo, POST ~1 KB each way, 1 keep-alive OkHttp connection",
          rateCpu(bareRate), "-");
      // the offsync handler up to SigV4: route, read body, request id, access log, 403 JSON error
      String signedPath = endpoint.replaceAll("/$", "") + "/identitypools/" + POOL + "/identities/" + POOL + "/datasets/d";
      double serverRate = throughput(1, i -> () -> post(http, signedPath, body, 403));
      row("raw HTTP, offsync server", "same POST to the UpdateRecords route, unsigned (403 before SigV4)",
          rateCpu(serverRate), pct(serverRate, bareRate) + " of bare Jetty");
      http.dispatcher().executorService().shutdown();
      http.connectionPool().evictAll();
      this.bareFloor = bareRate;
    } finally {
      jetty.stop();
    }
  }

  private double bareFloor;

  private static void post(OkHttpClient http, String url, byte[] body, int expect) throws IOException {
    Request request = new Request.Builder().url(url).post(RequestBody.create(body, JSON)).build();
    try (Response response = http.newCall(request).execute()) {
      response.body().bytes();
      if (response.code() != expect) {
        throw new IOException("HTTP " + response.code() + " from " + url);
      }
    }
  }

  // --------------------------------------------------------------------------------------------- CognitoSyncClient

  private static CognitoSyncClient newClient(String endpoint) {
    return newClient(endpoint, null);
  }

  private static CognitoSyncClient newClient(String endpoint, PhaseListener phases) {
    CognitoSyncClient.Builder b = CognitoSyncClient.builder().endpoint(endpoint).region("us-east-1")
        .credentialsProvider(StaticCredentialsProvider.create(KEY, SECRET))
        .retryPolicy(RetryPolicy.none());
    if (phases != null) {
      b.okHttpClient(new OkHttpClient.Builder().eventListener(phases).build());
    }
    return b.build();
  }

  private static String identity() {
    return "us-east-1:" + UUID.randomUUID();
  }

  /** One client of the throughput cells: its own identity, dataset and HTTP client. */
  private static final class Writer {
    final CognitoSyncClient client;
    final String identity = identity();
    String token;
    long syncCount;

    final PhaseListener phases = new PhaseListener();

    Writer(String endpoint) {
      client = newClient(endpoint, phases);
      ListRecordsResponse first = client.listRecords(listRequest(identity, "bench"));
      token = first.syncSessionToken();
      syncCount = first.datasetSyncCount();
    }

    void update() {
      phases.begin();
      UpdateRecordsResponse r = client.updateRecords(UpdateRecordsRequest.builder().identityPoolId(POOL)
          .identityId(identity).datasetName("bench").deviceId("bench").syncSessionToken(token)
          .recordPatches(RecordPatch.builder().op(Operation.REPLACE).key("k").value(VALUE_1K).syncCount(syncCount)
              .build())
          .build());
      syncCount = r.records().get(0).syncCount();
      phases.end();
    }

    void list() {
      phases.begin();
      client.listRecords(listRequest(identity, "bench"));
      phases.end();
    }
  }

  private static ListRecordsRequest listRequest(String identity, String dataset) {
    return ListRecordsRequest.builder().identityPoolId(POOL).identityId(identity).datasetName(dataset).build();
  }

  private void client(String endpoint, int clients) throws Exception {
    List<Writer> writers = new ArrayList<>();
    for (int i = 0; i < clients; i++) {
      writers.add(new Writer(endpoint));
    }
    try {
      writers.get(0).phases.reset();
      double update = throughput(clients, i -> writers.get(i)::update);
      if (clients == 1 && recording) {
        calls.add("UpdateRecords, 1 client: " + writers.get(0).phases.summary());
      }
      writers.get(0).phases.reset();
      row("CognitoSyncClient UpdateRecords, " + clients + (clients == 1 ? " client" : " clients"),
          "1 patch of ~1 KB per call, SigV4, store write transaction", rateCpu(update),
          pct(update, bareFloor) + " of raw HTTP floor");
      double list = throughput(clients, i -> writers.get(i)::list);
      if (clients == 1 && recording) {
        calls.add("ListRecords, 1 client: " + writers.get(0).phases.summary());
      }
      row("CognitoSyncClient ListRecords, " + clients + (clients == 1 ? " client" : " clients"),
          "1 record of ~1 KB per page, SigV4, store read + token", rateCpu(list),
          pct(list, bareFloor) + " of raw HTTP floor");
    } finally {
      writers.forEach(w -> w.client.close());
    }
  }

  // ---------------------------------------------------------------------------------------------------- engine

  private void engine(String endpoint, Path tmp) throws Exception {
    String identity = identity();
    try (CognitoSyncClient seed = newClient(endpoint); CognitoSyncClient http = newClient(endpoint)) {
      seedDataset(seed, identity, "big", 1024);
      seedDataset(seed, identity, "small", 16);
      CognitoSyncRemoteStore remote = CognitoSyncRemoteStore.create(http, POOL);

      // initial sync into a fresh store: best of 3 (warm-up included), each store on its own file
      long[] initial = new long[3];
      for (int i = 0; i < initial.length; i++) {
        Path file = tmp.resolve("initial-" + i + ".db");
        try (Device d = new Device(file, remote, identity, timer)) {
          timer.reset();
          long t0 = System.nanoTime();
          SyncReport report = d.client.dataset("big").sync().blockingGet();
          initial[i] = System.nanoTime() - t0;
          if (i == initial.length - 1) {
            notes.add("initial sync, 1,024 records: " + timer.summary());
          }
          check(report.recordsPulled() == 1024, "pulled " + report.recordsPulled());
        }
      }
      long initialNanos = Arrays.stream(initial).min().getAsLong();
      row("engine: initial sync, 1,024 records (~0.5 MB)", "fresh SqliteLocalStore, best of 3",
          rate(1024 / (initialNanos / 1e9)) + " rec/s (" + ms(initialNanos) + ")", "one page: 1 ListRecords");

      try (Device d = new Device(tmp.resolve("device.db"), remote, identity, timer)) {
        Dataset big = d.client.dataset("big");
        Dataset small = d.client.dataset("small");
        big.sync().blockingGet();
        small.sync().blockingGet();

        // push of 1,000 dirty records
        Map<String, String> edits = new LinkedHashMap<>();
        for (int i = 0; i < 1000; i++) {
          edits.put(String.format(Locale.ROOT, "key-%04d", i), "edited-" + VALUE_512);
        }
        long w0 = System.nanoTime();
        big.putAll(edits);
        long local = System.nanoTime() - w0;
        timer.reset();
        long p0 = System.nanoTime();
        SyncReport pushed = big.sync().blockingGet();
        long push = System.nanoTime() - p0;
        notes.add("push of 1,000: " + timer.summary());
        check(pushed.recordsPushed() == 1000, "pushed " + pushed.recordsPushed());
        row("engine: push of 1,000 dirty records", "putAll (local, " + ms(local) + ") then sync()",
            rate(1000 / (push / 1e9)) + " rec/s (" + ms(push) + ")", "ListRecords + 1 UpdateRecords");

        // incremental syncs: one record changed remotely, then one changed locally, on a 16- and a 1,024-record
        // dataset; if these scale with the dataset the engine is reading all of it
        for (Dataset ds : List.of(small, big)) {
          int n = ds == small ? 16 : 1024;
          long[] pull = new long[15];
          long[] push1 = new long[15];
          for (int i = 0; i < pull.length; i++) {
            remoteEdit(seed, identity, ds.name(), "key-0003", "remote-" + i);
            timer.reset();
            long t0 = System.nanoTime();
            SyncReport r = ds.sync().blockingGet();
            pull[i] = System.nanoTime() - t0;
            if (i == pull.length - 1) {
              notes.add("1 remote change, " + n + " records: " + timer.summary());
            }
            check(r.recordsPulled() == 1, "pulled " + r.recordsPulled());
            ds.put("key-0005", "local-" + i);
            timer.reset();
            long t1 = System.nanoTime();
            SyncReport r2 = ds.sync().blockingGet();
            push1[i] = System.nanoTime() - t1;
            if (i == push1.length - 1) {
              notes.add("1 local change, " + n + " records: " + timer.summary());
            }
            check(r2.recordsPushed() == 1, "pushed " + r2.recordsPushed());
          }
          row("engine: incremental sync, 1 remote change, " + n + " records", "median of 15",
              ms(median(pull)), "1 ListRecords");
          row("engine: incremental sync, 1 local change, " + n + " records", "median of 15",
              ms(median(push1)), "ListRecords + UpdateRecords");
        }
      }
    }
  }

  private static void seedDataset(CognitoSyncClient client, String identity, String dataset, int records) {
    ListRecordsResponse first = client.listRecords(listRequest(identity, dataset));
    List<RecordPatch> patches = new ArrayList<>(records);
    for (int i = 0; i < records; i++) {
      patches.add(RecordPatch.builder().op(Operation.REPLACE).key(String.format(Locale.ROOT, "key-%04d", i))
          .value(VALUE_512).syncCount(0L).build());
    }
    client.updateRecords(UpdateRecordsRequest.builder().identityPoolId(POOL).identityId(identity)
        .datasetName(dataset).syncSessionToken(first.syncSessionToken()).recordPatches(patches).build());
  }

  private static void remoteEdit(CognitoSyncClient client, String identity, String dataset, String key, String v) {
    ListRecordsResponse all = client.listRecords(listRequest(identity, dataset));
    long base = all.records().stream().filter(r -> r.key().equals(key)).findFirst().orElseThrow().syncCount();
    client.updateRecords(UpdateRecordsRequest.builder().identityPoolId(POOL).identityId(identity)
        .datasetName(dataset).deviceId("other-device").syncSessionToken(all.syncSessionToken())
        .recordPatches(RecordPatch.builder().op(Operation.REPLACE).key(key).value(v).syncCount(base).build())
        .build());
  }

  /** A device: its own SQLite file and engine on the shared HTTP client. */
  private static final class Device implements AutoCloseable {
    final SqliteLocalStore store;
    final SyncClient client;

    Device(Path file, CognitoSyncRemoteStore remote, String identity, CallTimer timer) {
      store = SqliteLocalStore.builder().file(file).build();
      client = SyncClient.builder().localStore(timer.local(store)).remoteStore(timer.remote(remote))
          .identityProvider(IdentityProviders.fixed(identity))
          .conflictResolver(ConflictResolvers.lastWriterWins()).build();
    }

    @Override
    public void close() {
      client.close();
      store.close();
    }
  }

  // ---------------------------------------------------------------------------------------------------- harness

  @FunctionalInterface
  private interface Op {
    void run() throws Exception;
  }

  @FunctionalInterface
  private interface OpFactory {
    Op forThread(int index);
  }

  /** Process CPU time (client and server threads together, all cores) per operation of the last cell, in µs. */
  private double lastCpuMicrosPerOp;

  private static Map<String, Long> threadCpu() {
    java.lang.management.ThreadMXBean mx = java.lang.management.ManagementFactory.getThreadMXBean();
    Map<String, Long> out = new java.util.TreeMap<>();
    for (java.lang.management.ThreadInfo info : mx.getThreadInfo(mx.getAllThreadIds())) {
      if (info != null) {
        long t = mx.getThreadCpuTime(info.getThreadId());
        out.merge(info.getThreadName().replaceAll("[-#]?\\d+", ""), Math.max(0, t), Long::sum);
      }
    }
    return out;
  }

  private static long processCpuNanos() {
    return ((com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory
        .getOperatingSystemMXBean()).getProcessCpuTime();
  }

  /** Operations per second summed over {@code threads}, after a warm-up, each thread looping its own op. */
  private double throughput(int threads, OpFactory factory) throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    try {
      AtomicBoolean counting = new AtomicBoolean();
      AtomicBoolean stop = new AtomicBoolean();
      CountDownLatch ready = new CountDownLatch(threads);
      List<Future<Long>> results = new ArrayList<>();
      for (int t = 0; t < threads; t++) {
        Op op = factory.forThread(t);
        Callable<Long> loop = () -> {
          long n = 0;
          boolean was = false;
          ready.countDown();
          while (!stop.get()) {
            op.run();
            boolean now = counting.get();
            if (now && !was) {
              n = 0;
              was = true;
            }
            n++;
          }
          return n;
        };
        results.add(pool.submit(loop));
      }
      ready.await();
      Thread.sleep(warmupMillis);
      counting.set(true);
      Map<String, Long> threads0 = threadCpu();
      long cpu0 = processCpuNanos();
      long t0 = System.nanoTime();
      Thread.sleep(measureMillis);
      stop.set(true);
      long elapsed = System.nanoTime() - t0;
      long cpu = processCpuNanos() - cpu0;
      long total = 0;
      for (Future<Long> f : results) {
        total += f.get();
      }
      lastCpuMicrosPerOp = total == 0 ? 0 : cpu / 1e3 / total;
      if (Boolean.getBoolean("bench.threads") && recording) {
        Map<String, Long> threads1 = threadCpu();
        StringBuilder sb = new StringBuilder("    CPU µs/op by thread group:");
        long n = Math.max(1, total);
        threads1.forEach((k, v) -> {
          long d = v - threads0.getOrDefault(k, 0L);
          if (d / 1000 / n > 0) {
            sb.append(' ').append(k).append('=').append(d / 1000 / n);
          }
        });
        System.err.println(sb);
      }
      return total / (elapsed / 1e9);
    } finally {
      pool.shutdownNow();
    }
  }

  private void row(String what, String how, String figure, String floor) {
    if (!recording) {
      return;
    }
    rows.add(new String[] {what, how, figure, floor});
    System.err.printf(Locale.ROOT, "  %s: %s%n", what, figure);
  }

  private void print(String accessLog, double totalSeconds, Path tmp) {
    StringBuilder out = new StringBuilder();
    out.append("command: mvn -o -q -pl sample-app -Pbench")
        .append(" -Dbench.seconds=").append(measureMillis / 1000.0)
        .append(" -Dbench.accessLog=").append(accessLog)
        .append(" -Dbench.only=").append(System.getProperty("bench.only", "raw,client1,client4,engine,costs"))
        .append('\n');
    out.append(String.format(Locale.ROOT, "JDK %s, %d cores, total %.1f s, all on 127.0.0.1 in one JVM%n%n",
        System.getProperty("java.version"), Runtime.getRuntime().availableProcessors(), totalSeconds));
    out.append("| measurement | workload | figure | beside |\n|---|---|---:|---|\n");
    for (String[] r : rows) {
      out.append("| ").append(String.join(" | ", r)).append(" |\n");
    }
    if (!calls.isEmpty()) {
      out.append("\nwhere one call's time goes (OkHttp events; the phases include warm-up calls):\n");
      calls.forEach(n -> out.append("- ").append(n).append('\n'));
    }
    if (!notes.isEmpty()) {
      out.append("\nengine calls per sync (count, total time; tx.* are inside local.read/write):\n");
      notes.forEach(n -> out.append("- ").append(n).append('\n'));
    }
    System.out.print(out);
  }

  private String rateCpu(double perSecond) {
    return rate(perSecond) + String.format(Locale.ROOT, " (CPU %.0f µs/op)", lastCpuMicrosPerOp);
  }

  private static String rate(double perSecond) {
    return String.format(Locale.ROOT, "%,.0f/s", perSecond);
  }

  private static String pct(double part, double whole) {
    return String.format(Locale.ROOT, "%.0f%%", 100 * part / whole);
  }

  private static String ms(long nanos) {
    return String.format(Locale.ROOT, "%.1f ms", nanos / 1e6);
  }

  private static long median(long[] values) {
    long[] sorted = values.clone();
    Arrays.sort(sorted);
    return sorted[sorted.length / 2];
  }

  private static void check(boolean ok, String message) {
    if (!ok) {
      throw new IllegalStateException(message);
    }
  }

  private static void deleteQuietly(Path dir) {
    try (Stream<Path> files = Files.walk(dir)) {
      files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException e) {
      // a temp directory; the OS cleans it up eventually
    }
  }
}
