package dev.offsync.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.offsync.server.testing.ServerTestSupport;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.MethodSource;
import software.amazon.awssdk.services.cognitosync.CognitoSyncClient;
import software.amazon.awssdk.services.cognitosync.model.InvalidLambdaFunctionOutputException;
import software.amazon.awssdk.services.cognitosync.model.LambdaThrottledException;
import software.amazon.awssdk.services.cognitosync.model.Operation;
import software.amazon.awssdk.services.cognitosync.model.RecordPatch;

/**
 * A Sync Trigger webhook that fails or answers nonsense (a JDK HttpServer on loopback): failures are logged without
 * the URL's secret path or password, invalid answers are InvalidLambdaFunctionOutput and write nothing.
 */
@ParameterizedClass(name = "[{index}] {0}")
@MethodSource("dev.offsync.server.testing.StoreFactories#all")
@Timeout(60)
class SyncTriggerFailuresTest extends ServerTestSupport {
  private static final String ARN = "arn:aws:lambda:us-east-1:123456789012:function:";
  private static final String SECRET = "s3cr3t-path-7f3a9c";
  private static final String PASSWORD = "pa55word-1b2c";
  private static final String DATASET = "game";

  private HttpServer webhook;
  private ExecutorService webhookThreads;

  @Override
  protected void configure(SyncServer.Builder b) {
    try {
      if (webhook == null) {
        webhook = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        webhookThreads = Executors.newCachedThreadPool();
        webhook.setExecutor(webhookThreads);
        webhook.createContext("/", this::handle);
        webhook.start();
      }
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
    URI base = URI.create("http://127.0.0.1:" + webhook.getAddress().getPort());
    b.lambda(ARN + "fail", base.resolve("/" + SECRET + "/fail?key=" + SECRET));
    for (String fn : INVALID) {
      b.lambda(ARN + fn, base.resolve("/" + fn));
    }
    b.lambda(ARN + "unreachable",
        URI.create("http://admin:" + PASSWORD + "@127.0.0.1:" + closedPort() + "/" + SECRET + "/x"));
    b.syncTriggerTimeout(Duration.ofSeconds(5));
  }

  private static int closedPort() {
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return s.getLocalPort();
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  @AfterEach
  void stopWebhook() throws InterruptedException {
    if (webhook != null) {
      webhook.stop(0);
      webhookThreads.shutdownNow();
      assertThat(webhookThreads.awaitTermination(10, TimeUnit.SECONDS)).isTrue();
    }
  }

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final List<String> INVALID = List.of("nul-key", "nul-value", "lone-surrogate", "bad-op", "duplicate",
      "number", "version", "records-array", "record-null", "redirect", "huge", "empty");

  private void handle(HttpExchange ex) throws IOException {
    try (ex) {
      String fn = ex.getRequestURI().getPath().substring(ex.getRequestURI().getPath().lastIndexOf('/') + 1);
      ObjectNode event = (ObjectNode) JSON.readTree(ex.getRequestBody());
      ObjectNode records = (ObjectNode) event.get("datasetRecords");
      String body = null;
      int status = 200;
      switch (fn) {
        case "fail" -> {
          status = 500;
          body = "{\"errorMessage\":\"boom\"}";
        }
        case "nul-key" -> records.putObject("a\u0000b").put("newValue", "x");
        case "nul-value" -> ((ObjectNode) records.get("a")).put("newValue", "x\u0000");
        case "lone-surrogate" -> body = JSON.writeValueAsString(event).replace("\"newValue\":\"1\"",
            "\"newValue\":\"\\ud800\"");
        case "bad-op" -> ((ObjectNode) records.get("a")).put("op", "update");
        case "duplicate" -> body = JSON.writeValueAsString(event).replace("\"datasetRecords\":{",
            "\"datasetRecords\":{\"a\":{\"newValue\":\"evil\"},");
        case "number" -> ((ObjectNode) records.get("a")).put("newValue", 5);
        case "version" -> event.put("version", 3);
        case "records-array" -> event.putArray("datasetRecords");
        case "record-null" -> records.putNull("a");
        case "redirect" -> {
          ex.getResponseHeaders().set("Location", "/echo");
          status = 302;
          body = "";
        }
        case "huge" -> records.putObject("big").put("newValue", "x".repeat(7 * 1024 * 1024));
        case "empty" -> body = "";
        default -> { }
      }
      byte[] bytes = (body != null ? body : JSON.writeValueAsString(event)).getBytes(StandardCharsets.UTF_8);
      ex.getResponseHeaders().set("Content-Type", "application/json");
      ex.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
      try (OutputStream out = ex.getResponseBody()) {
        out.write(bytes);
      }
    }
  }

  private void useTrigger(String function) {
    developer().setCognitoEvents(r -> r.identityPoolId(POOL).events(Map.of("SyncTrigger", ARN + function)));
  }

  private static void update(CognitoSyncClient c, Identity who, RecordPatch... patches) {
    String token = c.listRecords(r -> r.identityPoolId(who.poolId()).identityId(who.identityId())
        .datasetName(DATASET)).syncSessionToken();
    c.updateRecords(r -> r.identityPoolId(who.poolId()).identityId(who.identityId()).datasetName(DATASET)
        .syncSessionToken(token).recordPatches(patches));
  }

  private static RecordPatch put(String key, String value, long syncCount) {
    return RecordPatch.builder().op(Operation.REPLACE).key(key).value(value).syncCount(syncCount).build();
  }

  /** Runs {@code action} and returns what the server logged meanwhile (slf4j-simple writes to System.err). */
  private static String logged(Runnable action) {
    PrintStream original = System.err;
    ByteArrayOutputStream captured = new ByteArrayOutputStream();
    System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
    try {
      action.run();
    } finally {
      System.setErr(original);
    }
    String log = captured.toString(StandardCharsets.UTF_8);
    original.print(log);
    return log;
  }

  @Test
  void webhookFailuresAreLoggedWithoutTheUrlsSecretPathOrPassword() {
    Identity me = newIdentity(POOL);
    CognitoSyncClient app = syncClient(me.credentials());
    useTrigger("fail");
    String failed = logged(() -> assertThatThrownBy(() -> update(app, me, put("a", "1", 0)))
        .isInstanceOf(InvalidLambdaFunctionOutputException.class));
    useTrigger("unreachable");
    String unreachable = logged(() -> assertThatThrownBy(() -> update(app, me, put("a", "1", 0)))
        .isInstanceOf(LambdaThrottledException.class));

    assertThat(failed).contains(ARN + "fail").contains("500").doesNotContain(SECRET);
    assertThat(unreachable).contains(ARN + "unreachable").doesNotContain(SECRET).doesNotContain(PASSWORD);
  }

  @Test
  void invalidAnswersAreInvalidLambdaFunctionOutputAndWriteNothing() {
    Identity me = newIdentity(POOL);
    CognitoSyncClient app = syncClient(me.credentials());
    update(app, me, put("a", "0", 0));
    for (String fn : INVALID) {
      useTrigger(fn);
      assertThatThrownBy(() -> update(app, me, put("a", "1", 1))).as(fn)
          .isInstanceOfSatisfying(InvalidLambdaFunctionOutputException.class, e -> {
            assertThat(e.statusCode()).isEqualTo(400);
            assertThat(e.awsErrorDetails().errorCode()).isEqualTo("InvalidLambdaFunctionOutputException");
          });
      var stored = developer().listRecords(r -> r.identityPoolId(POOL).identityId(me.identityId())
          .datasetName(DATASET));
      assertThat(stored.datasetSyncCount()).as(fn).isEqualTo(1);
      assertThat(stored.records()).as(fn).singleElement().satisfies(r -> assertThat(r.value()).isEqualTo("0"));
    }
  }
}
