package dev.offsync.server.internal.service;

import com.fasterxml.jackson.core.JsonGenerator;
import dev.offsync.server.internal.json.Json;
import dev.offsync.server.spi.DatasetId;
import dev.offsync.server.spi.StoredRecord;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.List;

/**
 * Writes the Cognito Streams record shape (AWS's "Stream contents"), shared by bulk publish and live streaming: one
 * JSON document per synchronization of a dataset, {@code identityPoolId}, {@code identityId}, {@code dataSetName},
 * {@code operation} ({@code replace}, or {@code remove} when the dataset was deleted), {@code payloadType}
 * ({@code Inline}: the records are always in the document; there is no S3 spill-over), {@code syncCount},
 * {@code createdDate}, {@code lastModifiedDate} and {@code kinesisSyncRecords} ({@code key}, {@code value},
 * {@code syncCount}, {@code lastModifiedDate}, {@code deviceLastModifiedDate}, {@code op} {@code replace}/{@code
 * remove}). Dates are epoch milliseconds; absent values and device dates are left out.
 */
final class StreamRecordJson {
  /** {@code operation} of a synchronization that wrote records. */
  static final String REPLACE = "replace";
  /** {@code operation} of a dataset deletion. */
  static final String REMOVE = "remove";

  private StreamRecordJson() {}

  /**
   * Writes the document's members up to the opened {@code kinesisSyncRecords} array.
   *
   * @param g the generator
   * @param id the dataset
   * @param operation {@link #REPLACE} or {@link #REMOVE}
   * @param syncCount the dataset's sync count
   * @param created when the dataset was created, null if unknown
   * @param lastModified when the dataset was last modified
   * @throws IOException if writing fails
   */
  static void start(JsonGenerator g, DatasetId id, String operation, long syncCount, Instant created,
      Instant lastModified) throws IOException {
    g.writeStartObject();
    g.writeStringField("identityPoolId", id.poolId());
    g.writeStringField("identityId", id.identityId());
    g.writeStringField("dataSetName", id.datasetName());
    g.writeStringField("operation", operation);
    g.writeStringField("payloadType", "Inline");
    g.writeNumberField("syncCount", syncCount);
    if (created != null) {
      g.writeNumberField("createdDate", created.toEpochMilli());
    }
    g.writeNumberField("lastModifiedDate", lastModified.toEpochMilli());
    g.writeArrayFieldStart("kinesisSyncRecords");
  }

  /**
   * Writes one element of {@code kinesisSyncRecords}.
   *
   * @param g the generator, inside the array
   * @param r the record version (a tombstone is {@code op: remove} without {@code value})
   * @throws IOException if writing fails
   */
  static void record(JsonGenerator g, StoredRecord r) throws IOException {
    g.writeStartObject();
    g.writeStringField("key", r.key());
    if (r.value() != null) {
      g.writeStringField("value", r.value());
    }
    g.writeNumberField("syncCount", r.syncCount());
    g.writeNumberField("lastModifiedDate", r.lastModifiedDate().toEpochMilli());
    if (r.deviceLastModifiedDate() != null) {
      g.writeNumberField("deviceLastModifiedDate", r.deviceLastModifiedDate().toEpochMilli());
    }
    g.writeStringField("op", r.deleted() ? REMOVE : REPLACE);
    g.writeEndObject();
  }

  /**
   * Closes the array and the document.
   *
   * @param g the generator
   * @throws IOException if writing fails
   */
  static void end(JsonGenerator g) throws IOException {
    g.writeEndArray();
    g.writeEndObject();
  }

  /**
   * One whole document as a string, without a line terminator.
   *
   * @param id the dataset
   * @param operation {@link #REPLACE} or {@link #REMOVE}
   * @param syncCount the dataset's sync count
   * @param created when the dataset was created, null if unknown
   * @param lastModified when the change was made
   * @param records the records the change wrote (empty for a deletion)
   * @return the JSON text
   */
  static String line(DatasetId id, String operation, long syncCount, Instant created, Instant lastModified,
      List<StoredRecord> records) {
    StringWriter out = new StringWriter(256);
    try (JsonGenerator g = Json.MAPPER.createGenerator(out)) {
      start(g, id, operation, syncCount, created, lastModified);
      for (StoredRecord r : records) {
        record(g, r);
      }
      end(g);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toString();
  }
}
