package dev.offsync;

/**
 * A limit was exceeded: locally when a write would break the dataset limits ({@link Limits}), or remotely when the server answers {@code LimitExceededException}. Nothing was written.
 */
public final class LimitExceededException extends SyncException {
  private static final long serialVersionUID = 1L;

  /**
   * Creates the error.
   *
   * @param message what went wrong; never contains a secret
   * @param cause the underlying error, or {@code null}
   */
  public LimitExceededException(String message, Throwable cause) {
    super(message, cause);
  }

  /**
   * Creates the error without a cause.
   *
   * @param message what went wrong; never contains a secret
   */
  public LimitExceededException(String message) {
    this(message, null);
  }

  /** {@inheritDoc} */
  @Override
  public boolean isRetryable() {
    return false;
  }
}
