package dev.offsync.server.postgres;

import static org.assertj.core.api.Assertions.assertThat;

import dev.offsync.server.SyncServer;
import dev.offsync.server.SyncStores;
import dev.offsync.testing.VirtualClock;
import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.auth.credentials.AnonymousCredentialsProvider;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentials;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.cognitoidentity.CognitoIdentityClient;
import software.amazon.awssdk.services.cognitoidentity.model.Credentials;
import software.amazon.awssdk.services.cognitosync.CognitoSyncClient;
import software.amazon.awssdk.services.cognitosync.model.ListRecordsResponse;
import software.amazon.awssdk.services.cognitosync.model.Operation;
import software.amazon.awssdk.services.cognitosync.model.Record;
import software.amazon.awssdk.services.cognitosync.model.RecordPatch;
import software.amazon.awssdk.services.cognitosync.model.ResourceConflictException;

/**
 * Two server instances, each with its own data directory, on one PostgreSQL database: everything that must be shared
 * (data, the key behind SyncSessionTokens and identity credentials) comes from the database. Driven by the AWS SDK.
 */
@Timeout(value = 150, unit = TimeUnit.SECONDS)
class SeveralInstancesTest {
  private static final String POOL = "us-east-1:0d3b5a52-5d1f-4c1b-9a4e-3c1f0e0c2a11";
  private static final String DEV_KEY = "AKIADEVELOPER0001";
  private static final String DEV_SECRET = "developer-secret-key-0001";

  @TempDir Path dirA;
  @TempDir Path dirB;

