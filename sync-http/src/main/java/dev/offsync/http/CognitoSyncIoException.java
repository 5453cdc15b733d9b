package dev.offsync.http;

import java.io.IOException;

/**
 * The service could not be reached or the connection failed (refused, reset, timed out, closed mid-response) on
 * every attempt the {@link RetryPolicy} allowed. The cause is the last attempt's {@link IOException}; an
 * {@link java.io.InterruptedIOException} cause means the call was cancelled or the thread interrupted.
 */
public final class CognitoSyncIoException extends CognitoSyncException {
  private static final long serialVersionUID = 1L;

  /**
   * Creates the exception.
   *
   * @param message the message, free of secrets
   * @param cause the I/O failure, not null
   */
  public CognitoSyncIoException(String message, IOException cause) {
    super(message, cause);
  }

  @Override
  public synchronized IOException getCause() {
    return (IOException) super.getCause();
  }
}
