package dev.offsync.http.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The model's constraints are checked when a request is built, and the error names the field. */
class ModelValidationTest {
  private static final String POOL = "us-east-1:0f0e4a7c-1111-2222-3333-444455556666";
  private static final String IDENTITY = "us-east-1:9a8b7c6d-aaaa-bbbb-cccc-ddddeeeeffff";

  private static ListRecordsRequest.Builder list() {
    return ListRecordsRequest.builder().identityPoolId(POOL).identityId(IDENTITY).datasetName("d");
  }

  @Test
  void requiredMembers() {
    assertThatThrownBy(() -> ListRecordsRequest.builder().identityPoolId(POOL).datasetName("d").build())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("ListRecordsRequest.identityId is required");
    assertThatThrownBy(() -> UpdateRecordsRequest.builder().identityPoolId(POOL).identityId(IDENTITY)
        .datasetName("d").build())
        .hasMessage("UpdateRecordsRequest.syncSessionToken is required");
    assertThatThrownBy(() -> RecordPatch.builder().key("k").syncCount(0L).build())
        .hasMessage("RecordPatch.op is required");
    assertThatThrownBy(() -> RegisterDeviceRequest.builder().identityPoolId(POOL).identityId(IDENTITY)
        .token("t").build())
        .hasMessage("RegisterDeviceRequest.platform is required");
  }

  @Test
  void lengthsAndPatterns() {
    assertThatThrownBy(() -> list().datasetName("has space").build())
        .hasMessageStartingWith("ListRecordsRequest.datasetName must match [a-zA-Z0-9_.:-]+");
    assertThatThrownBy(() -> list().datasetName(repeat("a", 129)).build())
        .hasMessage("ListRecordsRequest.datasetName must be 1..128 characters long but is 129");
    assertThatThrownBy(() -> list().identityPoolId("no-colon").build())
        .hasMessageStartingWith("ListRecordsRequest.identityPoolId must match");
    assertThatThrownBy(() -> list().identityId("us-east-1:" + repeat("a", 50)).build())
        .hasMessageContaining("ListRecordsRequest.identityId must be 1..55 characters long");
    assertThatThrownBy(() -> RecordPatch.builder().op(Operation.REPLACE).key("").syncCount(0L).build())
        .hasMessage("RecordPatch.key must be 1..1024 characters long but is 0");
    assertThatThrownBy(() -> SubscribeToDatasetRequest.builder().identityPoolId(POOL).identityId(IDENTITY)
        .datasetName("d").deviceId("").build())
        .hasMessageContaining("SubscribeToDatasetRequest.deviceId must be 1..256");
    assertThat(list().datasetName("a.b-c_d:9").build().datasetName()).isEqualTo("a.b-c_d:9");
  }

  @Test
  void nestedAndCollectionConstraints() {
    Map<String, String> two = new HashMap<>();
    two.put("SyncTrigger", "a");
    two.put("Other", "b");
    assertThatThrownBy(() -> SetCognitoEventsRequest.builder().identityPoolId(POOL).events(two).build())
        .hasMessage("SetCognitoEventsRequest.events must have 0..1 entries but has 2");
    assertThatThrownBy(() -> SetIdentityPoolConfigurationRequest.builder().identityPoolId(POOL)
        .pushSync(PushSync.builder().applicationArns(Arrays.asList("arn:aws:sns:us-east-1:1:app/GCM/ok", "bad"))
            .build())
        .build())
        .hasMessageStartingWith("SetIdentityPoolConfigurationRequest.pushSync.applicationArns[1] must match");
    assertThatThrownBy(() -> SetIdentityPoolConfigurationRequest.builder().identityPoolId(POOL)
        .cognitoStreams(CognitoStreams.builder().streamName("").build()).build())
        .hasMessageContaining("SetIdentityPoolConfigurationRequest.cognitoStreams.streamName must be 1..128");
    // response shapes accept whatever the service sends
    assertThat(PushSync.builder().roleArn("x").build().roleArn()).isEqualTo("x");
  }

  @Test
  void buildersAreNullHostileAndCopyOnWrite() {
    assertThatThrownBy(() -> list().nextToken(null))
        .isInstanceOf(NullPointerException.class)
        .hasMessage("nextToken == null");
    RecordPatch patch = RecordPatch.builder().op(Operation.REMOVE).key("k").syncCount(3L).build();
    java.util.List<RecordPatch> patches = new java.util.ArrayList<>(Arrays.asList(patch));
    UpdateRecordsRequest request = UpdateRecordsRequest.builder().identityPoolId(POOL).identityId(IDENTITY)
        .datasetName("d").syncSessionToken("s").recordPatches(patches).build();
    patches.clear();
    assertThat(request.recordPatches()).containsExactly(patch);
    assertThatThrownBy(() -> request.recordPatches().add(patch)).isInstanceOf(UnsupportedOperationException.class);
    UpdateRecordsRequest copy = request.newBuilder().deviceId("dev").build();
    assertThat(copy).isNotEqualTo(request);
    assertThat(copy.newBuilder().build()).isEqualTo(copy).hasSameHashCodeAs(copy);
    assertThat(Operation.fromValue("remove")).isSameAs(Operation.REMOVE);
    assertThatThrownBy(() -> Operation.fromValue("upsert")).isInstanceOf(IllegalArgumentException.class);
    assertThat(BulkPublishStatus.fromValue("LATER")).isSameAs(BulkPublishStatus.UNKNOWN_TO_SDK_VERSION);
  }

  private static String repeat(String s, int n) {
    StringBuilder out = new StringBuilder();
    for (int i = 0; i < n; i++) {
      out.append(s);
    }
    return out.toString();
  }
}
