package dev.offsync.sqlite.schema.internal;

import dev.offsync.LocalStoreException;
import dev.offsync.spi.LocalStore;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.locks.ReentrantLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;

/**
 * The unit-of-work protocol both stores share, whatever their driver: a unit of work is never nested in another of
 * the same store (on its thread), never starts once the store is closed, and {@link #close()} waits for running
 * ones (a lifecycle read-write lock); write units take a fair lock, so exactly one write transaction runs at a time
 * and threads of this process wait on the Java lock, never on {@code SQLITE_BUSY}; read units take a reader
 * connection from a pool. A transaction's validity ends with its unit of work; it commits only if the work returned
 * and no store operation inside it failed, else it is rolled back.
 *
 * @param <C> a connection of the driver
 */
public abstract class StoreDatabase<C> {
  private final BlockingQueue<C> readers;
  private final List<C> allReaders = new ArrayList<>();
  private final ReentrantLock writeLock = new ReentrantLock(true);
  private final ReentrantReadWriteLock lifecycle = new ReentrantReadWriteLock();
  private final ThreadLocal<StoreTransaction<?>> current = new ThreadLocal<>();
  private volatile boolean closed;

  /**
   * A database that will have {@code readConnections} readers ({@link #addReader}).
   *
   * @param readConnections the size of the reader pool
   */
  protected StoreDatabase(int readConnections) {
    this.readers = new ArrayBlockingQueue<>(readConnections);
  }

  /**
   * Adds an open reader connection to the pool (while the subclass opens the database).
   *
   * @param reader the connection
   */
  protected final void addReader(C reader) {
    allReaders.add(reader);
    readers.add(reader);
  }

  /**
   * The write connection.
   *
   * @return it
   */
  protected abstract C writer();

  /**
   * Runs {@code work} in a write transaction on {@link #writer()}; called under the write lock.
   *
   * @param work the work
   * @param <T> the result type
   * @return what the work returned
   */
  protected abstract <T> T inWriteTransaction(LocalStore.Work<T> work);

  /**
   * Runs {@code work} in a read transaction on {@code reader}, taken from the pool for the call.
   *
   * @param reader the connection
   * @param work the work
   * @param <T> the result type
   * @return what the work returned
   */
  protected abstract <T> T inReadTransaction(C reader, LocalStore.Work<T> work);

  /**
   * Rolls back the transaction open on {@code conn}, adding what fails to {@code cause} (suppressed).
   *
   * @param conn the connection
   * @param cause why
   */
  protected abstract void rollback(C conn, Throwable cause);

  /**
   * Commits the transaction open on {@code conn}; if that fails, rolls back what is left of it and throws.
   *
   * @param conn the connection
   * @throws LocalStoreException if the commit failed
   */
  protected abstract void commit(C conn);

  /**
   * Closes one connection.
   *
   * @param conn the connection
   * @return the storage failure of closing it, or {@code null}
   */
  protected abstract Exception closeConnection(C conn);

  /** What the subclass releases before its connections are closed (nothing by default). */
  protected void beforeClose() {}

  /** What the subclass releases after its connections are closed, e.g. a temporary file (nothing by default). */
  protected void afterClose() {}

  /**
   * Runs a read-only unit of work on a committed snapshot.
   *
   * @param work the work
   * @param <T> the result type
   * @return what the work returned
   */
  public final <T> T read(LocalStore.Work<T> work) {
    return run(work, false);
  }

  /**
   * Runs a unit of work in one write transaction, committed if it returns, rolled back if it throws.
   *
   * @param work the work
   * @param <T> the result type
   * @return what the work returned
   */
  public final <T> T write(LocalStore.Work<T> work) {
    return run(work, true);
  }

  private <T> T run(LocalStore.Work<T> work, boolean write) {
    if (work == null) {
      throw new NullPointerException("work == null");
    }
    if (current.get() != null) {
      throw new IllegalStateException("read/write called from inside a unit of work of the same store");
    }
    lifecycle.readLock().lock();
    try {
      if (closed) {
        throw new IllegalStateException("the store is closed");
      }
      if (write) {
        writeLock.lock();
        try {
          return inWriteTransaction(work);
        } finally {
          writeLock.unlock();
        }
      }
      C reader;
      try {
        reader = readers.take();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new LocalStoreException("interrupted while waiting for a reader connection", e);
      }
      try {
        return inReadTransaction(reader, work);
      } finally {
        readers.add(reader);
      }
    } finally {
      lifecycle.readLock().unlock();
    }
  }

  /**
   * Runs {@code work} in {@code tx}, just begun on {@code conn}: the transaction is current (on this thread) while
   * the work runs and ends with it; rolled back if the work throws (rethrown) or an operation inside it failed (a
   * {@link LocalStoreException} with that failure), else committed.
   *
   * @param conn the connection
   * @param tx the transaction open on it
   * @param work the work
   * @param <T> the result type
   * @return what the work returned
   */
  protected final <T> T runThenCommit(C conn, StoreTransaction<?> tx, LocalStore.Work<T> work) {
    current.set(tx);
    T result;
    try {
      result = work.run(tx);
    } catch (RuntimeException | Error e) {
      tx.end();
      current.remove();
      rollback(conn, e);
      throw e;
    }
    tx.end();
    current.remove();
    if (tx.failure() != null) {
      LocalStoreException e = new LocalStoreException(
          "a store operation failed inside the unit of work; it was rolled back", tx.failure());
      rollback(conn, e);
      throw e;
    }
    commit(conn);
    return result;
  }

  /**
   * Runs {@code work} in {@code tx}, current (on this thread) while the work runs; the caller ends the transaction
   * on the connection. For a read transaction that is released, not committed.
   *
   * @param tx the transaction
   * @param work the work
   * @param <T> the result type
   * @return what the work returned
   * @throws LocalStoreException if an operation inside the work failed (and the work swallowed it)
   */
  protected final <T> T runRead(StoreTransaction<?> tx, LocalStore.Work<T> work) {
    current.set(tx);
    try {
      T result = work.run(tx);
      if (tx.failure() != null) {
        throw new LocalStoreException("a store operation failed inside the unit of work", tx.failure());
      }
      return result;
    } finally {
      tx.end();
      current.remove();
    }
  }

  /** Closes every connection after running units of work finish. Idempotent. */
  public final void close() {
    if (current.get() != null) {
      throw new IllegalStateException("close called from inside a unit of work");
    }
    lifecycle.writeLock().lock();
    try {
      if (closed) {
        return;
      }
      closed = true;
      LocalStoreException failure = null;
      List<C> all = new ArrayList<>(allReaders);
      all.add(writer());
      beforeClose();
      for (C c : all) {
        Exception e = closeConnection(c);
        if (e == null) {
          continue;
        }
        if (failure == null) {
          failure = new LocalStoreException("closing the database failed: " + e.getMessage(), e);
        } else {
          failure.addSuppressed(e);
        }
      }
      afterClose();
      if (failure != null) {
        throw failure;
      }
    } finally {
      lifecycle.writeLock().unlock();
    }
  }
}
