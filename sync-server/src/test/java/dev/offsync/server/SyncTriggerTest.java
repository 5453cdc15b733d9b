package dev.offsync.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.offsync.server.testing.ServerTestSupport;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.MethodSource;
import software.amazon.awssdk.services.cognitosync.CognitoSyncClient;
import software.amazon.awssdk.services.cognitosync.model.CognitoSyncException;
import software.amazon.awssdk.services.cognitosync.model.InvalidLambdaFunctionOutputException;
import software.amazon.awssdk.services.cognitosync.model.LambdaThrottledException;
import software.amazon.awssdk.services.cognitosync.model.LimitExceededException;
import software.amazon.awssdk.services.cognitosync.model.ListRecordsResponse;
import software.amazon.awssdk.services.cognitosync.model.Operation;
import software.amazon.awssdk.services.cognitosync.model.Record;
import software.amazon.awssdk.services.cognitosync.model.RecordPatch;
import software.amazon.awssdk.services.cognitosync.model.ResourceConflictException;
import software.amazon.awssdk.services.cognitosync.model.UpdateRecordsResponse;

/**
 * Cognito Events' Sync Trigger: a pool whose events name a Lambda ARN has its UpdateRecords (with identity
 * credentials) go through the webhook the ARN is mapped to, here a JDK HttpServer on 127.0.0.1.
 */
@ParameterizedClass(name = "[{index}] {0}")
@MethodSource("dev.offsync.server.testing.StoreFactories#all")
@Timeout(60)
class SyncTriggerTest extends ServerTestSupport {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String ARN = "arn:aws:lambda:us-east-1:123456789012:function:";
  private static final String DATASET = "game";
  private static final int MAX_RECORDS = 8;

  private HttpServer webhook;
  private ExecutorService webhookThreads;
  private final CountDownLatch release = new CountDownLatch(1);
  private final AtomicReference<JsonNode> lastEvent = new AtomicReference<>();
  /** Run by the "conflict" function before it answers. */
  private volatile Runnable beforeAnswer = () -> {};

