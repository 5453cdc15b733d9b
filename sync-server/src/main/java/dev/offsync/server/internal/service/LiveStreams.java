package dev.offsync.server.internal.service;

import com.fasterxml.jackson.databind.JsonNode;
import dev.offsync.server.internal.json.Json;
import dev.offsync.server.spi.DatasetState;
import dev.offsync.server.spi.StoreTransaction;
import dev.offsync.server.spi.StoredRecord;
import dev.offsync.server.spi.StreamOutboxEntry;
import java.io.IOException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Live Cognito Streams, the transactional half: inside the write transaction of an UpdateRecords that writes or of a
 * DeleteDataset, when the pool's {@code CognitoStreams} has {@code StreamingStatus: ENABLED} and a {@code StreamName},
 * one outbox entry with the ready JSON line is added. It commits or rolls back with the change itself, so a change
 * that did not commit is never published and a committed one is never lost; {@link StreamPublisher} delivers it.
 */
final class LiveStreams {
  private LiveStreams() {}

  /**
   * The stream a pool's changes go to, read without taking the pool's lock.
   *
   * @param tx the write transaction
   * @param poolId the pool
   * @return the stream name if streaming is enabled and a stream is named
   */
  static Optional<String> enabledStream(StoreTransaction tx, String poolId) {
    return tx.readPoolDocument(poolId, PoolOperations.CONFIGURATION).flatMap(json -> {
      try {
        JsonNode streams = Json.MAPPER.readTree(json).path("CognitoStreams");
        JsonNode name = streams.path("StreamName");
        boolean enabled = "ENABLED".equals(streams.path("StreamingStatus").asText());
        return enabled && name.isTextual() && !name.textValue().isEmpty()
            ? Optional.of(name.textValue()) : Optional.empty();
      } catch (IOException e) {
        throw new IllegalStateException("stored configuration is not JSON", e);
      }
    });
  }

  /**
   * Adds the outbox entry of a committed-to-be change, if the pool streams.
   *
   * @param tx the write transaction making the change
   * @param after the dataset as the change leaves it ({@code syncCount}, creation and modification dates)
   * @param deletion whether the change deletes the dataset
   * @param previousModified the dataset's modification date before the change, null if it did not exist
   * @param records the records the change wrote (empty for a deletion)
   * @return true if an entry was added
   */
  static boolean enqueue(StoreTransaction tx, DatasetState after, boolean deletion, Instant previousModified,
      List<StoredRecord> records) {
    Optional<String> stream = enabledStream(tx, after.id().poolId());
    if (stream.isEmpty()) {
      return false;
    }
    String line = StreamRecordJson.line(after.id(), deletion ? StreamRecordJson.REMOVE : StreamRecordJson.REPLACE,
        after.syncCount(), after.creationDate(), after.lastModifiedDate(), records);
    // never earlier than the dataset's previous change nor than its entries still waiting, so the outbox order keeps
    // the dataset's commit order even if the clock steps back or instances' clocks differ (the dataset's stored
    // modification date is this instance's clock, so it alone would not carry a later entry's date forward)
    Instant created = after.lastModifiedDate();
    if (previousModified != null && previousModified.isAfter(created)) {
      created = previousModified;
    }
    Optional<Instant> waiting = tx.latestStreamOutboxCreated(after.id());
    if (waiting.isPresent() && waiting.get().isAfter(created)) {
      created = waiting.get();
    }
    tx.appendStreamOutbox(new StreamOutboxEntry(after.id(), after.syncCount(), deletion, created, stream.get(), line));
    return true;
  }
}
