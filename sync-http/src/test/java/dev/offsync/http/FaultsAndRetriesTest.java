package dev.offsync.http;

import static dev.offsync.http.Fixtures.IDENTITY;
import static dev.offsync.http.Fixtures.POOL;
import static dev.offsync.http.Fixtures.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import dev.offsync.http.model.ListDatasetsRequest;
import dev.offsync.http.model.ListDatasetsResponse;
import dev.offsync.http.spi.AwsCredentials;
import dev.offsync.http.spi.CredentialsProvider;
import io.reactivex.rxjava3.disposables.Disposable;
import java.io.InterruptedIOException;
import java.net.InetAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.SocketEffect;
import okio.Buffer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Faults from MockWebServer: each ends in the typed error or the retry it should, never in a hang. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class FaultsAndRetriesTest {
  private static final ListDatasetsRequest REQUEST =
      ListDatasetsRequest.builder().identityPoolId(POOL).identityId(IDENTITY).maxResults(64).build();

  private final MockWebServer server = new MockWebServer();
  private final RecordingSleeper sleeper = new RecordingSleeper();
  private final List<CognitoSyncClient> clients = new ArrayList<>();

  @BeforeEach
  void start() throws Exception {
    server.start(InetAddress.getLoopbackAddress(), 0);
  }

  @AfterEach
  void stop() {
    clients.forEach(CognitoSyncClient::close);
    server.close();
  }

  private CognitoSyncClient client(RetryPolicy policy) {
    CognitoSyncClient client =
        Fixtures.client(server, sleeper).retryPolicy(policy).random(() -> 0.5).build();
    clients.add(client);
    return client;
  }

  private static RetryPolicy attempts(int n) {
    return RetryPolicy.builder().maxAttempts(n).baseDelay(Duration.ofMillis(100)).maxDelay(Duration.ofSeconds(5)).build();
  }

  private static MockResponse ok() {
    return json(200, "{\"Datasets\":[{\"DatasetName\":\"d\"}],\"Count\":1}");
  }

  @Test
  void disconnectDuringResponseBodyIsRetried() {
    server.enqueue(
        new MockResponse.Builder()
            .code(200)
            .body(new Buffer().writeUtf8("{\"Datasets\":[" + repeat("{\"DatasetName\":\"d\"},", 5000) + "{}]}"))
            .onResponseBody(SocketEffect.ShutdownConnection.INSTANCE)
            .build());
    server.enqueue(ok());
    ListDatasetsResponse response = client(attempts(3)).listDatasets(REQUEST);
    assertThat(response.datasets()).hasSize(1);
    assertThat(server.getRequestCount()).isEqualTo(2);
    assertThat(sleeper.delays).hasSize(1);
  }

  @Test
  void disconnectDuringResponseBodyOnEveryAttemptIsAnIoError() {
    for (int i = 0; i < 2; i++) {
      server.enqueue(
          new MockResponse.Builder()
              .code(200)
              .body(new Buffer().writeUtf8("{\"Datasets\":[" + repeat("{\"DatasetName\":\"d\"},", 5000) + "{}]}"))
              .onResponseBody(SocketEffect.ShutdownConnection.INSTANCE)
              .build());
    }
    assertThatThrownBy(() -> client(attempts(2)).listDatasets(REQUEST))
        .isInstanceOf(CognitoSyncIoException.class)
        .hasMessageContaining("ListDatasets failed after 2 attempts");
  }

  @Test
  void stallPastTheReadTimeoutFailsWithinBoundedTime() {
    server.enqueue(new MockResponse.Builder().onResponseStart(SocketEffect.Stall.INSTANCE).build());
    server.enqueue(new MockResponse.Builder().onResponseStart(SocketEffect.Stall.INSTANCE).build());
    CognitoSyncClient client =
        Fixtures.client(server, sleeper)
            .retryPolicy(attempts(2))
            .readTimeout(Duration.ofMillis(300))
            .build();
    clients.add(client);
    long start = System.nanoTime();
    assertThatThrownBy(() -> client.listDatasets(REQUEST))
        .isInstanceOf(CognitoSyncIoException.class)
        .hasMessageContaining("after 2 attempts")
        .hasCauseInstanceOf(java.net.SocketTimeoutException.class);
    assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(10));
  }

  @Test
  void callTimeoutBoundsASlowTrickle() {
    server.enqueue(
        new MockResponse.Builder()
            .body(new Buffer().writeUtf8(repeat(" ", 1000) + "{}"))
            .throttleBody(10, 100, TimeUnit.MILLISECONDS)
            .build());
    CognitoSyncClient client =
        Fixtures.client(server, sleeper)
            .retryPolicy(RetryPolicy.none())
            .callTimeout(Duration.ofMillis(500))
            .build();
    clients.add(client);
    assertThatThrownBy(() -> client.listDatasets(REQUEST))
        .isInstanceOf(CognitoSyncIoException.class)
        .hasCauseInstanceOf(InterruptedIOException.class);
  }

  @Test
  void serverErrorsAreRetriedWithCappedFullJitterBackoff() {
    for (int i = 0; i < 4; i++) {
      server.enqueue(Fixtures.error(500, "InternalErrorException", "try again"));
    }
    RetryPolicy policy =
        RetryPolicy.builder().maxAttempts(4).baseDelay(Duration.ofMillis(100)).maxDelay(Duration.ofMillis(300)).build();
    assertThatThrownBy(() -> client(policy).listDatasets(REQUEST))
        .isInstanceOf(InternalErrorException.class)
        .hasMessageContaining("try again");
    assertThat(server.getRequestCount()).isEqualTo(4);
    // random() == 0.5: half of min(cap, base * 2^(n-1)) -> 50, 100, 150 ms
    assertThat(sleeper.delays)
        .containsExactly(Duration.ofMillis(50), Duration.ofMillis(100), Duration.ofMillis(150));
  }

  @Test
  void fiveHundredThenSuccess() {
    server.enqueue(json(503, "{\"message\":\"unavailable\"}"));
    server.enqueue(ok());
    assertThat(client(attempts(3)).listDatasets(REQUEST).count()).isEqualTo(1);
    assertThat(sleeper.delays).hasSize(1);
  }

  @Test
  void throttlingHonoursRetryAfter() {
    server.enqueue(
        new MockResponse.Builder(Fixtures.error(429, "TooManyRequestsException", "slow down"))
            .addHeader("Retry-After", "2")
            .build());
    server.enqueue(ok());
    assertThat(client(attempts(3)).listDatasets(REQUEST).datasets()).hasSize(1);
    assertThat(sleeper.delays).containsExactly(Duration.ofSeconds(2));
  }

  @Test
  void retryAfterBeyondTheCapSurfacesTheThrottleAtOnce() {
    server.enqueue(
        new MockResponse.Builder(Fixtures.error(429, "LambdaThrottledException", "lambda busy"))
            .addHeader("Retry-After", "3600")
            .build());
    assertThatThrownBy(() -> client(attempts(3)).listDatasets(REQUEST))
        .isInstanceOf(LambdaThrottledException.class);
    assertThat(server.getRequestCount()).isEqualTo(1);
    assertThat(sleeper.delays).isEmpty();
  }

  @Test
  void clientErrorsAreNotRetried() {
    server.enqueue(Fixtures.error(400, "InvalidParameterException", "bad"));
    assertThatThrownBy(() -> client(attempts(3)).listDatasets(REQUEST))
        .isInstanceOf(InvalidParameterException.class);
    assertThat(server.getRequestCount()).isEqualTo(1);
  }

  @Test
  void malformedJsonIsATypedErrorAndNotRetried() {
    server.enqueue(json(200, "{\"Datasets\":[{\"DatasetName\":"));
    assertThatThrownBy(() -> client(attempts(3)).listDatasets(REQUEST))
        .isInstanceOf(MalformedResponseException.class)
        .hasMessageContaining("ListDatasets response is malformed");
    server.enqueue(json(200, "{\"Datasets\":{\"not\":\"a list\"}}"));
    assertThatThrownBy(() -> client(attempts(3)).listDatasets(REQUEST))
        .isInstanceOf(MalformedResponseException.class)
        .hasMessageContaining("Datasets must be an array");
    server.enqueue(json(200, "{\"Count\":\"three\"}"));
    assertThatThrownBy(() -> client(attempts(3)).listDatasets(REQUEST))
        .isInstanceOf(MalformedResponseException.class);
    assertThat(server.getRequestCount()).isEqualTo(3);
  }

  @Test
  void timestampWithAHugeExponentIsReadAtOnceNotAfterMinutesOfArithmetic() {
    // short numbers whose exponents made the epoch-second conversion build a hundred-million-digit integer
    CognitoSyncClient client = client(attempts(1));
    server.enqueue(json(200, "{\"Datasets\":[{\"DatasetName\":\"d\",\"CreationDate\":1e99999999}]}"));
    assertTimeoutPreemptively(
        Duration.ofSeconds(10),
        () ->
            assertThatThrownBy(() -> client.listDatasets(REQUEST))
                .isInstanceOf(MalformedResponseException.class)
                .hasMessageContaining("CreationDate is out of range"));
    server.enqueue(json(200, "{\"Datasets\":[{\"DatasetName\":\"d\",\"CreationDate\":1e-99999999}]}"));
    // below half a nanosecond: rounds to the epoch, as any tiny fraction does
    assertThat(assertTimeoutPreemptively(Duration.ofSeconds(10), () -> client.listDatasets(REQUEST)))
        .satisfies(r -> assertThat(r.datasets().get(0).creationDate()).isEqualTo(java.time.Instant.EPOCH));
  }

  @Test
  void hugeBodyIsRejectedWithoutBufferingIt() {
    String huge = "{\"Datasets\":[" + repeat("{\"DatasetName\":\"dddddddddd\"},", 100_000) + "{}]}";
    server.enqueue(json(200, huge));
    server.enqueue(new MockResponse.Builder().code(200).chunkedBody(huge, 8192).build());
    CognitoSyncClient client =
        Fixtures.client(server, sleeper).retryPolicy(attempts(3)).maxResponseBytes(64 * 1024).build();
    clients.add(client);
    assertThatThrownBy(() -> client.listDatasets(REQUEST))
        .isInstanceOf(MalformedResponseException.class)
        .hasMessageContaining("exceeds 65536 bytes");
    assertThatThrownBy(() -> client.listDatasets(REQUEST))
        .isInstanceOf(MalformedResponseException.class)
        .hasMessageContaining("exceeds 65536 bytes");
    assertThat(server.getRequestCount()).isEqualTo(2);
  }

  @Test
  void connectionRefusedIsAnIoErrorAfterAllAttempts() throws Exception {
    int port = server.getPort();
    server.close();
    CognitoSyncClient client =
        CognitoSyncClient.builder()
            .endpoint("http://127.0.0.1:" + port + "/")
            .credentialsProvider(StaticCredentialsProvider.create(Fixtures.CREDENTIALS))
            .sleeper(sleeper)
            .retryPolicy(attempts(3))
            .connectTimeout(Duration.ofSeconds(2))
            .build();
    clients.add(client);
    assertThatThrownBy(() -> client.listDatasets(REQUEST))
        .isInstanceOf(CognitoSyncIoException.class)
        .hasMessageContaining("after 3 attempts");
    assertThat(sleeper.delays).hasSize(2);
  }

  @Test
  void expiredCredentialsAreRefreshedOnceAndTheRequestRepeated() throws Exception {
    AtomicInteger invalidations = new AtomicInteger();
    AtomicInteger generation = new AtomicInteger();
    CredentialsProvider provider =
        new CredentialsProvider() {
          @Override
          public AwsCredentials credentials() {
            return AwsCredentials.create("AKID" + generation.get(), "secret-" + generation.get());
          }

          @Override
          public void invalidate(AwsCredentials rejected) {
            invalidations.incrementAndGet();
            generation.incrementAndGet();
          }
        };
    CognitoSyncClient client =
        Fixtures.client(server, sleeper).credentialsProvider(provider).retryPolicy(RetryPolicy.none()).build();
    clients.add(client);
    server.enqueue(Fixtures.error(403, "ExpiredTokenException", "The security token included in the request is expired"));
    server.enqueue(ok());
    assertThat(client.listDatasets(REQUEST).datasets()).hasSize(1);
    assertThat(invalidations).hasValue(1);
    assertThat(server.takeRequest().getHeaders().get("Authorization")).contains("Credential=AKID0/");
    assertThat(server.takeRequest().getHeaders().get("Authorization")).contains("Credential=AKID1/");

    server.enqueue(Fixtures.error(403, "NotAuthorizedException", "Token is expired"));
    server.enqueue(Fixtures.error(403, "NotAuthorizedException", "Token is expired"));
    assertThatThrownBy(() -> client.listDatasets(REQUEST)).isInstanceOf(NotAuthorizedException.class);
    assertThat(invalidations).hasValue(2);
    assertThat(server.getRequestCount()).isEqualTo(4);
  }

  @Test
  void interruptedWhileWaitingToRetryStopsAtOnce() {
    server.enqueue(json(503, "{}"));
    CognitoSyncClient client =
        Fixtures.client(server, d -> {
              throw new InterruptedException("stop");
            })
            .retryPolicy(attempts(3))
            .build();
    clients.add(client);
    try {
      assertThatThrownBy(() -> client.listDatasets(REQUEST))
          .isInstanceOf(CognitoSyncIoException.class)
          .hasCauseInstanceOf(InterruptedIOException.class);
      assertThat(Thread.currentThread().isInterrupted()).isTrue();
    } finally {
      Thread.interrupted();
    }
  }

  @Test
  void disposingTheSingleCancelsTheCallInFlight() throws Exception {
    server.enqueue(new MockResponse.Builder().onResponseStart(SocketEffect.Stall.INSTANCE).build());
    CognitoSyncClient client = client(attempts(3));
    java.util.concurrent.atomic.AtomicReference<Throwable> error = new java.util.concurrent.atomic.AtomicReference<>();
    Disposable disposable =
        client.rx().listDatasets(REQUEST)
            .subscribeOn(io.reactivex.rxjava3.schedulers.Schedulers.io())
            .subscribe(r -> {}, error::set);
    assertThat(server.takeRequest(5, TimeUnit.SECONDS)).isNotNull();
    disposable.dispose();
    assertThat(disposable.isDisposed()).isTrue();
    assertThat(server.getRequestCount()).isEqualTo(1);
    assertThat(error.get()).isNull();
  }

  private static String repeat(String s, int n) {
    StringBuilder out = new StringBuilder(s.length() * n);
    for (int i = 0; i < n; i++) {
      out.append(s);
    }
    return out.toString();
  }
}
