package dev.offsync.sqlite.internal;

import java.time.Instant;

/**
 * Stores an {@link Instant} exactly in one {@code ANY} column: nanoseconds since the epoch as an
 * INTEGER (every instant from 1677 to 2262), and the ISO-8601 text of {@link Instant#toString()} for
 * the rare instant outside that range.
 */
final class Instants {
  private Instants() {}

  static Object encode(Instant instant) {
    if (instant == null) {
      return null;
    }
    try {
      return Math.addExact(Math.multiplyExact(instant.getEpochSecond(), 1_000_000_000L), instant.getNano());
    } catch (ArithmeticException outOfRange) {
      return instant.toString();
    }
  }

  static Instant decode(Object stored) {
    if (stored == null) {
      return null;
    }
    if (stored instanceof Number) {
      return Instant.ofEpochSecond(0, ((Number) stored).longValue());
    }
    return Instant.parse(stored.toString());
  }
}
