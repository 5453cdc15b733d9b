package dev.offsync.sqlite.internal;

import dev.offsync.LocalStoreException;
import dev.offsync.spi.LocalStore;
import dev.offsync.sqlite.SqliteStoreConfig;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import org.sqlite.SQLiteConfig;
import org.sqlite.SQLiteConnection;

/**
 * The connections of one store and the transaction protocol.
 *
 * <p>Concurrency model: one write connection, guarded by a fair lock, so exactly one write transaction
 * runs at a time and it starts with {@code BEGIN IMMEDIATE} (it never has to upgrade a read lock, so it
 * never meets SQLITE_BUSY from this process). A file-backed store also opens a pool of reader
 * connections; in WAL mode a reader's {@code BEGIN} ... {@code COMMIT} sees the last committed snapshot
 * and never waits for the writer. A lifecycle read-write lock lets {@link #close()} wait for running units of work.
 */
public final class SqliteDatabase {
  private final SqliteStoreConfig config;
  private final StoreConnection writer;
  private final BlockingQueue<StoreConnection> readers;
  private final List<StoreConnection> allReaders = new ArrayList<>();
  private final ReentrantLock writeLock = new ReentrantLock(true);
  private final ReentrantReadWriteLock lifecycle = new ReentrantReadWriteLock();
  private final ThreadLocal<SqliteTransaction> current = new ThreadLocal<>();
  private final int schemaVersionFound;
  private final Path temporary;
  private final AtomicLong statementRuns = new AtomicLong();
  private volatile boolean closed;

  /**
   * Opens (creating or migrating) the database.
   *
   * @param config the configuration
   * @throws LocalStoreException if the database cannot be opened or migrated
   */
  public SqliteDatabase(SqliteStoreConfig config) {
    this.config = config;
    Path file;
    if (config.isInMemory()) {
      file = temporaryDatabase();
      temporary = file;
    } else {
      file = config.file().orElseThrow().toAbsolutePath();
      temporary = null;
    }
    if (file.toString().contains("?")) {
      throw new IllegalArgumentException("the database path must not contain '?': " + file);
    }
    String url = "jdbc:sqlite:" + file;
    List<StoreConnection> opened = new ArrayList<>();
    try {
      writer = open(url, true);
      opened.add(writer);
      // refuse a newer file before changing anything in it (even its journal mode)
      Schema.checkNotNewer(writer.jdbc());
      try (Statement st = writer.jdbc().createStatement();
          ResultSet rs = st.executeQuery("PRAGMA journal_mode = WAL")) {
        String mode = rs.next() ? rs.getString(1) : null;
        if (!"wal".equalsIgnoreCase(mode)) {
          throw new LocalStoreException("cannot switch the database to WAL mode (journal_mode=" + mode + ")");
        }
      }
      schemaVersionFound = Schema.migrate(writer.jdbc(), Schema.CURRENT_VERSION);
      int readerCount = config.readConnections();
      readers = new ArrayBlockingQueue<>(readerCount);
      for (int i = 0; i < readerCount; i++) {
        StoreConnection reader = open(url, false);
        opened.add(reader);
        allReaders.add(reader);
        readers.add(reader);
      }
    } catch (SQLException | RuntimeException e) {
      for (StoreConnection c : opened) {
        try {
          c.close();
        } catch (SQLException suppressed) {
          e.addSuppressed(suppressed);
        }
      }
      deleteTemporary();
      if (e instanceof RuntimeException) {
        throw (RuntimeException) e;
      }
      throw new LocalStoreException("cannot open the SQLite database: " + e.getMessage(), e);
    }
  }

  /**
   * An "in-memory" database is a private temporary file in RAM ({@code /dev/shm} where it exists, else
   * the temp directory), deleted on close: SQLite's own in-memory databases cannot give a reader a
   * committed snapshot while a write transaction is open (one connection, or table locks with a shared
   * cache), a file in WAL mode can.
   */
  private static Path temporaryDatabase() {
    Path shm = Paths.get("/dev/shm");
    Path dir = Files.isDirectory(shm) && Files.isWritable(shm) ? shm : Paths.get(System.getProperty("java.io.tmpdir"));
    try {
      Path file = Files.createTempFile(dir, "offsync-memory-", ".db");
      for (String suffix : TEMP_SUFFIXES) {
        Paths.get(file + suffix).toFile().deleteOnExit();
      }
      return file;
    } catch (IOException e) {
      throw new LocalStoreException("cannot create the temporary database in " + dir + ": " + e.getMessage(), e);
    }
  }

