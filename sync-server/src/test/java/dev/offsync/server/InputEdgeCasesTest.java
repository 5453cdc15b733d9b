package dev.offsync.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.offsync.server.testing.RawClient;
import dev.offsync.server.testing.ServerTestSupport;
import java.time.Clock;
import java.time.Duration;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.MethodSource;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.services.cognitosync.CognitoSyncClient;
import software.amazon.awssdk.services.cognitosync.model.InvalidParameterException;
import software.amazon.awssdk.services.cognitosync.model.Operation;
import software.amazon.awssdk.services.cognitosync.model.RecordPatch;

/**
 * Hostile or unusual request input at the edges: SigV4 header folding, huge timestamp exponents, a missing sync
 * session token, numbers beyond BigDecimal, unpaired surrogates; and no idle HTTP client threads without webhooks.
 */
@ParameterizedClass(name = "[{index}] {0}")
@MethodSource("dev.offsync.server.testing.StoreFactories#all")
class InputEdgeCasesTest extends ServerTestSupport {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String IDENTITY = "us-east-1%3A11111111-2222-3333-4444-555555555555";
  private static final String DS = "/identitypools/" + POOL.replace(":", "%3A") + "/identities/" + IDENTITY
      + "/datasets/ds";

  private RawClient.Reply call(String method, String path, String body, String... headers) {
    return raw().signed(AwsBasicCredentials.create(DEV_KEY, DEV_SECRET), Clock.systemUTC(), method, path, body,
        headers);
  }

  private static JsonNode json(RawClient.Reply r) throws Exception {
    return JSON.readTree(r.body());
  }

  private String token() throws Exception {
    return json(call("GET", DS + "/records", null)).get("SyncSessionToken").asText();
  }

  private String update(String token, String deviceLastModifiedDate) {
    return "{\"SyncSessionToken\":\"" + token + "\",\"RecordPatches\":[{\"Op\":\"replace\",\"Key\":\"k\","
        + "\"Value\":\"v\",\"SyncCount\":0,\"DeviceLastModifiedDate\":" + deviceLastModifiedDate + "}]}";
  }

  @Test
  void signedHeaderValuesFoldTabsLikeTheSdkSigner() {
    // SigV4 canonical header values fold every run of whitespace (tabs too) into one space, as the SDK's signer does
    RawClient.Reply r = call("GET", DS + "/records?lastSyncCount=0", null, "X-Probe", "a\t\tb  c\td");
    assertThat(r.status()).as(r.body()).isEqualTo(200);
  }

  @Test
  void timestampsWithHugeExponentsAreSettledPromptly() throws Exception {
    String t = token();
    assertTimeoutPreemptively(Duration.ofSeconds(20), () -> {
      RawClient.Reply huge = call("POST", DS, update(t, "1e300000000"));
      assertThat(huge.status()).as(huge.body()).isEqualTo(400);
      assertThat(huge.header("x-amzn-ErrorType")).isEqualTo("InvalidParameterException");
      assertThat(json(huge).get("message").asText()).contains("DeviceLastModifiedDate");
      assertThat(json(call("GET", DS + "/records", null)).get("DatasetExists").asBoolean()).isFalse();

      // a vanishingly small one is a valid instant: the epoch
      RawClient.Reply tiny = call("POST", DS, update(t, "1e-300000000"));
      assertThat(tiny.status()).as(tiny.body()).isEqualTo(200);
      assertThat(json(tiny).get("Records").get(0).get("DeviceLastModifiedDate").asLong()).isZero();
    });
  }

  @Test
  void missingSyncSessionTokenIsNotValidForTheseInputs() throws Exception {
    CognitoSyncClient sync = developer();
    String identityId = IDENTITY.replace("%3A", ":");
    assertThatThrownBy(() -> sync.updateRecords(r -> r.identityPoolId(POOL).identityId(identityId).datasetName("ds")
        .recordPatches(RecordPatch.builder().op(Operation.REPLACE).key("k").value("v").syncCount(0L).build())))
        .isInstanceOf(InvalidParameterException.class)
        .hasMessageContaining("SyncSessionToken not valid for these inputs");
    assertThat(json(call("GET", DS + "/records", null)).get("DatasetExists").asBoolean()).isFalse();
  }

