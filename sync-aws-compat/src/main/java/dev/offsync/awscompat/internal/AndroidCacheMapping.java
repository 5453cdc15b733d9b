package dev.offsync.awscompat.internal;

import dev.offsync.InvalidParameterException;
import dev.offsync.awscompat.AwsCacheSource;
import dev.offsync.spi.LocalDataset;
import dev.offsync.spi.LocalRecord;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Maps AWS Android cache rows to offsync local datasets and records (reference-clients.md §2.3, §2.5), validating
 * every row before anything is written:
 * <ul>
 *   <li>{@code modified = 0}, value set: a clean record, its {@code sync_count} the base;</li>
 *   <li>{@code modified = 0}, value NULL: a server tombstone (clean, deleted);</li>
 *   <li>{@code modified = 1}: an unsynced edit (value set) or delete (value NULL), dirty, on base
 *       {@code sync_count} (0 = never synced); AWS keeps no base value, so the base value is unknown (null);</li>
 *   <li>{@code datasets.last_sync_count}: the watermark; {@code -1} = deleted locally, remote delete pending;</li>
 *   <li>identity {@code unknown} (AWS's id before one exists): moved to the current identity if known, its
 *       datasets renamed {@code <name>.unknown} where the identity has one of the same name (what AWS's
 *       {@code changeIdentityId} does); else kept under the local owner id;</li>
 *   <li>merged datasets ({@code <name>.<oldId>}) and other identities' rows: imported as they are.</li>
 * </ul>
 */
public final class AndroidCacheMapping {
  /** AWS's identity id for data written before an identity exists. */
  public static final String UNKNOWN_IDENTITY = "unknown";

  /** One dataset to import. */
  public static final class Entry {
    /** The dataset row. */
    public final LocalDataset dataset;
    /** Its records. */
    public final List<LocalRecord> records = new ArrayList<>();

    Entry(LocalDataset dataset) {
      this.dataset = dataset;
    }
  }

  /** Everything to import, and a fingerprint of the rows it came from. */
  public static final class Plan {
    /** Datasets by "owner\u0000name", in row order. */
    public final Map<String, Entry> entries = new LinkedHashMap<>();
    /** SHA-256 (hex) of the rows read. */
    public String fingerprint;
  }

  private AndroidCacheMapping() {}

  /**
   * Reads and maps the whole cache.
   *
   * @param source a recognised cache ({@link AndroidCacheSchema#check})
   * @param currentIdentityId the identity the app has now, or {@code null}
   * @param localOwnerId the offsync owner of data without identity
   * @return the plan
   * @throws InvalidParameterException if a row breaks the documented schema
   */
  public static Plan plan(AwsCacheSource source, String currentIdentityId, String localOwnerId) {
    MessageDigest digest = sha256();
    List<Map<String, Object>> datasets = source.query("SELECT identity_id, dataset_name, creation_timestamp,"
        + " last_modified_timestamp, last_modified_by, storage_size_bytes, record_count, last_sync_count"
        + " FROM datasets ORDER BY identity_id, dataset_name");
    List<Map<String, Object>> records = source.query("SELECT identity_id, dataset_name, key, value, sync_count,"
        + " last_modified_timestamp, last_modified_by, device_last_modified_timestamp, modified"
        + " FROM records ORDER BY identity_id, dataset_name, key");
    java.util.Set<String> currentNames = new java.util.HashSet<>();
    for (Map<String, Object> row : datasets) {
      if (currentIdentityId != null && currentIdentityId.equals(text(row, "identity_id"))) {
        currentNames.add(text(row, "dataset_name"));
      }
    }
    for (Map<String, Object> row : records) {
      if (currentIdentityId != null && currentIdentityId.equals(text(row, "identity_id"))) {
        currentNames.add(text(row, "dataset_name"));
      }
    }
    Plan plan = new Plan();
    for (Map<String, Object> row : datasets) {
      update(digest, row);
      String[] target = target(row, currentIdentityId, localOwnerId, currentNames);
      long lastSync = number(row, "last_sync_count", 0);
      if (lastSync < -1) {
        throw bad(row, "last_sync_count " + lastSync);
      }
      LocalDataset ds = LocalDataset.builder(target[0], target[1])
          .watermark(Math.max(0, lastSync))
          .deletedLocally(lastSync == -1)
          .creationDate(instant(row, "creation_timestamp"))
          .lastModifiedDate(instant(row, "last_modified_timestamp"))
          .lastModifiedBy(text(row, "last_modified_by"))
          .remoteStorageBytes(nonNegative(row, "storage_size_bytes"))
          .remoteRecordCount(nonNegative(row, "record_count"))
          .build();
      plan.entries.put(target[0] + '\u0000' + target[1], new Entry(ds));
    }
    for (Map<String, Object> row : records) {
      update(digest, row);
      String[] target = target(row, currentIdentityId, localOwnerId, currentNames);
      String key = text(row, "key");
      if (key == null || key.isEmpty()) {
        throw bad(row, "empty key");
      }
      long modified = number(row, "modified", 1);
      if (modified != 0 && modified != 1) {
        throw bad(row, "modified " + modified);
      }
      long syncCount = number(row, "sync_count", 0);
      if (syncCount < 0) {
        throw bad(row, "sync_count " + syncCount);
      }
      String value = text(row, "value");
      boolean dirty = modified == 1;
      LocalRecord record = LocalRecord.builder(key)
          .value(value)
          .baseValue(dirty ? null : value)
          .syncCount(syncCount)
          .dirty(dirty)
          .lastModifiedDate(instant(row, "last_modified_timestamp"))
          .lastModifiedBy(text(row, "last_modified_by"))
          .deviceLastModifiedDate(instant(row, "device_last_modified_timestamp"))
          .build();
      // a record without a dataset row (AWS's "dangled records", §2.6-8): its dataset is recreated, never synced
      Entry entry = plan.entries.computeIfAbsent(target[0] + '\u0000' + target[1],
          k -> new Entry(LocalDataset.builder(target[0], target[1]).build()));
      entry.records.add(record);
    }
    plan.fingerprint = hex(digest.digest());
    return plan;
  }

  private static String[] target(Map<String, Object> row, String current, String localOwner,
      java.util.Set<String> currentNames) {
    String id = text(row, "identity_id");
    String name = text(row, "dataset_name");
    if (id == null || id.isEmpty() || name == null || name.isEmpty()) {
      throw bad(row, "empty identity_id or dataset_name");
    }
    if (!UNKNOWN_IDENTITY.equals(id)) {
      return new String[] {id, name};
    }
    if (current == null) {
      return new String[] {localOwner, name};
    }
    return new String[] {current, currentNames.contains(name) ? name + "." + UNKNOWN_IDENTITY : name};
  }

  private static String text(Map<String, Object> row, String column) {
    Object v = row.get(column);
    return v == null ? null : v instanceof byte[] ? new String((byte[]) v, StandardCharsets.UTF_8) : v.toString();
  }

  private static long number(Map<String, Object> row, String column, long ifNull) {
    Object v = row.get(column);
    if (v == null) {
      return ifNull;
    }
    if (v instanceof Number) {
      return ((Number) v).longValue();
    }
    try {
      return Long.parseLong(v.toString().trim());
    } catch (NumberFormatException e) {
      throw bad(row, column + " is not a number: " + v);
    }
  }

  private static long nonNegative(Map<String, Object> row, String column) {
    return Math.max(0, number(row, column, 0));
  }

  private static Instant instant(Map<String, Object> row, String column) {
    long millis = number(row, column, 0);
    return millis <= 0 ? null : Instant.ofEpochMilli(millis);
  }

  private static InvalidParameterException bad(Map<String, Object> row, String what) {
    return new InvalidParameterException("AWS cache row breaks the documented schema (" + what + "): identity "
        + row.get("identity_id") + ", dataset " + row.get("dataset_name")
        + (row.containsKey("key") ? ", key " + row.get("key") : ""));
  }

  private static void update(MessageDigest digest, Map<String, Object> row) {
    for (Map.Entry<String, Object> e : row.entrySet()) {
      digest.update(e.getKey().getBytes(StandardCharsets.UTF_8));
      digest.update((byte) 0);
      Object v = e.getValue();
      digest.update(v == null ? new byte[] {1} : ("v" + text(row, e.getKey())).getBytes(StandardCharsets.UTF_8));
      digest.update((byte) 0);
    }
    digest.update((byte) '\n');
  }

  private static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 unavailable", e);
    }
  }

  private static String hex(byte[] bytes) {
    StringBuilder sb = new StringBuilder();
    for (byte b : bytes) {
      sb.append(String.format("%02x", b & 0xff));
    }
    return sb.toString();
  }
}
