package dev.offsync.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.offsync.server.spi.StoreWork;
import dev.offsync.server.spi.SyncStore;
import dev.offsync.server.testing.RawClient;
import dev.offsync.server.testing.ServerTestSupport;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.MethodSource;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.services.cognitosync.CognitoSyncClient;
import software.amazon.awssdk.services.cognitosync.model.InvalidLambdaFunctionOutputException;
import software.amazon.awssdk.services.cognitosync.model.Operation;
import software.amazon.awssdk.services.cognitosync.model.RecordPatch;
import software.amazon.awssdk.services.cognitosync.model.ResourceConflictException;

/**
 * Issue 17 items 3 and 4: the Prometheus scrape at {@code GET /metrics} after real SDK calls (operations, a 409, a
 * SigV4 failure, a Sync Trigger failure), and {@code /health} and {@code /ready} in each state (started, store
 * unavailable, draining), with both stores.
 */
@ParameterizedClass(name = "[{index}] {0}")
@MethodSource("dev.offsync.server.testing.StoreFactories#all")
@Timeout(90)
class ObservabilityTest extends ServerTestSupport {
  private static final String IDENTITY = "us-east-1:11111111-2222-3333-4444-555555555555";
  private static final String FUNCTION = "arn:aws:lambda:us-east-1:123456789012:function:metrics";
  private final AtomicBoolean triggerFails = new AtomicBoolean();

  @Override
  protected void configure(SyncServer.Builder b) {
    b.syncTrigger((arn, event) -> {
      if (triggerFails.get()) {
        throw new IllegalStateException("the function failed");
      }
      return event;
    });
  }

  /** The sum of a metric's samples whose labels include every given {@code name="value"}. */
  static double value(String scrape, String metric, String... labels) {
    double sum = 0;
    boolean found = false;
    for (String line : scrape.split("\n")) {
      if (line.startsWith("#") || !(line.startsWith(metric + "{") || line.startsWith(metric + " "))) {
        continue;
      }
      String labelPart = line.startsWith(metric + "{") ? line.substring(metric.length(), line.lastIndexOf('}') + 1) : "";
      boolean all = true;
      for (String l : labels) {
        all &= labelPart.contains(l);
      }
      if (all) {
        found = true;
        sum += Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
      }
    }
    return found ? sum : Double.NaN;
  }

  private String scrape() {
    RawClient.Reply r = raw().unsigned("GET", "/metrics", "");
    assertThat(r.status()).isEqualTo(200);
    assertThat(r.header("content-type")).startsWith("text/plain");
    return r.body();
  }

  private static void put(CognitoSyncClient c, String pool, String identity, String dataset, long syncCount) {
    String token = c.listRecords(r -> r.identityPoolId(pool).identityId(identity).datasetName(dataset))
        .syncSessionToken();
    c.updateRecords(r -> r.identityPoolId(pool).identityId(identity).datasetName(dataset).syncSessionToken(token)
        .recordPatches(RecordPatch.builder().op(Operation.REPLACE).key("k").value("v" + syncCount)
            .syncCount(syncCount).build()));
  }

