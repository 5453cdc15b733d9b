package dev.offsync.http.spi;

/**
 * Supplies the credentials the client signs each request with.
 *
 * <p>The client calls {@link #credentials()} once per attempt, so implementations should cache. When the service
 * rejects a request because its credentials expired, the client calls {@link #invalidate(AwsCredentials)} with the
 * rejected credentials and retries the request once with fresh ones. Implementations must be thread-safe.
 */
public interface CredentialsProvider {
  /**
   * Returns the credentials to sign the next request with; may block while fetching them.
   *
   * @return the credentials, never null
   * @throws RuntimeException if no credentials can be obtained (the client's providers throw
   *     {@code dev.offsync.http.CredentialsException})
   */
  AwsCredentials credentials();

  /**
   * Tells the provider that the service rejected {@code rejected} as expired, so the next {@link #credentials()}
   * must not return them. Providers that cannot refresh ignore this. The default does nothing.
   *
   * @param rejected the credentials the service rejected, not null
   */
  default void invalidate(AwsCredentials rejected) {}
}
