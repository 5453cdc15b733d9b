package dev.offsync.server.spi;

import java.util.Objects;

/**
 * A {@link SyncTrigger} that could not run or failed. The UpdateRecords that ran it fails with the AWS error of the
 * {@link #kind()} and writes nothing; the message is sent to the client.
 */
public final class SyncTriggerException extends Exception {
  private static final long serialVersionUID = 1L;

  /** What went wrong, and so which AWS error the client receives. */
  public enum Kind {
    /** Throttled or temporarily unavailable: 429 {@code LambdaThrottledException}; the client should retry. */
    THROTTLED,
    /** No answer within the time limit: 400 {@code LambdaSocketTimeoutException}. */
    TIMED_OUT,
    /**
     * The function failed, is not configured, or answered invalid output: 400
     * {@code InvalidLambdaFunctionOutputException}.
     */
    FAILED
  }

  /** What went wrong, and so which AWS error the client receives. */
  private final Kind kind;

  /**
   * Creates the exception.
   *
   * @param kind what went wrong
   * @param message the message sent to the client
   * @param cause the cause, may be null
   */
  public SyncTriggerException(Kind kind, String message, Throwable cause) {
    super(message, cause);
    this.kind = Objects.requireNonNull(kind, "kind == null");
  }

  /**
   * What went wrong.
   *
   * @return the kind
   */
  public Kind kind() {
    return kind;
  }
}
