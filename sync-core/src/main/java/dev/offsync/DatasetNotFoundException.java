package dev.offsync;

/**
 * The dataset does not exist on the server ({@code ResourceNotFoundException}, HTTP 404).
 */
public final class DatasetNotFoundException extends SyncException {
  private static final long serialVersionUID = 1L;

  /**
   * Creates the error.
   *
   * @param message what went wrong; never contains a secret
   * @param cause the underlying error, or {@code null}
   */
  public DatasetNotFoundException(String message, Throwable cause) {
    super(message, cause);
  }

  /**
   * Creates the error without a cause.
   *
   * @param message what went wrong; never contains a secret
   */
  public DatasetNotFoundException(String message) {
    this(message, null);
  }

  /** {@inheritDoc} */
  @Override
  public boolean isRetryable() {
    return false;
  }
}
