package dev.offsync.server.cors;

import static org.assertj.core.api.Assertions.assertThat;

import dev.offsync.server.SyncServer;
import dev.offsync.server.testing.StoreFactory;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * CORS over real HTTP on 127.0.0.1, on both stores: preflights on every route shape answered before SigV4 and without
 * a store transaction, allowed / disallowed / {@code *} origins, the headers on real and error responses, and CORS
 * off by default.
 */
@ParameterizedClass(name = "[{index}] {0}")
@MethodSource("dev.offsync.server.testing.StoreFactories#all")
@Timeout(120)
class CorsTest {
  static final String POOL = "us-east-1:0d3b5a52-5d1f-4c1b-9a4e-3c1f0e0c2a11";
  static final String APP = "http://127.0.0.1:5173";
  static final String OTHER = "http://127.0.0.1:5174";
  static final String ID = "/identitypools/" + POOL + "/identities/us-east-1:1b2c3d4e-0000-4000-8000-000000000001";
  /** One path of every route shape, and the identity endpoint. */
  static final List<String> PATHS = List.of("/", "/identitypools", "/identitypools/" + POOL,
      "/identitypools/" + POOL + "/configuration", "/identitypools/" + POOL + "/events",
      "/identitypools/" + POOL + "/bulkpublish", "/identitypools/" + POOL + "/getBulkPublishDetails",
      "/identitypools/" + POOL + "/identity/us-east-1:x/device", ID, ID + "/datasets", ID + "/datasets/notes",
      ID + "/datasets/notes/records", ID + "/datasets/notes/subscriptions/device-1");

  @Parameter StoreFactory storeFactory;
  @TempDir Path dir;

  private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  private final List<SyncServer> servers = new ArrayList<>();
  private CountingStore store;

  @AfterEach
  void stop() {
    servers.forEach(SyncServer::close);
  }

  private SyncServer start(String name, Consumer<SyncServer.Builder> cors) {
    store = new CountingStore(storeFactory.open(dir.resolve(name)));
    SyncServer.Builder b = SyncServer.builder().host("127.0.0.1").port(0).dataDirectory(dir.resolve(name))
        .developerKey("AKIADEVELOPER0001", "developer-secret-key-0001").identityPool(POOL).store(store);
    cors.accept(b);
    SyncServer s = b.build().start();
    servers.add(s);
    return s;
  }

  private HttpResponse<String> preflight(SyncServer s, String path, String origin, String method, String headers)
      throws IOException, InterruptedException {
    HttpRequest.Builder r = HttpRequest.newBuilder(s.baseUri().resolve(path)).timeout(Duration.ofSeconds(10))
        .method("OPTIONS", HttpRequest.BodyPublishers.noBody())
        .header("Origin", origin).header("Access-Control-Request-Method", method)
        // a preflight is unsigned; a stray Authorization must not make it reach SigV4 either
        .header("Authorization", "AWS4-HMAC-SHA256 Credential=garbage");
    if (headers != null) {
      r.header("Access-Control-Request-Headers", headers);
    }
    return http.send(r.build(), HttpResponse.BodyHandlers.ofString());
  }

  private HttpResponse<String> send(SyncServer s, String method, String path, String origin, String target)
      throws IOException, InterruptedException {
    HttpRequest.Builder r = HttpRequest.newBuilder(s.baseUri().resolve(path)).timeout(Duration.ofSeconds(10))
        .method(method, "POST".equals(method) ? HttpRequest.BodyPublishers.ofString("{}")
            : HttpRequest.BodyPublishers.noBody());
    if (origin != null) {
      r.header("Origin", origin);
    }
    if (target != null) {
      r.header("X-Amz-Target", target).header("Content-Type", "application/x-amz-json-1.1");
    }
    return http.send(r.build(), HttpResponse.BodyHandlers.ofString());
  }

