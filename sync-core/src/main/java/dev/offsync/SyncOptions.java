package dev.offsync;

import static dev.offsync.internal.Preconditions.checkArgument;
import static dev.offsync.internal.Preconditions.checkNotNull;

import java.time.Duration;

/**
 * How syncs run: conflict retry attempts and their backoff, the backoff of background retries after
 * transient failures (exponential with full jitter, capped), automatic syncs after local writes
 * (debounced) and periodically, and the {@link RemoteDeletionPolicy}. Immutable.
 */
public final class SyncOptions {
  /** The defaults: 5 conflict attempts, background retries from 1 s to 5 min, no automatic syncs. */
  public static final SyncOptions DEFAULT = new Builder().build();

  private final int maxConflictAttempts;
  private final Duration conflictRetryDelay;
  private final Duration conflictRetryMaxDelay;
  private final Duration retryInitialDelay;
  private final Duration retryMaxDelay;
  private final Duration autoSyncDebounce;
  private final Duration periodicSyncInterval;
  private final RemoteDeletionPolicy remoteDeletionPolicy;

  private SyncOptions(Builder b) {
    this.maxConflictAttempts = b.maxConflictAttempts;
    this.conflictRetryDelay = b.conflictRetryDelay;
    this.conflictRetryMaxDelay = b.conflictRetryMaxDelay;
    this.retryInitialDelay = b.retryInitialDelay;
    this.retryMaxDelay = b.retryMaxDelay;
    this.autoSyncDebounce = b.autoSyncDebounce;
    this.periodicSyncInterval = b.periodicSyncInterval;
    this.remoteDeletionPolicy = b.remoteDeletionPolicy;
  }

  /** @return a builder with the defaults */
  public static Builder builder() {
    return new Builder();
  }

  /** @return a builder initialised with these options */
  public Builder newBuilder() {
    return new Builder(this);
  }

  /**
   * How many push attempts one sync makes when the server keeps answering with a stale-sync-count
   * conflict, before failing with {@link ConflictRetriesExhaustedException} (default 5).
   *
   * @return the attempts, at least 1
   */
  public int maxConflictAttempts() {
    return maxConflictAttempts;
  }

  /** @return the base delay before re-pulling after a conflict, doubled per attempt (default 100 ms) */
  public Duration conflictRetryDelay() {
    return conflictRetryDelay;
  }

  /** @return the cap of the conflict retry delay (default 5 s) */
  public Duration conflictRetryMaxDelay() {
    return conflictRetryMaxDelay;
  }

  /** @return the base delay of background retries after a transient failure (default 1 s) */
  public Duration retryInitialDelay() {
    return retryInitialDelay;
  }

  /** @return the cap of background retry delays (default 5 min) */
  public Duration retryMaxDelay() {
    return retryMaxDelay;
  }

  /**
   * The quiet period after the last local write of a dataset before it is synced automatically.
   *
   * @return the debounce, or {@code null} if automatic syncs after writes are off (the default)
   */
  public Duration autoSyncDebounce() {
    return autoSyncDebounce;
  }

  /** @return the interval of periodic syncs of every dataset, or {@code null} if off (the default) */
  public Duration periodicSyncInterval() {
    return periodicSyncInterval;
  }

  /** @return what to do with a dataset deleted on the server (default {@link RemoteDeletionPolicy#PURGE_UNLESS_DIRTY}) */
  public RemoteDeletionPolicy remoteDeletionPolicy() {
    return remoteDeletionPolicy;
  }

  @Override
  public String toString() {
    return "SyncOptions{maxConflictAttempts=" + maxConflictAttempts + ", conflictRetryDelay=" + conflictRetryDelay
        + ", retry=" + retryInitialDelay + ".." + retryMaxDelay + ", autoSyncDebounce=" + autoSyncDebounce
        + ", periodic=" + periodicSyncInterval + ", remoteDeletion=" + remoteDeletionPolicy + "}";
  }

