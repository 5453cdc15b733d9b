package dev.offsync.server.spi;

import java.io.IOException;
import java.util.List;

/**
 * Where live Cognito Streams records go: the local stand-in for the pool's Kinesis stream. The server's stream
 * publisher calls it from one background thread, with the JSON lines of committed changes in commit order per
 * dataset, and deletes them from its outbox only after {@link #publish} returned normally. A sink that throws is
 * called again with the same lines later (capped back-off), so delivery is at least once: a sink that must not see
 * a line twice deduplicates on ({@code identityPoolId}, {@code identityId}, {@code dataSetName}, {@code syncCount},
 * {@code operation}).
 *
 * <p>The default sink appends each line to {@code <stream directory>/<StreamName>.jsonl} under the file's lock.
 */
@FunctionalInterface
public interface StreamSink {

  /**
   * Publishes lines to one stream, in the given order. Returning normally acknowledges every line durably.
   *
   * @param streamName the pool's {@code CognitoStreams.StreamName}, as configured
   * @param jsonLines one JSON document per committed change, without line terminators; never empty
   * @throws IOException if the lines could not be published (none or only some may have been); they are retried
   */
  void publish(String streamName, List<String> jsonLines) throws IOException;
}
