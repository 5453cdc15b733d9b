package dev.offsync.server.internal.store;

import dev.offsync.server.spi.StoreException;
import dev.offsync.server.spi.StoreWork;
import dev.offsync.server.spi.SyncStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.sqlite.SQLiteConfig;

/**
 * {@link SyncStore} on one SQLite file in WAL mode: a single write connection (writers are serialized by a lock and
 * {@code BEGIN IMMEDIATE}, so read-modify-write work never interleaves) and a small pool of read connections that
 * read consistent snapshots concurrently with the writer.
 */
public final class SqliteSyncStore implements SyncStore {
  private static final Logger LOG = LoggerFactory.getLogger(SqliteSyncStore.class);
  /** File name of the database inside the data directory. */
  public static final String FILE_NAME = "offsync-server.db";

  private final Path file;
  private final SqliteConnection writer;
  private final ReentrantLock writeLock = new ReentrantLock();
  private final BlockingQueue<SqliteConnection> readers;
  private final List<SqliteConnection> allReaders = new ArrayList<>();
  private volatile boolean closed;

  private SqliteSyncStore(Path file, int readConnections) throws SQLException {
    this.file = file;
    this.writer = new SqliteConnection(open(file, false));
    try {
      int before = SqliteMigrations.migrate(writer.raw());
      if (before != SqliteMigrations.CURRENT_VERSION) {
        LOG.info("migrated {} from schema version {} to {}", file, before, SqliteMigrations.CURRENT_VERSION);
      }
      writer.raw().setAutoCommit(true);
      this.readers = new ArrayBlockingQueue<>(readConnections);
      for (int i = 0; i < readConnections; i++) {
        SqliteConnection r = new SqliteConnection(open(file, true));
        allReaders.add(r);
        readers.add(r);
      }
    } catch (SQLException | RuntimeException e) {
      closeQuietly();
      throw e;
    }
  }

  /**
   * Opens (creating if needed) the store in a data directory.
   *
   * @param dataDirectory the directory; created if absent
   * @return the open store
   */
  public static SqliteSyncStore openInDirectory(Path dataDirectory) {
    Objects.requireNonNull(dataDirectory, "dataDirectory == null");
    try {
      Files.createDirectories(dataDirectory);
    } catch (java.io.IOException e) {
      throw new StoreException("cannot create data directory " + dataDirectory, e);
    }
    return open(dataDirectory.resolve(FILE_NAME));
  }

  /**
   * Opens (creating if needed) the store in one database file, migrating its schema.
   *
   * @param file the SQLite file
   * @return the open store
   */
  public static SqliteSyncStore open(Path file) {
    Objects.requireNonNull(file, "file == null");
    try {
      return new SqliteSyncStore(file, Math.max(2, Math.min(8, Runtime.getRuntime().availableProcessors() * 2)));
    } catch (SQLException e) {
      throw new StoreException("cannot open " + file + ": " + e.getMessage(), e);
    }
  }

  private static Connection open(Path file, boolean readOnly) throws SQLException {
    SQLiteConfig config = new SQLiteConfig();
    if (!readOnly) {
      config.setJournalMode(SQLiteConfig.JournalMode.WAL);
    }
    config.setSynchronous(SQLiteConfig.SynchronousMode.NORMAL);
    config.enforceForeignKeys(true);
    config.setBusyTimeout(10_000);
    config.setTransactionMode(SQLiteConfig.TransactionMode.DEFERRED);
    if (readOnly) {
      config.setReadOnly(true);
    }
    return DriverManager.getConnection("jdbc:sqlite:" + file.toAbsolutePath(), config.toProperties());
  }

  /**
   * The database file.
   *
   * @return its path
   */
  public Path file() {
    return file;
  }

  @Override
  public <T> T read(StoreWork<T> work) {
    Objects.requireNonNull(work, "work == null");
    checkOpen();
    SqliteConnection c;
    try {
      c = readers.poll(30, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new StoreException("interrupted waiting for a read connection", e);
    }
    if (c == null) {
      throw new StoreException("no read connection available");
    }
    try {
      return inTransaction(c, "BEGIN", work);
    } finally {
      readers.add(c);
    }
  }

  @Override
  public <T> T write(StoreWork<T> work) {
    Objects.requireNonNull(work, "work == null");
    checkOpen();
    writeLock.lock();
    try {
      checkOpen();
      return inTransaction(writer, "BEGIN IMMEDIATE", work);
    } finally {
      writeLock.unlock();
    }
  }

  private static <T> T inTransaction(SqliteConnection c, String begin, StoreWork<T> work) {
    try {
      c.execute(begin);
    } catch (SQLException e) {
      throw new StoreException("cannot begin transaction: " + e.getMessage(), e);
    }
    boolean done = false;
    try {
      T result = work.run(new SqliteTransaction(c));
      c.execute("COMMIT");
      done = true;
      return result;
    } catch (SQLException e) {
      throw new StoreException("commit failed: " + e.getMessage(), e);
    } finally {
      if (!done) {
        try {
          c.execute("ROLLBACK");
        } catch (SQLException e) {
          LOG.warn("rollback failed: {}", e.getMessage());
        }
      }
    }
  }

  private void checkOpen() {
    if (closed) {
      throw new StoreException("store is closed");
    }
  }

  @Override
  public void close() {
    writeLock.lock();
    try {
      if (closed) {
        return;
      }
      closed = true;
      // take every read connection back, so none is closed under a running read
      for (int i = 0; i < allReaders.size(); i++) {
        try {
          if (readers.poll(10, TimeUnit.SECONDS) == null) {
            LOG.warn("a read transaction did not finish within 10 s; closing anyway");
          }
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          break;
        }
      }
      closeQuietly();
    } finally {
      writeLock.unlock();
    }
  }

  private void closeQuietly() {
    for (SqliteConnection r : allReaders) {
      try {
        r.close();
      } catch (SQLException e) {
        LOG.warn("closing read connection: {}", e.getMessage());
      }
    }
    try {
      if (writer != null) {
        writer.execute("PRAGMA wal_checkpoint(TRUNCATE)");
        writer.close();
      }
    } catch (SQLException e) {
      LOG.warn("closing write connection: {}", e.getMessage());
    }
  }
}
