package dev.offsync.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.offsync.server.spi.PushNotification;
import dev.offsync.server.testing.ServerTestSupport;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.MethodSource;
import software.amazon.awssdk.services.cognitosync.CognitoSyncClient;
import software.amazon.awssdk.services.cognitosync.model.AlreadyStreamedException;
import software.amazon.awssdk.services.cognitosync.model.BulkPublishStatus;
import software.amazon.awssdk.services.cognitosync.model.DuplicateRequestException;
import software.amazon.awssdk.services.cognitosync.model.GetBulkPublishDetailsResponse;
import software.amazon.awssdk.services.cognitosync.model.InvalidParameterException;
import software.amazon.awssdk.services.cognitosync.model.Platform;
import software.amazon.awssdk.services.cognitosync.model.ResourceNotFoundException;
import software.amazon.awssdk.services.cognitosync.model.StreamingStatus;

/** Pool usage, configuration, Cognito events, push sync and bulk publish. */
@ParameterizedClass(name = "[{index}] {0}")
@MethodSource("dev.offsync.server.testing.StoreFactories#all")
class AdminOperationsTest extends ServerTestSupport {
  private final List<PushNotification> pushed = new CopyOnWriteArrayList<>();
  private final Queue<Runnable> bulkTasks = new ArrayDeque<>();

  @Override
  protected void configure(SyncServer.Builder b) {
    b.pushNotifier(pushed::add).bulkPublishExecutor(bulkTasks::add).maxClockSkew(Duration.ofDays(3));
  }

  private void write(CognitoSyncClient c, String pool, String identity, String dataset, String key, long count) {
    String token = c.listRecords(r -> r.identityPoolId(pool).identityId(identity).datasetName(dataset))
        .syncSessionToken();
    c.updateRecords(r -> r.identityPoolId(pool).identityId(identity).datasetName(dataset).syncSessionToken(token)
        .recordPatches(RecordsApiTest.put(key, "value-" + key, count)));
  }

  @Test
  void poolUsageCountsSessionsAndStorage() {
    CognitoSyncClient dev = developer();
    write(dev, POOL, "us-east-1:aa", "d", "k1", 0);
    write(dev, POOL, "us-east-1:bb", "d", "k22", 0);
    var usage = dev.describeIdentityPoolUsage(r -> r.identityPoolId(POOL)).identityPoolUsage();
    assertThat(usage.identityPoolId()).isEqualTo(POOL);
    assertThat(usage.syncSessionsCount()).isEqualTo(2);
    assertThat(usage.dataStorage()).isEqualTo("k1value-k1".length() + "k22value-k22".length());
    assertThat(usage.lastModifiedDate()).isNotNull();
    var list = dev.listIdentityPoolUsage(r -> r.maxResults(1));
    assertThat(list.identityPoolUsages()).hasSize(1);
    assertThat(list.count()).isEqualTo(1);
    assertThat(list.maxResults()).isEqualTo(1);
    var rest = dev.listIdentityPoolUsage(r -> r.maxResults(1).nextToken(list.nextToken()));
    assertThat(rest.identityPoolUsages()).hasSize(1);
    assertThat(rest.nextToken()).isNull();
    assertThat(List.of(list.identityPoolUsages().get(0).identityPoolId(), rest.identityPoolUsages().get(0)
        .identityPoolId())).containsExactlyInAnyOrder(POOL, OTHER_POOL);
    assertThatThrownBy(() -> dev.describeIdentityPoolUsage(r -> r.identityPoolId("us-east-1:0123")))
        .isInstanceOf(ResourceNotFoundException.class);
  }

