package dev.offsync.sqlite;

import dev.offsync.spi.LocalStore;
import dev.offsync.sqlite.internal.Schema;
import dev.offsync.sqlite.internal.SqliteDatabase;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;

/**
 * sync-core's {@link LocalStore} on SQLite (xerial sqlite-jdbc): the durable local cache where datasets,
 * records, dirty marks and watermarks live until the server has them.
 *
 * <p>The database runs in WAL mode with {@code synchronous=NORMAL} by default ({@link Synchronous#FULL}
 * on request). Writes are serialized on one connection ({@code BEGIN IMMEDIATE}), so callers wait
 * instead of seeing "database is locked"; reads run concurrently on a pool of reader connections, each
 * on a committed snapshot. Opening a file written by an older schema version migrates it in place
 * without dropping data; a file written by a newer version is refused.
 *
 * <pre>{@code
 * try (SqliteLocalStore store = SqliteLocalStore.builder().file(Path.of("offsync.db")).build()) {
 *   store.write(tx -> { tx.putDataset(LocalDataset.builder(owner, "settings").build()); return null; });
 * }
 * }</pre>
 */
public final class SqliteLocalStore implements LocalStore {
  private final SqliteDatabase db;

  private SqliteLocalStore(SqliteStoreConfig config) {
    this.db = new SqliteDatabase(config);
  }

  /**
   * Opens a store with {@code config}: creates the database if absent, migrates an older schema.
   *
   * @param config the configuration
   * @return the open store
   * @throws dev.offsync.LocalStoreException if the database cannot be opened or migrated, or was
   *     written by a newer schema version
   */
  public static SqliteLocalStore open(SqliteStoreConfig config) {
    return new SqliteLocalStore(Objects.requireNonNull(config, "config == null"));
  }

  /**
   * Starts a builder (defaults: in memory, {@link Synchronous#NORMAL}, see {@link SqliteStoreConfig}).
   *
   * @return a new builder
   */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * The schema version this library writes ({@code PRAGMA user_version} of an open database).
   *
   * @return the current schema version
   */
  public static int schemaVersion() {
    return Schema.CURRENT_VERSION;
  }

  /**
   * The configuration this store was opened with.
   *
   * @return the configuration
   */
  public SqliteStoreConfig config() {
    return db.config();
  }

  /**
   * The schema version the database had before this store opened (and, if older, migrated) it.
   *
   * @return the version found at open; 0 for a new database
   */
  public int schemaVersionAtOpen() {
    return db.schemaVersionFound();
  }

  /** {@inheritDoc} */
  @Override
  public <T> T read(Work<T> work) {
    return db.read(work);
  }

  /** {@inheritDoc} */
  @Override
  public <T> T write(Work<T> work) {
    return db.write(work);
  }

  /** {@inheritDoc} Waits for running units of work to finish. */
  @Override
  public void close() {
    db.close();
  }

  @Override
  public String toString() {
    return "SqliteLocalStore{" + db.config() + "}";
  }

  /** Builds and opens a {@link SqliteLocalStore}. Not thread-safe. */
  public static final class Builder {
    private final SqliteStoreConfig.Builder config = SqliteStoreConfig.builder();

    Builder() {}

    /**
     * Starts from an existing configuration.
     *
     * @param config the configuration to copy
     * @return this builder
     */
    public Builder config(SqliteStoreConfig config) {
      Objects.requireNonNull(config, "config == null");
      config.file().ifPresentOrElse(this.config::file, this.config::inMemory);
      this.config.synchronous(config.synchronous())
          .busyTimeout(config.busyTimeout())
          .readConnections(config.readConnections());
      return this;
    }

    /**
     * Stores the database in {@code file}.
     *
     * @param file the database file; created if absent
     * @return this builder
     */
    public Builder file(Path file) {
      config.file(file);
      return this;
    }

    /**
     * Uses a private temporary database in RAM (the default), deleted on {@link #close()}; for tests.
     *
     * @return this builder
     */
    public Builder inMemory() {
      config.inMemory();
      return this;
    }

    /**
     * Sets the {@code PRAGMA synchronous} mode.
     *
     * @param synchronous the mode
     * @return this builder
     */
    public Builder synchronous(Synchronous synchronous) {
      config.synchronous(synchronous);
      return this;
    }

    /**
     * Sets how long a connection waits for a lock held by another process.
     *
     * @param busyTimeout the timeout
     * @return this builder
     */
    public Builder busyTimeout(Duration busyTimeout) {
      config.busyTimeout(busyTimeout);
      return this;
    }

    /**
     * Sets the number of reader connections.
     *
     * @param readConnections at least 1
     * @return this builder
     */
    public Builder readConnections(int readConnections) {
      config.readConnections(readConnections);
      return this;
    }

    /**
     * Opens the store.
     *
     * @return the open store
     * @throws dev.offsync.LocalStoreException if the database cannot be opened or migrated
     */
    public SqliteLocalStore build() {
      return open(config.build());
    }
  }
}
