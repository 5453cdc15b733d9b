package dev.offsync.android;

import android.content.Context;
import dev.offsync.android.internal.AndroidDatabase;
import dev.offsync.spi.LocalStore;
import java.util.Objects;

/**
 * sync-core's {@link LocalStore} on the platform's SQLite ({@code android.database.sqlite}, API 26+): the durable
 * local cache where datasets, records, dirty marks and watermarks live until the server has them. Same schema and
 * guarantees as sync-sqlite's {@code SqliteLocalStore}, in SQL that runs on SQLite 3.18 (API 26 devices).
 *
 * <p>WAL mode; one write connection, writes serialized (one {@code BEGIN IMMEDIATE} transaction per unit of work,
 * callers wait on a fair lock rather than seeing "database is locked"); reads run concurrently on read-only
 * connections, each on a committed snapshot, and never wait for the writer. Opening a file written by an older
 * schema version migrates it in place without dropping data; a newer one is refused untouched.
 *
 * <pre>{@code
 * LocalStore store = AndroidSqliteLocalStore.builder(context).databaseName("offsync.db").build();
 * }</pre>
 */
public final class AndroidSqliteLocalStore implements LocalStore {
  private final AndroidDatabase db;
  private final AndroidSqliteStoreConfig config;

  private AndroidSqliteLocalStore(AndroidSqliteStoreConfig config) {
    this.config = config;
    this.db = new AndroidDatabase(config.context(), config.databaseName(),
        config.synchronous() == Synchronous.FULL, config.readConnections());
  }

  /**
   * Opens a store: creates the database if absent, migrates an older schema.
   *
   * @param config the configuration
   * @return the open store
   * @throws dev.offsync.LocalStoreException if the database cannot be opened or migrated, or was written by a
   *     newer schema version
   */
  public static AndroidSqliteLocalStore open(AndroidSqliteStoreConfig config) {
    return new AndroidSqliteLocalStore(Objects.requireNonNull(config, "config == null"));
  }

  /**
   * Starts a builder (defaults: the database {@value AndroidSqliteStoreConfig#DEFAULT_DATABASE_NAME} in the app's
   * private database directory, {@link Synchronous#NORMAL}, 2 reader connections).
   *
   * @param context any context of the app
   * @return a new builder
   */
  public static Builder builder(Context context) {
    return new Builder(AndroidSqliteStoreConfig.builder(context));
  }

  /**
   * A builder for another store with this store's configuration.
   *
   * @return a new builder
   */
  public Builder newBuilder() {
    return new Builder(config.newBuilder());
  }

  /**
   * The schema version this library writes ({@code PRAGMA user_version} of an open database).
   *
   * @return the current schema version
   */
  public static int schemaVersion() {
    return AndroidDatabase.currentVersion();
  }

  /**
   * The configuration this store was opened with.
   *
   * @return the configuration
   */
  public AndroidSqliteStoreConfig config() {
    return config;
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

  /** {@inheritDoc} Waits for running units of work to finish; idempotent. */
  @Override
  public void close() {
    db.close();
  }

  @Override
  public String toString() {
    return "AndroidSqliteLocalStore{" + config + "}";
  }

  /** Builds and opens an {@link AndroidSqliteLocalStore}. Not thread-safe. */
  public static final class Builder {
    private final AndroidSqliteStoreConfig.Builder config;

    Builder(AndroidSqliteStoreConfig.Builder config) {
      this.config = config;
    }

    /**
     * Keeps the database in the app's private database directory under {@code name}.
     *
     * @param name a file name, without a path separator
     * @return this builder
     */
    public Builder databaseName(String name) {
      config.databaseName(name);
      return this;
    }

    /**
     * Uses a private temporary database file in the app's cache directory, deleted on close.
     *
     * @return this builder
     */
    public Builder inMemory() {
      config.inMemory();
      return this;
    }

    /**
     * Sets the durability of a commit.
     *
     * @param synchronous the mode
     * @return this builder
     */
    public Builder synchronous(Synchronous synchronous) {
      config.synchronous(synchronous);
      return this;
    }

    /**
     * Sets how many reader connections serve reads.
     *
     * @param readConnections 1 to 16
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
    public AndroidSqliteLocalStore build() {
      return open(config.build());
    }
  }
}
