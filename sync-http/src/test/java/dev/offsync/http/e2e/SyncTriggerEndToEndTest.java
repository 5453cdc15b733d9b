package dev.offsync.http.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.offsync.Dataset;
import dev.offsync.Record;
import dev.offsync.SyncClient;
import dev.offsync.SyncReport;
import dev.offsync.http.CognitoIdentityCredentialsProvider;
import dev.offsync.http.CognitoSyncClient;
import dev.offsync.http.RetryPolicy;
import dev.offsync.http.StaticCredentialsProvider;
import dev.offsync.http.model.ListRecordsRequest;
import dev.offsync.http.model.SetCognitoEventsRequest;
import dev.offsync.server.SyncServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The engine against the real server running a Cognito Sync Trigger (a webhook on 127.0.0.1 standing in for the
 * Lambda function): values the trigger changes and keys it adds come back in the push's response and land locally,
 * clean; a pushed key it drops is not written and stays pending, never lost.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class SyncTriggerEndToEndTest {
  private static final String POOL = "us-east-1:5b8d1f1f-8888-3333-4444-555566667777";
  private static final String FUNCTION = "arn:aws:lambda:us-east-1:123456789012:function:uppercase-names";
  private static final String DEV_KEY = "AKIDOFFSYNCTRIGGER";
  private static final String DEV_SECRET = "dev-secret-trigger-0123456789";
  private static final long TIMEOUT_SECONDS = 20;
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path data;
  private final List<AutoCloseable> closeables = new ArrayList<>();
  private HttpServer function;
  private SyncServer server;

  @BeforeEach
  void start() throws IOException {
    function = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    function.createContext("/", SyncTriggerEndToEndTest::trigger);
    function.start();
    URI url = URI.create("http://127.0.0.1:" + function.getAddress().getPort() + "/");
    server = SyncServer.builder()
        .host("127.0.0.1")
        .port(0)
        .dataDirectory(data)
        .developerKey(DEV_KEY, DEV_SECRET)
        .identityPool(POOL)
        .lambda(FUNCTION, url)
        .build()
        .start();
    closeables.add(server);
    developer().setCognitoEvents(SetCognitoEventsRequest.builder().identityPoolId(POOL)
        .events(Map.of("SyncTrigger", FUNCTION)).build());
  }

  @AfterEach
  void stop() throws Exception {
    for (int i = closeables.size() - 1; i >= 0; i--) {
      closeables.get(i).close();
    }
    function.stop(0);
  }

  /**
   * The function: upper-cases {@code name}, drops {@code rejected} (omitted from its answer, so not written) and adds
   * {@code greeting}.
   */
  private static void trigger(HttpExchange exchange) throws IOException {
    ObjectNode event = (ObjectNode) JSON.readTree(exchange.getRequestBody());
    ObjectNode records = (ObjectNode) event.get("datasetRecords");
    if (records.has("name") && records.get("name").hasNonNull("newValue")) {
      ObjectNode name = (ObjectNode) records.get("name");
      name.put("newValue", name.get("newValue").asText().toUpperCase(java.util.Locale.ROOT));
      name.put("op", "replace");
    }
    records.remove("rejected");
    ObjectNode greeting = records.putObject("greeting");
    greeting.put("newValue", "hello from the trigger");
    greeting.put("op", "replace");
    byte[] body = JSON.writeValueAsBytes(event);
    exchange.getResponseHeaders().set("Content-Type", "application/json");
    exchange.sendResponseHeaders(200, body.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(body);
    }
  }

  private CognitoSyncClient developer() {
    return EngineDevices.http(server.baseUri(), StaticCredentialsProvider.create(DEV_KEY, DEV_SECRET), closeables);
  }

  private SyncClient device(CognitoIdentityCredentialsProvider credentials) {
    return EngineDevices.device(server.baseUri(), POOL, credentials, closeables);
  }

  private Map<String, String> serverValues(String identityId, String dataset) {
    Map<String, String> out = new TreeMap<>();
    developer().listRecords(ListRecordsRequest.builder().identityPoolId(POOL).identityId(identityId)
        .datasetName(dataset).lastSyncCount(0L).build()).records()
        .forEach(r -> {
          if (r.value() != null) {
            out.put(r.key(), r.value());
          }
        });
    return out;
  }

  private static SyncReport sync(Dataset dataset) {
    return dataset.sync().timeout(TIMEOUT_SECONDS, TimeUnit.SECONDS).blockingGet();
  }

  @Test
  void whatTheTriggerWritesLandsLocallyAndWhatItDropsStaysPending() {
    CognitoIdentityCredentialsProvider credentials = CognitoIdentityCredentialsProvider.builder()
        .endpoint(server.baseUri().toString())
        .identityPoolId(POOL)
        .retryPolicy(RetryPolicy.none())
        .build();
    Dataset profile = device(credentials).dataset("profile");
    profile.put("name", "ada");
    profile.put("rejected", "something the function refuses");

    SyncReport first = sync(profile);

    String identityId = credentials.cachedIdentityId();
    assertThat(serverValues(identityId, "profile"))
        .containsOnly(Map.entry("name", "ADA"), Map.entry("greeting", "hello from the trigger"));
    Record name = profile.record("name");
    assertThat(name.value()).isEqualTo("ADA"); // the server's value replaced the pushed one
    assertThat(name.isDirty()).isFalse();
    assertThat(profile.get("greeting")).isEqualTo("hello from the trigger");
    assertThat(profile.record("greeting").isDirty()).isFalse();
    // dropped by the function: not written, so still pending on its old base; the next sync offers it again
    assertThat(profile.pendingKeys()).containsExactly("rejected");
    assertThat(profile.get("rejected")).isEqualTo("something the function refuses");
    assertThat(first.conflicts()).isEmpty();

    SyncReport second = sync(profile);

    assertThat(second.conflicts()).isEmpty();
    assertThat(profile.pendingKeys()).containsExactly("rejected");
    assertThat(serverValues(identityId, "profile")).doesNotContainKey("rejected");
  }
}
