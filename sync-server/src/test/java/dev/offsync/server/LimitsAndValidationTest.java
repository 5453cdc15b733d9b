package dev.offsync.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.offsync.server.testing.RawClient;
import dev.offsync.server.testing.ServerTestSupport;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.MethodSource;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.services.cognitosync.CognitoSyncClient;
import software.amazon.awssdk.services.cognitosync.model.InvalidParameterException;
import software.amazon.awssdk.services.cognitosync.model.LimitExceededException;
import software.amazon.awssdk.services.cognitosync.model.RecordPatch;

/** AWS's default limits and the validation of every constrained input. */
@ParameterizedClass(name = "[{index}] {0}")
@MethodSource("dev.offsync.server.testing.StoreFactories#all")
class LimitsAndValidationTest extends ServerTestSupport {
  private static final String IDENTITY = "us-east-1:11111111-2222-3333-4444-555555555555";
  private static final String ENC_POOL = POOL.replace(":", "%3A");
  private static final String ENC_ID = IDENTITY.replace(":", "%3A");
  private CognitoSyncClient sync;

  @BeforeEach
  void client() {
    sync = developer();
  }

  private void update(String dataset, RecordPatch... patches) {
    String token = sync.listRecords(r -> r.identityPoolId(POOL).identityId(IDENTITY).datasetName(dataset))
        .syncSessionToken();
    sync.updateRecords(r -> r.identityPoolId(POOL).identityId(IDENTITY).datasetName(dataset)
        .syncSessionToken(token).recordPatches(patches));
  }

  private long count(String dataset) {
    return sync.listRecords(r -> r.identityPoolId(POOL).identityId(IDENTITY).datasetName(dataset))
        .datasetSyncCount();
  }

  @Test
  void twentyDatasetsPerIdentity() {
    for (int i = 0; i < 20; i++) {
      update("ds" + i, RecordsApiTest.put("k", "v", 0));
    }
    assertThatThrownBy(() -> update("ds20", RecordsApiTest.put("k", "v", 0)))
        .isInstanceOf(LimitExceededException.class)
        .satisfies(e -> assertThat(((LimitExceededException) e).statusCode()).isEqualTo(400));
    assertThat(sync.listDatasets(r -> r.identityPoolId(POOL).identityId(IDENTITY)).count()).isEqualTo(20);
    // deleting one makes room again
    sync.deleteDataset(r -> r.identityPoolId(POOL).identityId(IDENTITY).datasetName("ds0"));
    update("ds20", RecordsApiTest.put("k", "v", 0));
  }

  @Test
  void recordsPerDatasetCountLiveRecordsOnly() {
    List<RecordPatch> patches = new ArrayList<>();
    for (int i = 0; i < 1024; i++) {
      patches.add(RecordsApiTest.put("k" + i, "v", 0));
    }
    update("ds", patches.toArray(RecordPatch[]::new));
    assertThatThrownBy(() -> update("ds", RecordsApiTest.put("one-more", "v", 0)))
        .isInstanceOf(LimitExceededException.class);
    assertThat(count("ds")).isEqualTo(1);
    // a remove frees a slot (tombstones do not count), after which a new key fits
    update("ds", RecordsApiTest.remove("k0", 1));
    update("ds", RecordsApiTest.put("one-more", "v", 0));
    assertThat(sync.describeDataset(r -> r.identityPoolId(POOL).identityId(IDENTITY).datasetName("ds")).dataset()
        .numRecords()).isEqualTo(1024);
  }

  @Test
  void oneMegabytePerDatasetInUtf8Bytes() {
    // key "a" (1 byte) + value of 1,048,575 bytes = exactly 1 MiB: allowed
    update("ds", RecordsApiTest.put("a", "x".repeat(1_048_575), 0));
    assertThatThrownBy(() -> update("ds", RecordsApiTest.put("b", "", 0)))
        .isInstanceOf(LimitExceededException.class); // +1 byte for the key
    assertThat(count("ds")).isEqualTo(1);
    // multi-byte characters count in UTF-8 bytes: 349,525 x "€" = 1,048,575 bytes
    update("euro", RecordsApiTest.put("e", "€".repeat(349_525), 0));
    assertThatThrownBy(() -> update("euro2", RecordsApiTest.put("ee", "€".repeat(349_525), 0)))
        .isInstanceOf(LimitExceededException.class);
    // shrinking an over-large value is fine
    update("ds", RecordsApiTest.put("a", "small", 1));
    update("ds", RecordsApiTest.put("b", "", 0));
  }

