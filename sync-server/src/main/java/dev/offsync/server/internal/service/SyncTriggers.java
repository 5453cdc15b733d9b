package dev.offsync.server.internal.service;

import com.fasterxml.jackson.databind.JsonNode;
import dev.offsync.server.internal.http.ApiException;
import dev.offsync.server.internal.http.ErrorType;
import dev.offsync.server.internal.json.Json;
import dev.offsync.server.spi.DatasetId;
import dev.offsync.server.spi.DatasetState;
import dev.offsync.server.spi.StoreTransaction;
import dev.offsync.server.spi.StoredRecord;
import dev.offsync.server.spi.SyncTriggerEvent;
import dev.offsync.server.spi.SyncTriggerException;
import dev.offsync.server.spi.SyncTriggerRecord;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * UpdateRecords' Sync Trigger step (Cognito Events): reads the dataset, checks the patches' sync counts, runs the
 * pool's function outside any transaction and turns its answer into the writes UpdateRecords then commits (see
 * {@link dev.offsync.server.spi.SyncTrigger} for the rules).
 */
final class SyncTriggers {
  private static final Logger LOG = LoggerFactory.getLogger(SyncTriggers.class);
  /** The Events map key of the Sync Trigger. */
  static final String EVENT = "SyncTrigger";

  private final Settings settings;

  SyncTriggers(Settings settings) {
    this.settings = settings;
  }

  /**
   * The function ARN the pool's events name for the Sync Trigger, read without queueing behind the pool's writers.
   *
   * @return the ARN, or null when none is configured
   */
  static String configuredFunction(StoreTransaction tx, String poolId) {
    Optional<String> doc = tx.readPoolDocument(poolId, PoolOperations.EVENTS);
    if (doc.isEmpty()) {
      return null;
    }
    try {
      JsonNode arn = Json.MAPPER.readTree(doc.get()).get(EVENT);
      return arn != null && arn.isTextual() && !arn.textValue().isEmpty() ? arn.textValue() : null;
    } catch (IOException e) {
      throw new IllegalStateException("stored events are not JSON", e);
    }
  }

  /**
   * Runs the function for validated patches.
   *
   * @param id the dataset
   * @param patches the request's patches, not empty
   * @param functionArn the configured function
   * @return the writes to commit: each with the sync count its key must still have
   * @throws ApiException 409 as UpdateRecords would, or the function's error
   */
  List<DatasetOperations.Patch> run(DatasetId id, List<DatasetOperations.Patch> patches, String functionArn) {
    Map<String, StoredRecord> stored = settings.store().read(tx -> {
      DatasetOperations.requirePool(tx, id.poolId());
      Optional<DatasetState> found = tx.dataset(id);
      Map<String, StoredRecord> all = new HashMap<>();
      if (found.isPresent() && found.get().live()) {
        tx.scanRecords(id, 0, null, Integer.MAX_VALUE, r -> all.put(r.key(), r));
      }
      for (DatasetOperations.Patch p : patches) {
        DatasetOperations.checkSyncCount(p, all.get(p.key()));
      }
      return all;
    });
    SyncTriggerEvent event = event(id, patches, stored);
    settings.metrics().syncTriggerCall();
    try {
      SyncTriggerEvent returned = invoke(functionArn, event);
      return writes(functionArn, event, returned, patches, stored);
    } catch (ApiException e) {
      // the function failed, timed out, was throttled or answered an invalid event (a 409 found in its answer too)
      settings.metrics().syncTriggerFailure(e.type().name());
      throw e;
    }
  }

  static SyncTriggerEvent event(DatasetId id, List<DatasetOperations.Patch> patches, Map<String, StoredRecord> stored) {
    Map<String, SyncTriggerRecord> records = new LinkedHashMap<>();
    stored.values().stream().filter(r -> !r.deleted()).sorted((a, b) -> a.key().compareTo(b.key()))
        .forEach(r -> records.put(r.key(), new SyncTriggerRecord(r.value(), r.value(), SyncTriggerRecord.REPLACE)));
    for (DatasetOperations.Patch p : patches) {
      StoredRecord cur = stored.get(p.key());
      records.put(p.key(), new SyncTriggerRecord(cur == null ? null : cur.value(), p.value(), p.op()));
    }
    String poolId = id.poolId();
    return new SyncTriggerEvent(SyncTriggerEvent.VERSION, SyncTriggerEvent.EVENT_TYPE,
        poolId.substring(0, poolId.indexOf(':')), poolId, id.identityId(), id.datasetName(), records);
  }