  @Test
  void numbersBeyondBigDecimalAreMalformedJsonNotServerErrors() throws Exception {
    String t = token();
    for (String number : new String[] {"1e2147483648", "1e-99999999999"}) {
      RawClient.Reply r = call("POST", DS, update(t, number));
      assertThat(r.status()).as(r.body()).isEqualTo(400);
      assertThat(r.header("x-amzn-ErrorType")).isEqualTo("InvalidParameterException");
      assertThat(json(r).get("message").asText()).startsWith("Malformed JSON request body");
    }
    assertThat(json(call("GET", DS + "/records", null)).get("DatasetExists").asBoolean()).isFalse();
  }

  @Test
  void unpairedSurrogatesAreRefusedNotStoredAsQuestionMarks() throws Exception {
    String t = token();
    for (String patch : new String[] {"\"Key\":\"k\",\"Value\":\"a\\ud800b\"", "\"Key\":\"a\\udc00\",\"Value\":\"v\""}) {
      RawClient.Reply r = call("POST", DS, "{\"SyncSessionToken\":\"" + t + "\",\"RecordPatches\":[{\"Op\":\"replace\","
          + patch + ",\"SyncCount\":0}]}");
      assertThat(r.status()).as(r.body()).isEqualTo(400);
      assertThat(r.header("x-amzn-ErrorType")).isEqualTo("InvalidParameterException");
      assertThat(json(r).get("message").asText()).contains("RecordPatches.1.member.").contains("unpaired surrogate");
    }
    // a too-long key whose 64th char starts a pair: the message's excerpt must not split it
    String longKey = "a".repeat(63) + "\ud83d\ude00".repeat(1000);
    RawClient.Reply tooLong = call("POST", DS, "{\"SyncSessionToken\":\"" + t + "\",\"RecordPatches\":[{\"Op\":"
        + "\"replace\",\"Key\":\"" + longKey + "\",\"Value\":\"v\",\"SyncCount\":0}]}");
    assertThat(tooLong.status()).as(tooLong.body()).isEqualTo(400);
    assertThat(json(tooLong).get("message").asText()).contains("less than or equal to 1024");
    assertThat(json(call("GET", DS + "/records", null)).get("DatasetExists").asBoolean()).isFalse();
    // a proper pair (outside the BMP) is stored and returned unchanged
    RawClient.Reply ok = call("POST", DS, "{\"SyncSessionToken\":\"" + t + "\",\"RecordPatches\":[{\"Op\":\"replace\","
        + "\"Key\":\"k\",\"Value\":\"a\\ud83d\\ude00b\",\"SyncCount\":0}]}");
    assertThat(ok.status()).as(ok.body()).isEqualTo(200);
    assertThat(json(call("GET", DS + "/records", null)).get("Records").get(0).get("Value").asText())
        .isEqualTo("a\ud83d\ude00b");
  }

  private static Set<Thread> httpClientThreads() {
    return Thread.getAllStackTraces().keySet().stream()
        .filter(t -> t.isAlive() && t.getName().startsWith("HttpClient-")).collect(Collectors.toSet());
  }

  @Test
  void aServerWithoutSyncTriggerWebhooksStartsNoHttpClientThreads() {
    // the JDK HttpClient's selector thread lives until the client is garbage collected (JDK 17 cannot close it), so
    // every start of a server that never calls a webhook would leave one behind
    Set<Thread> before = httpClientThreads();
    restart();
    restart();
    Set<Thread> after = httpClientThreads();
    after.removeAll(before);
    assertThat(after).isEmpty();
  }
}