  @Test
  void scrapeCountsOperationsConflictsSigV4AndTriggerFailures() {
    CognitoSyncClient dev = developer();
    put(dev, POOL, IDENTITY, "plain", 0);
    // a stale sync count: 409 ResourceConflictException
    assertThatThrownBy(() -> put(dev, POOL, IDENTITY, "plain", 0)).isInstanceOf(ResourceConflictException.class);
    // a wrong secret: refused by SigV4
    CognitoSyncClient wrong = syncClient(AwsBasicCredentials.create(DEV_KEY, "not-the-secret"));
    assertThatThrownBy(() -> wrong.listDatasets(r -> r.identityPoolId(POOL).identityId(IDENTITY)))
        .isInstanceOf(software.amazon.awssdk.services.cognitosync.model.CognitoSyncException.class);
    // a failing Sync Trigger
    dev.setCognitoEvents(r -> r.identityPoolId(POOL).events(Map.of("SyncTrigger", FUNCTION)));
    put(dev, OTHER_POOL, IDENTITY.replace("us-east-1", "eu-west-1"), "ok", 0); // other pool: no trigger
    Identity me = newIdentity(POOL); // the trigger runs for an identity's own calls
    CognitoSyncClient app = syncClient(me.credentials());
    put(app, POOL, me.identityId(), "triggered", 0); // trigger runs and succeeds
    triggerFails.set(true);
    assertThatThrownBy(() -> put(app, POOL, me.identityId(), "triggered", 1))
        .isInstanceOf(InvalidLambdaFunctionOutputException.class);

    String s = scrape();
    assertThat(value(s, "offsync_requests_seconds_count", "operation=\"UpdateRecords\"", "status=\"200\"",
        "error=\"none\"")).isEqualTo(3);
    assertThat(value(s, "offsync_requests_seconds_count", "operation=\"UpdateRecords\"", "status=\"409\"",
        "error=\"ResourceConflictException\"")).isEqualTo(1);
    assertThat(value(s, "offsync_requests_seconds_count", "operation=\"UpdateRecords\"",
        "error=\"InvalidLambdaFunctionOutputException\"")).isEqualTo(1);
    assertThat(value(s, "offsync_requests_seconds_count", "operation=\"ListRecords\"", "error=\"none\""))
        .isEqualTo(5);
    assertThat(value(s, "offsync_requests_seconds_count", "operation=\"ListDatasets\"", "status=\"403\""))
        .isEqualTo(1);
    assertThat(value(s, "offsync_requests_seconds_count", "operation=\"SetCognitoEvents\"")).isEqualTo(1);
    // latency histogram buckets per operation
    assertThat(value(s, "offsync_requests_seconds_bucket", "operation=\"UpdateRecords\"", "error=\"none\"",
        "le=\"+Inf\"")).isEqualTo(3);
    assertThat(value(s, "offsync_sigv4_failures_total")).isEqualTo(1);
    assertThat(s).containsPattern("offsync_sigv4_failures_total\\{reason=\"[A-Za-z]+Exception\"}");
    assertThat(value(s, "offsync_sync_trigger_calls_total")).isEqualTo(2);
    assertThat(value(s, "offsync_sync_trigger_failures_total", "reason=\"InvalidLambdaFunctionOutputException\""))
        .isEqualTo(1);
    assertThat(value(s, "offsync_store_transactions_seconds_count", "kind=\"write\"", "outcome=\"ok\""))
        .isGreaterThan(0);
    assertThat(value(s, "offsync_store_transactions_seconds_count", "kind=\"read\"")).isGreaterThan(0);
    assertThat(value(s, "offsync_stream_outbox_lag_seconds")).isEqualTo(0); // no stream configured
    assertThat(value(s, "offsync_stream_publish_failures_total")).isEqualTo(0);
    assertThat(value(s, "jvm_memory_used_bytes")).isGreaterThan(0);
    assertThat(value(s, "jvm_threads_live_threads")).isGreaterThan(0);
    assertThat(s).contains("jvm_gc_");
    // no secret, no client text in any label
    assertThat(s).doesNotContain(DEV_KEY).doesNotContain(DEV_SECRET).doesNotContain("not-the-secret")
        .doesNotContain(IDENTITY);
  }

  @Test
  void clientChosenTargetsAndPathsNeverBecomeLabels() {
    raw().unsigned("POST", "/", "{}", "X-Amz-Target", "AWSCognitoIdentityService.Evil-label-7f3");
    raw().unsigned("GET", "/no-such-path-9c1", "");
    String s = scrape();
    assertThat(s).doesNotContain("Evil-label-7f3").doesNotContain("no-such-path-9c1");
    assertThat(value(s, "offsync_requests_seconds_count", "operation=\"UnknownIdentityOperation\"")).isEqualTo(1);
    assertThat(value(s, "offsync_requests_seconds_count", "operation=\"Unknown\"", "status=\"404\"")).isEqualTo(1);
  }

