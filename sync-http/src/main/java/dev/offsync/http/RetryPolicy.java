package dev.offsync.http;

import java.time.Duration;
import java.util.Objects;

/**
 * When and how long the client waits before repeating a failed call.
 *
 * <p>Retried: {@link java.io.IOException}s (connection refused or reset, timeouts, a connection closed in the middle
 * of a response), HTTP 5xx, and HTTP 429 ({@link TooManyRequestsException}, {@link LambdaThrottledException}).
 * Never retried: other 4xx responses and malformed responses. The delay before retry {@code n} (1-based) is "full
 * jitter" exponential backoff: uniformly random in {@code [0, min(maxDelay, baseDelay * 2^(n-1))]}. If the response
 * carried a {@code Retry-After} header (seconds or an HTTP date) and {@link #honorRetryAfter()} is set, the client
 * waits exactly that long instead; if the server asks for more than {@link #maxDelay()}, the client stops retrying
 * and throws the error, rather than block longer than configured.
 *
 * <p>Every operation is retried, including {@code UpdateRecords}: its record patches carry sync counts, so a replay
 * of a write that was already applied fails with {@link ResourceConflictException}, never applies twice.
 *
 * <p>Immutable; the defaults are 3 attempts, 100 ms base delay, 20 s cap, {@code Retry-After} honoured.
 */
public final class RetryPolicy {
  private static final RetryPolicy DEFAULTS = builder().build();

  private final int maxAttempts;
  private final Duration baseDelay;
  private final Duration maxDelay;
  private final boolean honorRetryAfter;

  private RetryPolicy(Builder builder) {
    this.maxAttempts = builder.maxAttempts;
    this.baseDelay = builder.baseDelay;
    this.maxDelay = builder.maxDelay;
    this.honorRetryAfter = builder.honorRetryAfter;
  }

  /**
   * Returns the default policy: 3 attempts, 100 ms base delay, 20 s cap, {@code Retry-After} honoured.
   *
   * @return the default policy
   */
  public static RetryPolicy defaults() {
    return DEFAULTS;
  }

  /**
   * Returns a policy that makes exactly one attempt.
   *
   * @return the no-retry policy
   */
  public static RetryPolicy none() {
    return builder().maxAttempts(1).build();
  }

  /**
   * Returns a builder holding the defaults.
   *
   * @return a new builder
   */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * Returns a builder initialised with this policy.
   *
   * @return a new builder
   */
  public Builder newBuilder() {
    return new Builder(this);
  }

  /**
   * Returns the maximum number of attempts, the first one included.
   *
   * @return at least 1
   */
  public int maxAttempts() {
    return maxAttempts;
  }

  /**
   * Returns the backoff unit: the cap of the first retry's random delay.
   *
   * @return the base delay
   */
  public Duration baseDelay() {
    return baseDelay;
  }

  /**
   * Returns the longest the client waits before one retry, {@code Retry-After} included.
   *
   * @return the cap
   */
  public Duration maxDelay() {
    return maxDelay;
  }

  /**
   * Returns whether a {@code Retry-After} response header sets the delay (instead of the jittered backoff).
   *
   * @return whether {@code Retry-After} is honoured
   */
  public boolean honorRetryAfter() {
    return honorRetryAfter;
  }

  /**
   * Returns the upper bound of the random delay before retry {@code retry}: {@code min(maxDelay, baseDelay *
   * 2^(retry-1))}.
   *
   * @param retry the 1-based number of the retry
   * @return the ceiling of the jittered delay
   */
  public Duration backoffCeiling(int retry) {
    if (retry < 1) {
      throw new IllegalArgumentException("retry < 1: " + retry);
    }
    long base = baseDelay.toNanos();
    long cap = maxDelay.toNanos();
    int shift = Math.min(retry - 1, 62);
    long ceiling = base > (cap >> shift) ? cap : Math.min(cap, base << shift);
    return Duration.ofNanos(ceiling);
  }

  @Override
  public boolean equals(Object other) {
    if (!(other instanceof RetryPolicy)) {
      return false;
    }
    RetryPolicy that = (RetryPolicy) other;
    return maxAttempts == that.maxAttempts
        && baseDelay.equals(that.baseDelay)
        && maxDelay.equals(that.maxDelay)
        && honorRetryAfter == that.honorRetryAfter;
  }

  @Override
  public int hashCode() {
    return Objects.hash(maxAttempts, baseDelay, maxDelay, honorRetryAfter);
  }

  @Override
  public String toString() {
    return "RetryPolicy{maxAttempts="
        + maxAttempts
        + ", baseDelay="
        + baseDelay
        + ", maxDelay="
        + maxDelay
        + ", honorRetryAfter="
        + honorRetryAfter
        + "}";
  }

  /** Builds {@link RetryPolicy} values; not thread-safe. */
  public static final class Builder {
    private int maxAttempts = 3;
    private Duration baseDelay = Duration.ofMillis(100);
    private Duration maxDelay = Duration.ofSeconds(20);
    private boolean honorRetryAfter = true;

    private Builder() {}

    private Builder(RetryPolicy policy) {
      this.maxAttempts = policy.maxAttempts;
      this.baseDelay = policy.baseDelay;
      this.maxDelay = policy.maxDelay;
      this.honorRetryAfter = policy.honorRetryAfter;
    }

    /**
     * Sets the maximum number of attempts, the first one included; 1 disables retries.
     *
     * @param maxAttempts at least 1
     * @return this builder
     */
    public Builder maxAttempts(int maxAttempts) {
      if (maxAttempts < 1) {
        throw new IllegalArgumentException("maxAttempts < 1: " + maxAttempts);
      }
      this.maxAttempts = maxAttempts;
      return this;
    }

    /**
     * Sets the backoff unit.
     *
     * @param baseDelay not negative, not null
     * @return this builder
     */
    public Builder baseDelay(Duration baseDelay) {
      Objects.requireNonNull(baseDelay, "baseDelay == null");
      if (baseDelay.isNegative()) {
        throw new IllegalArgumentException("baseDelay < 0: " + baseDelay);
      }
      this.baseDelay = baseDelay;
      return this;
    }

    /**
     * Sets the longest wait before one retry.
     *
     * @param maxDelay not negative, not null
     * @return this builder
     */
    public Builder maxDelay(Duration maxDelay) {
      Objects.requireNonNull(maxDelay, "maxDelay == null");
      if (maxDelay.isNegative()) {
        throw new IllegalArgumentException("maxDelay < 0: " + maxDelay);
      }
      this.maxDelay = maxDelay;
      return this;
    }

    /**
     * Sets whether a {@code Retry-After} header sets the delay (instead of the jittered backoff).
     *
     * @param honorRetryAfter whether to honour {@code Retry-After}
     * @return this builder
     */
    public Builder honorRetryAfter(boolean honorRetryAfter) {
      this.honorRetryAfter = honorRetryAfter;
      return this;
    }

    /**
     * Builds the policy.
     *
     * @return the policy
     */
    public RetryPolicy build() {
      return new RetryPolicy(this);
    }
  }
}
