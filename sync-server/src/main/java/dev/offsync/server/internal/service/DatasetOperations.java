package dev.offsync.server.internal.service;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.offsync.server.internal.http.ApiException;
import dev.offsync.server.internal.http.ErrorType;
import dev.offsync.server.internal.json.Json;
import dev.offsync.server.spi.DatasetId;
import dev.offsync.server.spi.DatasetState;
import dev.offsync.server.spi.Device;
import dev.offsync.server.spi.IdentityUsage;
import dev.offsync.server.spi.StoreTransaction;
import dev.offsync.server.spi.StoredRecord;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The dataset operations: ListRecords, UpdateRecords, DescribeDataset, DeleteDataset, ListDatasets and
 * DescribeIdentityUsage, with Cognito Sync's semantics (see docs/server.md).
 */
final class DatasetOperations {
  /** Default and cap of ListRecords' maxResults. */
  static final int RECORDS_PAGE = 1024;
  /** Default of ListDatasets' maxResults. */
  static final int DATASETS_PAGE_DEFAULT = 64;
  /** Cap of ListDatasets' maxResults. */
  static final int DATASETS_PAGE_CAP = 1024;

  private final Settings settings;
  private final SyncSessionTokens sessionTokens;
  private final PageTokens pageTokens;
  private final SyncTriggers syncTriggers;

  DatasetOperations(Settings settings, SyncSessionTokens sessionTokens, PageTokens pageTokens) {
    this.settings = settings;
    this.syncTriggers = new SyncTriggers(settings);
    this.sessionTokens = sessionTokens;
    this.pageTokens = pageTokens;
  }

  static DatasetId datasetId(ApiCall call) {
    return new DatasetId(
        Fields.poolId(call.path("IdentityPoolId")),
        Fields.identityId(call.path("IdentityId")),
        Fields.datasetName(call.path("DatasetName")));
  }

  static void requirePool(StoreTransaction tx, String poolId) {
    if (!tx.poolExists(poolId)) {
      throw ApiException.notFound("IdentityPool '" + poolId + "' not found");
    }
  }

  static ObjectNode datasetJson(DatasetState s) {
    ObjectNode d = Json.MAPPER.createObjectNode();
    d.put("IdentityId", s.id().identityId());
    d.put("DatasetName", s.id().datasetName());
    Json.putTime(d, "CreationDate", s.creationDate());
    Json.putTime(d, "LastModifiedDate", s.lastModifiedDate());
    if (s.lastModifiedBy() != null) {
      d.put("LastModifiedBy", s.lastModifiedBy());
    }
    d.put("DataStorage", s.dataStorage());
    d.put("NumRecords", s.numRecords());
    return d;
  }

  private static void writeRecord(JsonGenerator g, StoredRecord r) throws IOException {
    g.writeStartObject();
    g.writeStringField("Key", r.key());
    if (r.value() != null) {
      g.writeStringField("Value", r.value());
    }
    g.writeNumberField("SyncCount", r.syncCount());
    Json.writeTime(g, "LastModifiedDate", r.lastModifiedDate());
    if (r.lastModifiedBy() != null) {
      g.writeStringField("LastModifiedBy", r.lastModifiedBy());
    }
    Json.writeTime(g, "DeviceLastModifiedDate", r.deviceLastModifiedDate());
    g.writeEndObject();
  }

  // ---- ListRecords