  @Override
  protected void configure(SyncServer.Builder b) {
    try {
      startWebhook();
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
    URI base = URI.create("http://127.0.0.1:" + webhook.getAddress().getPort());
    for (String name : List.of("upper", "edit", "omit", "throttle", "garbage", "error", "hang", "long-key",
        "change-identity", "flood", "echo", "conflict")) {
      b.lambda(ARN + name, base.resolve("/" + name));
    }
    b.lambda(ARN + "unreachable", URI.create("http://127.0.0.1:" + closedPort() + "/x"));
    // short enough for the "hang" test, long enough that a loaded 2-core CI machine never times out a function that
    // answers at once (the first call also starts the JDK HttpClient)
    b.syncTriggerTimeout(Duration.ofSeconds(2));
    b.limits(ServerLimits.newBuilder().maxRecordsPerDataset(MAX_RECORDS).build());
  }

  private static int closedPort() {
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return s.getLocalPort();
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  private void startWebhook() throws IOException {
    if (webhook != null) {
      return; // a restart() keeps the same webhook
    }
    webhook = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    webhookThreads = Executors.newCachedThreadPool();
    webhook.setExecutor(webhookThreads);
    webhook.createContext("/", this::handle);
    webhook.start();
  }

  @AfterEach
  void stopWebhook() throws InterruptedException {
    release.countDown();
    if (webhook != null) {
      webhook.stop(0);
      webhookThreads.shutdownNow();
      assertThat(webhookThreads.awaitTermination(10, TimeUnit.SECONDS)).isTrue();
    }
  }

  private void handle(HttpExchange ex) throws IOException {
    try (ex) {
      String fn = ex.getRequestURI().getPath().substring(1);
      assertThat(ex.getRequestHeaders().getFirst("Content-Type")).isEqualTo("application/json");
      ObjectNode event = (ObjectNode) JSON.readTree(ex.getRequestBody());
      lastEvent.set(event.deepCopy());
      ObjectNode records = (ObjectNode) event.get("datasetRecords");
      switch (fn) {
        case "throttle" -> {
          reply(ex, 429, "{\"message\":\"Rate exceeded\"}");
          return;
        }
        case "garbage" -> {
          reply(ex, 200, "this is not json");
          return;
        }
        case "error" -> {
          reply(ex, 500, "{\"errorMessage\":\"boom\"}");
          return;
        }
        case "hang" -> {
          try {
            release.await(30, TimeUnit.SECONDS);
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
          }
          return;
        }
        case "upper" -> records.fields().forEachRemaining(e -> {
          JsonNode v = e.getValue().get("newValue");
          if (v.isTextual()) {
            ((ObjectNode) e.getValue()).put("newValue", v.textValue().toUpperCase());
          }
        });
        case "edit" -> {
          ((ObjectNode) records.get("drop")).put("op", "remove");
          ((ObjectNode) records.get("nulled")).putNull("newValue");
          records.putObject("bonus").put("newValue", "100").put("op", "replace");
        }
        case "omit" -> records.remove("ignored");
        case "long-key" -> records.putObject("k".repeat(1025)).put("newValue", "x").put("op", "replace");
        case "change-identity" -> event.put("identityId", "us-east-1:00000000-0000-0000-0000-000000000000");
        case "flood" -> {
          for (int i = 0; i < MAX_RECORDS + 1; i++) {
            records.putObject("extra" + i).put("newValue", "x").put("op", "replace");
          }
        }
        case "conflict" -> beforeAnswer.run();
        default -> { }
      }
      reply(ex, 200, JSON.writeValueAsString(event));
    }
  }

  private static void reply(HttpExchange ex, int status, String body) throws IOException {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    ex.getResponseHeaders().set("Content-Type", "application/json");
    ex.sendResponseHeaders(status, bytes.length);
    try (OutputStream out = ex.getResponseBody()) {
      out.write(bytes);
    }
  }

  // ---- helpers

  private void useTrigger(String pool, String function) {
    developer().setCognitoEvents(r -> r.identityPoolId(pool).events(Map.of("SyncTrigger", ARN + function)));
  }

  private static RecordPatch put(String key, String value, long syncCount) {
    return RecordPatch.builder().op(Operation.REPLACE).key(key).value(value).syncCount(syncCount).build();
  }

  private static ListRecordsResponse list(CognitoSyncClient c, Identity who) {
    return c.listRecords(r -> r.identityPoolId(who.poolId()).identityId(who.identityId()).datasetName(DATASET));
  }

  private static UpdateRecordsResponse update(CognitoSyncClient c, Identity who, RecordPatch... patches) {
    String token = list(c, who).syncSessionToken();
    return c.updateRecords(r -> r.identityPoolId(who.poolId()).identityId(who.identityId()).datasetName(DATASET)
        .syncSessionToken(token).deviceId("device-1").recordPatches(patches));
  }

  private static Map<String, Record> byKey(List<Record> records) {
    return records.stream().collect(Collectors.toMap(Record::key, Function.identity()));
  }

  private static Map<String, String> values(List<Record> records) {
    return records.stream().filter(r -> r.value() != null).collect(Collectors.toMap(Record::key, Record::value));
  }

  /** Runs a write the trigger must refuse and checks that nothing changed. */
  private void assertRefusedWithoutWriting(Identity who, CognitoSyncClient c, Class<? extends Throwable> type,
      RecordPatch... patches) {
    ListRecordsResponse before = list(developer(), who);
    assertThatThrownBy(() -> update(c, who, patches)).isInstanceOf(type);
    ListRecordsResponse after = list(developer(), who);
    assertThat(after.datasetSyncCount()).isEqualTo(before.datasetSyncCount());
    assertThat(after.records()).isEqualTo(before.records());
  }

  // ---- tests

  @Test
  void theFunctionSeesTheWholeDatasetAndItsModifiedValuesAreWritten() throws Exception {
    Identity me = newIdentity(POOL);
    CognitoSyncClient app = syncClient(me.credentials());
    update(app, me, put("level", "one", 0), put("name", "ada", 0)); // no trigger yet
    useTrigger(POOL, "upper");

    UpdateRecordsResponse r = update(app, me, put("level", "two", 1));

    JsonNode event = lastEvent.get();
    assertThat(event.get("version").asInt()).isEqualTo(2);
    assertThat(event.get("eventType").asText()).isEqualTo("SyncTrigger");
    assertThat(event.get("region").asText()).isEqualTo("us-east-1");
    assertThat(event.get("identityPoolId").asText()).isEqualTo(POOL);
    assertThat(event.get("identityId").asText()).isEqualTo(me.identityId());
    assertThat(event.get("datasetName").asText()).isEqualTo(DATASET);
    assertThat(event.get("datasetRecords").get("level").toString())
        .isEqualTo("{\"oldValue\":\"one\",\"newValue\":\"two\",\"op\":\"replace\"}");
    assertThat(event.get("datasetRecords").get("name").toString())
        .isEqualTo("{\"oldValue\":\"ada\",\"newValue\":\"ada\",\"op\":\"replace\"}");

    // the patched key and the key the function changed are written at the new count and returned
    assertThat(values(r.records())).containsExactlyInAnyOrderEntriesOf(Map.of("level", "TWO", "name", "ADA"));
    assertThat(r.records()).allSatisfy(rec -> assertThat(rec.syncCount()).isEqualTo(2));
    ListRecordsResponse stored = list(app, me);
    assertThat(stored.datasetSyncCount()).isEqualTo(2);
    assertThat(values(stored.records())).containsExactlyInAnyOrderEntriesOf(Map.of("level", "TWO", "name", "ADA"));
  }

  @Test
  void theFunctionRemovesAddsAndLeavesOutRecords() {
    Identity me = newIdentity(POOL);
    CognitoSyncClient app = syncClient(me.credentials());
    update(app, me, put("untouched", "u", 0));
    useTrigger(POOL, "edit");

    UpdateRecordsResponse r = update(app, me, put("keep", "k", 0), put("drop", "d", 0), put("nulled", "n", 0));

    Map<String, Record> written = byKey(r.records());
    assertThat(written).containsOnlyKeys("keep", "drop", "nulled", "bonus");
    assertThat(written.get("keep").value()).isEqualTo("k");
    assertThat(written.get("drop").value()).isNull();
    assertThat(written.get("nulled").value()).isNull();
    assertThat(written.get("bonus").value()).isEqualTo("100");
    assertThat(written.values()).allSatisfy(rec -> assertThat(rec.syncCount()).isEqualTo(2));
    ListRecordsResponse stored = list(app, me);
    assertThat(values(stored.records())).containsExactlyInAnyOrderEntriesOf(
        Map.of("untouched", "u", "keep", "k", "bonus", "100"));
    // echoed unchanged: not rewritten
    assertThat(byKey(stored.records()).get("untouched").syncCount()).isEqualTo(1);

    useTrigger(POOL, "omit");
    UpdateRecordsResponse omitted = update(app, me, put("ignored", "i", 0), put("kept", "x", 0));
    assertThat(values(omitted.records())).containsExactlyEntriesOf(Map.of("kept", "x"));
    assertThat(byKey(list(app, me).records())).doesNotContainKey("ignored");
  }

  @Test
  void throttlingAndUnreachableFunctionsAreLambdaThrottled() {
    Identity me = newIdentity(POOL);
    CognitoSyncClient app = syncClient(me.credentials());
    update(app, me, put("a", "1", 0));
    useTrigger(POOL, "throttle");
    assertRefusedWithoutWriting(me, app, LambdaThrottledException.class, put("a", "2", 1));
    assertThatThrownBy(() -> update(app, me, put("a", "2", 1)))
        .satisfies(e -> assertThat(((CognitoSyncException) e).statusCode()).isEqualTo(429));
    useTrigger(POOL, "unreachable");
    assertRefusedWithoutWriting(me, app, LambdaThrottledException.class, put("a", "2", 1));
  }

  @Test
  void failingFunctionsAndInvalidOutputAreInvalidLambdaFunctionOutput() {
    Identity me = newIdentity(POOL);
    CognitoSyncClient app = syncClient(me.credentials());
    update(app, me, put("a", "1", 0));
    for (String fn : List.of("garbage", "error", "long-key", "change-identity", "not-mapped")) {
      useTrigger(POOL, fn);
      assertRefusedWithoutWriting(me, app, InvalidLambdaFunctionOutputException.class, put("a", "2", 1));
      assertThatThrownBy(() -> update(app, me, put("a", "2", 1)))
          .satisfies(e -> assertThat(((CognitoSyncException) e).statusCode()).isEqualTo(400))
          .hasMessageContaining(ARN + fn);
    }
  }

  @Test
  void aFunctionThatDoesNotAnswerInTimeIsLambdaSocketTimeout() {
    Identity me = newIdentity(POOL);
    CognitoSyncClient app = syncClient(me.credentials());
    useTrigger(POOL, "hang");
    assertThatThrownBy(() -> update(app, me, put("a", "1", 0)))
        .isInstanceOfSatisfying(CognitoSyncException.class, e -> {
          assertThat(e.statusCode()).isEqualTo(400);
          assertThat(e.awsErrorDetails().errorCode()).isEqualTo("LambdaSocketTimeoutException");
        });
    assertThat(list(developer(), me).datasetExists()).isFalse();
  }

  @Test
  void limitsApplyToTheOutputAndTheRequestKeepsItsOwnError() {
    Identity me = newIdentity(POOL);
    CognitoSyncClient app = syncClient(me.credentials());
    useTrigger(POOL, "flood");
    assertRefusedWithoutWriting(me, app, InvalidLambdaFunctionOutputException.class, put("a", "1", 0));
    useTrigger(POOL, "echo");
    RecordPatch[] tooMany = new RecordPatch[MAX_RECORDS + 1];
    for (int i = 0; i < tooMany.length; i++) {
      tooMany[i] = put("k" + i, "v", 0);
    }
    assertRefusedWithoutWriting(me, app, LimitExceededException.class, tooMany);
  }

  @Test
  void aChangeWhileTheFunctionRunsIsAConflict() {
    Identity me = newIdentity(POOL);
    CognitoSyncClient app = syncClient(me.credentials());
    update(app, me, put("score", "1", 0));
    useTrigger(POOL, "conflict");
    CognitoSyncClient dev = developer();
    // developer credentials never run the trigger, so this write goes through while the function runs
    beforeAnswer = () -> update(dev, me, put("score", "5", 1));
    assertThatThrownBy(() -> update(app, me, put("score", "2", 1)))
        .isInstanceOf(ResourceConflictException.class)
        .hasMessageContaining("Current SyncCount for: score is: 2 not: 1");
    assertThat(values(list(app, me).records())).containsExactlyEntriesOf(Map.of("score", "5"));
  }

  @Test
  void developerCredentialsAndPoolsWithoutTheEventSkipTheFunction() {
    useTrigger(POOL, "throttle");
    Identity me = newIdentity(POOL);
    UpdateRecordsResponse dev = update(developer(), me, put("a", "x", 0));
    assertThat(values(dev.records())).containsExactlyEntriesOf(Map.of("a", "x"));
    assertThat(lastEvent.get()).isNull();

    Identity other = newIdentity(OTHER_POOL);
    CognitoSyncClient app = syncClient(other.credentials());
    UpdateRecordsResponse r = update(app, other, put("b", "y", 0));
    assertThat(values(r.records())).containsExactlyEntriesOf(Map.of("b", "y"));
    assertThat(lastEvent.get()).isNull();

    // removing the event (empty value) turns the trigger off
    developer().setCognitoEvents(e -> e.identityPoolId(POOL).events(Map.of("SyncTrigger", "")));
    CognitoSyncClient mine = syncClient(me.credentials());
    assertThat(values(update(mine, me, put("a", "z", 1)).records())).containsExactlyEntriesOf(Map.of("a", "z"));
    assertThat(lastEvent.get()).isNull();
  }

}