  private static final String[] TEMP_SUFFIXES = {"", "-wal", "-shm", "-journal"};

  private void deleteTemporary() {
    if (temporary == null) {
      return;
    }
    for (String suffix : TEMP_SUFFIXES) {
      try {
        Files.deleteIfExists(Paths.get(temporary + suffix));
      } catch (IOException e) {
        // best effort: deleteOnExit retries at JVM exit
      }
    }
  }

  private StoreConnection open(String url, boolean write) throws SQLException {
    SQLiteConfig c = new SQLiteConfig();
    c.setBusyTimeout((int) config.busyTimeout().toMillis());
    c.setSynchronous(config.synchronous() == dev.offsync.sqlite.Synchronous.FULL
        ? SQLiteConfig.SynchronousMode.FULL : SQLiteConfig.SynchronousMode.NORMAL);
    c.setTempStore(SQLiteConfig.TempStore.MEMORY);
    c.enforceForeignKeys(false);
    Connection jdbc = c.createConnection(url);
    if (!(jdbc instanceof SQLiteConnection)) {
      jdbc.close();
      throw new SQLException("not an SQLite connection: " + jdbc.getClass().getName());
    }
    if (!write) {
      try (Statement s = jdbc.createStatement()) {
        s.execute("PRAGMA query_only = 1");
      }
    }
    return new StoreConnection(jdbc, statementRuns);
  }

  /**
   * The configuration.
   *
   * @return the configuration the database was opened with
   */
  public SqliteStoreConfig config() {
    return config;
  }

  /**
   * The schema version found at open.
   *
   * @return the version the file had before this open migrated it (0 for a new database)
   */
  public int schemaVersionFound() {
    return schemaVersionFound;
  }

  /** Statements (or JDBC batches) run so far on all connections, BEGIN and COMMIT included; for tests. */
  long statementRuns() {
    return statementRuns.get();
  }

  /**
   * Runs a read-only unit of work on a committed snapshot.
   *
   * @param work the work
   * @param <T> the result type
   * @return what the work returned
   */
  public <T> T read(LocalStore.Work<T> work) {
    return run(work, false);
  }

  /**
   * Runs a unit of work in one write transaction, committed if it returns, rolled back if it throws.
   *
   * @param work the work
   * @param <T> the result type
   * @return what the work returned
   */
  public <T> T write(LocalStore.Work<T> work) {
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
          return inTransaction(writer, work, write);
        } finally {
          writeLock.unlock();
        }
      }
      StoreConnection reader;
      try {
        reader = readers.take();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new LocalStoreException("interrupted while waiting for a reader connection", e);
      }
      try {
        return inTransaction(reader, work, false);
      } finally {
        readers.add(reader);
      }
    } finally {
      lifecycle.readLock().unlock();
    }
  }

  private <T> T inTransaction(StoreConnection conn, LocalStore.Work<T> work, boolean write) {
    try {
      conn.execute(write ? "BEGIN IMMEDIATE" : "BEGIN");
    } catch (SQLException e) {
      throw new LocalStoreException("cannot begin a transaction: " + e.getMessage(), e);
    }
    SqliteTransaction tx = new SqliteTransaction(conn, write);
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
    try {
      conn.execute("COMMIT");
    } catch (SQLException e) {
      LocalStoreException failure =
          new LocalStoreException("commit failed, the unit of work was rolled back: " + e.getMessage(), e);
      rollback(conn, failure);
      throw failure;
    }
    return result;
  }

  private static void rollback(StoreConnection conn, Throwable cause) {
    try {
      conn.execute("ROLLBACK");
    } catch (SQLException e) {
      // SQLite may already have rolled back by itself (e.g. SQLITE_FULL, I/O errors): nothing to undo
      if (e.getMessage() == null || !e.getMessage().contains("no transaction is active")) {
        cause.addSuppressed(e);
      }
    }
  }

  /** Closes every connection after running units of work finish. Idempotent. */
  public void close() {
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
      List<StoreConnection> all = new ArrayList<>(allReaders);
      all.add(writer);
      for (StoreConnection c : all) {
        try {
          c.close();
        } catch (SQLException e) {
          if (failure == null) {
            failure = new LocalStoreException("closing the database failed: " + e.getMessage(), e);
          } else {
            failure.addSuppressed(e);
          }
        }
      }
      deleteTemporary();
      if (failure != null) {
        throw failure;
      }
    } finally {
      lifecycle.writeLock().unlock();
    }
  }
}
