package dev.offsync.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.offsync.server.testing.RawClient;
import dev.offsync.server.testing.ServerTestSupport;
import java.time.Clock;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.MethodSource;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;

/** Raw JSON on the wire: member names, always-present members, timestamps, errors, routing, body limits. */
@ParameterizedClass(name = "[{index}] {0}")
@MethodSource("dev.offsync.server.testing.StoreFactories#all")
class WireFormatTest extends ServerTestSupport {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String IDENTITY = "us-east-1%3A11111111-2222-3333-4444-555555555555";
  private static final String DS = "/identitypools/" + POOL.replace(":", "%3A") + "/identities/" + IDENTITY
      + "/datasets/ds";

  @Override
  protected void configure(SyncServer.Builder b) {
    b.limits(ServerLimits.newBuilder().maxRequestBodyBytes(64 * 1024).build());
  }

  private RawClient.Reply call(String method, String path, String body) {
    return raw().signed(AwsBasicCredentials.create(DEV_KEY, DEV_SECRET), Clock.systemUTC(), method, path, body);
  }

  private static JsonNode json(RawClient.Reply r) throws Exception {
    return JSON.readTree(r.body());
  }

  private String token() throws Exception {
    return json(call("GET", DS + "/records", null)).get("SyncSessionToken").asText();
  }

  @Test
  void listAndUpdateCarryEveryMemberWithPlainDecimalTimestamps() throws Exception {
    RawClient.Reply empty = call("GET", DS + "/records?lastSyncCount=0", null);
    assertThat(empty.status()).isEqualTo(200);
    assertThat(empty.header("x-amzn-RequestId")).isNotBlank();
    assertThat(empty.header("Content-Type")).startsWith("application/json");
    JsonNode e = json(empty);
    assertThat(e.get("Records").isArray()).isTrue();
    assertThat(e.get("Count").asInt()).isZero();
    assertThat(e.get("DatasetSyncCount").isIntegralNumber()).isTrue();
    assertThat(e.get("DatasetExists").isBoolean()).isTrue();
    assertThat(e.get("DatasetDeletedAfterRequestedSyncCount").isBoolean()).isTrue();
    assertThat(e.get("SyncSessionToken").isTextual()).isTrue();

    String body = "{\"SyncSessionToken\":\"" + e.get("SyncSessionToken").asText() + "\",\"DeviceId\":\"dev\","
        + "\"RecordPatches\":[{\"Op\":\"replace\",\"Key\":\"a\",\"Value\":\"1\",\"SyncCount\":0,"
        + "\"DeviceLastModifiedDate\":1424801824.343},{\"Op\":\"remove\",\"Key\":\"b\",\"SyncCount\":0}]}";
    RawClient.Reply updated = call("POST", DS, body);
    assertThat(updated.status()).as(updated.body()).isEqualTo(200);
    JsonNode u = json(updated);
    assertThat(u.get("Records")).hasSize(2);
    JsonNode a = u.get("Records").get(0);
    assertThat(a.get("Key").asText()).isEqualTo("a");
    assertThat(a.get("SyncCount").asLong()).isEqualTo(1);
    assertThat(a.get("DeviceLastModifiedDate").decimalValue()).isEqualByComparingTo("1424801824.343");
    assertThat(u.get("Records").get(1).has("Value")).isFalse();
    // timestamps: epoch seconds, plain decimal, never exponent notation
    assertThat(updated.body()).containsPattern("\"LastModifiedDate\":\\d{10}(\\.\\d{1,3})?[,}]")
        .contains("\"DeviceLastModifiedDate\":1424801824.343").doesNotContainPattern("\\d[eE][+-]?\\d");

    JsonNode described = json(call("GET", DS, null)).get("Dataset");
    assertThat(described.fieldNames()).toIterable().contains("IdentityId", "DatasetName", "CreationDate",
        "LastModifiedDate", "LastModifiedBy", "DataStorage", "NumRecords");
  }

  @Test
  void emptyOutputsAreEmptyObjectsAndBothContentTypesAreAccepted() throws Exception {
    RawClient.Reply set = call("POST", "/identitypools/" + POOL.replace(":", "%3A") + "/events", "{\"Events\":{}}");
    assertThat(set.status()).isEqualTo(200);
    assertThat(set.body()).isEqualTo("{}");
    RawClient.Reply datasets = call("GET", "/identitypools/" + POOL.replace(":", "%3A") + "/identities/" + IDENTITY
        + "/datasets", null);
    assertThat(json(datasets).get("Datasets").isArray()).isTrue();
    assertThat(json(datasets).get("Count").asInt()).isZero();
  }

