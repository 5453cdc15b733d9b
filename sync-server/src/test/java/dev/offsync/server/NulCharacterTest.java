package dev.offsync.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.offsync.server.testing.ServerTestSupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.MethodSource;
import software.amazon.awssdk.services.cognitosync.CognitoSyncClient;
import software.amazon.awssdk.services.cognitosync.model.InvalidParameterException;
import software.amazon.awssdk.services.cognitosync.model.ListRecordsResponse;
import software.amazon.awssdk.services.cognitosync.model.Platform;
import software.amazon.awssdk.services.cognitosync.model.RecordPatch;

/**
 * U+0000 (which PostgreSQL text cannot hold) is refused the same way on every store: 400 InvalidParameterException
 * naming the field, and nothing is written.
 */
@ParameterizedClass(name = "[{index}] {0}")
@MethodSource("dev.offsync.server.testing.StoreFactories#all")
class NulCharacterTest extends ServerTestSupport {
  private static final String IDENTITY = "us-east-1:11111111-2222-3333-4444-555555555555";

  private void update(CognitoSyncClient sync, String deviceId, RecordPatch... patches) {
    String token = sync.listRecords(r -> r.identityPoolId(POOL).identityId(IDENTITY).datasetName("d"))
        .syncSessionToken();
    sync.updateRecords(r -> r.identityPoolId(POOL).identityId(IDENTITY).datasetName("d").deviceId(deviceId)
        .syncSessionToken(token).recordPatches(patches));
  }

  private static void assertRejected(Runnable call, String field) {
    assertThatThrownBy(call::run)
        .isInstanceOf(InvalidParameterException.class)
        .satisfies(e -> assertThat(((InvalidParameterException) e).statusCode()).isEqualTo(400))
        .hasMessageContaining("at '" + field + "' failed to satisfy constraint: Member must not contain U+0000");
  }

  @Test
  void recordKeysValuesAndDeviceIdsWithNulAreRefusedAndNothingIsWritten() {
    CognitoSyncClient sync = developer();
    assertRejected(() -> update(sync, null, RecordsApiTest.put("a\u0000b", "v", 0)), "RecordPatches.1.member.Key");
    assertRejected(() -> update(sync, null, RecordsApiTest.put("fine", "v", 0), RecordsApiTest.put("k", "x\u0000", 0)),
        "RecordPatches.2.member.Value");
    assertRejected(() -> update(sync, "device\u0000", RecordsApiTest.put("k", "v", 0)), "DeviceId");

    ListRecordsResponse listed =
        sync.listRecords(r -> r.identityPoolId(POOL).identityId(IDENTITY).datasetName("d"));
    assertThat(listed.datasetExists()).isFalse();
    assertThat(listed.records()).isEmpty();

    // the neighbours of U+0000 are ordinary characters and round-trip on every store
    update(sync, null, RecordsApiTest.put("a\u0001b", "\u0001\uFFFF\uD83D\uDE00", 0));
    assertThat(sync.listRecords(r -> r.identityPoolId(POOL).identityId(IDENTITY).datasetName("d")).records())
        .singleElement()
        .satisfies(rec -> {
          assertThat(rec.key()).isEqualTo("a\u0001b");
          assertThat(rec.value()).isEqualTo("\u0001\uFFFF\uD83D\uDE00");
        });
  }

  @Test
  void pushTokensWithNulAreRefused() {
    Identity me = newIdentity(POOL);
    CognitoSyncClient mine = syncClient(me.credentials());
    assertRejected(() -> mine.registerDevice(r -> r.identityPoolId(POOL).identityId(me.identityId())
        .platform(Platform.GCM).token("push\u0000token")), "Token");
  }
}