  byte[] listRecords(ApiCall call) {
    DatasetId id = datasetId(call);
    long lastSyncCount = Fields.nonNegativeLong("LastSyncCount", call.query().get("lastSyncCount"));
    int maxResults = Fields.maxResults("MaxResults", call.query().get("maxResults"), RECORDS_PAGE, RECORDS_PAGE);
    String scope = "records|" + id.poolId() + "|" + id.identityId() + "|" + id.datasetName();
    String position = pageTokens.decode(scope, call.query().get("nextToken"));
    long afterCount = lastSyncCount;
    String afterKey = null;
    if (position != null) {
      int bar = position.indexOf('|');
      try {
        afterCount = Long.parseLong(position.substring(0, bar));
      } catch (RuntimeException e) {
        throw ApiException.invalid("Invalid NextToken");
      }
      afterKey = position.substring(bar + 1);
    }
    final long cursorCount = afterCount;
    final String cursorKey = afterKey;
    ByteArrayOutputStream out = new ByteArrayOutputStream(4096);
    settings.store().read(tx -> {
      requirePool(tx, id.poolId());
      Optional<DatasetState> found = tx.dataset(id);
      boolean live = found.isPresent() && found.get().live();
      if (live && lastSyncCount > found.get().syncCount()) {
        throw ApiException.invalid("No such SyncCount: " + lastSyncCount + " exists for this Dataset");
      }
      boolean deletedAfter =
          lastSyncCount > 0 && found.isPresent() && lastSyncCount <= found.get().deletedAtSyncCount();
      try (JsonGenerator g = Json.MAPPER.createGenerator(out)) {
        g.writeStartObject();
        g.writeArrayFieldStart("Records");
        int[] count = {0};
        StoredRecord[] last = {null};
        boolean[] more = {false};
        if (live) {
          tx.scanRecords(id, cursorCount, cursorKey, maxResults + 1, r -> {
            if (count[0] == maxResults) {
              more[0] = true;
              return;
            }
            try {
              writeRecord(g, r);
            } catch (IOException e) {
              throw new UncheckedIOException(e);
            }
            count[0]++;
            last[0] = r;
          });
        }
        g.writeEndArray();
        if (more[0]) {
          g.writeStringField("NextToken", pageTokens.encode(scope, last[0].syncCount() + "|" + last[0].key()));
        }
        g.writeNumberField("Count", count[0]);
        g.writeNumberField("DatasetSyncCount", live ? found.get().syncCount() : 0);
        if (live && found.get().lastModifiedBy() != null) {
          g.writeStringField("LastModifiedBy", found.get().lastModifiedBy());
        }
        g.writeArrayFieldStart("MergedDatasetNames");
        g.writeEndArray();
        g.writeBooleanField("DatasetExists", live);
        g.writeBooleanField("DatasetDeletedAfterRequestedSyncCount", deletedAfter);
        g.writeStringField("SyncSessionToken", sessionTokens.issue(id));
        g.writeEndObject();
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      return null;
    });
    return out.toByteArray();
  }

  // ---- UpdateRecords

  /**
   * A validated RecordPatch, or a write a Sync Trigger decided; {@code syncCount} is the count the stored key must
   * have for the write to go ahead.
   */
  record Patch(String op, String key, String value, long syncCount, Instant deviceLastModified) {}

  /**
   * What an UpdateRecords transaction committed, or, with {@code syncTrigger} set, that it wrote nothing because the
   * pool's Sync Trigger function must run first.
   */
  private record Written(
      List<StoredRecord> records, long syncCount, List<Device> subscribers, boolean streamed, String syncTrigger) {
    static final Written NOTHING = new Written(List.of(), -1, List.of(), false, null);
  }

  /** A dataset's live-record count and UTF-8 byte size. */
  private record Totals(long numRecords, long storage) {}

  /**
   * Refuses a patch whose sync count differs from the stored record's.
   *
   * @param p the patch
   * @param cur the stored record (a tombstone counts), null if none
   */
  static void checkSyncCount(Patch p, StoredRecord cur) {
    long currentCount = cur == null ? 0 : cur.syncCount();
    if (p.syncCount() != currentCount) {
      throw new ApiException(
          ErrorType.ResourceConflictException,
          "Current SyncCount for: " + p.key() + " is: " + currentCount + " not: " + p.syncCount());
    }
  }

  private static List<Patch> patches(ObjectNode body) {
    JsonNode list = body.get("RecordPatches");
    List<Patch> out = new ArrayList<>();
    if (list == null || list.isNull()) {
      return out;
    }
    if (!list.isArray()) {
      throw ApiException.invalid("Invalid type for 'RecordPatches': expected a list, found " + list.getNodeType());
    }
    Map<String, Boolean> seen = new LinkedHashMap<>();
    for (int i = 0; i < list.size(); i++) {
      String f = "RecordPatches." + (i + 1) + ".member.";
      JsonNode n = list.get(i);
      if (!n.isObject()) {
        throw ApiException.invalid("Invalid type for 'RecordPatches." + (i + 1) + "': expected an object");
      }
      ObjectNode o = (ObjectNode) n;
      String op = Fields.oneOf(f + "Op", Fields.string(o, "Op", f + "Op", true), Fields.OPERATIONS);
      String key = Fields.check(f + "Key", Fields.string(o, "Key", f + "Key", true), 1, 1024, null);
      String value = Fields.string(o, "Value", f + "Value", false);
      if (value != null) {
        Fields.check(f + "Value", value, 0, 1048575, null);
      }
      long syncCount = Fields.requiredLong(o, "SyncCount", f + "SyncCount");
      if (syncCount < 0) {
        throw Fields.violation(f + "SyncCount", Long.toString(syncCount),
            "Member must have value greater than or equal to 0");
      }
      Instant deviceDate = Fields.time(o, "DeviceLastModifiedDate", f + "DeviceLastModifiedDate");
      if ("replace".equals(op) && value == null) {
        throw ApiException.invalid(
            "1 validation error detected: Value null at '" + f + "Value' failed to satisfy constraint:"
                + " Member must not be null when Op is replace");
      }
      if (seen.put(key, Boolean.TRUE) != null) {
        throw ApiException.invalid("Duplicate key in RecordPatches: '" + key + "'");
      }
      out.add(new Patch(op, key, "remove".equals(op) ? null : value, syncCount, deviceDate));
    }
    return out;
  }

  private static long size(String key, String value) {
    return value == null ? 0 : utf8Length(key) + utf8Length(value);
  }

  static long utf8Length(String s) {
    long n = 0;
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c < 0x80) {
        n += 1;
      } else if (c < 0x800) {
        n += 2;
      } else if (Character.isHighSurrogate(c) && i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1))) {
        n += 4;
        i++;
      } else {
        n += 3;
      }
    }
    return n;
  }

  byte[] updateRecords(ApiCall call) {
    DatasetId id = datasetId(call);
    ObjectNode body = Json.parseObject(call.body());
    String deviceId = Fields.string(body, "DeviceId", "DeviceId", false);
    if (deviceId != null) {
      Fields.deviceId("DeviceId", deviceId);
    }
    List<Patch> patches = patches(body);
    // a missing token is "not valid for these inputs" like a forged one, as AWS words it (and docs/server.md says)
    String token = Fields.string(body, "SyncSessionToken", "SyncSessionToken", false);
    sessionTokens.check(id, token);
    String modifiedBy = deviceId != null ? deviceId : id.identityId();

    // as on AWS, developer credentials never run the Sync Trigger; the transaction finds out whether there is one
    Written written = write(id, patches, null, modifiedBy, !call.principal().developer());
    if (written.syncTrigger() != null) {
      List<Patch> writes = syncTriggers.run(id, patches, written.syncTrigger());
      written = writes.isEmpty() ? Written.NOTHING : write(id, writes, patches, modifiedBy, false);
    }
    if (written.streamed()) {
      settings.streamCommitted().run();
    }
    if (!written.subscribers().isEmpty()) {
      Notifications.send(settings.notifier(), written.subscribers(), id, written.syncCount(), deviceId);
    }
    ByteArrayOutputStream out = new ByteArrayOutputStream(256);
    try (JsonGenerator g = Json.MAPPER.createGenerator(out)) {
      g.writeStartObject();
      g.writeArrayFieldStart("Records");
      for (StoredRecord r : written.records()) {
        writeRecord(g, r);
      }
      g.writeEndArray();
      g.writeEndObject();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toByteArray();
  }

  private static Totals totals(DatasetState found, Map<String, StoredRecord> current, List<Patch> writes) {
    boolean live = found != null && found.live();
    long numRecords = live ? found.numRecords() : 0;
    long storage = live ? found.dataStorage() : 0;
    for (Patch p : writes) {
      StoredRecord cur = current.get(p.key());
      if (cur != null && !cur.deleted()) {
        numRecords--;
        storage -= size(cur.key(), cur.value());
      }
      if (p.value() != null) {
        numRecords++;
        storage += size(p.key(), p.value());
      }
    }
    return new Totals(numRecords, storage);
  }

  /** The record-count or byte-size limit the writes would break, or null. */
  private ApiException recordLimitError(DatasetState found, Map<String, StoredRecord> current, List<Patch> writes) {
    boolean live = found != null && found.live();
    long oldNum = live ? found.numRecords() : 0;
    long oldStorage = live ? found.dataStorage() : 0;
    Totals t = totals(found, current, writes);
    if (t.numRecords() > settings.maxRecordsPerDataset() && t.numRecords() > oldNum) {
      return new ApiException(
          ErrorType.LimitExceededException,
          "Maximum number of records (" + settings.maxRecordsPerDataset() + ") per dataset exceeded: "
              + t.numRecords());
    }
    if (t.storage() > settings.maxDatasetBytes() && t.storage() > oldStorage) {
      return new ApiException(
          ErrorType.LimitExceededException,
          "Maximum dataset size (" + settings.maxDatasetBytes() + " bytes) exceeded: " + t.storage() + " bytes");
    }
    return null;
  }

  /**
   * UpdateRecords' write transaction: conflict check, limits, the writes.
   *
   * @param writes what to write, each with the sync count its key must still have
   * @param requested the request's own patches when {@code writes} came from a Sync Trigger, else null: a limit the
   *     writes break but the request alone would not is the function's fault (InvalidLambdaFunctionOutputException)
   * @param checkSyncTrigger whether to stop, writing nothing, if the pool has a Sync Trigger
   */
  private Written write(DatasetId id, List<Patch> writes, List<Patch> requested, String modifiedBy,
      boolean checkSyncTrigger) {
    return settings.store().write(tx -> {
      requirePool(tx, id.poolId());
      if (writes.isEmpty()) {
        return Written.NOTHING;
      }
      if (checkSyncTrigger) {
        String function = SyncTriggers.configuredFunction(tx, id.poolId());
        if (function != null) {
          return new Written(List.of(), -1, List.of(), false, function);
        }
      }
      Optional<DatasetState> found = tx.dataset(id);
      boolean live = found.isPresent() && found.get().live();
      Set<String> keys = new LinkedHashSet<>();
      for (Patch p : writes) {
        keys.add(p.key());
      }
      if (requested != null) {
        for (Patch p : requested) {
          keys.add(p.key());
        }
      }
      Map<String, StoredRecord> current = live ? tx.records(id, keys) : Map.of();
      for (Patch p : writes) {
        checkSyncCount(p, current.get(p.key()));
      }
      if (!live && tx.countLiveDatasets(id.poolId(), id.identityId()) >= settings.maxDatasetsPerIdentity()) {
        throw new ApiException(
            ErrorType.LimitExceededException,
            "Maximum number of datasets (" + settings.maxDatasetsPerIdentity() + ") per identity exceeded");
      }
      ApiException limit = recordLimitError(found.orElse(null), current, writes);
      if (limit != null) {
        if (requested == null || recordLimitError(found.orElse(null), current, requested) != null) {
          throw limit;
        }
        throw new ApiException(ErrorType.InvalidLambdaFunctionOutputException,
            "The output of the Sync Trigger function breaks a limit: " + limit.getMessage());
      }
      Totals totals = totals(found.orElse(null), current, writes);
      Instant now = settings.clock().instant();
      long newCount = (found.isPresent() ? found.get().syncCount() : 0) + 1;
      List<StoredRecord> records = new ArrayList<>(writes.size());
      for (Patch p : writes) {
        records.add(new StoredRecord(p.key(), p.value(), newCount, now, modifiedBy, p.deviceLastModified()));
      }
      tx.putRecords(id, records);
      DatasetState.Builder next =
          found.isPresent() ? found.get().toBuilder() : DatasetState.newBuilder(id).deletedAtSyncCount(0);
      if (!live) {
        next.creationDate(now);
      }
      DatasetState after = next.live(true)
          .syncCount(newCount)
          .lastModifiedDate(now)
          .lastModifiedBy(modifiedBy)
          .numRecords(totals.numRecords())
          .dataStorage(totals.storage())
          .build();
      tx.putDataset(after);
      tx.createIdentityIfAbsent(id.poolId(), id.identityId(), now);
      tx.addSyncSessions(id.poolId(), 1);
      boolean streamed = LiveStreams.enqueue(tx, after, false,
          found.map(DatasetState::lastModifiedDate).orElse(null), records);
      return new Written(records, newCount, tx.subscribers(id), streamed, null);
    });
  }

  // ---- DescribeDataset, DeleteDataset, ListDatasets, DescribeIdentityUsage

  byte[] describeDataset(ApiCall call) {
    DatasetId id = datasetId(call);
    DatasetState s = settings.store().read(tx -> {
      requirePool(tx, id.poolId());
      return tx.dataset(id).filter(DatasetState::live).orElseThrow(() -> datasetNotFound(id));
    });
    ObjectNode out = Json.MAPPER.createObjectNode();
    out.set("Dataset", datasetJson(s));
    return bytes(out);
  }

  private static ApiException datasetNotFound(DatasetId id) {
    return ApiException.notFound("Dataset '" + id.datasetName() + "' not found for identity " + id.identityId());
  }

  /** What a DeleteDataset transaction committed. */
  private record Deleted(DatasetState before, List<Device> subscribers, boolean streamed) {}

  byte[] deleteDataset(ApiCall call) {
    DatasetId id = datasetId(call);
    Deleted d = settings.store().write(tx -> {
      requirePool(tx, id.poolId());
      DatasetState s = tx.dataset(id).filter(DatasetState::live).orElseThrow(() -> datasetNotFound(id));
      tx.deleteRecords(id);
      DatasetState after = s.toBuilder()
          .live(false)
          .deletedAtSyncCount(s.syncCount())
          .lastModifiedDate(settings.clock().instant())
          .numRecords(0)
          .dataStorage(0)
          .build();
      tx.putDataset(after);
      boolean streamed = LiveStreams.enqueue(tx, after, true, s.lastModifiedDate(), List.of());
      return new Deleted(s, tx.subscribers(id), streamed);
    });
    if (d.streamed()) {
      settings.streamCommitted().run();
    }
    if (!d.subscribers().isEmpty()) {
      Notifications.send(settings.notifier(), d.subscribers(), id, d.before().syncCount(), null);
    }
    ObjectNode out = Json.MAPPER.createObjectNode();
    out.set("Dataset", datasetJson(d.before()));
    return bytes(out);
  }

  byte[] listDatasets(ApiCall call) {
    String poolId = Fields.poolId(call.path("IdentityPoolId"));
    String identityId = Fields.identityId(call.path("IdentityId"));
    int max = Fields.maxResults("MaxResults", call.query().get("maxResults"), DATASETS_PAGE_DEFAULT, DATASETS_PAGE_CAP);
    String scope = "datasets|" + poolId + "|" + identityId;
    String after = pageTokens.decode(scope, call.query().get("nextToken"));
    List<DatasetState> page = settings.store().read(tx -> {
      requirePool(tx, poolId);
      return tx.listLiveDatasets(poolId, identityId, after, max + 1);
    });
    ObjectNode out = Json.MAPPER.createObjectNode();
    ArrayNode arr = out.putArray("Datasets");
    for (int i = 0; i < Math.min(max, page.size()); i++) {
      arr.add(datasetJson(page.get(i)));
    }
    out.put("Count", arr.size());
    if (page.size() > max) {
      out.put("NextToken", pageTokens.encode(scope, page.get(max - 1).id().datasetName()));
    }
    return bytes(out);
  }

  byte[] describeIdentityUsage(ApiCall call) {
    String poolId = Fields.poolId(call.path("IdentityPoolId"));
    String identityId = Fields.identityId(call.path("IdentityId"));
    IdentityUsage u = settings.store().read(tx -> {
      requirePool(tx, poolId);
      if (!tx.identityExists(poolId, identityId)) {
        throw ApiException.notFound("Identity '" + identityId + "' not found in pool " + poolId);
      }
      return tx.identityUsage(poolId, identityId);
    });
    ObjectNode out = Json.MAPPER.createObjectNode();
    ObjectNode usage = out.putObject("IdentityUsage");
    usage.put("IdentityId", u.identityId());
    usage.put("IdentityPoolId", u.poolId());
    Json.putTime(usage, "LastModifiedDate", u.lastModifiedDate());
    usage.put("DatasetCount", u.datasetCount());
    usage.put("DataStorage", u.dataStorage());
    return bytes(out);
  }

  static byte[] bytes(JsonNode node) {
    try {
      return Json.MAPPER.writeValueAsBytes(node);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static byte[] emptyObject() {
    return "{}".getBytes(StandardCharsets.UTF_8);
  }
}
