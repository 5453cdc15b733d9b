package dev.offsync.sqlite.internal;

import dev.offsync.LocalStoreException;
import dev.offsync.spi.LocalStore;
import dev.offsync.sqlite.SqliteStoreConfig;
import dev.offsync.sqlite.schema.internal.StoreDatabase;
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
import java.util.concurrent.atomic.AtomicLong;
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
public final class SqliteDatabase extends StoreDatabase<StoreConnection> {
  private final SqliteStoreConfig config;
  private final StoreConnection writer;
  private final int schemaVersionFound;
  private final Path temporary;
  private final AtomicLong statementRuns = new AtomicLong();

  /**
   * Opens (creating or migrating) the database.
   *
   * @param config the configuration
   * @throws LocalStoreException if the database cannot be opened or migrated
   */
  public SqliteDatabase(SqliteStoreConfig config) {
    super(config.readConnections());
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
      for (int i = 0; i < config.readConnections(); i++) {
        StoreConnection reader = open(url, false);
        opened.add(reader);
        addReader(reader);
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

  @Override
  protected StoreConnection writer() {
    return writer;
  }

  @Override
  protected <T> T inWriteTransaction(LocalStore.Work<T> work) {
    return inTransaction(writer, work, true);
  }

  @Override
  protected <T> T inReadTransaction(StoreConnection reader, LocalStore.Work<T> work) {
    return inTransaction(reader, work, false);
  }

  private <T> T inTransaction(StoreConnection conn, LocalStore.Work<T> work, boolean write) {
    try {
      conn.execute(write ? "BEGIN IMMEDIATE" : "BEGIN");
    } catch (SQLException e) {
      throw new LocalStoreException("cannot begin a transaction: " + e.getMessage(), e);
    }
    return runThenCommit(conn, new SqliteTransaction(conn, write), work);
  }

  @Override
  protected void commit(StoreConnection conn) {
    try {
      conn.execute("COMMIT");
    } catch (SQLException e) {
      LocalStoreException failure =
          new LocalStoreException("commit failed, the unit of work was rolled back: " + e.getMessage(), e);
      rollback(conn, failure);
      throw failure;
    }
  }

  @Override
  protected void rollback(StoreConnection conn, Throwable cause) {
    try {
      conn.execute("ROLLBACK");
    } catch (SQLException e) {
      // SQLite may already have rolled back by itself (e.g. SQLITE_FULL, I/O errors): nothing to undo
      if (e.getMessage() == null || !e.getMessage().contains("no transaction is active")) {
        cause.addSuppressed(e);
      }
    }
  }

  @Override
  protected Exception closeConnection(StoreConnection conn) {
    try {
      conn.close();
      return null;
    } catch (SQLException e) {
      return e;
    }
  }

  @Override
  protected void afterClose() {
    deleteTemporary();
  }
}
