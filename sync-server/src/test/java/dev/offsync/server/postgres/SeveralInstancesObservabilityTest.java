package dev.offsync.server.postgres;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.offsync.server.SyncServer;
import dev.offsync.server.SyncStores;
import dev.offsync.server.testing.RawClient;
import dev.offsync.testing.VirtualClock;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two instances on one PostgreSQL database: each reports its own readiness (one draining does not take the other out)
 * and its own metrics (a request through one is counted by that one only).
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class SeveralInstancesObservabilityTest {
  private static final String POOL = "us-east-1:0d3b5a52-5d1f-4c1b-9a4e-3c1f0e0c2a11";

  @TempDir Path dirA;
  @TempDir Path dirB;

  private final List<SyncServer> servers = new ArrayList<>();
  private SyncServer a;
  private SyncServer b;

  @BeforeEach
  void startTwoInstances() {
    String schema = EmbeddedPostgresDatabase.newSchema();
    a = start(dirA, schema);
    b = start(dirB, schema);
  }

  private SyncServer start(Path dir, String schema) {
    SyncServer s = SyncServer.builder().host("127.0.0.1").port(0).dataDirectory(dir)
        .developerKey("AKIADEVELOPER0001", "developer-secret-key-0001").identityPool(POOL).clock(VirtualClock.systemPlusOffset())
        .drainDelay(Duration.ofSeconds(3))
        .store(SyncStores.postgresql(EmbeddedPostgresDatabase.options(schema)))
        .build().start();
    servers.add(s);
    return s;
  }

  @AfterEach
  void stop() {
    servers.forEach(SyncServer::close);
  }

  private static int status(SyncServer s, String path) {
    return new RawClient(s.baseUri()).unsigned("GET", path, "").status();
  }

  private static double healthChecks(SyncServer s) {
    String scrape = new RawClient(s.baseUri()).unsigned("GET", "/metrics", "").body();
    double sum = 0;
    for (String line : scrape.split("\n")) {
      if (line.startsWith("offsync_requests_seconds_count{") && line.contains("operation=\"Health\"")) {
        sum += Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
      }
    }
    return sum;
  }

  @Test
  void metricsArePerInstance() {
    for (int i = 0; i < 3; i++) {
      assertThat(status(a, "/health")).isEqualTo(200);
    }
    assertThat(status(b, "/health")).isEqualTo(200);
    assertThat(healthChecks(a)).isEqualTo(3);
    assertThat(healthChecks(b)).isEqualTo(1);
  }

  @Test
  void readinessIsPerInstance() throws Exception {
    assertThat(status(a, "/ready")).isEqualTo(200);
    assertThat(status(b, "/ready")).isEqualTo(200);
    CompletableFuture<Void> stopA = CompletableFuture.runAsync(a::close);
    await().atMost(Duration.ofSeconds(2)).until(() -> status(a, "/ready") == 503);
    assertThat(status(b, "/ready")).isEqualTo(200);
    stopA.get(20, TimeUnit.SECONDS);
    assertThat(status(b, "/ready")).isEqualTo(200);
  }
}
