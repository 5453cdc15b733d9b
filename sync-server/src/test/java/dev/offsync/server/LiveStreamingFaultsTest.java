package dev.offsync.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.offsync.server.internal.service.FileStreamSink;
import dev.offsync.server.testing.CapturingStreamSink;
import dev.offsync.server.testing.CapturingStreamSink.Published;
import dev.offsync.server.testing.ServerTestSupport;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.MethodSource;
import software.amazon.awssdk.services.cognitosync.CognitoSyncClient;
import software.amazon.awssdk.services.cognitosync.model.RecordPatch;
import software.amazon.awssdk.services.cognitosync.model.StreamingStatus;

/** Live Cognito Streams under faults: a clock stepping back, a sink torn mid-append, a sink that throws. */
@ParameterizedClass(name = "[{index}] {0}")
@MethodSource("dev.offsync.server.testing.StoreFactories#all")
@Timeout(value = 90, unit = TimeUnit.SECONDS)
class LiveStreamingFaultsTest extends ServerTestSupport {
  private static final String IDENTITY = "us-east-1:11111111-2222-3333-4444-555555555555";

  private CapturingStreamSink sink = new CapturingStreamSink();

  @Override
  protected void configure(SyncServer.Builder b) {
    b.streamSink(sink).streamRetryBackoff(Duration.ofMillis(1), Duration.ofMillis(20));
  }

  private void streaming() {
    developer().setIdentityPoolConfiguration(r -> r.identityPoolId(POOL)
        .cognitoStreams(s -> s.streamName("changes").roleArn("arn:aws:iam::123456789012:role/streams")
            .streamingStatus(StreamingStatus.ENABLED)));
  }

  private void update(String dataset, RecordPatch... patches) {
    CognitoSyncClient dev = developer();
    String token = dev.listRecords(r -> r.identityPoolId(POOL).identityId(IDENTITY).datasetName(dataset))
        .syncSessionToken();
    dev.updateRecords(r -> r.identityPoolId(POOL).identityId(IDENTITY).datasetName(dataset).syncSessionToken(token)
        .recordPatches(patches));
  }

  private static List<String> changes(List<Published> lines) {
    List<String> out = new ArrayList<>();
    for (Published p : lines) {
      out.add(p.json().get("operation").asText() + "@" + p.json().get("syncCount").asLong());
    }
    return out;
  }

  @Test
  void aClockThatStepsBackDoesNotReorderADatasetsChanges() throws Exception {
    // entries pile up in the outbox while the sink is down, then go out in one pass
    CapturingStreamSink down = sink.failNext(Integer.MAX_VALUE);
    streaming();
    clock.advance(Duration.ofSeconds(10)); // e.g. an instance whose clock runs ahead, or a clock NTP then steps back
    update("d", RecordsApiTest.put("a", "1", 0));
    clock.advance(Duration.ofSeconds(-10));
    update("d", RecordsApiTest.put("b", "2", 0));
    update("d", RecordsApiTest.put("c", "3", 0));
    developer().deleteDataset(r -> r.identityPoolId(POOL).identityId(IDENTITY).datasetName("d"));
    update("d", RecordsApiTest.put("a", "again", 0));
    down.awaitAttempt();
    down.failNext(0);

    assertThat(changes(sink.take(5)))
        .containsExactly("replace@1", "replace@2", "replace@3", "remove@3", "replace@4");
  }

  @Test
  void aFileSinkAppendAfterACrashMidAppendDoesNotGlueItsFirstLineToTheTornOne() throws Exception {
    // a process killed during an append leaves part of a batch (never acknowledged: its entries are published again)
    Path streams = dataDir.resolve("streams");
    Files.createDirectories(streams);
    Path file = streams.resolve("changes.jsonl");
    Files.writeString(file, "{\"n\":1}\n{\"n\":2}\n{\"n\":3,\"kinesisSyncRe", StandardCharsets.UTF_8);

    new FileStreamSink(streams).publish("changes", List.of("{\"n\":3}", "{\"n\":4}"));

    ObjectMapper json = new ObjectMapper();
    List<Integer> ns = new ArrayList<>();
    for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
      ns.add(json.readTree(line).get("n").asInt()); // every line is a whole JSON document
    }
    assertThat(ns).containsExactly(1, 2, 3, 4);
  }

  @Test
  void aSinkThatThrowsAnErrorDoesNotStopPublishingForGood() throws Exception {
    // e.g. an embedder's Kinesis sink whose client fails to initialise (ExceptionInInitializerError) the first time
    AtomicBoolean thrown = new AtomicBoolean();
    sink = new CapturingStreamSink() {
      @Override
      public void publish(String streamName, List<String> jsonLines) throws java.io.IOException {
        if (thrown.compareAndSet(false, true)) {
          throw new ExceptionInInitializerError("sink client could not be initialised (test)");
        }
        super.publish(streamName, jsonLines);
      }
    };
    restart();
    streaming();
    update("d", RecordsApiTest.put("a", "1", 0));
    update("d", RecordsApiTest.put("b", "2", 0));

    assertThat(changes(sink.take(2))).containsExactly("replace@1", "replace@2");
    assertThat(thrown).isTrue();
  }
}