  private RawClient.Reply signed(String method, String path, String body) {
    return raw().signed(AwsBasicCredentials.create(DEV_KEY, DEV_SECRET), Clock.systemUTC(), method, path, body);
  }

  private void assertInvalid(RawClient.Reply r, String field) {
    assertThat(r.status()).as(r.body()).isEqualTo(400);
    assertThat(r.header("x-amzn-ErrorType")).isEqualTo("InvalidParameterException");
    assertThat(r.body()).contains(field);
  }

  @Test
  void everyConstrainedPathAndQueryInputIsValidated() {
    String longId = "us-east-1:" + "a".repeat(50);
    assertInvalid(signed("GET", "/identitypools/nocolon/identities/" + ENC_ID + "/datasets", null), "IdentityPoolId");
    assertInvalid(signed("GET", "/identitypools/us-east-1%3AXYZ/identities/" + ENC_ID + "/datasets", null),
        "IdentityPoolId");
    assertInvalid(signed("GET", "/identitypools/" + ENC_POOL + "/identities/" + longId.replace(":", "%3A")
        + "/datasets", null), "IdentityId");
    assertInvalid(signed("GET", "/identitypools/" + ENC_POOL + "/identities/bad/datasets", null), "IdentityId");
    String ds = "/identitypools/" + ENC_POOL + "/identities/" + ENC_ID + "/datasets/";
    assertInvalid(signed("GET", ds + "bad%20name", null), "DatasetName");
    assertInvalid(signed("GET", ds + "x".repeat(129), null), "DatasetName");
    assertThat(signed("GET", ds + "x".repeat(128) + "/records", null).status()).isEqualTo(200);
    assertThat(signed("GET", ds + "a.b_c-d%3Ae/records", null).status()).isEqualTo(200);
    assertInvalid(signed("GET", ds + "d/records?maxResults=0", null), "MaxResults");
    assertInvalid(signed("GET", ds + "d/records?maxResults=abc", null), "MaxResults");
    assertInvalid(signed("GET", ds + "d/records?lastSyncCount=-1", null), "LastSyncCount");
    assertInvalid(signed("GET", ds + "d/records?lastSyncCount=x", null), "LastSyncCount");
    assertInvalid(signed("GET", ds + "d/records?nextToken=forged", null), "NextToken");
    assertInvalid(signed("GET", "/identitypools/" + ENC_POOL + "/identities/" + ENC_ID + "/datasets?maxResults=-5",
        null), "MaxResults");
    assertInvalid(signed("GET", "/identitypools?maxResults=0", null), "MaxResults");
  }

