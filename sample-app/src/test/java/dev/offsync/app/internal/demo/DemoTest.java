package dev.offsync.app.internal.demo;

import static org.assertj.core.api.Assertions.assertThat;

import dev.offsync.app.internal.CliContext;
import dev.offsync.app.internal.CliRun;
import dev.offsync.app.internal.device.Device;
import dev.offsync.app.internal.device.DeviceSettings;
import dev.offsync.app.internal.device.DeviceState;
import dev.offsync.http.CognitoSyncClient;
import dev.offsync.http.StaticCredentialsProvider;
import dev.offsync.http.model.ListRecordsRequest;
import dev.offsync.http.model.Record;
import dev.offsync.server.SyncServer;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code offsync demo} runs the real library; its outcome is checked from the files it leaves behind. */
class DemoTest {
  private static final List<String> EXPECTED_LIST = List.of("milk", "bread", "coffee", "tea", "apples");

  @Test
  void theDemoConvergesAndTheFilesProveIt(@TempDir Path dir) {
    CliRun run = CliRun.run("demo", "--data-dir", dir.toString());

    assertThat(run.exitCode).as(run.toString()).isZero();
    assertThat(run.err).isEmpty();
    assertThat(run.out)
        .contains("[offline] sync -> not sent")
        .contains("three-way merge -> [\"milk\",\"bread\",\"coffee\"]")
        .contains("the server answered 409 ResourceConflict")
        .contains("rm budget")
        .contains("push received -> sync pulled 1")
        .contains("converged: yes");

    Map<String, String> phone = deviceValues(dir.resolve("phone.db"));
    Map<String, String> laptop = deviceValues(dir.resolve("laptop.db"));
    Map<String, String> server = serverValues(dir);

    assertThat(phone).isEqualTo(laptop).isEqualTo(server);
    assertThat(server).containsOnlyKeys("list", "owner", "theme");
    assertThat(JsonListMerge.items(server.get("list"))).containsExactlyInAnyOrderElementsOf(EXPECTED_LIST);
    assertThat(server).containsEntry("owner", "Sam").containsEntry("theme", "light");
    assertThat(DeviceState.load(dir.resolve("phone.db")).identityId())
        .isEqualTo(DeviceState.load(dir.resolve("laptop.db")).identityId());
  }

  @Test
  void theStoryReportsItsOutcome(@TempDir Path dir) {
    java.io.StringWriter transcript = new java.io.StringWriter();
    DemoResult result = new DemoStory(dir, 0, new java.io.PrintWriter(transcript, true)).run();

    assertThat(result.converged()).isTrue();
    assertThat(result.merges()).isGreaterThanOrEqualTo(2);
    assertThat(result.conflictsAnswered()).isEqualTo(1);
    assertThat(result.phone()).doesNotContainKey("budget");
    assertThat(JsonListMerge.items(result.server().get("list"))).containsExactlyInAnyOrderElementsOf(EXPECTED_LIST);
    assertThat(transcript.toString()).contains("converged: yes");
  }

  private static Map<String, String> deviceValues(Path db) {
    DeviceState state = DeviceState.load(db);
    DeviceSettings offline = new DeviceSettings("check", db, null, null, "us-east-1", null, state.identityId());
    try (Device device = Device.opener(offline, new CliContext(Map.of())).open()) {
      assertThat(device.dataset(DemoStory.DATASET).pendingKeys()).isEmpty();
      return new TreeMap<>(device.dataset(DemoStory.DATASET).getAll());
    }
  }

  private static Map<String, String> serverValues(Path dir) {
    DeviceState state = DeviceState.load(dir.resolve("phone.db"));
    try (SyncServer server = SyncServer.builder().host("127.0.0.1").port(0).dataDirectory(dir.resolve("server"))
            .developerKey("AKIDCHECK", "check-secret").build().start();
        CognitoSyncClient client = CognitoSyncClient.builder().endpoint(server.baseUri().toString())
            .credentialsProvider(StaticCredentialsProvider.create("AKIDCHECK", "check-secret")).build()) {
      Map<String, String> values = new TreeMap<>();
      for (Record r : client.listRecords(ListRecordsRequest.builder().identityPoolId(state.identityPoolId())
          .identityId(state.identityId()).datasetName(DemoStory.DATASET).lastSyncCount(0L).build()).records()) {
        if (r.value() != null) {
          values.put(r.key(), r.value());
        }
      }
      return values;
    }
  }
}