  @Test
  void configurationIsStoredAndValidated() {
    CognitoSyncClient dev = developer();
    var empty = dev.getIdentityPoolConfiguration(r -> r.identityPoolId(POOL));
    assertThat(empty.identityPoolId()).isEqualTo(POOL);
    assertThat(empty.pushSync()).isNull();
    var set = dev.setIdentityPoolConfiguration(r -> r.identityPoolId(POOL)
        .pushSync(p -> p.applicationArns("arn:aws:sns:us-east-1:123456789012:app/GCM/my-app")
            .roleArn("arn:aws:iam::123456789012:role/push"))
        .cognitoStreams(s -> s.streamName("my-stream").roleArn("arn:aws:iam::123456789012:role/streams")
            .streamingStatus(StreamingStatus.ENABLED)));
    assertThat(set.cognitoStreams().streamName()).isEqualTo("my-stream");
    var got = dev.getIdentityPoolConfiguration(r -> r.identityPoolId(POOL));
    assertThat(got.pushSync().applicationArns()).containsExactly("arn:aws:sns:us-east-1:123456789012:app/GCM/my-app");
    assertThat(got.cognitoStreams().streamingStatus()).isEqualTo(StreamingStatus.ENABLED);
    // a later call changing only streams keeps PushSync
    dev.setIdentityPoolConfiguration(r -> r.identityPoolId(POOL).cognitoStreams(s -> s.streamName("other")));
    assertThat(dev.getIdentityPoolConfiguration(r -> r.identityPoolId(POOL)).pushSync().roleArn())
        .isEqualTo("arn:aws:iam::123456789012:role/push");
    assertThatThrownBy(() -> dev.setIdentityPoolConfiguration(r -> r.identityPoolId(POOL)
        .pushSync(p -> p.applicationArns("not-an-arn")))).isInstanceOf(InvalidParameterException.class)
        .hasMessageContaining("PushSync.ApplicationArns");
    assertThatThrownBy(() -> dev.setIdentityPoolConfiguration(r -> r.identityPoolId(POOL)
        .cognitoStreams(s -> s.roleArn("arn:aws:iam::1:user/x")))).isInstanceOf(InvalidParameterException.class)
        .hasMessageContaining("CognitoStreams.RoleArn");
    assertThatThrownBy(() -> dev.getIdentityPoolConfiguration(r -> r.identityPoolId("us-east-1:0123")))
        .isInstanceOf(ResourceNotFoundException.class);
  }

  @Test
  void cognitoEventsHoldAtMostOneEntryAndAnEmptyValueRemovesIt() {
    CognitoSyncClient dev = developer();
    assertThat(dev.getCognitoEvents(r -> r.identityPoolId(POOL)).events()).isEmpty();
    dev.setCognitoEvents(r -> r.identityPoolId(POOL).events(Map.of("SyncTrigger", "arn:aws:lambda:f")));
    assertThat(dev.getCognitoEvents(r -> r.identityPoolId(POOL)).events())
        .containsExactly(Map.entry("SyncTrigger", "arn:aws:lambda:f"));
    assertThatThrownBy(() -> dev.setCognitoEvents(r -> r.identityPoolId(POOL)
        .events(Map.of("A", "x", "B", "y")))).isInstanceOf(InvalidParameterException.class)
        .hasMessageContaining("Events");
    dev.setCognitoEvents(r -> r.identityPoolId(POOL).events(Map.of("SyncTrigger", "")));
    assertThat(dev.getCognitoEvents(r -> r.identityPoolId(POOL)).events()).isEmpty();
    assertThat(dev.getCognitoEvents(r -> r.identityPoolId(OTHER_POOL)).events()).isEmpty();
  }

  @Test
  void devicesSubscriptionsAndPushNotificationsAfterCommit() {
    Identity me = newIdentity(POOL);
    CognitoSyncClient mine = syncClient(me.credentials());
    String deviceId = mine.registerDevice(r -> r.identityPoolId(POOL).identityId(me.identityId())
        .platform(Platform.GCM).token("push-token-1")).deviceId();
    assertThat(deviceId).isNotBlank();
    assertThat(mine.registerDevice(r -> r.identityPoolId(POOL).identityId(me.identityId())
        .platform(Platform.GCM).token("push-token-1")).deviceId()).isEqualTo(deviceId); // stable
    String second = mine.registerDevice(r -> r.identityPoolId(POOL).identityId(me.identityId())
        .platform(Platform.APNS).token("push-token-2")).deviceId();
    assertThat(second).isNotEqualTo(deviceId);

    mine.subscribeToDataset(r -> r.identityPoolId(POOL).identityId(me.identityId()).datasetName("d")
        .deviceId(deviceId));
    mine.subscribeToDataset(r -> r.identityPoolId(POOL).identityId(me.identityId()).datasetName("d")
        .deviceId(second));
    assertThatThrownBy(() -> mine.subscribeToDataset(r -> r.identityPoolId(POOL).identityId(me.identityId())
        .datasetName("d").deviceId("no-such-device"))).isInstanceOf(ResourceNotFoundException.class);

    write(mine, POOL, me.identityId(), "d", "k", 0);
    assertThat(pushed).hasSize(2);
    PushNotification n = pushed.stream().filter(p -> p.device().deviceId().equals(deviceId)).findFirst().orElseThrow();
    assertThat(n.device().token()).isEqualTo("push-token-1");
    assertThat(n.payload()).containsExactly(
        Map.entry("source", "cognito-sync"),
        Map.entry("identityPoolId", POOL),
        Map.entry("identityId", me.identityId()),
        Map.entry("datasetName", "d"),
        Map.entry("syncCount", "1"));

    // a failed write notifies nobody
    pushed.clear();
    assertThatThrownBy(() -> write(mine, POOL, me.identityId(), "d", "k", 0)).isInstanceOf(Exception.class);
    assertThat(pushed).isEmpty();

    mine.unsubscribeFromDataset(r -> r.identityPoolId(POOL).identityId(me.identityId()).datasetName("d")
        .deviceId(second));
    write(mine, POOL, me.identityId(), "d", "k", 1);
    assertThat(pushed).extracting(p -> p.device().deviceId()).containsExactly(deviceId);
    assertThat(pushed.get(0).syncCount()).isEqualTo(2);

    assertThatThrownBy(() -> mine.registerDevice(r -> r.identityPoolId(POOL).identityId(me.identityId())
        .platform("WINDOWS").token("t"))).isInstanceOf(InvalidParameterException.class)
        .hasMessageContaining("Platform");
  }

