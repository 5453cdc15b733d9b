package dev.offsync.internal;

import dev.offsync.ThrottledException;
import java.time.Duration;
import java.util.Random;

/**
 * Exponential backoff with full jitter: the n-th consecutive failure waits a uniformly random time in
 * {@code [0, min(cap, base * 2^(n-1))]}, and at least a {@link ThrottledException}'s retry-after hint.
 * Not API.
 */
public final class Backoff {
  private final long baseMillis;
  private final long capMillis;
  private final Random random;

  /** Creates a backoff; {@code random} supplies the jitter. */
  public Backoff(Duration base, Duration cap, Random random) {
    this.baseMillis = base.toMillis();
    this.capMillis = Math.max(cap.toMillis(), 0);
    this.random = random;
  }

  /** The ceiling of the n-th delay (n &ge; 1), before jitter. */
  public long ceilingMillis(int failures) {
    int shift = Math.min(Math.max(failures - 1, 0), 40);
    long ceiling = baseMillis << shift;
    if (ceiling < 0 || (shift > 0 && (ceiling >> shift) != baseMillis)) {
      ceiling = Long.MAX_VALUE;
    }
    return Math.min(ceiling, capMillis);
  }

  /** The delay before retrying after the n-th consecutive failure {@code error}, in milliseconds. */
  public long delayMillis(int failures, Throwable error) {
    long ceiling = ceilingMillis(failures);
    long delay;
    synchronized (random) {
      delay = ceiling <= 0 ? 0 : (long) (random.nextDouble() * (ceiling + 1));
    }
    delay = Math.min(delay, ceiling);
    if (error instanceof ThrottledException) {
      Duration hint = ((ThrottledException) error).retryAfter();
      if (hint != null) {
        delay = Math.max(delay, hint.toMillis());
      }
    }
    return delay;
  }
}
