package dev.offsync.sqlite.schema.internal;

import java.time.Instant;

/**
 * How both stores keep an {@link Instant} exactly in one instant column: nanoseconds since the epoch as an
 * INTEGER (every instant from 1677 to 2262), and the ISO-8601 text of {@link Instant#toString()} for the rare
 * instant outside that range.
 */
public final class StoredInstants {
  private StoredInstants() {}

  /**
   * The stored form of {@code instant}.
   *
   * @param instant an instant, or {@code null}
   * @return a {@link Long}, a {@link String}, or {@code null}
   */
  public static Object encode(Instant instant) {
    if (instant == null) {
      return null;
    }
    try {
      return Math.addExact(Math.multiplyExact(instant.getEpochSecond(), 1_000_000_000L), instant.getNano());
    } catch (ArithmeticException outOfRange) {
      return instant.toString();
    }
  }

  /**
   * The instant a stored value stands for.
   *
   * @param stored a {@link Number}, a string, or {@code null}
   * @return the instant, or {@code null}
   */
  public static Instant decode(Object stored) {
    if (stored == null) {
      return null;
    }
    if (stored instanceof Number) {
      return Instant.ofEpochSecond(0, ((Number) stored).longValue());
    }
    return Instant.parse(stored.toString());
  }
}