  private SyncTriggerEvent invoke(String functionArn, SyncTriggerEvent event) {
    SyncTriggerEvent out;
    try {
      out = settings.syncTrigger().invoke(functionArn, event);
    } catch (SyncTriggerException e) {
      ErrorType type = switch (e.kind()) {
        case THROTTLED -> ErrorType.LambdaThrottledException;
        case TIMED_OUT -> ErrorType.LambdaSocketTimeoutException;
        case FAILED -> ErrorType.InvalidLambdaFunctionOutputException;
      };
      throw new ApiException(type, String.valueOf(e.getMessage()));
    } catch (RuntimeException | LinkageError | AssertionError | StackOverflowError e) {
      // the embedder's code failed (a bug, a missing class, an assertion, runaway recursion): like a Lambda that
      // threw, that is the function's failure, never the service's 500. Other errors (out of memory) propagate.
      LOG.warn("Sync Trigger {} failed", functionArn, e);
      throw invalidOutput(functionArn, "could not be produced: the function failed");
    }
    if (out == null) {
      throw invalidOutput(functionArn, "is empty");
    }
    return out;
  }

  private static ApiException invalidOutput(String functionArn, String what) {
    return new ApiException(ErrorType.InvalidLambdaFunctionOutputException,
        "The output of Sync Trigger function " + functionArn + " " + what);
  }

  static List<DatasetOperations.Patch> writes(String functionArn, SyncTriggerEvent sent, SyncTriggerEvent returned,
      List<DatasetOperations.Patch> patches, Map<String, StoredRecord> stored) {
    unchanged(functionArn, "version", sent.version(), returned.version());
    unchanged(functionArn, "eventType", sent.eventType(), returned.eventType());
    unchanged(functionArn, "region", sent.region(), returned.region());
    unchanged(functionArn, "identityPoolId", sent.identityPoolId(), returned.identityPoolId());
    unchanged(functionArn, "identityId", sent.identityId(), returned.identityId());
    unchanged(functionArn, "datasetName", sent.datasetName(), returned.datasetName());
    Map<String, DatasetOperations.Patch> requested = new HashMap<>();
    for (DatasetOperations.Patch p : patches) {
      requested.put(p.key(), p);
    }
    List<DatasetOperations.Patch> writes = new ArrayList<>();
    for (Map.Entry<String, SyncTriggerRecord> e : returned.datasetRecords().entrySet()) {
      String key = e.getKey();
      SyncTriggerRecord r = e.getValue();
      try {
        Fields.check("datasetRecords.key", key, 1, 1024, null);
        if (r.op() != null) {
          Fields.oneOf("datasetRecords." + key + ".op", r.op(), Fields.OPERATIONS);
        }
        if (!r.removes()) {
          Fields.check("datasetRecords." + key + ".newValue", r.newValue(), 0, 1048575, null);
        }
      } catch (ApiException invalid) {
        throw invalidOutput(functionArn, "is invalid: " + invalid.getMessage());
      }
      String value = r.removes() ? null : r.newValue();
      String op = value == null ? SyncTriggerRecord.REMOVE : SyncTriggerRecord.REPLACE;
      DatasetOperations.Patch asked = requested.get(key);
      if (asked != null) {
        writes.add(new DatasetOperations.Patch(op, key, value, asked.syncCount(), asked.deviceLastModified()));
        continue;
      }
      StoredRecord cur = stored.get(key);
      if (Objects.equals(cur == null ? null : cur.value(), value)) {
        continue; // echoed back unchanged, or removing a key that is not live
      }
      writes.add(new DatasetOperations.Patch(op, key, value, cur == null ? 0 : cur.syncCount(), null));
    }
    return writes;
  }

  private static void unchanged(String functionArn, String field, Object sent, Object returned) {
    if (!Objects.equals(sent, returned)) {
      throw invalidOutput(functionArn, "changed the read-only field '" + field + "'");
    }
  }
}
