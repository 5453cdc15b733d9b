package dev.offsync.http;

import static dev.offsync.http.Fixtures.IDENTITY;
import static dev.offsync.http.Fixtures.POOL;
import static dev.offsync.http.Fixtures.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.offsync.http.model.BulkPublishRequest;
import dev.offsync.http.model.BulkPublishStatus;
import dev.offsync.http.model.CognitoStreams;
import dev.offsync.http.model.DeleteDatasetRequest;
import dev.offsync.http.model.DescribeDatasetRequest;
import dev.offsync.http.model.DescribeDatasetResponse;
import dev.offsync.http.model.DescribeIdentityPoolUsageRequest;
import dev.offsync.http.model.DescribeIdentityUsageRequest;
import dev.offsync.http.model.GetBulkPublishDetailsRequest;
import dev.offsync.http.model.GetBulkPublishDetailsResponse;
import dev.offsync.http.model.GetCognitoEventsRequest;
import dev.offsync.http.model.GetIdentityPoolConfigurationRequest;
import dev.offsync.http.model.GetIdentityPoolConfigurationResponse;
import dev.offsync.http.model.ListDatasetsRequest;
import dev.offsync.http.model.ListIdentityPoolUsageRequest;
import dev.offsync.http.model.ListRecordsRequest;
import dev.offsync.http.model.ListRecordsResponse;
import dev.offsync.http.model.Operation;
import dev.offsync.http.model.Platform;
import dev.offsync.http.model.PushSync;
import dev.offsync.http.model.RecordPatch;
import dev.offsync.http.model.RegisterDeviceRequest;
import dev.offsync.http.model.SetCognitoEventsRequest;
import dev.offsync.http.model.SetIdentityPoolConfigurationRequest;
import dev.offsync.http.model.StreamingStatus;
import dev.offsync.http.model.SubscribeToDatasetRequest;
import dev.offsync.http.model.UnsubscribeFromDatasetRequest;
import dev.offsync.http.model.UpdateRecordsRequest;
import dev.offsync.http.model.UpdateRecordsResponse;
import java.io.ByteArrayInputStream;
import java.net.InetAddress;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Collections;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import okhttp3.HttpUrl;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.auth.signer.Aws4Signer;
import software.amazon.awssdk.auth.signer.params.Aws4SignerParams;
import software.amazon.awssdk.http.SdkHttpFullRequest;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.regions.Region;

/** What the client puts on the wire and how it reads responses, against MockWebServer on 127.0.0.1. */
@SuppressWarnings("deprecation")
class CognitoSyncClientWireTest {
  private final MockWebServer server = new MockWebServer();
  private final RecordingSleeper sleeper = new RecordingSleeper();
  private CognitoSyncClient client;

  @BeforeEach
  void start() throws Exception {
    server.start(InetAddress.getLoopbackAddress(), 0);
    client = Fixtures.client(server, sleeper).build();
  }

  @AfterEach
  void stop() {
    client.close();
    server.close();
  }

  private RecordedRequest take() throws InterruptedException {
    RecordedRequest request = server.takeRequest(5, TimeUnit.SECONDS);
    assertThat(request).as("request reached the server").isNotNull();
    return request;
  }

