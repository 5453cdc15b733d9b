package dev.offsync.server.spi;

import java.time.Instant;
import java.util.Objects;

/**
 * One stored record version; a tombstone has a null {@code value}.
 *
 * @param key record key
 * @param value record value, null for a tombstone (a removed key)
 * @param syncCount the dataset sync count of the write that produced this version
 * @param lastModifiedDate server time of that write
 * @param lastModifiedBy device id or identity id of the writer, may be null
 * @param deviceLastModifiedDate the client's own modification time, may be null
 */
public record StoredRecord(
    String key,
    String value,
    long syncCount,
    Instant lastModifiedDate,
    String lastModifiedBy,
    Instant deviceLastModifiedDate) {

  /**
   * Validates the required components.
   *
   * @param key record key
   * @param value record value, null for a tombstone (a removed key)
   * @param syncCount the dataset sync count of the write that produced this version
   * @param lastModifiedDate server time of that write
   * @param lastModifiedBy device id or identity id of the writer, may be null
   * @param deviceLastModifiedDate the client's own modification time, may be null
   */
  public StoredRecord {
    Objects.requireNonNull(key, "key == null");
    Objects.requireNonNull(lastModifiedDate, "lastModifiedDate == null");
  }

  /**
   * Whether this version is a tombstone.
   *
   * @return true if the key was removed
   */
  public boolean deleted() {
    return value == null;
  }
}
