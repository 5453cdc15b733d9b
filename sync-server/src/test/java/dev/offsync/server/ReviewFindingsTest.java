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

/** Regression tests for defects found in an adversarial review of the server. */
@ParameterizedClass(name = "[{index}] {0}")
@MethodSource("dev.offsync.server.testing.StoreFactories#all")
class ReviewFindingsTest extends ServerTestSupport {
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
}
