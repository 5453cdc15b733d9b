package dev.offsync.server.spi;

import java.time.Instant;
import java.util.Objects;

/**
 * A Cognito Streams record waiting in the store's outbox: written in the transaction that committed the change, deleted
 * once the {@link StreamSink} acknowledged it. Its key is ({@code dataset}, {@code syncCount}, {@code deletion}):
 * every UpdateRecords that writes raises the count, and a DeleteDataset keeps the count of the sync it follows.
 *
 * @param dataset the dataset that changed
 * @param syncCount the dataset's sync count after the change (for a deletion, the count at deletion)
 * @param deletion whether the change deleted the dataset (it then orders after the sync with the same count)
 * @param created when it was committed; never earlier than the dataset's previous entry, so that ordering by
 *     ({@code created}, dataset, {@code syncCount}, {@code deletion}) keeps each dataset's commit order
 * @param streamName the stream to publish to
 * @param jsonLine the ready JSON document
 */
public record StreamOutboxEntry(
    DatasetId dataset, long syncCount, boolean deletion, Instant created, String streamName, String jsonLine) {

  /**
   * Validates the components.
   *
   * @param dataset the dataset that changed
   * @param syncCount the dataset's sync count after the change
   * @param deletion whether the change deleted the dataset
   * @param created when it was committed
   * @param streamName the stream to publish to
   * @param jsonLine the ready JSON document
   */
  public StreamOutboxEntry {
    Objects.requireNonNull(dataset, "dataset == null");
    Objects.requireNonNull(created, "created == null");
    Objects.requireNonNull(streamName, "streamName == null");
    Objects.requireNonNull(jsonLine, "jsonLine == null");
  }
}
