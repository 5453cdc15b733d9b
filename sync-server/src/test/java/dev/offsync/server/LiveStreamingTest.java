package dev.offsync.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.offsync.server.internal.service.FileStreamSink;
import dev.offsync.server.testing.CapturingStreamSink;
import dev.offsync.server.testing.CapturingStreamSink.Published;
import dev.offsync.server.testing.ServerTestSupport;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.MethodSource;
import software.amazon.awssdk.services.cognitosync.CognitoSyncClient;
import software.amazon.awssdk.services.cognitosync.model.InvalidParameterException;
import software.amazon.awssdk.services.cognitosync.model.Operation;
import software.amazon.awssdk.services.cognitosync.model.RecordPatch;
import software.amazon.awssdk.services.cognitosync.model.ResourceConflictException;
import software.amazon.awssdk.services.cognitosync.model.StreamingStatus;

/**
 * Live Cognito Streams: committed UpdateRecords that wrote and DeleteDatasets of a streaming pool reach the
 * {@code StreamSink} once each, in commit order per dataset; nothing that did not commit is published; entries survive
 * sink failures and restarts. Driven by the AWS SDK; waits are on the capturing sink, bounded.
 */
@ParameterizedClass(name = "[{index}] {0}")
@MethodSource("dev.offsync.server.testing.StoreFactories#all")
@Timeout(value = 90, unit = TimeUnit.SECONDS)
class LiveStreamingTest extends ServerTestSupport {
  private static final String IDENTITY = "us-east-1:11111111-2222-3333-4444-555555555555";

  private CapturingStreamSink sink = new CapturingStreamSink();

  @Override
  protected void configure(SyncServer.Builder b) {
    b.streamSink(sink).streamRetryBackoff(Duration.ofMillis(1), Duration.ofMillis(20));
  }

  private void streaming(StreamingStatus status) {
    developer().setIdentityPoolConfiguration(r -> r.identityPoolId(POOL)
        .cognitoStreams(s -> s.streamName("changes").roleArn("arn:aws:iam::123456789012:role/streams")
            .streamingStatus(status)));
  }

  private void streaming(String pool, String streamName) {
    developer().setIdentityPoolConfiguration(r -> r.identityPoolId(pool)
        .cognitoStreams(s -> s.streamName(streamName).roleArn("arn:aws:iam::123456789012:role/streams")
            .streamingStatus(StreamingStatus.ENABLED)));
  }

  private void update(String dataset, RecordPatch... patches) {
    update(POOL, dataset, patches);
  }

  private void update(String pool, String dataset, RecordPatch... patches) {
    CognitoSyncClient dev = developer();
    String token = dev.listRecords(r -> r.identityPoolId(pool).identityId(IDENTITY).datasetName(dataset))
        .syncSessionToken();
    dev.updateRecords(r -> r.identityPoolId(pool).identityId(IDENTITY).datasetName(dataset).syncSessionToken(token)
        .recordPatches(patches));
  }

  private static List<Long> syncCounts(List<Published> lines) {
    List<Long> out = new ArrayList<>();
    for (Published p : lines) {
      out.add(p.json().get("syncCount").asLong());
    }
    return out;
  }

  @Test
  void onlyChangesMadeWhileStreamingIsEnabledArePublished() throws Exception {
    streaming(StreamingStatus.DISABLED);
    update("d", RecordsApiTest.put("before", "v", 0));
    streaming(StreamingStatus.ENABLED);
    update("d", RecordsApiTest.put("during", "v", 0));
    streaming(StreamingStatus.DISABLED);
    update("d", RecordsApiTest.put("after", "v", 0));
    streaming(StreamingStatus.ENABLED);
    update("d", RecordsApiTest.put("again", "v", 0));

    List<Published> lines = sink.take(2);
    assertThat(lines).extracting(p -> p.json().at("/kinesisSyncRecords/0/key").asText())
        .containsExactly("during", "again");
    assertThat(syncCounts(lines)).containsExactly(2L, 4L);
    assertThat(lines).extracting(Published::stream).containsOnly("changes");
    assertThat(sink.untaken()).isZero();
  }

