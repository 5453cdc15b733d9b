package dev.offsync.app.internal.awscli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.offsync.app.internal.CliRun;
import dev.offsync.http.model.CognitoStreams;
import dev.offsync.http.model.ListRecordsRequest;
import dev.offsync.http.model.ListRecordsResponse;
import dev.offsync.http.model.Operation;
import dev.offsync.http.model.Platform;
import dev.offsync.http.model.PushSync;
import dev.offsync.http.model.Record;
import dev.offsync.http.model.RecordPatch;
import dev.offsync.http.model.RegisterDeviceRequest;
import dev.offsync.http.model.SetCognitoEventsRequest;
import dev.offsync.http.model.SetIdentityPoolConfigurationRequest;
import dev.offsync.http.model.StreamingStatus;
import dev.offsync.http.model.UpdateRecordsRequest;
import dev.offsync.http.model.UpdateRecordsResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The AWS CLI syntax of {@code offsync cognito-sync}, up to the request handed to sync-http. */
class CognitoSyncSyntaxTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String POOL = "us-east-1:0d3b5a52-5d1f-4c1b-9a4e-3c1f0e0c2a11";
  private static final String IDENTITY = "us-east-1:11111111-2222-3333-4444-555555555555";
  private static final String[] UPDATE = {
      "cognito-sync", "update-records", "--endpoint-url", "http://127.0.0.1:1",
      "--identity-pool-id", POOL, "--identity-id", IDENTITY, "--dataset-name", "settings",
      "--sync-session-token", "tok"};

  /** Records each request and answers with a canned response. */
  private static final class Recorder implements OperationInvoker {
    final List<Object> requests = new ArrayList<>();
    final List<ClientSettings> settings = new ArrayList<>();
    Object response;

    @Override
    public Object invoke(OperationModel operation, Object request, ClientSettings clientSettings) {
      requests.add(request);
      settings.add(clientSettings);
      return response;
    }
  }

  private static String[] concat(String[] head, String... tail) {
    String[] all = new String[head.length + tail.length];
    System.arraycopy(head, 0, all, 0, head.length);
    System.arraycopy(tail, 0, all, head.length, tail.length);
    return all;
  }

  private static UpdateRecordsRequest.Builder update() {
    return UpdateRecordsRequest.builder()
        .identityPoolId(POOL).identityId(IDENTITY).datasetName("settings").syncSessionToken("tok");
  }

  @Test
  void recordPatchesInShorthandSyntax() {
    Recorder recorder = new Recorder();
    recorder.response = UpdateRecordsResponse.builder().build();
    CliRun run = CliRun.run(recorder, concat(UPDATE, "--record-patches",
        "Op=replace,Key=k,Value=v,SyncCount=0", "Op=remove,Key=x,SyncCount=3",
        "Op=replace,Key=list,Value='[\"milk\",\"eggs\"]',SyncCount=7,DeviceLastModifiedDate=2024-05-01T12:00:00Z"));

    assertThat(run.exitCode).as(run.toString()).isZero();
    assertThat(recorder.requests).containsExactly(update().recordPatches(
        RecordPatch.builder().op(Operation.REPLACE).key("k").value("v").syncCount(0L).build(),
        RecordPatch.builder().op(Operation.REMOVE).key("x").syncCount(3L).build(),
        RecordPatch.builder().op(Operation.REPLACE).key("list").value("[\"milk\",\"eggs\"]").syncCount(7L)
            .deviceLastModifiedDate(Instant.parse("2024-05-01T12:00:00Z")).build()).build());
    assertThat(recorder.settings.get(0)).isEqualTo(new ClientSettings("http://127.0.0.1:1", "us-east-1"));
  }

  @Test
  void recordPatchesInJsonSyntax() {
    Recorder recorder = new Recorder();
    recorder.response = UpdateRecordsResponse.builder().build();
    CliRun run = CliRun.run(recorder, concat(UPDATE, "--record-patches",
        "[{\"Op\":\"replace\",\"Key\":\"k\",\"Value\":\"v\",\"SyncCount\":0},"
            + "{\"Op\":\"remove\",\"Key\":\"x\",\"SyncCount\":3,\"DeviceLastModifiedDate\":1714564800}]"));

    assertThat(run.exitCode).as(run.toString()).isZero();
    assertThat(recorder.requests).containsExactly(update().recordPatches(
        RecordPatch.builder().op(Operation.REPLACE).key("k").value("v").syncCount(0L).build(),
        RecordPatch.builder().op(Operation.REMOVE).key("x").syncCount(3L)
            .deviceLastModifiedDate(Instant.ofEpochSecond(1714564800L)).build()).build());
  }

  @Test
  void jsonSyntaxIsTypeChecked() {
    CliRun run = CliRun.run(new Recorder(), concat(UPDATE, "--record-patches",
        "[{\"Op\":\"replace\",\"Key\":\"k\",\"SyncCount\":\"0\"}]"));

    assertThat(run.exitCode).isEqualTo(2);
    assertThat(run.err.strip()).doesNotContain("\n")
        .contains("Invalid type for parameter RecordPatches[0].SyncCount: \"0\", expected an integer");
  }

  @Test
  void shorthandErrorsNameTheParameter() {
    Recorder recorder = new Recorder();
    CliRun badEnum = CliRun.run(recorder, concat(UPDATE, "--record-patches", "Op=upsert,Key=k,SyncCount=0"));
    CliRun unknown = CliRun.run(recorder, concat(UPDATE, "--record-patches", "Op=replace,Kee=k,SyncCount=0"));
    CliRun missing = CliRun.run(recorder, concat(UPDATE, "--record-patches", "Op=replace,Key=k"));
    CliRun notANumber = CliRun.run(recorder, concat(UPDATE, "--record-patches", "Op=replace,Key=k,SyncCount=x"));

    assertThat(List.of(badEnum, unknown, missing, notANumber)).allSatisfy(r -> {
      assertThat(r.exitCode).isEqualTo(2);
      assertThat(r.err.strip()).doesNotContain("\n");
    });
    assertThat(badEnum.err).contains("RecordPatches[0].Op: \"upsert\", valid choices: replace | remove");
    assertThat(unknown.err).contains("Unknown parameter in RecordPatches[0]: \"Kee\"");
    assertThat(missing.err).contains("Missing required parameter in RecordPatches[0]: \"SyncCount\"");
    assertThat(notANumber.err).contains("RecordPatches[0].SyncCount: \"x\", expected an integer");
    assertThat(recorder.requests).isEmpty();
  }

  @Test
  void modelConstraintsAreCheckedBeforeSending() {
    Recorder recorder = new Recorder();
    CliRun run = CliRun.run(recorder, "cognito-sync", "list-records", "--identity-pool-id", POOL,
        "--identity-id", IDENTITY, "--dataset-name", "my dataset!");

    assertThat(run.exitCode).isEqualTo(2);
    assertThat(run.err).contains("DatasetName: \"my dataset!\" must match [a-zA-Z0-9_.:-]+");
    assertThat(recorder.requests).isEmpty();
  }

  @Test
  void missingRequiredArgumentsAreListed() {
    CliRun run = CliRun.run(new Recorder(), "cognito-sync", "update-records", "--identity-pool-id", POOL);

    assertThat(run.exitCode).isEqualTo(2);
    assertThat(run.err.strip())
        .isEqualTo("offsync cognito-sync update-records: the following arguments are required: --identity-id, "
            + "--dataset-name, --sync-session-token (see 'offsync cognito-sync update-records --help')");
  }

  @Test
  void cliInputJsonIsMergedWithCommandLineValuesWinning() {
    Recorder recorder = new Recorder();
    recorder.response = UpdateRecordsResponse.builder().build();
    String input = "{\"IdentityPoolId\":\"" + POOL + "\",\"IdentityId\":\"" + IDENTITY + "\","
        + "\"DatasetName\":\"from-json\",\"SyncSessionToken\":\"json-token\",\"DeviceId\":\"d1\","
        + "\"RecordPatches\":[{\"Op\":\"replace\",\"Key\":\"a\",\"Value\":\"1\",\"SyncCount\":0}]}";
    CliRun run = CliRun.run(recorder, "cognito-sync", "update-records", "--cli-input-json", input,
        "--dataset-name", "from-cli", "--record-patches", "Op=remove,Key=b,SyncCount=2");

    assertThat(run.exitCode).as(run.toString()).isZero();
    assertThat(recorder.requests).containsExactly(UpdateRecordsRequest.builder()
        .identityPoolId(POOL).identityId(IDENTITY).datasetName("from-cli").syncSessionToken("json-token")
        .deviceId("d1")
        .recordPatches(RecordPatch.builder().op(Operation.REMOVE).key("b").syncCount(2L).build())
        .build());
  }

  @Test
  void valuesTheCommandLineOverridesAreNotCheckedInTheJson() {
    Recorder recorder = new Recorder();
    recorder.response = dev.offsync.http.model.DescribeDatasetResponse.builder().build();
    CliRun skeleton = CliRun.run(recorder, "cognito-sync", "describe-dataset", "--generate-cli-skeleton");
    String filled = skeleton.out.replace("\"IdentityPoolId\": \"\"", "\"IdentityPoolId\": \"" + POOL + "\"")
        .replace("\"IdentityId\": \"\"", "\"IdentityId\": \"" + IDENTITY + "\"");

    CliRun run = CliRun.run(recorder, "cognito-sync", "describe-dataset", "--cli-input-json", filled,
        "--dataset-name", "notes");
    CliRun notOverridden = CliRun.run(recorder, "cognito-sync", "describe-dataset", "--cli-input-json", filled);

    assertThat(run.exitCode).as(run.toString()).isZero();
    assertThat(recorder.requests).containsExactly(dev.offsync.http.model.DescribeDatasetRequest.builder()
        .identityPoolId(POOL).identityId(IDENTITY).datasetName("notes").build());
    assertThat(notOverridden.exitCode).isEqualTo(2);
    assertThat(notOverridden.err).contains("Invalid length for parameter DatasetName: 0, valid min length: 1");
  }

  @Test
  void cliInputJsonAndValuesCanComeFromFiles(@TempDir Path dir) throws Exception {
    Path input = dir.resolve("input.json");
    Files.writeString(input, "{\"IdentityPoolId\":\"" + POOL + "\",\"IdentityId\":\"" + IDENTITY + "\","
        + "\"DatasetName\":\"settings\",\"LastSyncCount\":5,\"MaxResults\":10}", StandardCharsets.UTF_8);
    Path token = dir.resolve("token.txt");
    Files.writeString(token, "file-token", StandardCharsets.UTF_8);
    Recorder recorder = new Recorder();
    recorder.response = ListRecordsResponse.builder().build();

    CliRun run = CliRun.run(recorder, "cognito-sync", "list-records", "--cli-input-json", "file://" + input,
        "--sync-session-token", "file://" + token, "--next-token", "n2");

    assertThat(run.exitCode).as(run.toString()).isZero();
    assertThat(recorder.requests).containsExactly(ListRecordsRequest.builder()
        .identityPoolId(POOL).identityId(IDENTITY).datasetName("settings").lastSyncCount(5L).maxResults(10)
        .syncSessionToken("file-token").nextToken("n2").build());
  }

  @Test
  void cliInputJsonRejectsUnknownMembersAndBadJson() {
    CliRun unknown = CliRun.run(new Recorder(), "cognito-sync", "list-records", "--cli-input-json",
        "{\"IdentityPoolId\":\"" + POOL + "\",\"Colour\":\"red\"}");
    CliRun malformed = CliRun.run(new Recorder(), "cognito-sync", "list-records", "--cli-input-json", "{\"a\":");

    assertThat(unknown.exitCode).isEqualTo(2);
    assertThat(unknown.err).contains("Unknown parameter in input: \"Colour\", must be one of: IdentityPoolId, "
        + "IdentityId, DatasetName, LastSyncCount, NextToken, MaxResults, SyncSessionToken");
    assertThat(malformed.exitCode).isEqualTo(2);
    assertThat(malformed.err).contains("Invalid JSON for --cli-input-json");
  }

  @Test
  void structuresAndMapsInShorthandAndJson() {
    Recorder recorder = new Recorder();
    recorder.response = dev.offsync.http.model.SetIdentityPoolConfigurationResponse.builder().build();
    String role = "arn:aws:iam::123456789012:role/sync";
    String app = "arn:aws:sns:us-east-1:123456789012:app/GCM/demo";
    CliRun shorthand = CliRun.run(recorder, "cognito-sync", "set-identity-pool-configuration",
        "--identity-pool-id", POOL, "--push-sync", "ApplicationArns=[" + app + "],RoleArn=" + role,
        "--cognito-streams", "StreamName=events,RoleArn=" + role + ",StreamingStatus=ENABLED");
    CliRun json = CliRun.run(recorder, "cognito-sync", "set-identity-pool-configuration",
        "--identity-pool-id", POOL, "--push-sync", "{\"ApplicationArns\":[\"" + app + "\"],\"RoleArn\":\"" + role + "\"}",
        "--cognito-streams", "{\"StreamName\":\"events\",\"RoleArn\":\"" + role + "\",\"StreamingStatus\":\"ENABLED\"}");
    recorder.response = dev.offsync.http.model.SetCognitoEventsResponse.builder().build();
    CliRun events = CliRun.run(recorder, "cognito-sync", "set-cognito-events", "--identity-pool-id", POOL,
        "--events", "SyncTrigger=arn:aws:lambda:us-east-1:123456789012:function:f");
    recorder.response = dev.offsync.http.model.RegisterDeviceResponse.builder().deviceId("dev-1").build();
    CliRun register = CliRun.run(recorder, "cognito-sync", "register-device", "--identity-pool-id", POOL,
        "--identity-id", IDENTITY, "--platform", "GCM", "--token", "push-token");

    assertThat(List.of(shorthand, json, events, register)).allSatisfy(r -> assertThat(r.exitCode).as(r.toString()).isZero());
    SetIdentityPoolConfigurationRequest expected = SetIdentityPoolConfigurationRequest.builder()
        .identityPoolId(POOL)
        .pushSync(PushSync.builder().applicationArns(app).roleArn(role).build())
        .cognitoStreams(CognitoStreams.builder().streamName("events").roleArn(role)
            .streamingStatus(StreamingStatus.ENABLED).build())
        .build();
    assertThat(recorder.requests).containsExactly(
        expected,
        expected,
        SetCognitoEventsRequest.builder().identityPoolId(POOL)
            .events(Map.of("SyncTrigger", "arn:aws:lambda:us-east-1:123456789012:function:f")).build(),
        RegisterDeviceRequest.builder().identityPoolId(POOL).identityId(IDENTITY).platform(Platform.GCM)
            .token("push-token").build());
    assertThat(register.out).isEqualTo("{\n    \"DeviceId\": \"dev-1\"\n}\n");
  }

  @Test
  void outputIsShapedLikeTheAwsCli() throws Exception {
    Recorder recorder = new Recorder();
    recorder.response = ListRecordsResponse.builder()
        .records(Record.builder().key("k").value("v").syncCount(3L)
            .lastModifiedDate(Instant.parse("2024-05-01T12:00:00.250Z")).lastModifiedBy("me").build())
        .count(1).datasetSyncCount(3L).datasetExists(true).syncSessionToken("t").build();

    CliRun run = CliRun.run(recorder, "cognito-sync", "list-records", "--identity-pool-id", POOL,
        "--identity-id", IDENTITY, "--dataset-name", "settings");

    assertThat(run.exitCode).as(run.toString()).isZero();
    assertThat(run.out).startsWith("{\n    \"Records\": [\n        {\n            \"Key\": \"k\",");
    JsonNode out = JSON.readTree(run.out);
    assertThat(out.get("Records").get(0).get("LastModifiedDate").asText()).isEqualTo("2024-05-01T12:00:00.250000+00:00");
    assertThat(out.get("Records").get(0).get("SyncCount").asLong()).isEqualTo(3L);
    assertThat(out.get("DatasetExists").asBoolean()).isTrue();
    assertThat(out.has("NextToken")).isFalse();
  }

  @Test
  void inputSkeletonListsEveryMemberAndRoundTrips() throws Exception {
    CliRun skeleton = CliRun.run(new Recorder(), "cognito-sync", "update-records", "--generate-cli-skeleton");

    assertThat(skeleton.exitCode).isZero();
    assertThat(skeleton.out).isEqualTo(String.join("\n",
        "{",
        "    \"IdentityPoolId\": \"\",",
        "    \"IdentityId\": \"\",",
        "    \"DatasetName\": \"\",",
        "    \"DeviceId\": \"\",",
        "    \"RecordPatches\": [",
        "        {",
        "            \"Op\": \"replace\",",
        "            \"Key\": \"\",",
        "            \"Value\": \"\",",
        "            \"SyncCount\": 0,",
        "            \"DeviceLastModifiedDate\": \"1970-01-01T00:00:00\"",
        "        }",
        "    ],",
        "    \"SyncSessionToken\": \"\",",
        "    \"ClientContext\": \"\"",
        "}",
        ""));

    ObjectNode filled = (ObjectNode) JSON.readTree(skeleton.out);
    filled.put("IdentityPoolId", POOL).put("IdentityId", IDENTITY).put("DatasetName", "settings")
        .put("DeviceId", "d").put("SyncSessionToken", "tok").put("ClientContext", "ctx");
    ((ObjectNode) filled.get("RecordPatches").get(0)).put("Key", "k").put("Value", "v");
    Recorder recorder = new Recorder();
    recorder.response = UpdateRecordsResponse.builder().build();
    CliRun run = CliRun.run(recorder, "cognito-sync", "update-records", "--cli-input-json", filled.toString());

    assertThat(run.exitCode).as(run.toString()).isZero();
    assertThat(recorder.requests).containsExactly(update().deviceId("d").clientContext("ctx")
        .recordPatches(RecordPatch.builder().op(Operation.REPLACE).key("k").value("v").syncCount(0L)
            .deviceLastModifiedDate(Instant.EPOCH).build())
        .build());
  }

  @Test
  void outputSkeleton() throws Exception {
    CliRun run = CliRun.run(new Recorder(), "cognito-sync", "describe-dataset", "--generate-cli-skeleton", "output");
    CliRun bad = CliRun.run(new Recorder(), "cognito-sync", "describe-dataset", "--generate-cli-skeleton", "both");

    assertThat(run.exitCode).isZero();
    JsonNode dataset = JSON.readTree(run.out).get("Dataset");
    assertThat(dataset.fieldNames()).toIterable().containsExactly(
        "IdentityId", "DatasetName", "CreationDate", "LastModifiedDate", "LastModifiedBy", "DataStorage", "NumRecords");
    assertThat(bad.exitCode).isEqualTo(2);
    assertThat(bad.err).contains("invalid choice: 'both'");
  }

  @Test
  void everyOperationOfTheModelIsACommandWithItsMembersAsOptions() {
    ServiceModel model = ServiceModel.cognitoSync();
    assertThat(model.operations()).hasSize(17);
    for (OperationModel op : model.operations()) {
      CliRun help = CliRun.run(new Recorder(), "cognito-sync", op.commandName(), "--help");
      assertThat(help.exitCode).as(op.name()).isZero();
      for (String member : model.shape(op.inputShape()).members().keySet()) {
        assertThat(help.out).as(op.name()).contains("--" + Names.kebab(member));
      }
      assertThat(help.out).contains("--cli-input-json", "--generate-cli-skeleton", "--endpoint-url", "--region",
          "--query", "--output");
      CliRun skeleton = CliRun.run(new Recorder(), "cognito-sync", op.commandName(), "--generate-cli-skeleton");
      assertThat(skeleton.exitCode).as(op.name()).isZero();
      assertThat(skeleton.out).startsWith("{");
    }
    CliRun parent = CliRun.run(new Recorder(), "cognito-sync", "--help");
    assertThat(parent.out).contains("update-records", "list-records", "bulk-publish", "set-cognito-events",
        "unsubscribe-from-dataset", "describe-identity-pool-usage");
  }

  @Test
  void everyOperationBindsItsSkeletonToSyncHttpTypes() {
    ServiceModel model = ServiceModel.cognitoSync();
    ModelBinder binder = new ModelBinder(model);
    Skeletons skeletons = new Skeletons(model);
    for (OperationModel op : model.operations()) {
      assertThat(ModelBinder.modelClass(op.inputShape())).as(op.name()).isNotNull();
      if (op.outputShape() != null) {
        Shape output = model.shape(op.outputShape());
        ObjectNode sample = (ObjectNode) skeletons.skeleton(output);
        Object response = binder.toModel(output, sample);
        assertThat(binder.toJson(output, response).fieldNames()).toIterable().as(op.name())
            .containsExactlyElementsOf(output.members().keySet());
      }
    }
  }

  @Test
  void regionComesFromTheOptionTheEnvironmentOrThePoolId() {
    Recorder recorder = new Recorder();
    recorder.response = ListRecordsResponse.builder().build();
    String[] args = {"cognito-sync", "list-records", "--identity-pool-id", "eu-west-1:0d3b5a52-5d1f-4c1b-9a4e-3c1f0e0c2a11",
        "--identity-id", IDENTITY, "--dataset-name", "d"};
    assertThat(CliRun.run(recorder, args).exitCode).isZero();
    assertThat(CliRun.run(recorder, concat(args, "--region", "ap-south-1")).exitCode).isZero();
    assertThat(recorder.settings).extracting(ClientSettings::region).containsExactly("eu-west-1", "ap-south-1");
    CliRun bad = CliRun.run(recorder, concat(args, "--region", "Not A Region"));
    assertThat(bad.exitCode).isEqualTo(2);
    assertThat(bad.err).contains("Invalid region");
  }
}
