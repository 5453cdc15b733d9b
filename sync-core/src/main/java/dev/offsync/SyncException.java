package dev.offsync;

/**
 * Base of every error offsync reports: a sync that fails ends with exactly one {@code SyncException}
 * subtype, and writes rejected at the API boundary throw one. Unchecked, like RxJava's and OkHttp's
 * errors, so it travels through reactive streams unchanged.
 */
public abstract class SyncException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /**
   * Creates an error.
   *
   * @param message what went wrong, for a developer; never contains a secret
   * @param cause the underlying error, or {@code null}
   */
  protected SyncException(String message, Throwable cause) {
    super(message, cause);
  }

  /**
   * Whether repeating the same operation later may succeed without any change by the caller (a
   * network failure, throttling, a server error). The scheduler backs off and retries these.
   *
   * @return {@code true} if a retry after a delay may succeed
   */
  public abstract boolean isRetryable();
}
