package dev.offsync.testing;

import io.reactivex.rxjava3.schedulers.TestScheduler;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * The test kit's one clock for tests that control time (UTC, thread-safe). Three bases, one way to move them
 * ({@link #advance}):
 * <ul>
 *   <li>{@link #following(TestScheduler)}: the engine's virtual time, {@code 2026-01-01T00:00Z} plus the scheduler's
 *       {@code now}, so timeouts, backoff and timestamps move together when the test advances the scheduler;
 *   <li>{@link #startingAt(Instant)}: a fixed instant that moves only when the test says so;
 *   <li>{@link #systemPlusOffset()}: real time plus an offset, for a real server whose threads need time to pass while
 *       a test jumps hours ahead without sleeping.
 * </ul>
 */
public final class VirtualClock extends Clock {
  /** Where {@link #following(TestScheduler)} starts. */
  public static final Instant ORIGIN = Instant.parse("2026-01-01T00:00:00Z");

  private final Supplier<Instant> base;
  private volatile Duration offset = Duration.ZERO;

  private VirtualClock(Supplier<Instant> base) {
    this.base = base;
  }

  /**
   * A clock at {@link #ORIGIN} plus {@code scheduler}'s virtual time.
   *
   * @param scheduler the test scheduler, not null
   * @return the clock
   */
  public static VirtualClock following(TestScheduler scheduler) {
    Objects.requireNonNull(scheduler, "scheduler == null");
    return new VirtualClock(() -> ORIGIN.plusMillis(scheduler.now(TimeUnit.MILLISECONDS)));
  }

  /**
   * A clock standing at {@code start} until {@link #advance advanced}.
   *
   * @param start the first instant, not null
   * @return the clock
   */
  public static VirtualClock startingAt(Instant start) {
    Objects.requireNonNull(start, "start == null");
    return new VirtualClock(() -> start);
  }

  /**
   * A clock at real time plus whatever it was {@link #advance advanced} by.
   *
   * @return the clock
   */
  public static VirtualClock systemPlusOffset() {
    return new VirtualClock(Instant::now);
  }

  /**
   * Moves the clock forward (or back, with a negative duration).
   *
   * @param duration how far, not null
   */
  public void advance(Duration duration) {
    Objects.requireNonNull(duration, "duration == null");
    synchronized (this) {
      offset = offset.plus(duration);
    }
  }

  @Override
  public ZoneId getZone() {
    return ZoneOffset.UTC;
  }

  @Override
  public Clock withZone(ZoneId zone) {
    return this;
  }

  @Override
  public Instant instant() {
    return base.get().plus(offset);
  }
}
