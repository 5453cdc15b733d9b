package dev.offsync;

/**
 * A sync met a stale-sync-count rejection on every one of its attempts (each followed by a re-pull and
 * resolution) and gave up. No local edit was lost: every unacknowledged record is still dirty and will
 * be pushed by a later sync. The cause is the last {@link ConflictException}, carrying the server's
 * message ({@code Current SyncCount for: <key> is: <n> not: <m>}).
 */
public final class ConflictRetriesExhaustedException extends SyncException {
  private static final long serialVersionUID = 1L;

  /** The attempt count, at least 1. */
  private final int attempts;

  /**
   * Creates the error.
   *
   * @param attempts how many push attempts were made
   * @param cause the last conflict the server reported
   */
  public ConflictRetriesExhaustedException(int attempts, ConflictException cause) {
    super("sync gave up after " + attempts + " attempts, each rejected with a stale sync count; last: "
        + (cause == null ? "none" : cause.getMessage()), cause);
    this.attempts = attempts;
  }

  /**
   * How many push attempts the sync made before giving up.
   *
   * @return the attempt count, at least 1
   */
  public int attempts() {
    return attempts;
  }

  /** {@inheritDoc} */
  @Override
  public boolean isRetryable() {
    return false;
  }
}
