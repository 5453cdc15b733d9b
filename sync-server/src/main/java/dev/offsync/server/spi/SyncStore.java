package dev.offsync.server.spi;

/**
 * Durable storage of the sync server.
 *
 * <p>The server keeps every rule of the Cognito Sync semantics (sync counts, conflicts, limits, tombstones) in its
 * own service layer; a store only has to provide transactions over the small set of primitives of
 * {@link StoreTransaction}. Contract for implementations:
 *
 * <ul>
 *   <li>{@link #write} runs the work in one transaction that is <b>serializable with respect to every other write
 *       transaction</b> (SQLite: one writer with {@code BEGIN IMMEDIATE}; PostgreSQL: {@code SERIALIZABLE} with retry,
 *       or a lock on the identity row). Read-modify-write sequences inside one work item must never interleave with
 *       another writer on the same identity.
 *   <li>The work's result is committed only when the work returns normally; any exception rolls the transaction back
 *       and is rethrown unchanged (runtime exceptions) so the caller sees its own error types.
 *   <li>{@link #read} gives a consistent snapshot for the whole work item and never blocks writers.
 *   <li>Schema changes are versioned migrations that never drop data.
 * </ul>
 */
public interface SyncStore extends AutoCloseable {

  /**
   * Runs {@code work} in a read-only transaction with a consistent snapshot.
   *
   * @param work the work to run, never null
   * @param <T> result type
   * @return the work's result
   */
  <T> T read(StoreWork<T> work);

  /**
   * Runs {@code work} in a serializable write transaction, committing when it returns normally.
   *
   * @param work the work to run, never null
   * @param <T> result type
   * @return the work's result
   */
  <T> T write(StoreWork<T> work);

  /**
   * A secret shared by every server instance that uses this store (e.g. the key that signs SyncSessionTokens and
   * temporary credentials), created at random by the first instance that asks. Stores that serve one process from
   * its data directory return empty, and the server keeps its key file there.
   *
   * @param name the secret's name
   * @param length its length in bytes when created
   * @return the secret, or empty if this store does not share secrets between instances
   */
  default java.util.Optional<byte[]> sharedSecret(String name, int length) {
    java.util.Objects.requireNonNull(name, "name == null");
    return java.util.Optional.empty();
  }

  /** Closes the store; in-flight transactions finish first. */
  @Override
  void close();
}
