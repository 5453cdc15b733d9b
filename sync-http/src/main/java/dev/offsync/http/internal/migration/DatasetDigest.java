package dev.offsync.http.internal.migration;

import dev.offsync.http.model.Record;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * An order-independent digest of a dataset's records (tombstones included): their count, the live count, and the sum
 * modulo 2^256 of the SHA-256 of each record's key, value (or a tombstone marker) and sync count. Streams records:
 * constant memory.
 */
public final class DatasetDigest {
  private static final BigInteger MOD = BigInteger.ONE.shiftLeft(256);
  private long records;
  private long live;
  private BigInteger sum = BigInteger.ZERO;

  /**
   * Adds a record.
   *
   * @param r the record
   */
  public void add(Record r) {
    records++;
    if (r.value() != null) {
      live++;
    }
    try {
      MessageDigest md = MessageDigest.getInstance("SHA-256");
      md.update(r.key().getBytes(StandardCharsets.UTF_8));
      md.update((byte) 0);
      if (r.value() == null) {
        md.update((byte) 1);
      } else {
        md.update((byte) 2);
        md.update(r.value().getBytes(StandardCharsets.UTF_8));
      }
      md.update((byte) 0);
      md.update(Long.toString(r.syncCount() == null ? -1 : r.syncCount()).getBytes(StandardCharsets.US_ASCII));
      sum = sum.add(new BigInteger(1, md.digest())).mod(MOD);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  /**
   * Records seen, tombstones included.
   *
   * @return the count
   */
  public long records() {
    return records;
  }

  /**
   * Live records seen.
   *
   * @return the count
   */
  public long live() {
    return live;
  }

  /**
   * The digest as hex.
   *
   * @return 64 hex digits
   */
  public String hash() {
    String h = sum.toString(16);
    StringBuilder b = new StringBuilder(64);
    for (int i = h.length(); i < 64; i++) {
      b.append('0');
    }
    return b.append(h).toString();
  }
}
