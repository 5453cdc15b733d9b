package dev.offsync.android;

import android.content.Context;
import java.util.Objects;

/**
 * The immutable configuration of an {@link AndroidSqliteLocalStore}: where the database lives (a file in the app's
 * private database directory, {@link Context#getDatabasePath(String)}, or a private temporary file deleted on
 * close), the durability of a commit, and how many reader connections run reads beside the writer.
 */
public final class AndroidSqliteStoreConfig {
  /** The database name used unless {@link Builder#databaseName(String)} says otherwise. */
  public static final String DEFAULT_DATABASE_NAME = "offsync.db";

  private final Context context;
  private final String databaseName;
  private final Synchronous synchronous;
  private final int readConnections;

  private AndroidSqliteStoreConfig(Builder b) {
    this.context = b.context;
    this.databaseName = b.databaseName;
    this.synchronous = b.synchronous;
    this.readConnections = b.readConnections;
  }

  /**
   * Starts a builder (defaults: the database {@value #DEFAULT_DATABASE_NAME}, {@link Synchronous#NORMAL}, 2 reader
   * connections).
   *
   * @param context any context of the app; only its application context is kept
   * @return a new builder
   */
  public static Builder builder(Context context) {
    return new Builder(Objects.requireNonNull(context, "context == null"));
  }

  /**
   * A builder holding this configuration.
   *
   * @return a new builder
   */
  public Builder newBuilder() {
    Builder b = new Builder(context);
    b.databaseName = databaseName;
    b.synchronous = synchronous;
    b.readConnections = readConnections;
    return b;
  }

  /**
   * The application context.
   *
   * @return the context
   */
  public Context context() {
    return context;
  }

  /**
   * Whether the database is a private temporary file, deleted on close.
   *
   * @return {@code true} for an in-memory store
   */
  public boolean isInMemory() {
    return databaseName == null;
  }

  /**
   * The database's name in the app's private database directory.
   *
   * @return the name, or {@code null} for an in-memory store
   */
  public String databaseName() {
    return databaseName;
  }

  /**
   * The durability of a commit.
   *
   * @return the synchronous mode
   */
  public Synchronous synchronous() {
    return synchronous;
  }

  /**
   * How many reader connections serve reads.
   *
   * @return at least 1
   */
  public int readConnections() {
    return readConnections;
  }

  @Override
  public boolean equals(Object o) {
    if (!(o instanceof AndroidSqliteStoreConfig)) {
      return false;
    }
    AndroidSqliteStoreConfig c = (AndroidSqliteStoreConfig) o;
    return context == c.context && Objects.equals(databaseName, c.databaseName) && synchronous == c.synchronous
        && readConnections == c.readConnections;
  }

  @Override
  public int hashCode() {
    return Objects.hash(databaseName, synchronous, readConnections);
  }

  @Override
  public String toString() {
    return "AndroidSqliteStoreConfig{" + (databaseName == null ? "in memory" : "database=" + databaseName)
        + ", synchronous=" + synchronous + ", readConnections=" + readConnections + "}";
  }

  /** Builds an {@link AndroidSqliteStoreConfig}. Not thread-safe. */
  public static final class Builder {
    private final Context context;
    private String databaseName = DEFAULT_DATABASE_NAME;
    private Synchronous synchronous = Synchronous.NORMAL;
    private int readConnections = 2;

    Builder(Context context) {
      Context app = context.getApplicationContext();
      this.context = app != null ? app : context;
    }

    /**
     * Keeps the database in the app's private database directory under {@code name}.
     *
     * @param name a file name, without a path separator
     * @return this builder
     * @throws IllegalArgumentException if the name is empty, has a path separator, or is {@code ":memory:"}
     */
    public Builder databaseName(String name) {
      Objects.requireNonNull(name, "name == null");
      if (name.isEmpty() || name.indexOf('/') >= 0 || name.indexOf('\\') >= 0 || name.equals(":memory:")) {
        throw new IllegalArgumentException("not a database file name: \"" + name + "\"");
      }
      this.databaseName = name;
      return this;
    }

    /**
     * Keeps the database in a private temporary file in the app's cache directory, deleted on close; for tests
     * and for data that need not outlive the store.
     *
     * @return this builder
     */
    public Builder inMemory() {
      this.databaseName = null;
      return this;
    }

    /**
     * Sets the durability of a commit.
     *
     * @param synchronous the mode
     * @return this builder
     */
    public Builder synchronous(Synchronous synchronous) {
      this.synchronous = Objects.requireNonNull(synchronous, "synchronous == null");
      return this;
    }

    /**
     * Sets how many reader connections serve reads (each a read-only connection; reads beyond that wait for one).
     *
     * @param readConnections 1 to 16
     * @return this builder
     * @throws IllegalArgumentException if out of range
     */
    public Builder readConnections(int readConnections) {
      if (readConnections < 1 || readConnections > 16) {
        throw new IllegalArgumentException("readConnections must be 1 to 16: " + readConnections);
      }
      this.readConnections = readConnections;
      return this;
    }

    /**
     * The configuration.
     *
     * @return the immutable configuration
     */
    public AndroidSqliteStoreConfig build() {
      return new AndroidSqliteStoreConfig(this);
    }
  }
}
