package dev.offsync;

/**
 * An atomic {@link Dataset#update update} gave up because the records it read kept changing (app writes on other
 * threads, syncs) before it could write: every one of its attempts found a record's version moved between the
 * read its function saw and the write. Nothing was written by it. Repeating the update may succeed.
 */
public final class ConcurrentUpdateException extends SyncException {
  private static final long serialVersionUID = 1L;

  /** How many times the update applied its function before giving up, at least 1. */
  private final int attempts;

  /**
   * Creates the error.
   *
   * @param dataset the dataset's name
   * @param attempts how many times the function was applied
   */
  public ConcurrentUpdateException(String dataset, int attempts) {
    super("update of dataset " + dataset + " gave up after " + attempts
        + " attempts: its records changed between every read and write", null);
    this.attempts = attempts;
  }

  /**
   * How many times the update applied its function before giving up.
   *
   * @return the attempt count, at least 1
   */
  public int attempts() {
    return attempts;
  }

  /** {@inheritDoc} */
  @Override
  public boolean isRetryable() {
    return true;
  }
}
