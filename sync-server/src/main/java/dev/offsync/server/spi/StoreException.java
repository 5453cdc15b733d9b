package dev.offsync.server.spi;

/** A storage failure (I/O, corrupt database, unsupported schema); surfaces as a 500 InternalErrorException. */
public final class StoreException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /**
   * Creates the exception.
   *
   * @param message what failed
   * @param cause the underlying failure, may be null
   */
  public StoreException(String message, Throwable cause) {
    super(message, cause);
  }

  /**
   * Creates the exception.
   *
   * @param message what failed
   */
  public StoreException(String message) {
    super(message);
  }
}
