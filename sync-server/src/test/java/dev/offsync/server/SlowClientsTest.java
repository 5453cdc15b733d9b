package dev.offsync.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.offsync.server.testing.ServerTestSupport;
import io.micrometer.core.instrument.Timer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.MethodSource;
import software.amazon.awssdk.services.cognitosync.CognitoSyncClient;

/**
 * Issue 17 item 2 on loopback with raw sockets: slow bodies and slow headers hold no worker thread, so a normal client
 * is served while they are open; a stalled body gets 408 within the body deadline; a client that disconnects
 * mid-body is no server error and is not logged at ERROR.
 */
@ParameterizedClass(name = "[{index}] {0}")
@MethodSource("dev.offsync.server.testing.StoreFactories#all")
class SlowClientsTest extends ServerTestSupport {
  private static final String IDENTITY = "us-east-1:11111111-2222-3333-4444-555555555555";
  private static final String DATASET_PATH = "/identitypools/" + POOL.replace(":", "%3A") + "/identities/"
      + IDENTITY.replace(":", "%3A") + "/datasets/slow";
  private static final Duration BODY_TIMEOUT = Duration.ofSeconds(2);

  private Duration bodyTimeout = BODY_TIMEOUT;
  private final List<Socket> sockets = new ArrayList<>();
  private final ScheduledExecutorService trickle = Executors.newSingleThreadScheduledExecutor();

  @Override
  protected void configure(SyncServer.Builder b) {
    // the default 64 workers: 100 slow bodies would pin them all if a body read held a worker
    b.limits(ServerLimits.newBuilder().requestBodyTimeout(bodyTimeout).minRequestBodyRate(1024).build());
  }

  @AfterEach
  void closeSockets() throws IOException {
    trickle.shutdownNow();
    for (Socket s : sockets) {
      s.close();
    }
  }

  private Socket open(String head) throws IOException {
    Socket s = new Socket("127.0.0.1", server.port());
    s.setSoTimeout(20_000);
    sockets.add(s);
    s.getOutputStream().write(head.getBytes(StandardCharsets.ISO_8859_1));
    s.getOutputStream().flush();
    return s;
  }

  private static String bodyHead(int contentLength) {
    return "POST " + DATASET_PATH + " HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
        + "Content-Length: " + contentLength + "\r\n\r\n";
  }

  /** Sends one byte to every socket every 2 s, as the hostile clients of the issue did. */
  private void trickleEvery2s(List<Socket> slow) {
    trickle.scheduleAtFixedRate(() -> {
      for (Socket s : slow) {
        try {
          OutputStream out = s.getOutputStream();
          out.write('x');
          out.flush();
        } catch (IOException e) {
          // the server closed it (the deadline): nothing more to send there
        }
      }
    }, 2, 2, TimeUnit.SECONDS);
  }

  @Test
  @Timeout(60)
  void normalClientIsServedWhile100SlowBodiesAnd300SlowHeadersAreOpen() throws Exception {
    // a deadline longer than the test: every slow client stays in the server the whole time
    bodyTimeout = Duration.ofSeconds(60);
    restart();
    CognitoSyncClient sync = developer();
    sync.listDatasets(r -> r.identityPoolId(POOL).identityId(IDENTITY)); // warm up the SDK, not the server
    List<Socket> slow = new ArrayList<>();
    for (int i = 0; i < 100; i++) {
      Socket s = open(bodyHead(100) + "{");
      slow.add(s);
    }
    for (int i = 0; i < 300; i++) {
      slow.add(open("GET /identitypools HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Slow: a"));
    }
    trickleEvery2s(slow);
    // every slow body has reached the handler (a server that read bodies on workers would have 64 pinned now)
    await().atMost(Duration.ofSeconds(20)).until(() -> bodyReads() == 100);
    for (int i = 0; i < 3; i++) {
      long start = System.nanoTime();
      sync.listDatasets(r -> r.identityPoolId(POOL).identityId(IDENTITY));
      long ms = (System.nanoTime() - start) / 1_000_000;
      assertThat(ms).as("normal request %d served in %d ms", i, ms).isLessThan(1000);
    }
    assertThat(bodyReads()).isEqualTo(100);
    // the slow clients were all still open and unanswered while the normal client was served
    for (Socket s : slow) {
      assertThat(s.isClosed()).isFalse();
      assertThat(s.getInputStream().available()).isZero();
    }
  }

