package dev.offsync.spi;

import java.io.Closeable;

/**
 * The local cache: where datasets, records, dirty marks, deferred conflicts and watermarks live, durably.
 * {@code sync-sqlite}'s {@code SqliteLocalStore} implements it on SQLite; the test kit's
 * {@code InMemoryLocalStore} in memory. Every implementation must pass the test kit's
 * {@code LocalStoreContract}.
 *
 * <p>A deferred conflict is part of its record row ({@link LocalRecord#pendingConflict()}): a durable
 * store keeps it across restarts exactly like the record's value and dirty mark, so a conflict the app
 * has not decided yet is still listed after the process comes back.
 *
 * <h2>Contract</h2>
 * <ul>
 *   <li>Each {@link #read} and {@link #write} call is one transaction. A write is atomic and durable when
 *       it returns: all of it or none of it (a crash mid-way leaves the previous state). If the work
 *       throws, everything it wrote is rolled back and the exception propagates unchanged (storage
 *       failures of the store itself are thrown as {@link dev.offsync.LocalStoreException}). A storage
 *       failure inside a work rolls the whole transaction back even if the work catches the exception.
 *   <li>Thread-safe: any thread may call any method at any time. Writes are serialized (one write
 *       transaction at a time; callers wait, they never see a "locked" error). A read sees a consistent
 *       committed snapshot and must not wait for an open write transaction to finish.
 *   <li>Not reentrant: calling {@code read} or {@code write} from inside a work is an
 *       {@link IllegalStateException}.
 *   <li>These calls block for I/O. The engine calls them on an I/O scheduler, never on the caller's
 *       thread inside a reactive chain.
 * </ul>
 */
public interface LocalStore extends Closeable {

  /**
   * A unit of work run inside one transaction.
   *
   * @param <T> what the work returns
   */
  @FunctionalInterface
  interface Work<T> {
    /**
     * Runs the work.
     *
     * @param tx the transaction, valid only during this call
     * @return the result, may be {@code null}
     */
    T run(LocalTransaction tx);
  }

  /**
   * Runs {@code work} in a read-only transaction.
   *
   * @param work the work
   * @param <T> the result type
   * @return what the work returned
   */
  <T> T read(Work<T> work);

  /**
   * Runs {@code work} in one atomic write transaction, committed when the work returns normally and
   * rolled back when it throws.
   *
   * @param work the work
   * @param <T> the result type
   * @return what the work returned
   */
  <T> T write(Work<T> work);

  /** Releases the store's resources. Calls after closing throw {@link IllegalStateException}. Idempotent. */
  @Override
  void close();
}
