package dev.offsync.server.internal.service;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.offsync.server.internal.http.ApiException;
import dev.offsync.server.internal.http.ErrorType;
import dev.offsync.server.internal.json.Json;
import dev.offsync.server.spi.BulkPublishState;
import dev.offsync.server.spi.BulkPublishStatus;
import dev.offsync.server.spi.DatasetState;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * BulkPublish and GetBulkPublishDetails. A bulk publish exports every live dataset of the pool as JSON lines, in the
 * Cognito Streams record shape, appended to {@code <stream directory>/<StreamName>.jsonl} (a local stand-in for the
 * configured Kinesis stream). It runs on the bulk-publish executor; one may run per pool at a time and a new one is
 * refused within 24 hours of the last success.
 */
final class BulkPublisher {
  private static final Logger LOG = LoggerFactory.getLogger(BulkPublisher.class);
  static final Duration MIN_INTERVAL = Duration.ofHours(24);

  private final Settings settings;

  BulkPublisher(Settings settings) {
    this.settings = settings;
  }

  /** Marks publishes that were running when the server stopped as failed. */
  void recoverInterrupted() {
    settings.store().write(tx -> {
      for (BulkPublishState s : tx.bulkPublishes(BulkPublishStatus.IN_PROGRESS)) {
        tx.putBulkPublish(new BulkPublishState(s.poolId(), BulkPublishStatus.FAILED, s.startTime(),
            settings.clock().instant(), "Interrupted by a server stop"));
      }
      return null;
    });
  }

  byte[] bulkPublish(ApiCall call) {
    String poolId = Fields.poolId(call.path("IdentityPoolId"));
    String streamName = settings.store().write(tx -> {
      DatasetOperations.requirePool(tx, poolId);
      Instant now = settings.clock().instant();
      Optional<BulkPublishState> last = tx.bulkPublish(poolId);
      if (last.isPresent() && last.get().status() == BulkPublishStatus.IN_PROGRESS) {
        throw new ApiException(ErrorType.DuplicateRequestException,
            "A bulk publish is already in progress for identity pool " + poolId);
      }
      if (last.isPresent() && last.get().status() == BulkPublishStatus.SUCCEEDED
          && last.get().completeTime() != null
          && now.isBefore(last.get().completeTime().plus(MIN_INTERVAL))) {
        throw new ApiException(ErrorType.AlreadyStreamedException,
            "The last bulk publish of identity pool " + poolId + " succeeded less than 24 hours ago");
      }
      String stream = tx.poolDocument(poolId, PoolOperations.CONFIGURATION)
          .map(BulkPublisher::streamName).orElse(null);
      if (stream == null) {
        throw ApiException.invalid(
            "CognitoStreams.StreamName is not configured for identity pool " + poolId
                + "; set it with SetIdentityPoolConfiguration first");
      }
      tx.putBulkPublish(new BulkPublishState(poolId, BulkPublishStatus.IN_PROGRESS, now, null, null));
      return stream;
    });
    try {
      settings.bulkPublishExecutor().execute(() -> run(poolId, streamName));
    } catch (RuntimeException e) {
      finish(poolId, BulkPublishStatus.FAILED, "Could not start: " + e);
    }
    ObjectNode out = Json.MAPPER.createObjectNode();
    out.put("IdentityPoolId", poolId);
    return DatasetOperations.bytes(out);
  }

  private static String streamName(String configJson) {
    try {
      JsonNode n = Json.MAPPER.readTree(configJson).path("CognitoStreams").path("StreamName");
      return n.isTextual() ? n.textValue() : null;
    } catch (IOException e) {
      return null;
    }
  }

  private void run(String poolId, String streamName) {
    Path target = StreamFiles.streamFile(settings.streamDirectory(), streamName);
    Path tmp = null;
    try {
      Files.createDirectories(target.getParent());
      tmp = Files.createTempFile(target.getParent(), ".bulk-", ".tmp");
      Path file = tmp;
      settings.store().read(tx -> {
        try (OutputStream os = Files.newOutputStream(file);
            JsonGenerator g = Json.MAPPER.createGenerator(os)) {
          g.setRootValueSeparator(null);
          List<DatasetState> datasets = new ArrayList<>();
          tx.forEachLiveDataset(poolId, datasets::add);
          for (DatasetState d : datasets) {
            StreamRecordJson.start(g, d.id(), StreamRecordJson.REPLACE, d.syncCount(), d.creationDate(),
                d.lastModifiedDate());
            tx.scanRecords(d.id(), 0, null, Integer.MAX_VALUE, r -> {
              try {
                StreamRecordJson.record(g, r);
              } catch (IOException e) {
                throw new UncheckedIOException(e);
              }
            });
            StreamRecordJson.end(g);
            g.writeRaw('\n');
          }
        } catch (IOException e) {
          throw new UncheckedIOException(e);
        }
        return null;
      });
      // appended in one piece under the file's lock, like live-stream lines: nothing interleaves
      StreamFiles.append(target, out -> Files.copy(file, out));
      finish(poolId, BulkPublishStatus.SUCCEEDED, null);
    } catch (IOException | RuntimeException e) {
      LOG.warn("bulk publish of {} failed: {}", poolId, e.toString());
      finish(poolId, BulkPublishStatus.FAILED, e.getMessage() == null ? e.toString() : e.getMessage());
    } finally {
      if (tmp != null) {
        try {
          Files.deleteIfExists(tmp);
        } catch (IOException e) {
          LOG.warn("cannot delete {}: {}", tmp, e.toString());
        }
      }
    }
  }

  private void finish(String poolId, BulkPublishStatus status, String failure) {
    settings.store().write(tx -> {
      Instant start = tx.bulkPublish(poolId).map(BulkPublishState::startTime).orElse(null);
      tx.putBulkPublish(new BulkPublishState(poolId, status, start, settings.clock().instant(), failure));
      return null;
    });
  }

  byte[] details(ApiCall call) {
    String poolId = Fields.poolId(call.path("IdentityPoolId"));
    BulkPublishState s = settings.store().read(tx -> {
      DatasetOperations.requirePool(tx, poolId);
      return tx.bulkPublish(poolId)
          .orElse(new BulkPublishState(poolId, BulkPublishStatus.NOT_STARTED, null, null, null));
    });
    ObjectNode out = Json.MAPPER.createObjectNode();
    out.put("IdentityPoolId", poolId);
    Json.putTime(out, "BulkPublishStartTime", s.startTime());
    Json.putTime(out, "BulkPublishCompleteTime", s.completeTime());
    out.put("BulkPublishStatus", s.status().name());
    if (s.failureMessage() != null) {
      out.put("FailureMessage", s.failureMessage());
    }
    return DatasetOperations.bytes(out);
  }
}
