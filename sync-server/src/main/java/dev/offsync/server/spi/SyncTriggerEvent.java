package dev.offsync.server.spi;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * A Cognito Sync Trigger event, as AWS documents it for the function's input and output:
 *
 * <pre>{@code
 * {"version": 2, "eventType": "SyncTrigger", "region": "us-east-1",
 *  "identityPoolId": "...", "identityId": "...", "datasetName": "...",
 *  "datasetRecords": {"key": {"oldValue": "...", "newValue": "...", "op": "replace"}}}
 * }</pre>
 *
 * @param version the event format version, {@value #VERSION}
 * @param eventType {@value #EVENT_TYPE}
 * @param region the region of the identity pool (the part of its id before {@code ':'})
 * @param identityPoolId the identity pool
 * @param identityId the identity whose dataset is being updated
 * @param datasetName the dataset
 * @param datasetRecords the records by key, in insertion order (unmodifiable copy)
 */
public record SyncTriggerEvent(
    int version,
    String eventType,
    String region,
    String identityPoolId,
    String identityId,
    String datasetName,
    Map<String, SyncTriggerRecord> datasetRecords) {
  /** The event format version the server sends. */
  public static final int VERSION = 2;
  /** The event type the server sends. */
  public static final String EVENT_TYPE = "SyncTrigger";

  /**
   * Validates the components and copies the records.
   *
   * @param version the event format version, {@value #VERSION}
   * @param eventType {@value #EVENT_TYPE}
   * @param region the region of the identity pool (the part of its id before {@code ':'})
   * @param identityPoolId the identity pool
   * @param identityId the identity whose dataset is being updated
   * @param datasetName the dataset
   * @param datasetRecords the records by key; no null keys or entries
   */
  public SyncTriggerEvent {
    Objects.requireNonNull(eventType, "eventType == null");
    Objects.requireNonNull(region, "region == null");
    Objects.requireNonNull(identityPoolId, "identityPoolId == null");
    Objects.requireNonNull(identityId, "identityId == null");
    Objects.requireNonNull(datasetName, "datasetName == null");
    Objects.requireNonNull(datasetRecords, "datasetRecords == null");
    Map<String, SyncTriggerRecord> copy = new LinkedHashMap<>();
    datasetRecords.forEach((k, v) -> copy.put(
        Objects.requireNonNull(k, "datasetRecords key == null"),
        Objects.requireNonNull(v, "datasetRecords entry == null")));
    datasetRecords = Collections.unmodifiableMap(copy);
  }

  /**
   * A copy of this event with other records (the usual way a trigger answers).
   *
   * @param records the records to return
   * @return the new event
   */
  public SyncTriggerEvent withDatasetRecords(Map<String, SyncTriggerRecord> records) {
    return new SyncTriggerEvent(version, eventType, region, identityPoolId, identityId, datasetName, records);
  }
}
