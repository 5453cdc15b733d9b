package dev.offsync.android;

import dev.offsync.InvalidParameterException;
import java.time.Duration;
import java.util.Objects;

/**
 * How {@link BackgroundSync} schedules {@link SyncJobService}: the job id, the network it waits for, periodic or
 * one-off, the backoff of a retry, the deadline of a run, battery constraints, and whether the job survives a reboot.
 * Immutable; build with {@link #builder()}, change with {@link #newBuilder()}.
 *
 * <pre>{@code
 * BackgroundSyncOptions options = BackgroundSyncOptions.builder()
 *     .network(NetworkRequirement.UNMETERED)     // Wi-Fi only
 *     .period(Duration.ofHours(6))               // periodic; leave unset for one run
 *     .persisted(true)                           // needs RECEIVE_BOOT_COMPLETED
 *     .build();
 * }</pre>
 */
public final class BackgroundSyncOptions {
  /** The default job id: pick another one with {@link Builder#jobId(int)} if the app's own jobs use it. */
  public static final int DEFAULT_JOB_ID = 0x0FF5_1C00;
  /** JobScheduler's shortest period (15 minutes); shorter periods are rejected. */
  public static final Duration MIN_PERIOD = Duration.ofMinutes(15);
  /** JobScheduler's shortest backoff (10 seconds). */
  public static final Duration MIN_BACKOFF = Duration.ofSeconds(10);
  /** JobScheduler stops a job after 10 minutes; a run's deadline must end before that. */
  public static final Duration MAX_RUN_DEADLINE = Duration.ofMinutes(10);

  private final int jobId;
  private final NetworkRequirement network;
  private final Duration period;
  private final Duration initialBackoff;
  private final Duration runDeadline;
  private final boolean persisted;
  private final boolean requiresCharging;
  private final boolean requiresBatteryNotLow;

  private BackgroundSyncOptions(Builder b) {
    this.jobId = b.jobId;
    this.network = b.network;
    this.period = b.period;
    this.initialBackoff = b.initialBackoff;
    this.runDeadline = b.runDeadline;
    this.persisted = b.persisted;
    this.requiresCharging = b.requiresCharging;
    this.requiresBatteryNotLow = b.requiresBatteryNotLow;
  }

  /** @return a builder with the defaults: any network, one-off, 30 s backoff, 9 min deadline, not persisted */
  public static Builder builder() {
    return new Builder();
  }

  /** @return a builder initialised with these options */
  public Builder newBuilder() {
    return new Builder(this);
  }

  /** @return the JobScheduler job id */
  public int jobId() {
    return jobId;
  }

  /** @return the network the job waits for */
  public NetworkRequirement network() {
    return network;
  }

  /** @return the period of a periodic job, or {@code null} for a one-off job */
  public Duration period() {
    return period;
  }

  /** @return whether the job is periodic */
  public boolean isPeriodic() {
    return period != null;
  }

  /** @return the first retry delay; it doubles at each retry (JobScheduler caps it at 5 hours) */
  public Duration initialBackoff() {
    return initialBackoff;
  }

  /** @return how long a run may sync before it is stopped and retried */
  public Duration runDeadline() {
    return runDeadline;
  }

  /** @return whether the job survives a reboot */
  public boolean isPersisted() {
    return persisted;
  }

  /** @return whether the job waits for the device to charge */
  public boolean requiresCharging() {
    return requiresCharging;
  }

  /** @return whether the job waits while the battery is low */
  public boolean requiresBatteryNotLow() {
    return requiresBatteryNotLow;
  }

  @Override
  public boolean equals(Object o) {
    if (!(o instanceof BackgroundSyncOptions)) {
      return false;
    }
    BackgroundSyncOptions that = (BackgroundSyncOptions) o;
    return jobId == that.jobId && network == that.network && Objects.equals(period, that.period)
        && initialBackoff.equals(that.initialBackoff) && runDeadline.equals(that.runDeadline)
        && persisted == that.persisted && requiresCharging == that.requiresCharging
        && requiresBatteryNotLow == that.requiresBatteryNotLow;
  }

  @Override
  public int hashCode() {
    return Objects.hash(jobId, network, period, initialBackoff, runDeadline, persisted, requiresCharging,
        requiresBatteryNotLow);
  }

  @Override
  public String toString() {
    return "BackgroundSyncOptions{jobId=" + jobId + ", network=" + network + ", period=" + period
        + ", initialBackoff=" + initialBackoff + ", runDeadline=" + runDeadline + ", persisted=" + persisted
        + ", requiresCharging=" + requiresCharging + ", requiresBatteryNotLow=" + requiresBatteryNotLow + "}";
  }

