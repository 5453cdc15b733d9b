package dev.offsync.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.offsync.server.testing.ServerTestSupport;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.MethodSource;
import software.amazon.awssdk.services.cognitosync.CognitoSyncClient;
import software.amazon.awssdk.services.cognitosync.model.BulkPublishStatus;

/** Bulk publish writes to the configured stream directory (a shared volume with several instances), not to data. */
@ParameterizedClass(name = "[{index}] {0}")
@MethodSource("dev.offsync.server.testing.StoreFactories#all")
class StreamDirectoryTest extends ServerTestSupport {
  private static final String IDENTITY = "us-east-1:11111111-2222-3333-4444-555555555555";

  @TempDir Path sharedVolume;

  @Override
  protected void configure(SyncServer.Builder b) {
    b.streamDirectory(sharedVolume.resolve("streams")).bulkPublishExecutor(Runnable::run);
  }

  @Test
  void exportLandsInTheStreamDirectory() throws Exception {
    CognitoSyncClient dev = developer();
    String token = dev.listRecords(r -> r.identityPoolId(POOL).identityId(IDENTITY).datasetName("d"))
        .syncSessionToken();
    dev.updateRecords(r -> r.identityPoolId(POOL).identityId(IDENTITY).datasetName("d").syncSessionToken(token)
        .recordPatches(RecordsApiTest.put("k", "v", 0)));
    dev.setIdentityPoolConfiguration(r -> r.identityPoolId(POOL).cognitoStreams(s -> s.streamName("orders")));

    dev.bulkPublish(r -> r.identityPoolId(POOL));

    assertThat(dev.getBulkPublishDetails(r -> r.identityPoolId(POOL)).bulkPublishStatus())
        .isEqualTo(BulkPublishStatus.SUCCEEDED);
    assertThat(server.streamDirectory()).isEqualTo(sharedVolume.resolve("streams"));
    List<String> lines = Files.readAllLines(sharedVolume.resolve("streams/orders.jsonl"), StandardCharsets.UTF_8);
    assertThat(lines).singleElement().asString().contains("\"identityId\":\"" + IDENTITY + "\"", "\"key\":\"k\"");
    assertThat(dataDir.resolve("streams")).doesNotExist();
  }
}
