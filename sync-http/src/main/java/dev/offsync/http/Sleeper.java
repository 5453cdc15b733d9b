package dev.offsync.http;

import java.time.Duration;

/**
 * Waits between retry attempts. The default is {@link #system()}; tests inject one that records the delays
 * instead of sleeping.
 */
@FunctionalInterface
public interface Sleeper {
  /**
   * Blocks for {@code duration}.
   *
   * @param duration how long to wait, not negative
   * @throws InterruptedException if the thread is interrupted while waiting
   */
  void sleep(Duration duration) throws InterruptedException;

  /**
   * Returns the sleeper that blocks the calling thread with {@link Thread#sleep(long)}.
   *
   * @return the system sleeper
   */
  static Sleeper system() {
    return duration -> Thread.sleep(duration.toMillis());
  }
}
