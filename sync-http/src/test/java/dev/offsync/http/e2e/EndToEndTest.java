package dev.offsync.http.e2e;

import dev.offsync.testing.VirtualClock;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.offsync.http.AlreadyStreamedException;
import dev.offsync.http.CognitoIdentityCredentialsProvider;
import dev.offsync.http.CognitoSyncClient;
import dev.offsync.http.CognitoSyncServiceException;
import dev.offsync.http.CredentialsException;
import dev.offsync.http.DuplicateRequestException;
import dev.offsync.http.InvalidParameterException;
import dev.offsync.http.InvalidSignatureException;
import dev.offsync.http.LimitExceededException;
import dev.offsync.http.NotAuthorizedException;
import dev.offsync.http.ResourceConflictException;
import dev.offsync.http.ResourceNotFoundException;
import dev.offsync.http.RetryPolicy;
import dev.offsync.http.StaticCredentialsProvider;
import dev.offsync.http.model.BulkPublishRequest;
import dev.offsync.http.model.BulkPublishStatus;
import dev.offsync.http.model.CognitoStreams;
import dev.offsync.http.model.DeleteDatasetRequest;
import dev.offsync.http.model.DescribeDatasetRequest;
import dev.offsync.http.model.DescribeIdentityPoolUsageRequest;
import dev.offsync.http.model.DescribeIdentityUsageRequest;
import dev.offsync.http.model.GetBulkPublishDetailsRequest;
import dev.offsync.http.model.GetCognitoEventsRequest;
import dev.offsync.http.model.GetIdentityPoolConfigurationRequest;
import dev.offsync.http.model.ListDatasetsRequest;
import dev.offsync.http.model.ListIdentityPoolUsageRequest;
import dev.offsync.http.model.ListRecordsRequest;
import dev.offsync.http.model.ListRecordsResponse;
import dev.offsync.http.model.Operation;
import dev.offsync.http.model.Platform;
import dev.offsync.http.model.RecordPatch;
import dev.offsync.http.model.RegisterDeviceRequest;
import dev.offsync.http.model.SetCognitoEventsRequest;
import dev.offsync.http.model.SetIdentityPoolConfigurationRequest;
import dev.offsync.http.model.StreamingStatus;
import dev.offsync.http.model.SubscribeToDatasetRequest;
import dev.offsync.http.model.UnsubscribeFromDatasetRequest;
import dev.offsync.http.model.UpdateRecordsRequest;
import dev.offsync.http.model.UpdateRecordsResponse;
import dev.offsync.http.spi.AwsCredentials;
import dev.offsync.server.SyncServer;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** Every operation and every error the real sync-server can produce, on 127.0.0.1 port 0. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class EndToEndTest {
  static final String POOL = "us-east-1:4a7c0f0e-1111-2222-3333-444455556666";
  static final String DEV_KEY = "AKIDOFFSYNCDEV";
  static final String DEV_SECRET = "dev-secret-0123456789abcdef";

  @TempDir Path data;
  private final VirtualClock clock = VirtualClock.startingAt(Instant.now());
  private final ConcurrentLinkedQueue<Runnable> heldBulkPublishes = new ConcurrentLinkedQueue<>();
  private boolean holdBulkPublish;
  private SyncServer server;
  private final List<CognitoSyncClient> clients = new ArrayList<>();

  @BeforeEach
  void start() {
    server =
        SyncServer.builder()
            .host("127.0.0.1")
            .port(0)
            .dataDirectory(data)
            .developerKey(DEV_KEY, DEV_SECRET)
            .identityPool(POOL)
            .clock(clock)
            .bulkPublishExecutor(
                task -> {
                  if (holdBulkPublish) {
                    heldBulkPublishes.add(task);
                  } else {
                    task.run();
                  }
                })
            .build()
            .start();
  }

  @AfterEach
  void stop() {
    clients.forEach(CognitoSyncClient::close);
    server.close();
  }

  private String endpoint() {
    return server.baseUri().toString();
  }

  private CognitoSyncClient client(dev.offsync.http.spi.CredentialsProvider provider, Clock signingClock) {
    CognitoSyncClient client =
        CognitoSyncClient.builder()
            .endpoint(endpoint())
            .region("us-east-1")
            .credentialsProvider(provider)
            .clock(signingClock)
            .retryPolicy(RetryPolicy.none())
            .callTimeout(Duration.ofSeconds(20))
            .build();
    clients.add(client);
    return client;
  }

  private CognitoSyncClient developer() {
    return client(StaticCredentialsProvider.create(DEV_KEY, DEV_SECRET), clock);
  }

  private CognitoIdentityCredentialsProvider identityProvider(Clock providerClock) {
    return CognitoIdentityCredentialsProvider.builder()
        .endpoint(endpoint())
        .identityPoolId(POOL)
        .clock(providerClock)
        .retryPolicy(RetryPolicy.none())
        .build();
  }

  private static ListRecordsRequest listRecords(String identity, String dataset) {
    return ListRecordsRequest.builder().identityPoolId(POOL).identityId(identity).datasetName(dataset).build();
  }

  private static UpdateRecordsResponse put(
      CognitoSyncClient client, String identity, String dataset, String key, String value, long base) {
    String token = client.listRecords(listRecords(identity, dataset)).syncSessionToken();
    return client.updateRecords(
        UpdateRecordsRequest.builder()
            .identityPoolId(POOL)
            .identityId(identity)
            .datasetName(dataset)
            .deviceId("device-1")
            .syncSessionToken(token)
            .recordPatches(
                RecordPatch.builder().op(Operation.REPLACE).key(key).value(value).syncCount(base).build())
            .build());
  }

  @Test
  void everyOperationWithDeveloperAndCognitoIdentityCredentials() {
    CognitoIdentityCredentialsProvider identity = identityProvider(clock);
    String id = identity.identityId();
    assertThat(id).startsWith("us-east-1:");
    CognitoSyncClient user = client(identity, clock);
    CognitoSyncClient dev = developer();

    // the core sync loop, as the identity itself
    ListRecordsResponse empty = user.listRecords(listRecords(id, "settings").newBuilder().lastSyncCount(0L).build());
    assertThat(empty.datasetExists()).isFalse();
    assertThat(empty.records()).isEmpty();
    UpdateRecordsResponse written =
        user.updateRecords(
            UpdateRecordsRequest.builder()
                .identityPoolId(POOL)
                .identityId(id)
                .datasetName("settings")
                .deviceId("phone")
                .syncSessionToken(empty.syncSessionToken())
                .clientContext("eyJ9")
                .recordPatches(
                    RecordPatch.builder().op(Operation.REPLACE).key("theme").value("dark")
                        .syncCount(0L).deviceLastModifiedDate(Instant.ofEpochSecond(1_700_000_000L, 123_000_000L))
                        .build(),
                    RecordPatch.builder().op(Operation.REPLACE).key("ünï:cödé/?&").value("✓").syncCount(0L).build())
                .build());
    assertThat(written.records()).extracting(r -> r.syncCount()).containsOnly(1L);
    ListRecordsResponse after = user.listRecords(listRecords(id, "settings"));
    assertThat(after.datasetSyncCount()).isEqualTo(1L);
    assertThat(after.records()).extracting(r -> r.key()).containsExactlyInAnyOrder("theme", "ünï:cödé/?&");
    assertThat(after.records().stream().filter(r -> r.key().equals("theme")).findFirst().get()
        .deviceLastModifiedDate()).isEqualTo(Instant.ofEpochSecond(1_700_000_000L, 123_000_000L));

    assertThat(user.describeDataset(DescribeDatasetRequest.builder().identityPoolId(POOL).identityId(id)
        .datasetName("settings").build()).dataset().numRecords()).isEqualTo(2L);
    assertThat(dev.listDatasets(ListDatasetsRequest.builder().identityPoolId(POOL).identityId(id).maxResults(64)
        .build()).datasets()).extracting(d -> d.datasetName()).containsExactly("settings");
    assertThat(user.describeIdentityUsage(DescribeIdentityUsageRequest.builder().identityPoolId(POOL).identityId(id)
        .build()).identityUsage().datasetCount()).isEqualTo(1);

    // push, as the identity (Cognito credentials only)
    String deviceId = user.registerDevice(RegisterDeviceRequest.builder().identityPoolId(POOL).identityId(id)
        .platform(Platform.GCM).token("gcm-token").build()).deviceId();
    assertThat(deviceId).isNotEmpty();
    user.subscribeToDataset(SubscribeToDatasetRequest.builder().identityPoolId(POOL).identityId(id)
        .datasetName("settings").deviceId(deviceId).build());
    user.unsubscribeFromDataset(UnsubscribeFromDatasetRequest.builder().identityPoolId(POOL).identityId(id)
        .datasetName("settings").deviceId(deviceId).build());

    // administration, as the developer
    assertThat(dev.listIdentityPoolUsage(ListIdentityPoolUsageRequest.builder().build()).identityPoolUsages())
        .extracting(u -> u.identityPoolId()).contains(POOL);
    assertThat(dev.describeIdentityPoolUsage(DescribeIdentityPoolUsageRequest.builder().identityPoolId(POOL).build())
        .identityPoolUsage().identityPoolId()).isEqualTo(POOL);
    dev.setIdentityPoolConfiguration(SetIdentityPoolConfigurationRequest.builder().identityPoolId(POOL)
        .cognitoStreams(CognitoStreams.builder().streamName("offsync-stream")
            .roleArn("arn:aws:iam::123456789012:role/stream").streamingStatus(StreamingStatus.ENABLED).build())
        .build());
    assertThat(dev.getIdentityPoolConfiguration(GetIdentityPoolConfigurationRequest.builder().identityPoolId(POOL)
        .build()).cognitoStreams().streamName()).isEqualTo("offsync-stream");
    dev.setCognitoEvents(SetCognitoEventsRequest.builder().identityPoolId(POOL)
        .events(Collections.singletonMap("SyncTrigger", "arn:aws:lambda:us-east-1:123456789012:function:f")).build());
    assertThat(dev.getCognitoEvents(GetCognitoEventsRequest.builder().identityPoolId(POOL).build()).events())
        .containsEntry("SyncTrigger", "arn:aws:lambda:us-east-1:123456789012:function:f");
    assertThat(dev.bulkPublish(BulkPublishRequest.builder().identityPoolId(POOL).build()).identityPoolId())
        .isEqualTo(POOL);
    assertThat(dev.getBulkPublishDetails(GetBulkPublishDetailsRequest.builder().identityPoolId(POOL).build())
        .bulkPublishStatus()).isEqualTo(BulkPublishStatus.SUCCEEDED);
    assertThatThrownBy(() -> dev.bulkPublish(BulkPublishRequest.builder().identityPoolId(POOL).build()))
        .isInstanceOf(AlreadyStreamedException.class);

    // and the RxJava variant of the delete
    assertThat(user.rx().deleteDataset(DeleteDatasetRequest.builder().identityPoolId(POOL).identityId(id)
        .datasetName("settings").build()).blockingGet().dataset().datasetName()).isEqualTo("settings");
    assertThatThrownBy(() -> user.describeDataset(DescribeDatasetRequest.builder().identityPoolId(POOL)
        .identityId(id).datasetName("settings").build()))
        .isInstanceOf(ResourceNotFoundException.class)
        .satisfies(e -> assertThat(((CognitoSyncServiceException) e).requestId()).isNotEmpty());
  }

  @Test
  void mappedErrorsFromTheRealServer() {
    CognitoSyncClient dev = developer();
    String id = identityProvider(clock).identityId();
    put(dev, id, "scores", "high", "1", 0);

    // stale sync count -> 409 conflict, nothing written
    assertThatThrownBy(() -> put(dev, id, "scores", "high", "2", 0))
        .isInstanceOf(ResourceConflictException.class)
        .satisfies(e -> {
          CognitoSyncServiceException error = (CognitoSyncServiceException) e;
          assertThat(error.statusCode()).isEqualTo(409);
          assertThat(error.errorMessage()).startsWith("Current SyncCount for:");
        });
    // lastSyncCount above the dataset's count
    assertThatThrownBy(() -> dev.listRecords(listRecords(id, "scores").newBuilder().lastSyncCount(99L).build()))
        .isInstanceOf(InvalidParameterException.class);
    // a forged session token
    assertThatThrownBy(() -> dev.updateRecords(UpdateRecordsRequest.builder().identityPoolId(POOL).identityId(id)
        .datasetName("scores").syncSessionToken("forged").recordPatches(
            RecordPatch.builder().op(Operation.REMOVE).key("high").syncCount(1L).build()).build()))
        .isInstanceOf(InvalidParameterException.class);
    // unknown dataset
    assertThatThrownBy(() -> dev.deleteDataset(DeleteDatasetRequest.builder().identityPoolId(POOL).identityId(id)
        .datasetName("nope").build()))
        .isInstanceOf(ResourceNotFoundException.class);
    // too many records in one dataset
    List<RecordPatch> many = new ArrayList<>();
    for (int i = 0; i < 1025; i++) {
      many.add(RecordPatch.builder().op(Operation.REPLACE).key("k" + i).value("v").syncCount(0L).build());
    }
    String token = dev.listRecords(listRecords(id, "big")).syncSessionToken();
    assertThatThrownBy(() -> dev.updateRecords(UpdateRecordsRequest.builder().identityPoolId(POOL).identityId(id)
        .datasetName("big").syncSessionToken(token).recordPatches(many).build()))
        .isInstanceOf(LimitExceededException.class);
    // developer credentials may not register devices; identities may not administrate
    assertThatThrownBy(() -> dev.registerDevice(RegisterDeviceRequest.builder().identityPoolId(POOL).identityId(id)
        .platform(Platform.APNS).token("t").build()))
        .isInstanceOf(NotAuthorizedException.class);
    CognitoSyncClient user = client(identityProvider(clock), clock);
    assertThatThrownBy(() -> user.describeIdentityPoolUsage(
        DescribeIdentityPoolUsageRequest.builder().identityPoolId(POOL).build()))
        .isInstanceOf(NotAuthorizedException.class);
    // an identity may not read another identity's data
    assertThatThrownBy(() -> user.listRecords(listRecords(id, "scores")))
        .isInstanceOf(NotAuthorizedException.class);
    // wrong secret -> signature failure
    CognitoSyncClient wrong = client(StaticCredentialsProvider.create(DEV_KEY, "not-the-secret"), clock);
    assertThatThrownBy(() -> wrong.listRecords(listRecords(id, "scores")))
        .isInstanceOf(InvalidSignatureException.class)
        .satisfies(e -> assertThat(e.getMessage()).doesNotContain("not-the-secret"));
    // unknown access key
    CognitoSyncClient stranger = client(StaticCredentialsProvider.create("AKIDUNKNOWN", DEV_SECRET), clock);
    assertThatThrownBy(() -> stranger.listRecords(listRecords(id, "scores")))
        .isInstanceOf(CognitoSyncServiceException.class)
        .satisfies(e -> assertThat(((CognitoSyncServiceException) e).statusCode()).isEqualTo(403));
    // a clock skewed past the server's window
    CognitoSyncClient skewed = client(StaticCredentialsProvider.create(DEV_KEY, DEV_SECRET),
        Clock.offset(clock, Duration.ofMinutes(30)));
    assertThatThrownBy(() -> skewed.listRecords(listRecords(id, "scores")))
        .isInstanceOf(CognitoSyncServiceException.class)
        .satisfies(e -> assertThat(((CognitoSyncServiceException) e).statusCode()).isEqualTo(403));
  }

  @Test
  void bulkPublishInProgressIsADuplicateRequest() {
    holdBulkPublish = true;
    CognitoSyncClient dev = developer();
    dev.setIdentityPoolConfiguration(SetIdentityPoolConfigurationRequest.builder().identityPoolId(POOL)
        .cognitoStreams(CognitoStreams.builder().streamName("s").build()).build());
    dev.bulkPublish(BulkPublishRequest.builder().identityPoolId(POOL).build());
    assertThat(dev.getBulkPublishDetails(GetBulkPublishDetailsRequest.builder().identityPoolId(POOL).build())
        .bulkPublishStatus()).isEqualTo(BulkPublishStatus.IN_PROGRESS);
    assertThatThrownBy(() -> dev.bulkPublish(BulkPublishRequest.builder().identityPoolId(POOL).build()))
        .isInstanceOf(DuplicateRequestException.class);
    heldBulkPublishes.forEach(Runnable::run);
  }

  @Test
  void expiredCognitoCredentialsAreRefreshedOnceOnTheServersRejection() {
    // the provider's clock stands still, so it believes its cached credentials are fresh
    VirtualClock providerClock = VirtualClock.startingAt(clock.instant());
    CognitoIdentityCredentialsProvider identity = identityProvider(providerClock);
    CognitoSyncClient user = client(identity, clock);
    String id = identity.identityId();
    user.listRecords(listRecords(id, "d"));
    AwsCredentials first = identity.credentials();
    assertThat(first.expiration()).isAfter(clock.instant());

    clock.advance(Duration.between(clock.instant(), first.expiration()).plusMinutes(1));
    assertThat(user.listRecords(listRecords(id, "d")).datasetExists()).isFalse();
    AwsCredentials second = identity.credentials();
    assertThat(second.accessKeyId()).isNotEqualTo(first.accessKeyId());
    assertThat(second.toString()).doesNotContain(second.secretAccessKey()).doesNotContain(second.sessionToken());
  }

  @Test
  void cognitoIdentityCredentialsAreCachedUntilFiveMinutesBeforeExpiry() {
    CognitoIdentityCredentialsProvider identity = identityProvider(clock);
    AwsCredentials first = identity.credentials();
    assertThat(identity.credentials()).isSameAs(first);
    clock.advance(Duration.between(clock.instant(), first.expiration()).minusMinutes(6));
    assertThat(identity.credentials()).isSameAs(first);
    clock.advance(Duration.ofMinutes(2));
    AwsCredentials second = identity.credentials();
    assertThat(second).isNotEqualTo(first);
    identity.invalidate(first);
    assertThat(identity.credentials()).isSameAs(second);
    identity.invalidate(second);
    assertThat(identity.credentials()).isNotEqualTo(second);
  }

  @Test
  void identityProviderLearnsTheIdentityOnceAndAnnouncesIt() {
    CognitoIdentityCredentialsProvider credentials = identityProvider(clock);
    dev.offsync.http.CognitoIdentityProvider identities =
        dev.offsync.http.CognitoIdentityProvider.create(credentials);
    io.reactivex.rxjava3.observers.TestObserver<dev.offsync.spi.IdentityChange> changes =
        identities.changes().test();
    assertThat(identities.currentIdentityId()).isNull();
    String id = identities.identityId().timeout(20, TimeUnit.SECONDS).blockingGet();
    assertThat(identities.currentIdentityId()).isEqualTo(id);
    assertThat(identities.identityId().timeout(20, TimeUnit.SECONDS).blockingGet()).isEqualTo(id);
    changes.assertValueCount(1);
    assertThat(changes.values().get(0).previousId()).isNull();
    assertThat(changes.values().get(0).currentId()).isEqualTo(id);
    CognitoIdentityCredentialsProvider unknownPool = CognitoIdentityCredentialsProvider.builder()
        .endpoint(endpoint()).identityPoolId("us-east-1:00000000-0000-0000-0000-000000000001")
        .retryPolicy(RetryPolicy.none()).build();
    assertThatThrownBy(() -> dev.offsync.http.CognitoIdentityProvider.create(unknownPool).identityId()
        .timeout(20, TimeUnit.SECONDS).blockingGet())
        .isInstanceOf(dev.offsync.NotAuthorizedException.class);
  }

  @Test
  void unknownIdentityPoolIsACredentialsError() {
    CognitoIdentityCredentialsProvider provider =
        CognitoIdentityCredentialsProvider.builder()
            .endpoint(endpoint())
            .identityPoolId("us-east-1:00000000-0000-0000-0000-000000000000")
            .retryPolicy(RetryPolicy.none())
            .build();
    assertThatThrownBy(provider::credentials)
        .isInstanceOf(CredentialsException.class)
        .hasCauseInstanceOf(ResourceNotFoundException.class);
  }
}
