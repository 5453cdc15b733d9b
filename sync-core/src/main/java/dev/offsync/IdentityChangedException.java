package dev.offsync;

/**
 * The identity changed while a sync ran; the sync was aborted without committing anything for the old identity. Sync again to run it for the new identity.
 */
public final class IdentityChangedException extends SyncException {
  private static final long serialVersionUID = 1L;

  /**
   * Creates the error.
   *
   * @param message what went wrong; never contains a secret
   * @param cause the underlying error, or {@code null}
   */
  public IdentityChangedException(String message, Throwable cause) {
    super(message, cause);
  }

  /**
   * Creates the error without a cause.
   *
   * @param message what went wrong; never contains a secret
   */
  public IdentityChangedException(String message) {
    this(message, null);
  }

  /** {@inheritDoc} */
  @Override
  public boolean isRetryable() {
    return false;
  }
}