  @Test
  void listRecordsEncodesLabelsAndQueryAndParsesFractionalTimestamps() throws Exception {
    server.enqueue(
        json(
            200,
            "{\"Records\":[{\"Key\":\"k1\",\"Value\":\"v1\",\"SyncCount\":3,"
                + "\"LastModifiedDate\":1700000000.123,\"LastModifiedBy\":\"dev\","
                + "\"DeviceLastModifiedDate\":1.7E9},{\"Key\":\"gone\",\"SyncCount\":4}],"
                + "\"NextToken\":\"n2\",\"Count\":2,\"DatasetSyncCount\":4,\"LastModifiedBy\":\"dev\","
                + "\"MergedDatasetNames\":[\"a.b\"],\"DatasetExists\":true,"
                + "\"DatasetDeletedAfterRequestedSyncCount\":false,\"SyncSessionToken\":\"sst\"}"));
    ListRecordsResponse response =
        client.listRecords(
            ListRecordsRequest.builder()
                .identityPoolId(POOL)
                .identityId(IDENTITY)
                .datasetName("my.data_set:1")
                .lastSyncCount(2L)
                .nextToken("a b&c")
                .maxResults(1024)
                .syncSessionToken("tok")
                .build());
    RecordedRequest request = take();
    assertThat(request.getMethod()).isEqualTo("GET");
    assertThat(request.getTarget())
        .isEqualTo(
            "/identitypools/us-east-1%3A0f0e4a7c-1111-2222-3333-444455556666/identities/"
                + "us-east-1%3A9a8b7c6d-aaaa-bbbb-cccc-ddddeeeeffff/datasets/my.data_set%3A1/records"
                + "?lastSyncCount=2&nextToken=a%20b%26c&maxResults=1024&syncSessionToken=tok");
    assertThat(request.getHeaders().get("X-Amz-Security-Token")).isEqualTo(Fixtures.SESSION_TOKEN);
    assertThat(request.getHeaders().get("X-Amz-Date")).isEqualTo("20260301T100000Z");
    assertThat(request.getHeaders().get("User-Agent")).isEqualTo(CognitoSyncClient.DEFAULT_USER_AGENT);
    assertSignatureMatchesAwsSdk(request);

    assertThat(response.records()).hasSize(2);
    assertThat(response.records().get(0).lastModifiedDate())
        .isEqualTo(Instant.ofEpochSecond(1700000000L, 123_000_000L));
    assertThat(response.records().get(0).deviceLastModifiedDate()).isEqualTo(Instant.ofEpochSecond(1_700_000_000L));
    assertThat(response.records().get(1).value()).isNull();
    assertThat(response.datasetSyncCount()).isEqualTo(4L);
    assertThat(response.mergedDatasetNames()).containsExactly("a.b");
    assertThat(response.datasetExists()).isTrue();
    assertThat(response.datasetDeletedAfterRequestedSyncCount()).isFalse();
    assertThat(response.syncSessionToken()).isEqualTo("sst");
    assertThat(response.toString()).doesNotContain("sst");
  }

  @Test
  void updateRecordsSendsPascalCaseJsonWithoutNullsAndTheClientContextHeader() throws Exception {
    server.enqueue(json(200, "{\"Records\":[{\"Key\":\"k\",\"Value\":\"v\",\"SyncCount\":1}]}"));
    UpdateRecordsResponse response =
        client.updateRecords(
            UpdateRecordsRequest.builder()
                .identityPoolId(POOL)
                .identityId(IDENTITY)
                .datasetName("settings")
                .deviceId("device-1")
                .syncSessionToken("session")
                .clientContext("eyJjbGllbnQiOnt9fQ==")
                .recordPatches(
                    RecordPatch.builder()
                        .op(Operation.REPLACE)
                        .key("k")
                        .value("v")
                        .syncCount(0L)
                        .deviceLastModifiedDate(Instant.ofEpochSecond(1424801824L, 343_000_000L))
                        .build(),
                    RecordPatch.builder().op(Operation.REMOVE).key("old").syncCount(7L).build())
                .build());
    RecordedRequest request = take();
    assertThat(request.getMethod()).isEqualTo("POST");
    assertThat(request.getTarget())
        .isEqualTo(
            "/identitypools/us-east-1%3A0f0e4a7c-1111-2222-3333-444455556666/identities/"
                + "us-east-1%3A9a8b7c6d-aaaa-bbbb-cccc-ddddeeeeffff/datasets/settings");
    assertThat(request.getHeaders().get("x-amz-Client-Context")).isEqualTo("eyJjbGllbnQiOnt9fQ==");
    assertThat(request.getHeaders().get("Content-Type")).isEqualTo("application/json");
    assertThat(request.getBody().utf8())
        .isEqualTo(
            "{\"DeviceId\":\"device-1\",\"RecordPatches\":["
                + "{\"Op\":\"replace\",\"Key\":\"k\",\"Value\":\"v\",\"SyncCount\":0,\"DeviceLastModifiedDate\":1424801824.343},"
                + "{\"Op\":\"remove\",\"Key\":\"old\",\"SyncCount\":7}],\"SyncSessionToken\":\"session\"}");
    assertSignatureMatchesAwsSdk(request);
    assertThat(response.records()).extracting(r -> r.syncCount()).containsExactly(1L);
  }