  @Test
  void errorsCarryTypeHeaderMessageAndRequestId() throws Exception {
    call("POST", DS, "{\"SyncSessionToken\":\"" + token()
        + "\",\"RecordPatches\":[{\"Op\":\"replace\",\"Key\":\"k\",\"Value\":\"v\",\"SyncCount\":0}]}");
    RawClient.Reply conflict = call("POST", DS, "{\"SyncSessionToken\":\"" + token()
        + "\",\"RecordPatches\":[{\"Op\":\"replace\",\"Key\":\"k\",\"Value\":\"v\",\"SyncCount\":0}]}");
    assertThat(conflict.status()).isEqualTo(409);
    assertThat(conflict.header("x-amzn-ErrorType")).isEqualTo("ResourceConflictException");
    assertThat(conflict.header("x-amzn-RequestId")).isNotBlank();
    assertThat(json(conflict).get("message").asText()).isEqualTo("Current SyncCount for: k is: 1 not: 0");
    assertThat(json(conflict).get("__type").asText()).isEqualTo("ResourceConflictException");
  }

  @Test
  void unknownRoutesAndMethodsAreJsonErrors() throws Exception {
    RawClient.Reply unknown = call("GET", "/no/such/thing", null);
    assertThat(unknown.status()).isEqualTo(404);
    assertThat(unknown.header("Content-Type")).startsWith("application/json");
    assertThat(json(unknown).get("message").asText()).isNotBlank();
    RawClient.Reply wrongMethod = call("PUT", DS, "{}");
    assertThat(wrongMethod.status()).isEqualTo(405);
    assertThat(json(wrongMethod).get("message").asText()).contains("PUT");
    RawClient.Reply badUri = raw().socket("GET /identitypools/%zz%%/x HTTP/1.1\r\nHost: 127.0.0.1\r\n"
        + "Connection: close\r\n\r\n");
    assertThat(badUri.status()).isBetween(400, 499);
    assertThat(badUri.header("Content-Type")).startsWith("application/json");
    RawClient.Reply health = raw().unsigned("GET", "/health", null);
    assertThat(health.status()).isEqualTo(200);
    assertThat(json(health).get("status").asText()).isEqualTo("UP");
  }

  @Test
  void malformedJsonWrongTypesAndOversizedBodiesAre400() throws Exception {
    String t = token();
    RawClient.Reply malformed = call("POST", DS, "{\"SyncSessionToken\":");
    assertThat(malformed.status()).isEqualTo(400);
    assertThat(malformed.header("x-amzn-ErrorType")).isEqualTo("InvalidParameterException");
    RawClient.Reply wrongType = call("POST", DS, "{\"SyncSessionToken\":\"" + t + "\",\"RecordPatches\":"
        + "[{\"Op\":\"replace\",\"Key\":\"k\",\"Value\":\"v\",\"SyncCount\":\"zero\"}]}");
    assertThat(wrongType.status()).isEqualTo(400);
    assertThat(json(wrongType).get("message").asText()).contains("SyncCount");
    RawClient.Reply notObject = call("POST", DS, "[1,2]");
    assertThat(notObject.status()).isEqualTo(400);
    String big = "{\"SyncSessionToken\":\"" + t + "\",\"RecordPatches\":[{\"Op\":\"replace\",\"Key\":\"k\","
        + "\"Value\":\"" + "x".repeat(70 * 1024) + "\",\"SyncCount\":0}]}";
    RawClient.Reply tooBig = call("POST", DS, big);
    assertThat(tooBig.status()).isEqualTo(400);
    assertThat(json(tooBig).get("message").asText()).contains("exceeds");
    RawClient.Reply chunkedTooBig = raw().unsigned("POST", DS, big, "Transfer-Encoding", "chunked");
    assertThat(chunkedTooBig.status()).isBetween(400, 403);
    // a gigabyte announced but never sent is refused at once, unread
    RawClient.Reply huge = raw().socket("POST " + DS + " HTTP/1.1\r\nHost: 127.0.0.1\r\n"
        + "Content-Type: application/json\r\nContent-Length: 1000000000\r\nConnection: close\r\n\r\n{");
    assertThat(huge.status()).isEqualTo(400);
    assertThat(huge.body()).contains("exceeds");
    assertThat(json(call("GET", DS + "/records", null)).get("DatasetExists").asBoolean()).isFalse();
  }

  @Test
  void androidStyleRequestsWithJsonContentTypeOnGetAreAccepted() throws Exception {
    // the Android SDK sends Content-Type: application/x-amz-json-1.1 on GETs, with no body
    RawClient.Reply r = raw().signed(AwsBasicCredentials.create(DEV_KEY, DEV_SECRET), Clock.systemUTC(), "GET",
        DS + "/records?maxResults=1024&lastSyncCount=0", null, "Content-Type", "application/x-amz-json-1.1");
    assertThat(r.status()).isEqualTo(200);
    assertThat(json(r).get("Records").isArray()).isTrue();
    RawClient.Reply post = raw().signed(AwsBasicCredentials.create(DEV_KEY, DEV_SECRET), Clock.systemUTC(), "POST",
        DS, "{\"SyncSessionToken\":\"" + token() + "\",\"RecordPatches\":[{\"Op\":\"replace\",\"Key\":\"k\","
            + "\"Value\":\"v\",\"SyncCount\":0}]}", "Content-Type", "application/x-amz-json-1.1");
    assertThat(post.status()).as(post.body()).isEqualTo(200);
  }
}
