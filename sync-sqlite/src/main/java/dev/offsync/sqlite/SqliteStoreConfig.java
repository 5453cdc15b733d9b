package dev.offsync.sqlite;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * How a {@link SqliteLocalStore} opens its database: a file or an in-memory database, the
 * {@link Synchronous} mode, the busy timeout and the number of reader connections. Immutable; build it
 * with {@link #builder()}.
 */
public final class SqliteStoreConfig {
  /** The default busy timeout: how long a connection waits on another process's lock. */
  public static final Duration DEFAULT_BUSY_TIMEOUT = Duration.ofSeconds(30);

  /** The default number of reader connections of a file-backed store. */
  public static final int DEFAULT_READ_CONNECTIONS = 2;

  private final Path file;
  private final Synchronous synchronous;
  private final Duration busyTimeout;
  private final int readConnections;

  private SqliteStoreConfig(Builder b) {
    this.file = b.file;
    this.synchronous = b.synchronous;
    this.busyTimeout = b.busyTimeout;
    this.readConnections = b.readConnections;
  }

  /**
   * Starts a builder. Its defaults: in memory, {@link Synchronous#NORMAL},
   * {@link #DEFAULT_BUSY_TIMEOUT}, {@link #DEFAULT_READ_CONNECTIONS}.
   *
   * @return a new builder
   */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * A builder initialised with this configuration's values.
   *
   * @return a new builder
   */
  public Builder newBuilder() {
    return new Builder(this);
  }

  /**
   * The database file.
   *
   * @return the file, or empty for an in-memory database
   */
  public Optional<Path> file() {
    return Optional.ofNullable(file);
  }

  /**
   * Whether the database is a private temporary one, kept in RAM ({@code /dev/shm} where available)
   * and deleted on {@code close}; for tests. It behaves exactly like a file (WAL, concurrent readers).
   *
   * @return {@code true} for an in-memory database
   */
  public boolean isInMemory() {
    return file == null;
  }

  /**
   * The {@code PRAGMA synchronous} mode.
   *
   * @return the mode
   */
  public Synchronous synchronous() {
    return synchronous;
  }

  /**
   * How long a connection waits for a lock held by another process before failing.
   *
   * @return the busy timeout
   */
  public Duration busyTimeout() {
    return busyTimeout;
  }

  /**
   * How many connections serve {@link SqliteLocalStore#read} calls concurrently.
   *
   * @return the number of reader connections, at least 1
   */
  public int readConnections() {
    return readConnections;
  }

  @Override
  public boolean equals(Object o) {
    if (this == o) {
      return true;
    }
    if (!(o instanceof SqliteStoreConfig)) {
      return false;
    }
    SqliteStoreConfig that = (SqliteStoreConfig) o;
    return readConnections == that.readConnections
        && Objects.equals(file, that.file)
        && synchronous == that.synchronous
        && busyTimeout.equals(that.busyTimeout);
  }

  @Override
  public int hashCode() {
    return Objects.hash(file, synchronous, busyTimeout, readConnections);
  }

  @Override
  public String toString() {
    return "SqliteStoreConfig{" + (file == null ? "in-memory" : "file=" + file) + ", synchronous="
        + synchronous + ", busyTimeout=" + busyTimeout + ", readConnections=" + readConnections + "}";
  }

  /** Builds {@link SqliteStoreConfig}. Not thread-safe. */
  public static final class Builder {
    private Path file;
    private Synchronous synchronous = Synchronous.NORMAL;
    private Duration busyTimeout = DEFAULT_BUSY_TIMEOUT;
    private int readConnections = DEFAULT_READ_CONNECTIONS;

    Builder() {}

    Builder(SqliteStoreConfig c) {
      file = c.file;
      synchronous = c.synchronous;
      busyTimeout = c.busyTimeout;
      readConnections = c.readConnections;
    }

    /**
     * Stores the database in {@code file} (created if absent, migrated if written by an older version).
     *
     * @param file the database file
     * @return this builder
     */
    public Builder file(Path file) {
      this.file = Objects.requireNonNull(file, "file == null");
      return this;
    }

    /**
     * Keeps the database in memory (the default): nothing survives {@code close}. For tests.
     *
     * @return this builder
     */
    public Builder inMemory() {
      this.file = null;
      return this;
    }

    /**
     * Sets the {@code PRAGMA synchronous} mode.
     *
     * @param synchronous the mode
     * @return this builder
     */
    public Builder synchronous(Synchronous synchronous) {
      this.synchronous = Objects.requireNonNull(synchronous, "synchronous == null");
      return this;
    }

    /**
     * Sets how long a connection waits for a lock held by another process.
     *
     * @param busyTimeout the timeout, from 0 to {@link Integer#MAX_VALUE} milliseconds
     * @return this builder
     */
    public Builder busyTimeout(Duration busyTimeout) {
      Objects.requireNonNull(busyTimeout, "busyTimeout == null");
      if (busyTimeout.isNegative() || busyTimeout.toMillis() > Integer.MAX_VALUE) {
        throw new IllegalArgumentException("busyTimeout out of range: " + busyTimeout);
      }
      this.busyTimeout = busyTimeout;
      return this;
    }

    /**
     * Sets how many reader connections the store opens.
     *
     * @param readConnections at least 1
     * @return this builder
     */
    public Builder readConnections(int readConnections) {
      if (readConnections < 1) {
        throw new IllegalArgumentException("readConnections < 1: " + readConnections);
      }
      this.readConnections = readConnections;
      return this;
    }

    /**
     * Builds the configuration.
     *
     * @return the configuration
     */
    public SqliteStoreConfig build() {
      return new SqliteStoreConfig(this);
    }
  }
}