  private final VirtualClock clock = VirtualClock.systemPlusOffset();
  private final List<AutoCloseable> closeables = new ArrayList<>();
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
        .developerKey(DEV_KEY, DEV_SECRET).identityPool(POOL).clock(clock)
        .store(SyncStores.postgresql(EmbeddedPostgresDatabase.options(schema)))
        .build().start();
    closeables.add(s);
    return s;
  }

  @AfterEach
  void stop() throws Exception {
    for (int i = closeables.size() - 1; i >= 0; i--) {
      closeables.get(i).close();
    }
  }

  private CognitoSyncClient sync(SyncServer server, AwsCredentials creds) {
    CognitoSyncClient c = CognitoSyncClient.builder().endpointOverride(server.baseUri()).region(Region.US_EAST_1)
        .httpClient(UrlConnectionHttpClient.create())
        .credentialsProvider(StaticCredentialsProvider.create(creds))
        .overrideConfiguration(o -> o.retryStrategy(AwsRetryStrategy.doNotRetry()))
        .build();
    closeables.add(c);
    return c;
  }

  private CognitoIdentityClient identity(URI endpoint) {
    CognitoIdentityClient c = CognitoIdentityClient.builder().endpointOverride(endpoint).region(Region.US_EAST_1)
        .httpClient(UrlConnectionHttpClient.create())
        .credentialsProvider(AnonymousCredentialsProvider.create())
        .overrideConfiguration(o -> o.retryStrategy(AwsRetryStrategy.doNotRetry()))
        .build();
    closeables.add(c);
    return c;
  }

  private static RecordPatch put(String key, String value, long syncCount) {
    return RecordPatch.builder().op(Operation.REPLACE).key(key).value(value).syncCount(syncCount).build();
  }

  @Test
  void aDeviceWritesThroughOneInstanceAndAnotherReadsThroughTheOther() {
    // identity and credentials from instance A's identity endpoint
    CognitoIdentityClient idA = identity(a.baseUri());
    String identityId = idA.getId(r -> r.identityPoolId(POOL).accountId("123456789012")).identityId();
    Credentials c = idA.getCredentialsForIdentity(r -> r.identityId(identityId)).credentials();
    AwsSessionCredentials creds = AwsSessionCredentials.create(c.accessKeyId(), c.secretKey(), c.sessionToken());

    CognitoSyncClient deviceOnA = sync(a, creds);
    String token = deviceOnA.listRecords(r -> r.identityPoolId(POOL).identityId(identityId).datasetName("notes"))
        .syncSessionToken();
    deviceOnA.updateRecords(r -> r.identityPoolId(POOL).identityId(identityId).datasetName("notes")
        .syncSessionToken(token).recordPatches(put("title", "written via A", 0)));

    // the same credentials (issued by A) are accepted by B, which sees A's write
    CognitoSyncClient otherDeviceOnB = sync(b, creds);
    ListRecordsResponse seen = otherDeviceOnB.listRecords(r -> r.identityPoolId(POOL).identityId(identityId)
        .datasetName("notes"));
    assertThat(seen.records()).singleElement().satisfies(rec -> {
      assertThat(rec.key()).isEqualTo("title");
      assertThat(rec.value()).isEqualTo("written via A");
      assertThat(rec.syncCount()).isEqualTo(1L);
    });
    assertThat(seen.datasetSyncCount()).isEqualTo(1L);

    // identity B's endpoint knows the identity A created
    assertThat(identity(b.baseUri()).getCredentialsForIdentity(r -> r.identityId(identityId)).identityId())
        .isEqualTo(identityId);
  }

  @Test
  void aSyncSessionTokenFromOneInstanceIsAcceptedByTheOther() {
    AwsBasicCredentials dev = AwsBasicCredentials.create(DEV_KEY, DEV_SECRET);
    String identityId = "us-east-1:11111111-2222-3333-4444-555555555555";
    String tokenFromA = sync(a, dev).listRecords(r -> r.identityPoolId(POOL).identityId(identityId)
        .datasetName("d")).syncSessionToken();
    List<Record> written = sync(b, dev).updateRecords(r -> r.identityPoolId(POOL).identityId(identityId)
        .datasetName("d").syncSessionToken(tokenFromA).recordPatches(put("k", "v", 0))).records();
    assertThat(written).singleElement().extracting(Record::syncCount).isEqualTo(1L);
    // and a page token from B is understood by A
    for (int i = 0; i < 3; i++) {
      String t = sync(b, dev).listRecords(r -> r.identityPoolId(POOL).identityId(identityId).datasetName("d"))
          .syncSessionToken();
      int n = i;
      sync(b, dev).updateRecords(r -> r.identityPoolId(POOL).identityId(identityId).datasetName("d")
          .syncSessionToken(t).recordPatches(put("k" + n, "v", 0)));
    }
    ListRecordsResponse first = sync(b, dev).listRecords(r -> r.identityPoolId(POOL).identityId(identityId)
        .datasetName("d").maxResults(2));
    assertThat(first.nextToken()).isNotNull();
    ListRecordsResponse rest = sync(a, dev).listRecords(r -> r.identityPoolId(POOL).identityId(identityId)
        .datasetName("d").maxResults(10).nextToken(first.nextToken()));
    assertThat(first.records().size() + rest.records().size()).isEqualTo(4);
  }

  @Test
  void twoTimesEightThreadsIncrementingThroughBothInstancesEndAtTheExactTotal() throws Exception {
    String identityId = "us-east-1:99999999-2222-3333-4444-555555555555";
    int perInstance = 8;
    int incrementsEach = 8;
    AtomicInteger conflicts = new AtomicInteger();
    AwsBasicCredentials dev = AwsBasicCredentials.create(DEV_KEY, DEV_SECRET);
    ExecutorService pool = Executors.newFixedThreadPool(2 * perInstance);
    try {
      List<Future<?>> futures = new ArrayList<>();
      for (int t = 0; t < 2 * perInstance; t++) {
        CognitoSyncClient client = sync(t % 2 == 0 ? a : b, dev);
        futures.add(pool.submit(() -> {
          for (int i = 0; i < incrementsEach; i++) {
            while (true) {
              ListRecordsResponse r = client.listRecords(q -> q.identityPoolId(POOL).identityId(identityId)
                  .datasetName("counter"));
              Record current = r.records().stream().filter(x -> x.key().equals("n")).findFirst().orElse(null);
              long value = current == null ? 0 : Long.parseLong(current.value());
              long count = current == null ? 0 : current.syncCount();
              try {
                client.updateRecords(u -> u.identityPoolId(POOL).identityId(identityId).datasetName("counter")
                    .syncSessionToken(r.syncSessionToken()).recordPatches(put("n", Long.toString(value + 1), count)));
                break;
              } catch (ResourceConflictException e) {
                conflicts.incrementAndGet();
              }
            }
          }
          return null;
        }));
      }
      for (Future<?> f : futures) {
        f.get(120, TimeUnit.SECONDS);
      }
    } finally {
      pool.shutdownNow();
    }
    int total = 2 * perInstance * incrementsEach;
    for (SyncServer s : List.of(a, b)) {
      ListRecordsResponse end = sync(s, dev).listRecords(q -> q.identityPoolId(POOL).identityId(identityId)
          .datasetName("counter"));
      assertThat(end.records()).singleElement().satisfies(r -> {
        assertThat(r.value()).isEqualTo(Integer.toString(total));
        assertThat(r.syncCount()).isEqualTo(total);
      });
      assertThat(end.datasetSyncCount()).isEqualTo(total);
    }
    assertThat(conflicts.get()).as("the threads really raced").isPositive();
  }
}
