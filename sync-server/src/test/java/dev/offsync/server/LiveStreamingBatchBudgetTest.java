package dev.offsync.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.offsync.server.testing.CapturingStreamSink;
import dev.offsync.server.testing.CapturingStreamSink.Published;
import dev.offsync.server.testing.ServerTestSupport;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.MethodSource;
import software.amazon.awssdk.services.cognitosync.CognitoSyncClient;
import software.amazon.awssdk.services.cognitosync.model.RecordPatch;
import software.amazon.awssdk.services.cognitosync.model.StreamingStatus;

/**
 * The stream publisher bounds a batch by bytes as well as rows: large lines go out over several sink calls, each
 * within the budget (a single longer line alone), once each and in commit order per dataset.
 */
@ParameterizedClass(name = "[{index}] {0}")
@MethodSource("dev.offsync.server.testing.StoreFactories#all")
@Timeout(value = 90, unit = TimeUnit.SECONDS)
class LiveStreamingBatchBudgetTest extends ServerTestSupport {
  private static final String IDENTITY = "us-east-1:11111111-2222-3333-4444-555555555555";
  private static final long BUDGET = 10_000;

  private final CountDownLatch held = new CountDownLatch(1);
  private final CountDownLatch release = new CountDownLatch(1);
  /** Holds its first call until {@link #release}, so that the lines committed meanwhile pile up in the outbox. */
  private final CapturingStreamSink sink = new CapturingStreamSink() {
    @Override
    public void publish(String streamName, List<String> jsonLines) throws IOException {
      if (held.getCount() > 0) {
        held.countDown();
        try {
          assertThat(release.await(20, TimeUnit.SECONDS)).as("released within 20 s").isTrue();
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw new IOException(e);
        }
      }
      super.publish(streamName, jsonLines);
    }
  };

  @Override
  protected void configure(SyncServer.Builder b) {
    // a poll interval far beyond the test's waits: only a pass that keeps draining delivers everything in time
    b.streamSink(sink).streamPollInterval(Duration.ofHours(1)).streamBatchBytes(BUDGET);
  }

  private void update(String dataset, String key, String value) {
    CognitoSyncClient dev = developer();
    String token = dev.listRecords(r -> r.identityPoolId(POOL).identityId(IDENTITY).datasetName(dataset))
        .syncSessionToken();
    RecordPatch patch = RecordsApiTest.put(key, value, 0);
    dev.updateRecords(r -> r.identityPoolId(POOL).identityId(IDENTITY).datasetName(dataset).syncSessionToken(token)
        .recordPatches(patch));
  }

  private static long bytes(List<String> lines) {
    long n = 0;
    for (String line : lines) {
      n += line.getBytes(StandardCharsets.UTF_8).length;
    }
    return n;
  }

  @Test
  void largeLinesGoOutInSeveralCallsWithinTheByteBudget() throws Exception {
    developer().setIdentityPoolConfiguration(r -> r.identityPoolId(POOL)
        .cognitoStreams(s -> s.streamName("changes").roleArn("arn:aws:iam::123456789012:role/streams")
            .streamingStatus(StreamingStatus.ENABLED)));
    Map<String, List<Long>> expected = new LinkedHashMap<>();
    expected.put("a", new ArrayList<>());
    expected.put("b", new ArrayList<>());
    int lines = 0;
    for (int i = 1; i <= 6; i++) {
      for (String dataset : expected.keySet()) {
        update(dataset, "k" + i, String.valueOf((char) ('a' + i)).repeat(3_000)); // ~3.3 kB lines
        expected.get(dataset).add(expected.get(dataset).size() + 1L);
        lines++;
        if (lines == 1) {
          assertThat(held.await(20, TimeUnit.SECONDS)).as("the first line's call within 20 s").isTrue();
        }
      }
      if (i == 3) {
        update("a", "huge", "h".repeat(25_000)); // one line longer than the whole budget
        expected.get("a").add(expected.get("a").size() + 1L);
        lines++;
      }
    }
    update("b", "small", "s");
    expected.get("b").add(expected.get("b").size() + 1L);
    lines++;
    release.countDown();

    List<Published> published = sink.take(lines);

    Map<String, List<Long>> actual = new LinkedHashMap<>();
    Set<String> seen = new HashSet<>();
    for (Published p : published) {
      JsonNode json = p.json();
      String dataset = json.get("dataSetName").asText();
      long syncCount = json.get("syncCount").asLong();
      assertThat(seen.add(dataset + "@" + syncCount)).as("%s@%d once", dataset, syncCount).isTrue();
      actual.computeIfAbsent(dataset, d -> new ArrayList<>()).add(syncCount);
    }
    assertThat(actual).as("every change once, in commit order per dataset").isEqualTo(expected);
    assertThat(sink.acknowledged()).hasSize(lines);

    // each call as "lines x bytes", so that a failure shows the shape and not megabytes of lines
    List<String> calls = new ArrayList<>();
    for (List<String> call : sink.acknowledgedCalls()) {
      calls.add(call.size() + "x" + bytes(call));
    }
    long huge = bytes(published.stream().map(Published::line).filter(l -> l.contains("\"huge\"")).toList());
    assertThat(huge).isGreaterThan(BUDGET);
    assertThat(calls).as("the oversized line alone").contains("1x" + huge);
    assertThat(calls).as("the lines do not fit one call").hasSizeGreaterThanOrEqualTo(7);
    for (String call : calls) {
      long count = Long.parseLong(call.substring(0, call.indexOf('x')));
      long size = Long.parseLong(call.substring(call.indexOf('x') + 1));
      assertThat(count == 1 || size <= BUDGET).as("call %s within %d bytes of %s", call, BUDGET, calls).isTrue();
    }
    assertThat(calls).as("lines that fit together share a call").anyMatch(call -> !call.startsWith("1x"));
  }
}