  @Test
  void anUpdateOfSeveralPatchesIsOneLineWithOneRecordPerPatch() throws Exception {
    streaming(StreamingStatus.ENABLED);
    update("settings", RecordsApiTest.put("theme", "dark", 0), RecordsApiTest.put("volume", "7", 0));
    Instant device = Instant.parse("2026-02-03T04:05:06.789Z");
    update("settings",
        RecordPatch.builder().op(Operation.REPLACE).key("theme").value("light").syncCount(1L)
            .deviceLastModifiedDate(device).build(),
        RecordsApiTest.remove("volume", 1),
        RecordsApiTest.put("font", "serif", 0));

    List<Published> lines = sink.take(2);
    JsonNode second = lines.get(1).json();
    assertThat(second.get("identityPoolId").asText()).isEqualTo(POOL);
    assertThat(second.get("identityId").asText()).isEqualTo(IDENTITY);
    assertThat(second.get("dataSetName").asText()).isEqualTo("settings");
    assertThat(second.get("operation").asText()).isEqualTo("replace");
    assertThat(second.get("payloadType").asText()).isEqualTo("Inline");
    assertThat(second.get("syncCount").asLong()).isEqualTo(2);
    assertThat(second.get("createdDate").asLong()).isEqualTo(lines.get(0).json().get("createdDate").asLong());
    assertThat(second.get("lastModifiedDate").asLong()).isPositive();
    JsonNode records = second.get("kinesisSyncRecords");
    assertThat(records).hasSize(3);
    assertThat(records.get(0).get("key").asText()).isEqualTo("theme");
    assertThat(records.get(0).get("value").asText()).isEqualTo("light");
    assertThat(records.get(0).get("op").asText()).isEqualTo("replace");
    assertThat(records.get(0).get("syncCount").asLong()).isEqualTo(2);
    assertThat(records.get(0).get("deviceLastModifiedDate").asLong()).isEqualTo(device.toEpochMilli());
    assertThat(records.get(0).get("lastModifiedDate").asLong()).isEqualTo(second.get("lastModifiedDate").asLong());
    assertThat(records.get(1).get("key").asText()).isEqualTo("volume");
    assertThat(records.get(1).get("op").asText()).isEqualTo("remove");
    assertThat(records.get(1).has("value")).isFalse();
    assertThat(records.get(2).get("key").asText()).isEqualTo("font");
    assertThat(records.get(2).has("deviceLastModifiedDate")).isFalse();
  }

  @Test
  void aConflictOrAValidationErrorPublishesNothing() throws Exception {
    streaming(StreamingStatus.ENABLED);
    update("d", RecordsApiTest.put("k", "v1", 0));
    assertThatThrownBy(() -> update("d", RecordsApiTest.put("other", "x", 0), RecordsApiTest.put("k", "v2", 0)))
        .isInstanceOf(ResourceConflictException.class);
    assertThatThrownBy(() -> update("d", RecordsApiTest.put("k".repeat(1025), "x", 0)))
        .isInstanceOf(InvalidParameterException.class);
    update("d", RecordsApiTest.put("k", "v3", 1));

    // had a failed request left an entry, it would come before the last update's (same dataset, commit order)
    List<Published> lines = sink.take(2);
    assertThat(syncCounts(lines)).containsExactly(1L, 2L);
    assertThat(lines.get(1).json().at("/kinesisSyncRecords/0/value").asText()).isEqualTo("v3");
    assertThat(lines.get(1).json().get("kinesisSyncRecords")).hasSize(1);
    server.close();
    assertThat(sink.acknowledged()).hasSize(2);
  }

  @Test
  void deleteDatasetPublishesARemoveOperationWithNoRecords() throws Exception {
    streaming(StreamingStatus.ENABLED);
    update("d", RecordsApiTest.put("a", "1", 0), RecordsApiTest.put("b", "2", 0));
    developer().deleteDataset(r -> r.identityPoolId(POOL).identityId(IDENTITY).datasetName("d"));
    update("d", RecordsApiTest.put("a", "again", 0));

    List<Published> lines = sink.take(3);
    assertThat(lines).extracting(p -> p.json().get("operation").asText())
        .containsExactly("replace", "remove", "replace");
    JsonNode deleted = lines.get(1).json();
    assertThat(deleted.get("syncCount").asLong()).isEqualTo(1);
    assertThat(deleted.get("kinesisSyncRecords")).isEmpty();
    assertThat(deleted.get("dataSetName").asText()).isEqualTo("d");
    // re-creation continues from the count at deletion
    assertThat(lines.get(2).json().get("syncCount").asLong()).isEqualTo(2);
  }

