package dev.offsync.internal;

import dev.offsync.Record;
import dev.offsync.spi.LocalRecord;
import dev.offsync.spi.RemoteRecord;

/** Conversions between the SPI's record types and the public {@link Record}. Not API. */
public final class Records {
  private Records() {}

  /** The public view of a stored record. */
  public static Record toRecord(LocalRecord r) {
    return Record.builder(r.key())
        .value(r.value())
        .syncCount(r.syncCount())
        .dirty(r.isDirty())
        .lastModifiedDate(r.lastModifiedDate())
        .lastModifiedBy(r.lastModifiedBy())
        .deviceLastModifiedDate(r.deviceLastModifiedDate())
        .build();
  }

  /** The public view of a server record (clean). */
  public static Record toRecord(RemoteRecord r) {
    return Record.builder(r.key())
        .value(r.value())
        .syncCount(r.syncCount())
        .dirty(false)
        .lastModifiedDate(r.lastModifiedDate())
        .lastModifiedBy(r.lastModifiedBy())
        .deviceLastModifiedDate(r.deviceLastModifiedDate())
        .build();
  }

  /** A clean local row holding the server's record: base = the record itself. */
  public static LocalRecord cleanFromRemote(RemoteRecord r) {
    return LocalRecord.builder(r.key())
        .value(r.value())
        .syncCount(r.syncCount())
        .baseValue(r.value())
        .dirty(false)
        .deviceLastModifiedDate(r.deviceLastModifiedDate())
        .lastModifiedDate(r.lastModifiedDate())
        .lastModifiedBy(r.lastModifiedBy())
        .build();
  }

  /** {@code local}'s pending state rebased on the server's record: dirty, base = remote, no deferred conflict. */
  public static LocalRecord rebase(LocalRecord local, RemoteRecord remote, String value, boolean newDeviceDate,
      java.time.Instant now) {
    LocalRecord.Builder b = local.newBuilder()
        .value(value)
        .syncCount(remote.syncCount())
        .baseValue(remote.value())
        .dirty(true)
        .pendingConflict(null)
        .lastModifiedDate(remote.lastModifiedDate())
        .lastModifiedBy(remote.lastModifiedBy());
    if (newDeviceDate) {
      b.deviceLastModifiedDate(now);
    }
    return b.build();
  }

  /** UTF-8 byte length of {@code s} without encoding it; 0 for {@code null}. */
  public static long utf8Length(String s) {
    if (s == null) {
      return 0;
    }
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
}
