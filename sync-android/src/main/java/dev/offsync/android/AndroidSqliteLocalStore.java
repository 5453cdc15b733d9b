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
 * <p>Building a store does no I/O, so it may be built on the main thread (in {@code Application.onCreate}): the
 * database is opened (created, migrated) by the first unit of work, on the thread that runs it — the engine's I/O
 * scheduler when the store is used through {@code SyncClient}. If opening fails (a newer schema, a full disk), that
 * unit fails with a {@link dev.offsync.LocalStoreException} and the next one tries again.
 *
 * <pre>{@code
 * LocalStore store = AndroidSqliteLocalStore.builder(context).databaseName("offsync.db").build();
 * }</pre>
 */
public final class AndroidSqliteLocalStore implements LocalStore {
  private final AndroidSqliteStoreConfig config;
  private final Object lifecycle = new Object();
  private volatile AndroidDatabase db;
  private boolean closed; // guarded by lifecycle

  private AndroidSqliteLocalStore(AndroidSqliteStoreConfig config) {
    this.config = config;
  }

  /** The open database, opening it on first use (on the calling thread). */
  private AndroidDatabase database() {
    AndroidDatabase open = db;
    if (open != null) {
      return open;
    }
    synchronized (lifecycle) {
      if (closed) {
        throw new IllegalStateException("the store is closed");
      }
      if (db == null) {
        db = new AndroidDatabase(config.context(), config.databaseName(),
            config.synchronous() == Synchronous.FULL, config.readConnections());
      }
      return db;
    }
  }

  /**
   * Returns a store with this configuration. No I/O: the database is created (if absent) and migrated (if older)
   * by the first unit of work.
   *
   * @param config the configuration
   * @return the store
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
   * The schema version the database had before this store opened (and, if older, migrated) it. Opens the database
   * if no unit of work has yet (blocking I/O: not on the main thread).
   *
   * @return the version found at open; 0 for a new database
   * @throws dev.offsync.LocalStoreException if the database cannot be opened or migrated
   */
  public int schemaVersionAtOpen() {
    return database().schemaVersionFound();
  }

  /** {@inheritDoc} The first unit of work opens the database. */
  @Override
  public <T> T read(Work<T> work) {
    Objects.requireNonNull(work, "work == null");
    return database().read(work);
  }

  /** {@inheritDoc} The first unit of work opens the database. */
  @Override
  public <T> T write(Work<T> work) {
    Objects.requireNonNull(work, "work == null");
    return database().write(work);
  }

  /** {@inheritDoc} Waits for running units of work to finish; idempotent. */
  @Override
  public void close() {
    AndroidDatabase open;
    synchronized (lifecycle) {
      closed = true;
      open = db;
    }
    if (open != null) {
      open.close();
    }
  }

  @Override
  public String toString() {
    return "AndroidSqliteLocalStore{" + config + "}";
  }

  /** Builds an {@link AndroidSqliteLocalStore} (no I/O: the first unit of work opens it). Not thread-safe. */
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
     * @return the store
     */
    public AndroidSqliteLocalStore build() {
      return open(config.build());
    }
  }
}
