package dev.offsync.server.internal.service;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.offsync.server.internal.http.ApiException;
import dev.offsync.server.internal.http.ErrorType;
import dev.offsync.server.internal.json.Json;
import dev.offsync.server.spi.DatasetId;
import dev.offsync.server.spi.DatasetState;
import dev.offsync.server.spi.StoredRecord;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * offsync's extension {@code ImportRecords} ({@code POST .../datasets/{DatasetName}/import}, developer credentials
 * only): writes a page of records and the dataset's metadata verbatim, with the sync counts, dates and writers they
 * had on another Cognito-Sync-compatible server, so that devices that synced there continue here incrementally.
 *
 * <p>Idempotent: a record already stored with the same sync count and content is left alone, so re-importing a page
 * changes nothing. A record or dataset whose stored sync count is higher than the imported one, or equal with other
 * content, is refused with ResourceConflictException (409) and nothing of the request is written: an import never
 * moves a count backwards. Imported writes are not Cognito Streams changes and do not notify subscribed devices
 * (the data already existed at the source; a BulkPublish after the migration publishes it). Record limits are not
 * applied (the copy is verbatim); the request body limit is.
 */
final class ImportOperations {
  private final Settings settings;

  ImportOperations(Settings settings) {
    this.settings = settings;
  }

  private record Meta(long syncCount, Instant creationDate, Instant lastModifiedDate, String lastModifiedBy) {}

  private record Result(int imported, int unchanged, long syncCount) {}

  byte[] importRecords(ApiCall call) {
    DatasetId id = DatasetOperations.datasetId(call);
    ObjectNode body = Json.parseObject(call.body());
    ObjectNode ds = Fields.object(body, "Dataset", "Dataset");
    if (ds == null) {
      throw ApiException.invalid(
          "1 validation error detected: Value null at 'Dataset' failed to satisfy constraint: Member must not be null");
    }
    Meta meta = meta(ds);
    List<StoredRecord> records = records(body, meta.syncCount());
    Result r = settings.store().write(tx -> {
      DatasetOperations.requirePool(tx, id.poolId());
      Optional<DatasetState> found = tx.dataset(id);
      boolean live = found.isPresent() && found.get().live();
      if (found.isPresent() && found.get().syncCount() > meta.syncCount()) {
        throw backwards("dataset " + id.datasetName(), found.get().syncCount(), meta.syncCount());
      }
      List<String> keys = new ArrayList<>(records.size());
      for (StoredRecord rec : records) {
        keys.add(rec.key());
      }
      Map<String, StoredRecord> current = live && !keys.isEmpty() ? tx.records(id, keys) : Map.of();
      List<StoredRecord> writes = new ArrayList<>();
      long numRecords = live ? found.get().numRecords() : 0;
      long storage = live ? found.get().dataStorage() : 0;
      for (StoredRecord rec : records) {
        StoredRecord cur = current.get(rec.key());
        if (cur != null && cur.syncCount() > rec.syncCount()) {
          throw backwards("record " + rec.key(), cur.syncCount(), rec.syncCount());
        }
        if (cur != null && cur.syncCount() == rec.syncCount()) {
          if (!cur.equals(rec)) {
            throw new ApiException(ErrorType.ResourceConflictException, "Import conflict: record " + rec.key()
                + " is already stored with SyncCount " + cur.syncCount() + " and other content");
          }
          continue;
        }
        if (cur != null && !cur.deleted()) {
          numRecords--;
          storage -= DatasetOperations.utf8Length(cur.key()) + DatasetOperations.utf8Length(cur.value());
        }
        if (!rec.deleted()) {
          numRecords++;
          storage += DatasetOperations.utf8Length(rec.key()) + DatasetOperations.utf8Length(rec.value());
        }
        writes.add(rec);
      }
      if (!writes.isEmpty()) {
        tx.putRecords(id, writes);
      }
      boolean sameCount = live && found.get().syncCount() == meta.syncCount();
      Instant lastModified = sameCount && found.get().lastModifiedDate().isAfter(meta.lastModifiedDate())
          ? found.get().lastModifiedDate() : meta.lastModifiedDate();
      DatasetState.Builder next =
          found.isPresent() ? found.get().toBuilder() : DatasetState.newBuilder(id).deletedAtSyncCount(0);
      DatasetState after = next.live(true)
          .syncCount(meta.syncCount())
          .creationDate(meta.creationDate())
          .lastModifiedDate(lastModified)
          .lastModifiedBy(meta.lastModifiedBy())
          .numRecords(numRecords)
          .dataStorage(storage)
          .build();
      if (!found.isPresent() || !after.equals(found.get())) {
        tx.putDataset(after);
      }
      tx.createIdentityIfAbsent(id.poolId(), id.identityId(), settings.clock().instant());
      return new Result(writes.size(), records.size() - writes.size(), meta.syncCount());
    });
    ObjectNode out = Json.MAPPER.createObjectNode();
    out.put("Imported", r.imported());
    out.put("Unchanged", r.unchanged());
    out.put("DatasetSyncCount", r.syncCount());
    return DatasetOperations.bytes(out);
  }

