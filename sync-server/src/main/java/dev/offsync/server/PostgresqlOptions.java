package dev.offsync.server;

import dev.offsync.server.internal.store.postgres.PostgresStoreConfig;
import dev.offsync.server.internal.store.postgres.PostgresUrls;
import java.util.Objects;

/**
 * Where a PostgreSQL-backed {@link dev.offsync.server.spi.SyncStore store} finds its database and how it uses it;
 * immutable, passed to {@link SyncStores#postgresql(PostgresqlOptions)}.
 *
 * <pre>{@code
 * PostgresqlOptions options = PostgresqlOptions.newBuilder()
 *     .url("postgresql://db.internal:5432/offsync?sslmode=require")
 *     .user("offsync")
 *     .password(System.getenv("OFFSYNC_DB_PASSWORD"))
 *     .poolSize(8)
 *     .build();
 * }</pre>
 *
 * <p>{@link #toString()} redacts the password, also one written into the URL.
 */
public final class PostgresqlOptions {
  /** Default {@linkplain #poolSize() pool size}, the same as the server's {@code --db-pool-size}. */
  public static final int DEFAULT_POOL_SIZE = PostgresStoreConfig.DEFAULT_MAX_CONNECTIONS;

  private final String url;
  private final String user;
  private final String password;
  private final int poolSize;

  private PostgresqlOptions(Builder b) {
    this.url = b.url;
    this.user = b.user;
    this.password = b.password;
    this.poolSize = b.poolSize;
  }

  /**
   * A builder with no URL (required), no user or password (taken from the URL then) and the default pool size.
   *
   * @return a builder
   */
  public static Builder newBuilder() {
    return new Builder();
  }

  /**
   * A builder starting from these options.
   *
   * @return a builder
   */
  public Builder toBuilder() {
    Builder b = new Builder();
    b.url = url;
    b.user = user;
    b.password = password;
    b.poolSize = poolSize;
    return b;
  }

  /**
   * The database location, as given.
   *
   * @return a {@code postgresql://}, {@code postgres://} or {@code jdbc:postgresql:} URL
   */
  public String url() {
    return url;
  }

  /**
   * The user, which wins over one in the URL.
   *
   * @return the user, or {@code null} to take it from the URL (or the driver's default)
   */
  public String user() {
    return user;
  }

  /**
   * The password, which wins over one in the URL.
   *
   * @return the password, or {@code null} to take it from the URL (or none)
   */
  public String password() {
    return password;
  }

  /**
   * Connections per pool; the store has two pools (writes, reads), so it opens at most twice this many connections.
   *
   * @return the pool size (default {@value #DEFAULT_POOL_SIZE})
   */
  public int poolSize() {
    return poolSize;
  }

  /** The store's internal configuration; the URL was validated by the builder. */
  PostgresStoreConfig toConfig() {
    return PostgresUrls.parse(url, user, password).withMaxConnections(poolSize);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof PostgresqlOptions p
        && p.url.equals(url)
        && Objects.equals(p.user, user)
        && Objects.equals(p.password, password)
        && p.poolSize == poolSize;
  }

  @Override
  public int hashCode() {
    return Objects.hash(url, user, password, poolSize);
  }

  @Override
  public String toString() {
    return "PostgresqlOptions{url=" + PostgresUrls.redact(url) + ", user=" + user + ", password="
        + (password == null ? "null" : "***") + ", poolSize=" + poolSize + "}";
  }

  /** Builder of {@link PostgresqlOptions}; not thread-safe. */
  public static final class Builder {
    private String url;
    private String user;
    private String password;
    private int poolSize = DEFAULT_POOL_SIZE;

    private Builder() {}

    /**
     * Sets the database location. Required. Accepted forms: {@code postgresql://host:port/db?user=..},
     * {@code postgres://user:password@host/db} (libpq style) and {@code jdbc:postgresql://...}; any pgjdbc parameter
     * ({@code sslmode}, {@code currentSchema}, {@code prepareThreshold}, ...) can be appended.
     *
     * @param url the URL, not null
     * @return this builder
     * @throws IllegalArgumentException if {@code url} is not one of the forms above
     */
    public Builder url(String url) {
      Objects.requireNonNull(url, "url == null");
      if (!PostgresUrls.isPostgres(url)) {
        throw new IllegalArgumentException("url: not a PostgreSQL URL: " + PostgresUrls.redact(url));
      }
      this.url = url;
      return this;
    }

    /**
     * Sets the user; it wins over a user in the URL.
     *
     * @param user the user, not null
     * @return this builder
     */
    public Builder user(String user) {
      this.user = Objects.requireNonNull(user, "user == null");
      return this;
    }

    /**
     * Sets the password; it wins over a password in the URL.
     *
     * @param password the password, not null
     * @return this builder
     */
    public Builder password(String password) {
      this.password = Objects.requireNonNull(password, "password == null");
      return this;
    }

    /**
     * Sets the size of each of the store's two connection pools.
     *
     * @param poolSize at least 1 (default {@value PostgresqlOptions#DEFAULT_POOL_SIZE})
     * @return this builder
     * @throws IllegalArgumentException if {@code poolSize < 1}
     */
    public Builder poolSize(int poolSize) {
      if (poolSize < 1) {
        throw new IllegalArgumentException("poolSize must be at least 1: " + poolSize);
      }
      this.poolSize = poolSize;
      return this;
    }

    /**
     * Builds the options.
     *
     * @return the immutable options
     * @throws IllegalStateException if no URL was set
     */
    public PostgresqlOptions build() {
      if (url == null) {
        throw new IllegalStateException("url is required");
      }
      return new PostgresqlOptions(this);
    }
  }
}