  @Test
  void everyOperationUsesTheModelsMethodAndPath() throws Exception {
    String p = "/identitypools/us-east-1%3A0f0e4a7c-1111-2222-3333-444455556666";
    String i = p + "/identities/us-east-1%3A9a8b7c6d-aaaa-bbbb-cccc-ddddeeeeffff";
    expect("GET", "/identitypools?maxResults=10", c -> c.listIdentityPoolUsage(
        ListIdentityPoolUsageRequest.builder().maxResults(10).build()));
    expect("GET", p, c -> c.describeIdentityPoolUsage(
        DescribeIdentityPoolUsageRequest.builder().identityPoolId(POOL).build()));
    expect("GET", i, c -> c.describeIdentityUsage(
        DescribeIdentityUsageRequest.builder().identityPoolId(POOL).identityId(IDENTITY).build()));
    expect("GET", i + "/datasets?nextToken=t", c -> c.listDatasets(
        ListDatasetsRequest.builder().identityPoolId(POOL).identityId(IDENTITY).nextToken("t").build()));
    expect("GET", i + "/datasets/d", c -> c.describeDataset(
        DescribeDatasetRequest.builder().identityPoolId(POOL).identityId(IDENTITY).datasetName("d").build()));
    expect("DELETE", i + "/datasets/d", c -> c.deleteDataset(
        DeleteDatasetRequest.builder().identityPoolId(POOL).identityId(IDENTITY).datasetName("d").build()));
    expect("GET", p + "/configuration", c -> c.getIdentityPoolConfiguration(
        GetIdentityPoolConfigurationRequest.builder().identityPoolId(POOL).build()));
    expect("POST", p + "/configuration", c -> c.setIdentityPoolConfiguration(
        SetIdentityPoolConfigurationRequest.builder().identityPoolId(POOL)
            .cognitoStreams(CognitoStreams.builder().streamName("s").streamingStatus(StreamingStatus.ENABLED).build())
            .build()));
    expect("GET", p + "/events", c -> c.getCognitoEvents(
        GetCognitoEventsRequest.builder().identityPoolId(POOL).build()));
    expect("POST", p + "/events", c -> c.setCognitoEvents(
        SetCognitoEventsRequest.builder().identityPoolId(POOL)
            .events(Collections.singletonMap("SyncTrigger", "arn:aws:lambda:us-east-1:1:function:f")).build()));
    expect("POST", p + "/bulkpublish", c -> c.bulkPublish(
        BulkPublishRequest.builder().identityPoolId(POOL).build()));
    expect("POST", p + "/getBulkPublishDetails", c -> c.getBulkPublishDetails(
        GetBulkPublishDetailsRequest.builder().identityPoolId(POOL).build()));
    expect("POST", p + "/identity/us-east-1%3A9a8b7c6d-aaaa-bbbb-cccc-ddddeeeeffff/device", c -> c.registerDevice(
        RegisterDeviceRequest.builder().identityPoolId(POOL).identityId(IDENTITY)
            .platform(Platform.GCM).token("push-token").build()));
    expect("POST", i + "/datasets/d/subscriptions/dev%2F1", c -> c.subscribeToDataset(
        SubscribeToDatasetRequest.builder().identityPoolId(POOL).identityId(IDENTITY).datasetName("d")
            .deviceId("dev/1").build()));
    expect("DELETE", i + "/datasets/d/subscriptions/dev%2F1", c -> c.unsubscribeFromDataset(
        UnsubscribeFromDatasetRequest.builder().identityPoolId(POOL).identityId(IDENTITY).datasetName("d")
            .deviceId("dev/1").build()));
    expect("GET", i + "/datasets/d/records", c -> c.listRecords(
        ListRecordsRequest.builder().identityPoolId(POOL).identityId(IDENTITY).datasetName("d").build()));
    expect("POST", i + "/datasets/d", c -> c.updateRecords(
        UpdateRecordsRequest.builder().identityPoolId(POOL).identityId(IDENTITY).datasetName("d")
            .syncSessionToken("s").build()));
    assertThat(server.getRequestCount()).isEqualTo(17);
  }

  private void expect(String method, String target, Consumer<CognitoSyncClient> call) throws Exception {
    server.enqueue(json(200, "{}"));
    call.accept(client);
    RecordedRequest request = take();
    assertThat(request.getMethod() + " " + request.getTarget()).isEqualTo(method + " " + target);
    assertSignatureMatchesAwsSdk(request);
  }

