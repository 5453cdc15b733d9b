package dev.offsync.sqlite.internal;

import dev.offsync.sqlite.schema.internal.StoredInstants;
import java.time.Instant;

/** The stored form of instants, shared with the Android store ({@link StoredInstants}). */
final class Instants {
  private Instants() {}

  static Object encode(Instant instant) {
    return StoredInstants.encode(instant);
  }

  static Instant decode(Object stored) {
    return StoredInstants.decode(stored);
  }
}
