package dev.offsync.http.spi;

/**
 * Where a {@link dev.offsync.http.CognitoIdentityCredentialsProvider} keeps the identity id it obtained from
 * {@code GetId}, per identity pool, so that the next run of the app (a new process) reuses the same identity instead
 * of asking for a new one. A new identity would strand the previous identity's offline edits under an owner the app
 * can never sync as again, so the cache must be durable: {@link #save} returns only once the id is stored.
 *
 * <p>Only the identity id is kept, never credentials (they are short-lived and are fetched again per process). The
 * provider loads the id when it is built (so that a restarted app knows its identity offline), and saves from the
 * thread that has just called {@code GetId} (an I/O thread), so implementations may block on storage; they must be
 * safe to call from several providers at once.
 */
public interface IdentityCache {

  /**
   * Returns the identity id saved for {@code identityPoolId}.
   *
   * @param identityPoolId the identity pool, not null
   * @return the saved identity id, or {@code null} if none is saved
   * @throws RuntimeException if the storage cannot be read or holds a value that is not an identity id (the provider
   *     reports it as a {@code dev.offsync.http.CredentialsException}; it never replaces such a value silently)
   */
  String load(String identityPoolId);

  /**
   * Saves {@code identityId} as the identity of {@code identityPoolId}, replacing any saved one, durably.
   *
   * @param identityPoolId the identity pool, not null
   * @param identityId the identity id, not null
   * @throws RuntimeException if the storage cannot be written
   */
  void save(String identityPoolId, String identityId);

  /**
   * Forgets the identity id of {@code identityPoolId} (e.g. when the user signs out and the next user must get an
   * identity of their own). Does nothing if none is saved.
   *
   * @param identityPoolId the identity pool, not null
   * @throws RuntimeException if the storage cannot be written
   */
  void clear(String identityPoolId);
}
