package dev.offsync;

/**
 * A push-sync operation needs a registered device and there is none: the client knows no device id for the
 * current identity (call {@link SyncClient#registerDevice} first, or {@link SyncClient#restoreDeviceId} with an
 * id a previous registration returned), or the server does not know the device id for the identity
 * ({@code ResourceNotFoundException} of {@code SubscribeToDataset}/{@code UnsubscribeFromDataset}; register
 * again). Not retryable: the app must register.
 */
public final class DeviceNotRegisteredException extends SyncException {
  private static final long serialVersionUID = 1L;

  /**
   * Creates the error.
   *
   * @param message what went wrong; never contains a secret
   * @param cause the underlying error, or {@code null}
   */
  public DeviceNotRegisteredException(String message, Throwable cause) {
    super(message, cause);
  }

  /**
   * Creates the error without a cause.
   *
   * @param message what went wrong; never contains a secret
   */
  public DeviceNotRegisteredException(String message) {
    this(message, null);
  }

  /** {@inheritDoc} */
  @Override
  public boolean isRetryable() {
    return false;
  }
}