  private static void assertNoCors(HttpResponse<?> r) {
    assertThat(r.headers().map().keySet()).as("headers of %s", r.uri())
        .noneMatch(h -> h.toLowerCase().startsWith("access-control-"));
  }

  @Test
  void preflightOnEveryRouteIsAnsweredWithoutSigV4OrTheStore() throws Exception {
    SyncServer s = start("s", b -> b.corsOrigin(APP).corsOrigin("https://app.example.com"));
    int before = store.httpCalls.get();
    String requested = "authorization,content-type,x-amz-date,x-amz-security-token,x-amz-user-agent,x-amz-target,"
        + "x-amz-client-context,amz-sdk-invocation-id,amz-sdk-request,x-amz-content-sha256";
    for (String path : PATHS) {
      for (String method : List.of("GET", "POST", "DELETE")) {
        HttpResponse<String> r = preflight(s, path, APP, method, requested);
        assertThat(r.statusCode()).as(method + " " + path).isEqualTo(204);
        assertThat(r.body()).isEmpty();
        assertThat(r.headers().firstValue("Access-Control-Allow-Origin")).hasValue(APP);
        assertThat(r.headers().allValues("Vary")).anyMatch(v -> v.contains("Origin"));
        assertThat(r.headers().firstValue("Access-Control-Allow-Methods")).hasValue("GET, POST, DELETE");
        List<String> allowed = List.of(r.headers().firstValue("Access-Control-Allow-Headers").orElseThrow()
            .split(", "));
        assertThat(allowed).containsAll(List.of(requested.split(",")));
        assertThat(r.headers().firstValue("Access-Control-Max-Age")).hasValue("600");
        assertThat(r.headers().firstValue("x-amzn-ErrorType")).isEmpty();
      }
    }
    // an origin is compared as browsers serialize it: the second listed one, with its default port
    assertThat(preflight(s, "/", "https://app.example.com", "POST", null).headers()
        .firstValue("Access-Control-Allow-Origin")).hasValue("https://app.example.com");
    assertThat(store.httpCalls.get()).as("store transactions opened by preflights").isEqualTo(before);

    // the counter does count: a real identity call from the same origin opens a store transaction
    HttpRequest getId = HttpRequest.newBuilder(s.baseUri().resolve("/")).timeout(Duration.ofSeconds(10))
        .header("Origin", APP).header("X-Amz-Target", "AWSCognitoIdentityService.GetId")
        .header("Content-Type", "application/x-amz-json-1.1")
        .POST(HttpRequest.BodyPublishers.ofString("{\"IdentityPoolId\":\"" + POOL + "\"}")).build();
    assertThat(http.send(getId, HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(200);
    assertThat(store.httpCalls.get()).isGreaterThan(before);
  }

  @Test
  void unlistedRequestedHeadersAreNotEchoed() throws Exception {
    SyncServer s = start("s", b -> b.corsOrigin(APP));
    HttpResponse<String> r = preflight(s, ID + "/datasets/notes", APP, "POST", "authorization,x-evil-header");
    assertThat(r.statusCode()).isEqualTo(204);
    assertThat(r.headers().firstValue("Access-Control-Allow-Headers").orElseThrow())
        .contains("authorization").doesNotContain("x-evil-header");
  }

  @Test
  void disallowedOriginGets403PreflightAndNoCorsHeaders() throws Exception {
    SyncServer s = start("s", b -> b.corsOrigin(APP));
    int before = store.httpCalls.get();
    for (String origin : List.of(OTHER, "null", "http://127.0.0.1:5173.evil.example", "https://127.0.0.1:5173")) {
      HttpResponse<String> r = preflight(s, ID + "/datasets/notes", origin, "POST", "authorization");
      assertThat(r.statusCode()).as(origin).isEqualTo(403);
      assertNoCors(r);
      HttpResponse<String> real = send(s, "GET", "/identitypools", origin, null);
      assertThat(real.statusCode()).isEqualTo(403); // unsigned: SigV4 refuses it
      assertNoCors(real);
    }
    assertThat(store.httpCalls.get()).isEqualTo(before);
  }

  @Test
  void realResponsesIncludingErrorsCarryAllowOriginAndExposeHeaders() throws Exception {
    SyncServer s = start("s", b -> b.corsOrigin(APP));
    // success: the identity endpoint
    HttpResponse<String> ok = send(s, "POST", "/", APP,
        "AWSCognitoIdentityService.GetId");
    HttpRequest getId = HttpRequest.newBuilder(s.baseUri().resolve("/")).timeout(Duration.ofSeconds(10))
        .header("Origin", APP).header("X-Amz-Target", "AWSCognitoIdentityService.GetId")
        .header("Content-Type", "application/x-amz-json-1.1")
        .POST(HttpRequest.BodyPublishers.ofString("{\"IdentityPoolId\":\"" + POOL + "\"}")).build();
    HttpResponse<String> created = http.send(getId, HttpResponse.BodyHandlers.ofString());
    assertThat(created.statusCode()).isEqualTo(200);
    assertThat(created.body()).contains("IdentityId");
    for (HttpResponse<String> r : List.of(created, ok,
        send(s, "GET", "/identitypools", APP, null), // unsigned: SigV4 error
        send(s, "PUT", ID + "/datasets/notes", APP, null), // 405
        send(s, "GET", "/nope", APP, null), // 404
        send(s, "OPTIONS", "/identitypools", APP, null))) { // OPTIONS without Access-Control-Request-Method: not a preflight
      assertThat(r.headers().firstValue("Access-Control-Allow-Origin")).as(r.uri() + " " + r.statusCode())
          .hasValue(APP);
      assertThat(r.headers().firstValue("Access-Control-Expose-Headers"))
          .hasValue("x-amzn-RequestId, x-amzn-ErrorType, x-amzn-ErrorMessage, Date");
      assertThat(r.headers().allValues("Vary")).anyMatch(v -> v.contains("Origin"));
      assertThat(r.headers().firstValue("x-amzn-RequestId")).isPresent();
      assertThat(r.headers().firstValue("Date")).as("Date, for the browser SDK's clock-skew correction").isPresent();
      assertThat(r.headers().firstValue("Access-Control-Allow-Methods")).isEmpty();
      if (r.statusCode() >= 400) {
        assertThat(r.headers().firstValue("x-amzn-ErrorType")).isPresent();
      }
    }
    // no Origin (not a browser): no CORS headers
    assertNoCors(send(s, "GET", "/identitypools", null, null));
  }

  @Test
  void starAllowsAnyOrigin() throws Exception {
    SyncServer s = start("s", b -> b.corsOrigin("*"));
    HttpResponse<String> r = preflight(s, "/", "http://anything.example:1234", "POST", "x-amz-target,content-type");
    assertThat(r.statusCode()).isEqualTo(204);
    assertThat(r.headers().firstValue("Access-Control-Allow-Origin")).hasValue("*");
    HttpResponse<String> real = send(s, "GET", "/identitypools", "http://other.example", null);
    assertThat(real.headers().firstValue("Access-Control-Allow-Origin")).hasValue("*");
    assertThat(real.headers().firstValue("Access-Control-Expose-Headers")).isPresent();
  }

  @Test
  void corsIsOffByDefault() throws Exception {
    SyncServer s = start("s", b -> {});
    HttpResponse<String> dataset = preflight(s, ID + "/datasets/notes", APP, "POST", "authorization");
    assertThat(dataset.statusCode()).isEqualTo(405);
    assertNoCors(dataset);
    HttpResponse<String> identity = preflight(s, "/", APP, "POST", "x-amz-target");
    assertThat(identity.statusCode()).isEqualTo(404);
    assertNoCors(identity);
    assertNoCors(send(s, "GET", "/identitypools", APP, null));
    assertThat(URI.create(APP).getPort()).isEqualTo(5173);
  }
}