  @Test
  void bulkPublishExportsThePoolWithStatusAndDuplicateRules() throws Exception {
    CognitoSyncClient dev = developer();
    write(dev, POOL, "us-east-1:aa", "d1", "k", 0);
    write(dev, POOL, "us-east-1:bb", "d2", "k", 0);
    write(dev, OTHER_POOL, "eu-west-1:cc", "d3", "k", 0);
    assertThat(dev.getBulkPublishDetails(r -> r.identityPoolId(POOL)).bulkPublishStatus())
        .isEqualTo(BulkPublishStatus.NOT_STARTED);
    assertThatThrownBy(() -> dev.bulkPublish(r -> r.identityPoolId(POOL)))
        .isInstanceOf(InvalidParameterException.class).hasMessageContaining("StreamName");
    dev.setIdentityPoolConfiguration(r -> r.identityPoolId(POOL).cognitoStreams(s -> s.streamName("sync-stream")));

    assertThat(dev.bulkPublish(r -> r.identityPoolId(POOL)).identityPoolId()).isEqualTo(POOL);
    GetBulkPublishDetailsResponse running = dev.getBulkPublishDetails(r -> r.identityPoolId(POOL));
    assertThat(running.bulkPublishStatus()).isEqualTo(BulkPublishStatus.IN_PROGRESS);
    assertThat(running.bulkPublishStartTime()).isNotNull();
    assertThat(running.bulkPublishCompleteTime()).isNull();
    assertThatThrownBy(() -> dev.bulkPublish(r -> r.identityPoolId(POOL)))
        .isInstanceOf(DuplicateRequestException.class);

    assertThat(bulkTasks).hasSize(1);
    bulkTasks.poll().run();
    GetBulkPublishDetailsResponse done = dev.getBulkPublishDetails(r -> r.identityPoolId(POOL));
    assertThat(done.bulkPublishStatus()).isEqualTo(BulkPublishStatus.SUCCEEDED);
    assertThat(done.bulkPublishCompleteTime()).isAfterOrEqualTo(done.bulkPublishStartTime());

    Path file = dataDir.resolve("streams").resolve("sync-stream.jsonl");
    List<String> lines = Files.readAllLines(file);
    assertThat(lines).hasSize(2);
    JsonNode first = new ObjectMapper().readTree(lines.get(0));
    assertThat(first.get("identityPoolId").asText()).isEqualTo(POOL);
    assertThat(first.get("identityId").asText()).isEqualTo("us-east-1:aa");
    assertThat(first.get("dataSetName").asText()).isEqualTo("d1");
    assertThat(first.get("kinesisSyncRecords").get(0).get("value").asText()).isEqualTo("value-k");

    assertThatThrownBy(() -> dev.bulkPublish(r -> r.identityPoolId(POOL)))
        .isInstanceOf(AlreadyStreamedException.class);
    clock.advance(Duration.ofHours(25));
    dev.bulkPublish(r -> r.identityPoolId(POOL));
    assertThat(dev.getBulkPublishDetails(r -> r.identityPoolId(POOL)).bulkPublishStatus())
        .isEqualTo(BulkPublishStatus.IN_PROGRESS);
  }

  @Test
  void aBulkPublishInterruptedByAStopIsReportedAsFailed() {
    CognitoSyncClient dev = developer();
    dev.setIdentityPoolConfiguration(r -> r.identityPoolId(POOL).cognitoStreams(s -> s.streamName("s")));
    dev.bulkPublish(r -> r.identityPoolId(POOL));
    restart();
    GetBulkPublishDetailsResponse d = developer().getBulkPublishDetails(r -> r.identityPoolId(POOL));
    assertThat(d.bulkPublishStatus()).isEqualTo(BulkPublishStatus.FAILED);
    assertThat(d.failureMessage()).contains("Interrupted");
  }
}