  @Test
  void everyConstrainedBodyInputIsValidated() throws Exception {
    String path = "/identitypools/" + ENC_POOL + "/identities/" + ENC_ID + "/datasets/d";
    String token = sync.listRecords(r -> r.identityPoolId(POOL).identityId(IDENTITY).datasetName("d"))
        .syncSessionToken();
    String head = "{\"SyncSessionToken\":\"" + token + "\",";
    assertInvalid(signed("POST", path, head + "\"RecordPatches\":[{\"Op\":\"upsert\",\"Key\":\"k\",\"Value\":\"v\","
        + "\"SyncCount\":0}]}"), "RecordPatches.1.member.Op");
    assertInvalid(signed("POST", path, head + "\"RecordPatches\":[{\"Op\":\"replace\",\"Key\":\"\",\"Value\":\"v\","
        + "\"SyncCount\":0}]}"), "RecordPatches.1.member.Key");
    assertInvalid(signed("POST", path, head + "\"RecordPatches\":[{\"Op\":\"replace\",\"Key\":\"" + "k".repeat(1025)
        + "\",\"Value\":\"v\",\"SyncCount\":0}]}"), "RecordPatches.1.member.Key");
    assertInvalid(signed("POST", path, head + "\"RecordPatches\":[{\"Op\":\"replace\",\"Key\":\"k\",\"Value\":\""
        + "v".repeat(1_048_576) + "\",\"SyncCount\":0}]}"), "RecordPatches.1.member.Value");
    assertInvalid(signed("POST", path, head + "\"RecordPatches\":[{\"Op\":\"replace\",\"Key\":\"k\","
        + "\"SyncCount\":0}]}"), "RecordPatches.1.member.Value");
    assertInvalid(signed("POST", path, head + "\"RecordPatches\":[{\"Op\":\"replace\",\"Key\":\"k\",\"Value\":\"v\"}]}"),
        "RecordPatches.1.member.SyncCount");
    assertInvalid(signed("POST", path, head + "\"RecordPatches\":[{\"Op\":\"replace\",\"Key\":\"k\",\"Value\":\"v\","
        + "\"SyncCount\":-1}]}"), "RecordPatches.1.member.SyncCount");
    assertInvalid(signed("POST", path, head + "\"RecordPatches\":[{\"Op\":\"replace\",\"Key\":\"k\",\"Value\":\"v\","
        + "\"SyncCount\":0,\"DeviceLastModifiedDate\":\"yesterday\"}]}"), "DeviceLastModifiedDate");
    assertInvalid(signed("POST", path, head + "\"RecordPatches\":[{\"Op\":\"replace\",\"Key\":\"k\",\"Value\":\"v\","
        + "\"SyncCount\":0},{\"Op\":\"remove\",\"Key\":\"k\",\"SyncCount\":0}]}"), "Duplicate key");
    assertInvalid(signed("POST", path, head + "\"DeviceId\":\"\",\"RecordPatches\":[]}"), "DeviceId");
    assertInvalid(signed("POST", path, head + "\"RecordPatches\":{}}"), "RecordPatches");
    assertInvalid(signed("POST", path, "{\"RecordPatches\":[]}"), "SyncSessionToken");
    assertThat(count("d")).isZero();

    String pool = "/identitypools/" + ENC_POOL;
    assertInvalid(signed("POST", pool + "/configuration", "{\"CognitoStreams\":{\"StreamName\":\"\"}}"),
        "CognitoStreams.StreamName");
    assertInvalid(signed("POST", pool + "/configuration", "{\"CognitoStreams\":{\"StreamingStatus\":\"ON\"}}"),
        "CognitoStreams.StreamingStatus");
    assertInvalid(signed("POST", pool + "/configuration", "{\"PushSync\":{\"RoleArn\":\"arn:aws:iam::123456:user/someone\"}}"),
        "PushSync.RoleArn");
    assertInvalid(signed("POST", pool + "/events", "{}"), "Events");
    assertInvalid(signed("POST", pool + "/events", "{\"Events\":{\"SyncTrigger\":5}}"), "Events.SyncTrigger");
  }

  @Test
  void deviceOperationsValidateTheirInputs() {
    Identity me = newIdentity(POOL);
    String base = "/identitypools/" + ENC_POOL + "/identity/" + me.identityId().replace(":", "%3A") + "/device";
    RawClient.Reply noToken = raw().signed(me.credentials(), Clock.systemUTC(), "POST", base, "{\"Platform\":\"GCM\"}");
    assertInvalid(noToken, "Token");
    RawClient.Reply badPlatform = raw().signed(me.credentials(), Clock.systemUTC(), "POST", base,
        "{\"Platform\":\"gcm\",\"Token\":\"t\"}");
    assertInvalid(badPlatform, "Platform");
    String sub = "/identitypools/" + ENC_POOL + "/identities/" + me.identityId().replace(":", "%3A")
        + "/datasets/d/subscriptions/" + "x".repeat(257);
    assertInvalid(raw().signed(me.credentials(), Clock.systemUTC(), "POST", sub, null), "DeviceId");
  }

  @Test
  void invalidIdsFromTheSdkAreTypedExceptions() {
    assertThatThrownBy(() -> sync.listDatasets(r -> r.identityPoolId(POOL).identityId("not-an-id")))
        .isInstanceOf(InvalidParameterException.class).hasMessageContaining("IdentityId");
  }
}