  @Test
  void aSinkThatFailsTwiceThenSucceedsDeliversEverythingOnceInOrder() throws Exception {
    sink.failNext(2);
    streaming(StreamingStatus.ENABLED);
    for (int i = 0; i < 5; i++) {
      update("d", RecordsApiTest.put("k" + i, "v", 0));
      update("e", RecordsApiTest.put("k" + i, "v", 0));
    }
    List<Published> lines = sink.take(10);
    assertThat(sink.failures()).isEqualTo(2);
    for (String dataset : List.of("d", "e")) {
      List<Published> ofDataset = lines.stream()
          .filter(p -> p.json().get("dataSetName").asText().equals(dataset)).toList();
      assertThat(syncCounts(ofDataset)).containsExactly(1L, 2L, 3L, 4L, 5L);
    }
    server.close();
    assertThat(sink.acknowledged()).hasSize(10).doesNotHaveDuplicates();
  }

  @Test
  void aStreamThatKeepsFailingHoldsBackOnlyItsOwnChanges() throws Exception {
    sink.failStream("stream-a");
    streaming(POOL, "stream-a");
    streaming(OTHER_POOL, "stream-b");
    // interleaved, so that every batch starts with a row of the failing stream
    for (int i = 0; i < 5; i++) {
      update(POOL, "d", RecordsApiTest.put("k" + i, "v", 0));
      update(OTHER_POOL, "d", RecordsApiTest.put("k" + i, "v", 0));
      update(OTHER_POOL, "e", RecordsApiTest.put("k" + i, "v", 0));
    }

    List<Published> delivered = sink.take(10);
    assertThat(delivered).extracting(Published::stream).containsOnly("stream-b");
    for (String dataset : List.of("d", "e")) {
      assertThat(syncCounts(delivered.stream()
          .filter(p -> p.json().get("dataSetName").asText().equals(dataset)).toList()))
          .containsExactly(1L, 2L, 3L, 4L, 5L);
    }
    // still failing, and later changes of the other pool keep flowing in the following passes
    sink.awaitFailure("stream-a");
    sink.awaitFailure("stream-a");
    update(OTHER_POOL, "d", RecordsApiTest.put("later", "v", 0));
    List<Published> later = sink.take(1);
    assertThat(later.get(0).stream()).isEqualTo("stream-b");
    assertThat(later.get(0).json().get("syncCount").asLong()).isEqualTo(6);
    assertThat(sink.acknowledged()).extracting(Published::stream).doesNotContain("stream-a");

    sink.recover("stream-a");
    List<Published> recovered = sink.take(5);
    assertThat(recovered).extracting(Published::stream).containsOnly("stream-a");
    assertThat(recovered).extracting(p -> p.json().get("identityPoolId").asText()).containsOnly(POOL);
    assertThat(syncCounts(recovered)).containsExactly(1L, 2L, 3L, 4L, 5L);
    server.close();
    assertThat(sink.acknowledged()).hasSize(16).doesNotHaveDuplicates();
    assertThat(sink.untaken()).isZero();
  }

  @Test
  void entriesSurviveARestartAndArePublishedAfterIt() throws Exception {
    CapturingStreamSink broken = sink.failNext(Integer.MAX_VALUE);
    streaming(StreamingStatus.ENABLED);
    update("d", RecordsApiTest.put("a", "1", 0));
    update("d", RecordsApiTest.put("b", "2", 0));
    developer().deleteDataset(r -> r.identityPoolId(POOL).identityId(IDENTITY).datasetName("d"));
    broken.awaitAttempt();

    sink = new CapturingStreamSink();
    restart();

    List<Published> lines = sink.take(3);
    assertThat(syncCounts(lines)).containsExactly(1L, 2L, 2L);
    assertThat(lines).extracting(p -> p.json().get("operation").asText())
        .containsExactly("replace", "replace", "remove");
    assertThat(broken.acknowledged()).isEmpty();
  }

  @Test
  void theFileSinkAppendsToTheStreamFileBulkPublishUses() throws Exception {
    Path streams = dataDir.resolve("streams");
    FileStreamSink file = new FileStreamSink(streams);
    sink = new CapturingStreamSink() {
      @Override
      public void publish(String streamName, List<String> jsonLines) throws java.io.IOException {
        file.publish(streamName, jsonLines);
        super.publish(streamName, jsonLines);
      }
    };
    restart();
    streaming(StreamingStatus.ENABLED);
    update("d", RecordsApiTest.put("a", "1", 0));
    update("d", RecordsApiTest.put("b", "2", 0));
    List<Published> published = sink.take(2);

    List<String> lines = Files.readAllLines(streams.resolve("changes.jsonl"), StandardCharsets.UTF_8);
    assertThat(lines).containsExactly(published.get(0).line(), published.get(1).line());
  }
}