  /** Builds {@link BackgroundSyncOptions}; not thread-safe. */
  public static final class Builder {
    private int jobId = DEFAULT_JOB_ID;
    private NetworkRequirement network = NetworkRequirement.ANY;
    private Duration period;
    private Duration initialBackoff = Duration.ofSeconds(30);
    private Duration runDeadline = Duration.ofMinutes(9);
    private boolean persisted;
    private boolean requiresCharging;
    private boolean requiresBatteryNotLow;

    private Builder() {}

    private Builder(BackgroundSyncOptions o) {
      jobId = o.jobId;
      network = o.network;
      period = o.period;
      initialBackoff = o.initialBackoff;
      runDeadline = o.runDeadline;
      persisted = o.persisted;
      requiresCharging = o.requiresCharging;
      requiresBatteryNotLow = o.requiresBatteryNotLow;
    }

    /**
     * The JobScheduler job id (default {@link #DEFAULT_JOB_ID}); scheduling again with the same id replaces the job.
     *
     * @param jobId the id
     * @return this builder
     */
    public Builder jobId(int jobId) {
      this.jobId = jobId;
      return this;
    }

    /**
     * The network the job waits for (default {@link NetworkRequirement#ANY}).
     *
     * @param network the requirement, not null
     * @return this builder
     */
    public Builder network(NetworkRequirement network) {
      this.network = Objects.requireNonNull(network, "network == null");
      return this;
    }

    /**
     * Makes the job periodic: it runs once in every {@code period} (the system picks the moment within it), while
     * the constraints hold.
     *
     * @param period at least {@link #MIN_PERIOD}, not null
     * @return this builder
     * @throws InvalidParameterException if shorter than {@link #MIN_PERIOD}
     */
    public Builder period(Duration period) {
      Objects.requireNonNull(period, "period == null");
      if (period.compareTo(MIN_PERIOD) < 0) {
        throw new InvalidParameterException("period must be at least " + MIN_PERIOD + ": " + period);
      }
      this.period = period;
      return this;
    }

    /**
     * Makes the job one-off (the default): it runs once, as soon as the constraints hold, and again only to retry.
     *
     * @return this builder
     */
    public Builder oneOff() {
      this.period = null;
      return this;
    }

    /**
     * The delay before the first retry of a failed run (default 30 s); exponential: it doubles at each retry.
     *
     * @param backoff at least {@link #MIN_BACKOFF}, not null
     * @return this builder
     * @throws InvalidParameterException if shorter than {@link #MIN_BACKOFF}
     */
    public Builder initialBackoff(Duration backoff) {
      Objects.requireNonNull(backoff, "backoff == null");
      if (backoff.compareTo(MIN_BACKOFF) < 0) {
        throw new InvalidParameterException("initialBackoff must be at least " + MIN_BACKOFF + ": " + backoff);
      }
      this.initialBackoff = backoff;
      return this;
    }

    /**
     * How long a run may sync (default 9 minutes): then the sync is disposed and the job retried with backoff, so it
     * ends before the system's own 10-minute limit stops it.
     *
     * @param deadline positive, at most {@link #MAX_RUN_DEADLINE}, not null
     * @return this builder
     * @throws InvalidParameterException if not positive or longer than {@link #MAX_RUN_DEADLINE}
     */
    public Builder runDeadline(Duration deadline) {
      Objects.requireNonNull(deadline, "deadline == null");
      if (deadline.isNegative() || deadline.isZero() || deadline.compareTo(MAX_RUN_DEADLINE) > 0) {
        throw new InvalidParameterException("runDeadline must be in (0, " + MAX_RUN_DEADLINE + "]: " + deadline);
      }
      this.runDeadline = deadline;
      return this;
    }

    /**
     * Whether the job survives a reboot (default {@code false}). Needs the
     * {@code android.permission.RECEIVE_BOOT_COMPLETED} permission; without it JobScheduler rejects the job.
     *
     * @param persisted whether to persist
     * @return this builder
     */
    public Builder persisted(boolean persisted) {
      this.persisted = persisted;
      return this;
    }

    /**
     * Whether the job waits until the device is charging (default {@code false}).
     *
     * @param requiresCharging whether to wait for charging
     * @return this builder
     */
    public Builder requiresCharging(boolean requiresCharging) {
      this.requiresCharging = requiresCharging;
      return this;
    }

    /**
     * Whether the job waits while the battery is low (default {@code false}).
     *
     * @param requiresBatteryNotLow whether to wait
     * @return this builder
     */
    public Builder requiresBatteryNotLow(boolean requiresBatteryNotLow) {
      this.requiresBatteryNotLow = requiresBatteryNotLow;
      return this;
    }

    /** @return the options */
    public BackgroundSyncOptions build() {
      return new BackgroundSyncOptions(this);
    }
  }
}
