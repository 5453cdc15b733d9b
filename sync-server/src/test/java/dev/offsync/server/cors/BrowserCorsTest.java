package dev.offsync.server.cors;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpServer;
import dev.offsync.server.SyncServer;
import dev.offsync.server.testing.Browser;
import dev.offsync.server.testing.StoreFactory;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.MethodSource;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.cognitosync.CognitoSyncClient;
import software.amazon.awssdk.services.cognitosync.model.Record;

/**
 * AWS's own browser stack against the server in headless Chromium: a page served from a second loopback origin loads
 * aws-sdk v2's browser build and amazon-cognito-js (from npm), gets credentials from the server's identity endpoint,
 * puts a record and synchronizes; a second page in a fresh browser context (empty storage) resumes the identity and
 * sees the edit. With the page's origin not allowed, the browser blocks the call. Fails when Chromium, node or the npm
 * packages are missing (see {@link Browser}); {@code -Doffsync.browser.skip=true} skips it.
 */
@ParameterizedClass(name = "[{index}] {0}")
@MethodSource("dev.offsync.server.testing.StoreFactories#all")
@Timeout(180)
class BrowserCorsTest {
  static final String POOL = "us-east-1:0d3b5a52-5d1f-4c1b-9a4e-3c1f0e0c2a11";
  static final Duration SCRIPT_TIMEOUT = Duration.ofSeconds(90);

  @Parameter StoreFactory storeFactory;
  @TempDir Path dir;

  private HttpServer pages;
  private String pageOrigin;
  private SyncServer server;

  @BeforeEach
  void servePage() throws IOException {
    Browser.requireAvailable();
    Path project = Browser.projectDirectory();
    Map<String, Path> files = Map.of(
        "/index.html", project.resolve("cors-page.html"),
        "/aws-sdk.min.js", project.resolve("node_modules/aws-sdk/dist/aws-sdk.min.js"),
        "/amazon-cognito.min.js", project.resolve("node_modules/amazon-cognito-js/dist/amazon-cognito.min.js"));
    pages = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    pages.createContext("/", exchange -> {
      Path file = files.get(exchange.getRequestURI().getPath());
      byte[] body = file == null ? new byte[0] : Files.readAllBytes(file);
      exchange.getResponseHeaders().add("Content-Type",
          file == null ? "text/plain" : file.toString().endsWith(".html") ? "text/html" : "application/javascript");
      exchange.sendResponseHeaders(file == null ? 404 : 200, body.length == 0 ? -1 : body.length);
      try (OutputStream out = exchange.getResponseBody()) {
        out.write(body);
      }
    });
    pages.start();
    pageOrigin = "http://127.0.0.1:" + pages.getAddress().getPort();
  }

  @AfterEach
  void stop() {
    if (server != null) {
      server.close();
    }
    if (pages != null) {
      pages.stop(0);
    }
  }

  private void startServer(String allowedOrigin) {
    server = SyncServer.builder().host("127.0.0.1").port(0).dataDirectory(dir)
        .developerKey("AKIADEVELOPER0001", "developer-secret-key-0001").identityPool(POOL)
        .corsOrigin(allowedOrigin).store(storeFactory.open(dir)).build().start();
  }

  private JsonNode runScript(String mode) {
    String serverUrl = server.baseUri().toString().replaceAll("/$", "");
    return Browser.run("cors-sync.js", SCRIPT_TIMEOUT, mode, pageOrigin + "/index.html", serverUrl, POOL)
        .requireJson();
  }

  @Test
  void browserPutsAndSynchronizesAndAFreshPageSeesTheEdit() {
    startServer(pageOrigin);
    JsonNode r = runScript("sync");
    assertThat(r.path("pageOrigin").asText()).isEqualTo(pageOrigin);
    assertThat(pageOrigin).isNotEqualTo(server.baseUri().toString().replaceAll("/$", ""));
    JsonNode first = r.path("first");
    assertThat(first.has("error")).as("page 1: %s", r).isFalse();
    String identityId = first.path("identityId").asText();
    assertThat(identityId).startsWith("us-east-1:");
    String value = r.path("value").asText();
    assertThat(first.path("localValue").asText()).isEqualTo(value);

    JsonNode second = r.path("second");
    assertThat(second.has("error")).as("page 2: %s", r).isFalse();
    assertThat(second.path("localStorageItemsAtStart").asInt()).as("page 2 starts with empty storage").isZero();
    assertThat(second.path("identityId").asText()).isEqualTo(identityId);
    assertThat(second.path("valueBefore").isNull()).as("nothing local before the synchronize: %s", r).isTrue();
    assertThat(second.path("value").asText()).as("page 2 sees page 1's edit after synchronize").isEqualTo(value);
    assertThat(r.path("failedRequests")).as("%s", r).isEmpty();
    // the browser really preflighted (the SDK's SigV4 headers are not CORS-safelisted)
    assertThat(r.path("requests").toString()).contains("/identitypools/");

    // and the server has it, as any other client sees it
    try (CognitoSyncClient dev = CognitoSyncClient.builder().endpointOverride(server.baseUri())
        .region(Region.US_EAST_1).httpClient(UrlConnectionHttpClient.create())
        .credentialsProvider(StaticCredentialsProvider.create(
            AwsBasicCredentials.create("AKIADEVELOPER0001", "developer-secret-key-0001"))).build()) {
      assertThat(dev.listRecords(b -> b.identityPoolId(POOL).identityId(identityId).datasetName("notes")).records())
          .extracting(Record::key, Record::value).containsExactly(org.assertj.core.groups.Tuple.tuple("greeting", value));
    }
  }

  @Test
  void browserBlocksTheCallWhenThePageOriginIsNotAllowed() {
    startServer("http://127.0.0.1:1");
    JsonNode r = runScript("blocked");
    JsonNode first = r.path("first");
    assertThat(first.has("error")).as("the call must fail: %s", r).isTrue();
    assertThat(first.path("identityId").isMissingNode()).isTrue();
    assertThat(first.path("error").path("name").asText()).as("%s", r).isEqualTo("NetworkingError");
    assertThat(r.path("console").toString()).as("Chromium reports the CORS refusal: %s", r).contains("CORS");
  }
}