  @Test
  void parsesNestedResponseShapes() {
    server.enqueue(
        json(
            200,
            "{\"IdentityPoolId\":\"" + POOL + "\",\"PushSync\":{\"ApplicationArns\":"
                + "[\"arn:aws:sns:us-east-1:1:app/GCM/x\"],\"RoleArn\":\"arn:aws:iam::1:role/r\"},"
                + "\"CognitoStreams\":{\"StreamName\":\"s\",\"StreamingStatus\":\"PAUSED_IN_FUTURE\"}}"));
    GetIdentityPoolConfigurationResponse configuration =
        client.getIdentityPoolConfiguration(
            GetIdentityPoolConfigurationRequest.builder().identityPoolId(POOL).build());
    assertThat(configuration.pushSync().applicationArns()).containsExactly("arn:aws:sns:us-east-1:1:app/GCM/x");
    assertThat(configuration.cognitoStreams().streamingStatus()).isEqualTo(StreamingStatus.UNKNOWN_TO_SDK_VERSION);

    server.enqueue(json(200, "{\"Dataset\":{\"DatasetName\":\"d\",\"NumRecords\":3,\"DataStorage\":10,"
        + "\"CreationDate\":1600000000,\"LastModifiedDate\":1600000001.5}}"));
    DescribeDatasetResponse dataset =
        client.describeDataset(
            DescribeDatasetRequest.builder().identityPoolId(POOL).identityId(IDENTITY).datasetName("d").build());
    assertThat(dataset.dataset().numRecords()).isEqualTo(3L);
    assertThat(dataset.dataset().lastModifiedDate()).isEqualTo(Instant.ofEpochSecond(1600000001L, 500_000_000L));

    server.enqueue(json(200, "{\"BulkPublishStatus\":\"IN_PROGRESS\",\"BulkPublishStartTime\":1600000000}"));
    GetBulkPublishDetailsResponse details =
        client.getBulkPublishDetails(GetBulkPublishDetailsRequest.builder().identityPoolId(POOL).build());
    assertThat(details.bulkPublishStatus()).isEqualTo(BulkPublishStatus.IN_PROGRESS);
  }

  @Test
  void setIdentityPoolConfigurationValidatesNestedShapesBeforeSending() {
    assertThatThrownBy(
            () ->
                SetIdentityPoolConfigurationRequest.builder()
                    .identityPoolId(POOL)
                    .pushSync(PushSync.builder().roleArn("not-an-arn-but-long-enough").build())
                    .build())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("SetIdentityPoolConfigurationRequest.pushSync.roleArn");
    assertThat(server.getRequestCount()).isZero();
  }

  @Test
  void rxVariantPerformsTheCallOnSubscription() throws Exception {
    server.enqueue(json(200, "{\"Dataset\":{\"DatasetName\":\"d\"}}"));
    DescribeDatasetRequest request =
        DescribeDatasetRequest.builder().identityPoolId(POOL).identityId(IDENTITY).datasetName("d").build();
    io.reactivex.rxjava3.core.Single<DescribeDatasetResponse> single = client.rx().describeDataset(request);
    assertThat(server.getRequestCount()).isZero();
    assertThat(single.blockingGet().dataset().datasetName()).isEqualTo("d");
    assertThat(take().getMethod()).isEqualTo("GET");
  }

  /** Re-signs what the server received with the AWS SDK's signer: proves the signature covers the wire bytes. */
  private static void assertSignatureMatchesAwsSdk(RecordedRequest request) {
    HttpUrl url = request.getUrl();
    String target = request.getTarget();
    String path = target.contains("?") ? target.substring(0, target.indexOf('?')) : target;
    String authorization = request.getHeaders().get("Authorization");
    String signed = authorization.substring(authorization.indexOf("SignedHeaders=") + 14);
    signed = signed.substring(0, signed.indexOf(','));
    SdkHttpFullRequest.Builder sdk =
        SdkHttpFullRequest.builder()
            .method(SdkHttpMethod.fromValue(request.getMethod()))
            .protocol("http")
            .host(url.host())
            .port(url.port())
            .encodedPath(path);
    for (int i = 0; i < url.querySize(); i++) {
      sdk.appendRawQueryParameter(url.queryParameterName(i), url.queryParameterValue(i));
    }
    for (String name : signed.split(";")) {
      if (!name.equals("host") && !name.equals("x-amz-date") && !name.equals("x-amz-security-token")) {
        sdk.putHeader(name, request.getHeaders().get(name));
      }
    }
    byte[] body = request.getBody() == null ? new byte[0] : request.getBody().toByteArray();
    sdk.contentStreamProvider(() -> new ByteArrayInputStream(body));
    Aws4SignerParams params =
        Aws4SignerParams.builder()
            .awsCredentials(
                AwsSessionCredentials.create(Fixtures.ACCESS_KEY, Fixtures.SECRET, Fixtures.SESSION_TOKEN))
            .signingName("cognito-sync")
            .signingRegion(Region.US_EAST_1)
            .doubleUrlEncode(true)
            .signingClockOverride(Clock.fixed(Fixtures.NOW, ZoneOffset.UTC))
            .build();
    String expected =
        Aws4Signer.create().sign(sdk.build(), params).firstMatchingHeader("Authorization").get();
    assertThat(authorization).isEqualTo(expected);
  }
}
