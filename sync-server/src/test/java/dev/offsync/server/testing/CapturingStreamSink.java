package dev.offsync.server.testing;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.offsync.server.spi.StreamSink;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A {@link StreamSink} that keeps what it acknowledged, in order, and can be told to fail its next calls. Tests wait on
 * it with a bounded timeout instead of sleeping.
 */
public class CapturingStreamSink implements StreamSink {
  private static final ObjectMapper JSON = new ObjectMapper();

  /** One acknowledged line. */
  public record Published(String stream, String line) {
    /**
     * The line as JSON.
     *
     * @return the document
     */
    public JsonNode json() {
      try {
        return JSON.readTree(line);
      } catch (IOException e) {
        throw new IllegalStateException(e);
      }
    }
  }

  private final LinkedBlockingQueue<Published> arrivals = new LinkedBlockingQueue<>();
  private final List<Published> acknowledged = new CopyOnWriteArrayList<>();
  private final List<List<String>> acknowledgedCalls = new CopyOnWriteArrayList<>();
  private final AtomicInteger toFail = new AtomicInteger();
  private final AtomicInteger failures = new AtomicInteger();
  private final LinkedBlockingQueue<Integer> attempts = new LinkedBlockingQueue<>();
  private final Set<String> brokenStreams = ConcurrentHashMap.newKeySet();
  private final LinkedBlockingQueue<String> failedStreams = new LinkedBlockingQueue<>();

  /**
   * Makes every call for one stream throw until {@link #recover} (other streams are unaffected).
   *
   * @param streamName the stream
   * @return this
   */
  public CapturingStreamSink failStream(String streamName) {
    brokenStreams.add(streamName);
    return this;
  }

  /**
   * Ends {@link #failStream} for a stream.
   *
   * @param streamName the stream
   */
  public void recover(String streamName) {
    brokenStreams.remove(streamName);
  }

  /**
   * Makes the next calls throw.
   *
   * @param calls how many
   * @return this
   */
  public CapturingStreamSink failNext(int calls) {
    toFail.set(calls);
    return this;
  }

  @Override
  public void publish(String streamName, List<String> jsonLines) throws IOException {
    assertThat(jsonLines).isNotEmpty();
    attempts.add(jsonLines.size());
    if (brokenStreams.contains(streamName) || toFail.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
      failures.incrementAndGet();
      failedStreams.add(streamName);
      throw new IOException("sink unavailable (test)");
    }
    acknowledgedCalls.add(List.copyOf(jsonLines));
    for (String line : jsonLines) {
      Published p = new Published(streamName, line);
      acknowledged.add(p);
      arrivals.add(p);
    }
  }

  /**
   * Waits for the next {@code n} acknowledged lines.
   *
   * @param n how many
   * @return them, in order
   * @throws InterruptedException if interrupted
   */
  public List<Published> take(int n) throws InterruptedException {
    List<Published> out = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      Published p = arrivals.poll(20, TimeUnit.SECONDS);
      assertThat(p).as("line %d of %d within 20 s (got %s)", i + 1, n, out).isNotNull();
      out.add(p);
    }
    return out;
  }

  /**
   * Waits until the sink has been called (successfully or not) at least once more.
   *
   * @throws InterruptedException if interrupted
   */
  public void awaitAttempt() throws InterruptedException {
    assertThat(attempts.poll(20, TimeUnit.SECONDS)).as("a sink call within 20 s").isNotNull();
  }

  /**
   * Waits until a call for the given stream has failed once more (failures of other streams are passed over).
   *
   * @param streamName the stream
   * @throws InterruptedException if interrupted
   */
  public void awaitFailure(String streamName) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
    while (true) {
      String failed = failedStreams.poll(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
      assertThat(failed).as("a failed call for %s within 20 s", streamName).isNotNull();
      if (failed.equals(streamName)) {
        return;
      }
    }
  }

  /**
   * Everything acknowledged so far.
   *
   * @return the lines in order
   */
  public List<Published> acknowledged() {
    return List.copyOf(acknowledged);
  }

  /**
   * The calls that succeeded, each with its lines, in order.
   *
   * @return the calls
   */
  public List<List<String>> acknowledgedCalls() {
    return List.copyOf(acknowledgedCalls);
  }

  /**
   * Lines acknowledged but not yet taken.
   *
   * @return how many
   */
  public int untaken() {
    return arrivals.size();
  }

  /**
   * Calls that threw.
   *
   * @return the count
   */
  public int failures() {
    return failures.get();
  }
}