  private static ApiException backwards(String what, long stored, long imported) {
    return new ApiException(ErrorType.ResourceConflictException, "Import refused: " + what + " has SyncCount "
        + stored + " here, the import would move it back to " + imported);
  }

  private static Meta meta(ObjectNode ds) {
    long syncCount = nonNegative(ds, "SyncCount", "Dataset.SyncCount");
    Instant created = requiredTime(ds, "CreationDate", "Dataset.CreationDate");
    Instant modified = requiredTime(ds, "LastModifiedDate", "Dataset.LastModifiedDate");
    String by = Fields.string(ds, "LastModifiedBy", "Dataset.LastModifiedBy", false);
    return new Meta(syncCount, created, modified, by);
  }

  private static List<StoredRecord> records(ObjectNode body, long datasetSyncCount) {
    JsonNode list = body.get("Records");
    List<StoredRecord> out = new ArrayList<>();
    if (list == null || list.isNull()) {
      return out;
    }
    if (!list.isArray()) {
      throw ApiException.invalid("Invalid type for 'Records': expected a list, found " + list.getNodeType());
    }
    Map<String, Boolean> seen = new LinkedHashMap<>();
    for (int i = 0; i < list.size(); i++) {
      String f = "Records." + (i + 1) + ".member.";
      JsonNode n = list.get(i);
      if (!n.isObject()) {
        throw ApiException.invalid("Invalid type for 'Records." + (i + 1) + "': expected an object");
      }
      ObjectNode o = (ObjectNode) n;
      String key = Fields.check(f + "Key", Fields.string(o, "Key", f + "Key", true), 1, 1024, null);
      String value = Fields.string(o, "Value", f + "Value", false);
      if (value != null) {
        Fields.check(f + "Value", value, 0, 1048575, null);
      }
      long syncCount = nonNegative(o, "SyncCount", f + "SyncCount");
      if (syncCount > datasetSyncCount) {
        throw ApiException.invalid("Record '" + key + "' has SyncCount " + syncCount
            + ", above the dataset's SyncCount " + datasetSyncCount);
      }
      Instant modified = requiredTime(o, "LastModifiedDate", f + "LastModifiedDate");
      String by = Fields.string(o, "LastModifiedBy", f + "LastModifiedBy", false);
      Instant device = Fields.time(o, "DeviceLastModifiedDate", f + "DeviceLastModifiedDate");
      if (seen.put(key, Boolean.TRUE) != null) {
        throw ApiException.invalid("Duplicate key in Records: '" + key + "'");
      }
      out.add(new StoredRecord(key, value, syncCount, modified, by, device));
    }
    return out;
  }

  private static long nonNegative(ObjectNode o, String name, String field) {
    long v = Fields.requiredLong(o, name, field);
    if (v < 0) {
      throw Fields.violation(field, Long.toString(v), "Member must have value greater than or equal to 0");
    }
    return v;
  }

  private static Instant requiredTime(ObjectNode o, String name, String field) {
    Instant t = Fields.time(o, name, field);
    if (t == null) {
      throw ApiException.invalid("1 validation error detected: Value null at '" + field
          + "' failed to satisfy constraint: Member must not be null");
    }
    return t;
  }
}