  @Test
  void metricsEndpointCanBeTurnedOff() {
    startWith(b -> b.metricsEndpoint(false), null);
    RawClient.Reply r = raw().unsigned("GET", "/metrics", "");
    assertThat(r.status()).isEqualTo(404);
    assertThat(r.body()).doesNotContain("jvm_");
  }

  @Test
  void healthAndReadyWhenStarted() {
    RawClient.Reply health = raw().unsigned("GET", "/health", "");
    assertThat(health.status()).isEqualTo(200);
    assertThat(health.body()).isEqualTo("{\"status\":\"UP\"}");
    RawClient.Reply ready = raw().unsigned("GET", "/ready", "");
    assertThat(ready.status()).isEqualTo(200);
    assertThat(ready.body()).isEqualTo("{\"status\":\"READY\"}");
  }

  @Test
  void notReadyWhileTheStoreIsUnavailableAndReadyAgainAfter() {
    AtomicBoolean broken = new AtomicBoolean();
    startWith(b -> { }, store -> new BreakableStore(store, broken));
    assertThat(raw().unsigned("GET", "/ready", "").status()).isEqualTo(200);
    broken.set(true);
    RawClient.Reply ready = raw().unsigned("GET", "/ready", "");
    assertThat(ready.status()).isEqualTo(503);
    assertThat(ready.body()).isEqualTo("{\"status\":\"STORE_UNAVAILABLE\"}");
    // liveness is the process, not the store: a restart would not help
    assertThat(raw().unsigned("GET", "/health", "").status()).isEqualTo(200);
    broken.set(false);
    assertThat(raw().unsigned("GET", "/ready", "").status()).isEqualTo(200);
  }

  @Test
  void readyReports503DuringTheDrainWhileRequestsAreStillServed() throws Exception {
    startWith(b -> b.drainDelay(Duration.ofSeconds(3)), null);
    CognitoSyncClient dev = developer();
    dev.listDatasets(r -> r.identityPoolId(POOL).identityId(IDENTITY));
    SyncServer draining = server;
    CompletableFuture<Void> stop = CompletableFuture.runAsync(draining::close);
    await().atMost(Duration.ofSeconds(2)).until(() -> raw().unsigned("GET", "/ready", "").status() == 503);
    assertThat(raw().unsigned("GET", "/ready", "").body()).isEqualTo("{\"status\":\"DRAINING\"}");
    // still serving during the delay: the load balancer takes the instance out before connections close
    assertThat(raw().unsigned("GET", "/health", "").status()).isEqualTo(200);
    dev.listDatasets(r -> r.identityPoolId(POOL).identityId(IDENTITY));
    assertThat(stop).isNotDone();
    stop.get(20, java.util.concurrent.TimeUnit.SECONDS);
  }

  /** Replaces the suite's server with one built from the same settings plus {@code extra}. */
  private void startWith(Consumer<SyncServer.Builder> extra, java.util.function.UnaryOperator<SyncStore> wrap) {
    server.close();
    SyncStore store = storeFactory.open(dataDir);
    SyncServer.Builder b = SyncServer.builder().host("127.0.0.1").port(0).dataDirectory(dataDir)
        .developerKey(DEV_KEY, DEV_SECRET).identityPool(POOL).identityPool(OTHER_POOL).clock(clock)
        .store(wrap == null ? store : wrap.apply(store));
    configure(b);
    extra.accept(b);
    server = b.build().start();
  }

  /** A real store whose transactions fail while {@code broken} is set, as when the database is unreachable. */
  private static final class BreakableStore implements SyncStore {
    private final SyncStore store;
    private final AtomicBoolean broken;

    BreakableStore(SyncStore store, AtomicBoolean broken) {
      this.store = store;
      this.broken = broken;
    }

    private void check() {
      if (broken.get()) {
        throw new IllegalStateException("connection refused");
      }
    }

    @Override
    public <T> T read(StoreWork<T> work) {
      check();
      return store.read(work);
    }

    @Override
    public <T> T write(StoreWork<T> work) {
      check();
      return store.write(work);
    }

    @Override
    public Optional<byte[]> sharedSecret(String name, int length) {
      return store.sharedSecret(name, length);
    }

    @Override
    public void close() {
      store.close();
    }
  }
}