  @Test
  @Timeout(30)
  void stalledBodyGets408WithinTheBodyDeadlineAndIsNoServerError() throws Exception {
    Socket s = open(bodyHead(1000) + "{\"SyncSessionToken\":\"");
    assertThat("{\"SyncSessionToken\":\"".length()).isEqualTo(21);
    long start = System.nanoTime();
    String reply = new String(s.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    long ms = (System.nanoTime() - start) / 1_000_000;
    assertThat(reply).startsWith("HTTP/1.1 408 ");
    assertThat(reply).containsIgnoringCase("x-amzn-ErrorType: RequestTimeoutException");
    assertThat(reply).contains("\"__type\":\"RequestTimeoutException\"");
    // 21 bytes at 1024 B/s extend the 2 s grace by ~20 ms; the connection is closed after the answer (read to EOF)
    assertThat(ms).isBetween(BODY_TIMEOUT.toMillis() - 200, BODY_TIMEOUT.toMillis() + 3000);
    assertThat(requests("RequestTimeoutException")).isEqualTo(1);
    assertThat(requests("InternalErrorException")).isZero();
  }

  @Test
  @Timeout(30)
  void oversizedHeadersGet431AsJson() throws Exception {
    Socket s = open("GET /identitypools HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Big: " + "a".repeat(9000) + "\r\n\r\n");
    String reply = new String(s.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(reply).startsWith("HTTP/1.1 431 ");
    assertThat(reply).contains("\"__type\":");
    assertThat(server.metrics().registry().find("offsync.requests").tag("operation", "Unknown").tag("status", "431")
        .timer().count()).isEqualTo(1);
  }

  @Test
  @Timeout(30)
  void trickleBelowTheMinimumRateIsCutAtTheDeadline() throws Exception {
    Socket s = open(bodyHead(1000) + "{");
    trickleEvery2s(List.of(s));
    long start = System.nanoTime();
    String reply = new String(s.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    long ms = (System.nanoTime() - start) / 1_000_000;
    assertThat(reply).startsWith("HTTP/1.1 408 ");
    assertThat(ms).isLessThan(BODY_TIMEOUT.toMillis() + 3000);
  }

  @Test
  @Timeout(30)
  void clientDisconnectingMidBodyIsNotLoggedAtError() throws Exception {
    PrintStream original = System.err;
    ByteArrayOutputStream captured = new ByteArrayOutputStream();
    System.setErr(new PrintStream(new TeeStream(original, captured), true, StandardCharsets.UTF_8));
    try {
      Socket s = open(bodyHead(1000) + "{\"Record");
      s.setSoLinger(true, 0); // a reset, as a dropped mobile connection
      s.close();
      Socket t = open(bodyHead(1000) + "{\"Record");
      t.shutdownOutput(); // and a clean close mid-body
      InputStream in = t.getInputStream();
      in.readAllBytes();
      await().atMost(Duration.ofSeconds(10)).until(() -> requests("ClientClosedRequest") == 2);
    } finally {
      System.setErr(original);
    }
    String log = captured.toString(StandardCharsets.UTF_8);
    assertThat(log).contains("client closed the connection");
    assertThat(log).doesNotContain(" ERROR ");
    assertThat(requests("InternalErrorException")).isZero();
  }

  private double bodyReads() {
    return server.metrics().registry().get("offsync.http.body.reads").gauge().value();
  }

  private long requests(String error) {
    return server.metrics().registry().find("offsync.requests").tag("error", error).timers().stream()
        .mapToLong(Timer::count).sum();
  }

  /** Writes to two streams. */
  private static final class TeeStream extends OutputStream {
    private final OutputStream a;
    private final OutputStream b;

    TeeStream(OutputStream a, OutputStream b) {
      this.a = a;
      this.b = b;
    }

    @Override
    public void write(int c) throws IOException {
      a.write(c);
      b.write(c);
    }

    @Override
    public void write(byte[] buf, int off, int len) throws IOException {
      a.write(buf, off, len);
      b.write(buf, off, len);
    }
  }
}