  /** Builds {@link SyncOptions}. */
  public static final class Builder {
    private int maxConflictAttempts = 5;
    private Duration conflictRetryDelay = Duration.ofMillis(100);
    private Duration conflictRetryMaxDelay = Duration.ofSeconds(5);
    private Duration retryInitialDelay = Duration.ofSeconds(1);
    private Duration retryMaxDelay = Duration.ofMinutes(5);
    private Duration autoSyncDebounce;
    private Duration periodicSyncInterval;
    private RemoteDeletionPolicy remoteDeletionPolicy = RemoteDeletionPolicy.PURGE_UNLESS_DIRTY;

    Builder() {}

    Builder(SyncOptions o) {
      maxConflictAttempts = o.maxConflictAttempts;
      conflictRetryDelay = o.conflictRetryDelay;
      conflictRetryMaxDelay = o.conflictRetryMaxDelay;
      retryInitialDelay = o.retryInitialDelay;
      retryMaxDelay = o.retryMaxDelay;
      autoSyncDebounce = o.autoSyncDebounce;
      periodicSyncInterval = o.periodicSyncInterval;
      remoteDeletionPolicy = o.remoteDeletionPolicy;
    }

    /**
     * @param attempts push attempts per sync on conflicts, at least 1
     * @return this builder
     */
    public Builder maxConflictAttempts(int attempts) {
      checkArgument(attempts >= 1, "maxConflictAttempts < 1: " + attempts);
      maxConflictAttempts = attempts;
      return this;
    }

    /**
     * @param delay base conflict retry delay, not negative ({@code ZERO}: retry at once)
     * @return this builder
     */
    public Builder conflictRetryDelay(Duration delay) {
      conflictRetryDelay = nonNegative(delay, "conflictRetryDelay");
      return this;
    }

    /**
     * @param delay cap of the conflict retry delay, not negative
     * @return this builder
     */
    public Builder conflictRetryMaxDelay(Duration delay) {
      conflictRetryMaxDelay = nonNegative(delay, "conflictRetryMaxDelay");
      return this;
    }

    /**
     * @param delay base background retry delay, positive
     * @return this builder
     */
    public Builder retryInitialDelay(Duration delay) {
      retryInitialDelay = positive(delay, "retryInitialDelay");
      return this;
    }

    /**
     * @param delay cap of background retry delays, positive
     * @return this builder
     */
    public Builder retryMaxDelay(Duration delay) {
      retryMaxDelay = positive(delay, "retryMaxDelay");
      return this;
    }

    /**
     * Turns on automatic syncs after local writes.
     *
     * @param debounce the quiet period after the last write, positive
     * @return this builder
     */
    public Builder autoSyncDebounce(Duration debounce) {
      autoSyncDebounce = positive(debounce, "autoSyncDebounce");
      return this;
    }

    /** @return this builder, with automatic syncs after local writes off */
    public Builder noAutoSync() {
      autoSyncDebounce = null;
      return this;
    }

    /**
     * Turns on periodic syncs of every local dataset.
     *
     * @param interval the period, positive
     * @return this builder
     */
    public Builder periodicSyncInterval(Duration interval) {
      periodicSyncInterval = positive(interval, "periodicSyncInterval");
      return this;
    }

    /** @return this builder, with periodic syncs off */
    public Builder noPeriodicSync() {
      periodicSyncInterval = null;
      return this;
    }

    /**
     * @param policy what to do with datasets deleted remotely
     * @return this builder
     */
    public Builder remoteDeletionPolicy(RemoteDeletionPolicy policy) {
      remoteDeletionPolicy = checkNotNull(policy, "policy");
      return this;
    }

    /** @return the options */
    public SyncOptions build() {
      return new SyncOptions(this);
    }

    private static Duration nonNegative(Duration d, String name) {
      checkNotNull(d, name);
      checkArgument(!d.isNegative(), name + " < 0: " + d);
      return d;
    }

    private static Duration positive(Duration d, String name) {
      checkNotNull(d, name);
      checkArgument(!d.isNegative() && !d.isZero(), name + " <= 0: " + d);
      return d;
    }
  }
}
