package dev.offsync;

import java.time.Duration;

/**
 * The server throttled the request ({@code TooManyRequestsException} or {@code LambdaThrottledException},
 * HTTP 429). Retryable; the scheduler waits at least {@link #retryAfter()} when the server gave a hint.
 */
public final class ThrottledException extends SyncException {
  private static final long serialVersionUID = 1L;

  /** The hint, or {@code null} if the server gave none. */
  private final Duration retryAfter;

  /**
   * Creates the error.
   *
   * @param message the server's message
   * @param retryAfter the server's retry-after hint, or {@code null} if it gave none
   * @param cause the underlying error, or {@code null}
   */
  public ThrottledException(String message, Duration retryAfter, Throwable cause) {
    super(message, cause);
    if (retryAfter != null && retryAfter.isNegative()) {
      throw new IllegalArgumentException("retryAfter < 0: " + retryAfter);
    }
    this.retryAfter = retryAfter;
  }

  /**
   * The server's hint of how long to wait before retrying.
   *
   * @return the hint, or {@code null} if the server gave none
   */
  public Duration retryAfter() {
    return retryAfter;
  }

  /** {@inheritDoc} */
  @Override
  public boolean isRetryable() {
    return true;
  }
}
