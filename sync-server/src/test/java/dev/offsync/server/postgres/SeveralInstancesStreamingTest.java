package dev.offsync.server.postgres;

import static org.assertj.core.api.Assertions.assertThat;

import dev.offsync.server.SyncServer;
import dev.offsync.server.SyncStores;
import dev.offsync.server.testing.CapturingStreamSink;
import dev.offsync.server.testing.CapturingStreamSink.Published;
import dev.offsync.testing.VirtualClock;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.cognitosync.CognitoSyncClient;
import software.amazon.awssdk.services.cognitosync.model.Operation;
import software.amazon.awssdk.services.cognitosync.model.RecordPatch;
import software.amazon.awssdk.services.cognitosync.model.StreamingStatus;

/**
 * Two server instances on one PostgreSQL database, both running a stream publisher over the one outbox: every
 * committed change is published exactly once (the lease keeps the publishers apart), in commit order per dataset.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class SeveralInstancesStreamingTest {
  private static final String POOL = "us-east-1:0d3b5a52-5d1f-4c1b-9a4e-3c1f0e0c2a11";
  private static final String DEV_KEY = "AKIADEVELOPER0001";
  private static final String DEV_SECRET = "developer-secret-key-0001";

  @TempDir Path dirA;
  @TempDir Path dirB;

  private final VirtualClock clock = VirtualClock.systemPlusOffset();
  private final List<AutoCloseable> closeables = new ArrayList<>();

  private SyncServer start(Path dir, String schema, CapturingStreamSink sink) {
    SyncServer s = SyncServer.builder().host("127.0.0.1").port(0).dataDirectory(dir)
        .developerKey(DEV_KEY, DEV_SECRET).identityPool(POOL).clock(clock)
        .store(SyncStores.postgresql(EmbeddedPostgresDatabase.options(schema)))
        .streamSink(sink).streamPollInterval(Duration.ofMillis(50))
        .build().start();
    closeables.add(s);
    return s;
  }

  private CognitoSyncClient developer(SyncServer server) {
    CognitoSyncClient c = CognitoSyncClient.builder().endpointOverride(server.baseUri()).region(Region.US_EAST_1)
        .httpClient(UrlConnectionHttpClient.create())
        .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(DEV_KEY, DEV_SECRET)))
        .overrideConfiguration(o -> o.retryStrategy(AwsRetryStrategy.doNotRetry()))
        .build();
    closeables.add(c);
    return c;
  }

  @AfterEach
  void stop() throws Exception {
    for (int i = closeables.size() - 1; i >= 0; i--) {
      closeables.get(i).close();
    }
  }

  @Test
  void twoInstancesPublishEachCommittedChangeExactlyOnce() throws Exception {
    String schema = EmbeddedPostgresDatabase.newSchema();
    // one sink shared by both publishers: a line published by both would show up twice
    CapturingStreamSink sink = new CapturingStreamSink();
    SyncServer a = start(dirA, schema, sink);
    SyncServer b = start(dirB, schema, sink);
    developer(a).setIdentityPoolConfiguration(r -> r.identityPoolId(POOL)
        .cognitoStreams(s -> s.streamName("changes").streamingStatus(StreamingStatus.ENABLED)));

    int writers = 4;
    int updatesEach = 10;
    ExecutorService pool = Executors.newFixedThreadPool(writers);
    try {
      List<Future<?>> futures = new ArrayList<>();
      for (int w = 0; w < writers; w++) {
        CognitoSyncClient client = developer(w % 2 == 0 ? a : b);
        String identity = "us-east-1:00000000-0000-0000-0000-00000000000" + w;
        futures.add(pool.submit(() -> {
          for (int i = 0; i < updatesEach; i++) {
            String token = client.listRecords(r -> r.identityPoolId(POOL).identityId(identity).datasetName("d"))
                .syncSessionToken();
            int n = i;
            client.updateRecords(r -> r.identityPoolId(POOL).identityId(identity).datasetName("d")
                .syncSessionToken(token).recordPatches(RecordPatch.builder().op(Operation.REPLACE)
                    .key("k" + n).value("v").syncCount(0L).build()));
          }
          return null;
        }));
      }
      for (Future<?> f : futures) {
        f.get(60, TimeUnit.SECONDS);
      }
    } finally {
      pool.shutdownNow();
    }

    List<Published> lines = sink.take(writers * updatesEach);
    // both stopped: each finished its pass (sink call and delete), nothing can be published any more
    a.close();
    b.close();
    assertThat(sink.acknowledged()).hasSize(writers * updatesEach).doesNotHaveDuplicates();
    for (int w = 0; w < writers; w++) {
      String identity = "us-east-1:00000000-0000-0000-0000-00000000000" + w;
      assertThat(lines.stream().filter(p -> p.json().get("identityId").asText().equals(identity))
          .map(p -> p.json().get("syncCount").asLong()).toList())
          .containsExactly(1L, 2L, 3L, 4L, 5L, 6L, 7L, 8L, 9L, 10L);
    }
    try (Connection c = DriverManager.getConnection(EmbeddedPostgresDatabase.jdbcUrl(schema), "postgres", "");
        Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("SELECT (SELECT COUNT(*) FROM stream_outbox),"
            + " (SELECT COUNT(*) FROM stream_lease WHERE owner IS NOT NULL)")) {
      rs.next();
      assertThat(rs.getInt(1)).as("outbox rows left").isZero();
      assertThat(rs.getInt(2)).as("leases held after both stopped").isZero();
    }
  }
}
