package dev.offsync.server.internal.store.postgres;

import java.time.Duration;
import java.util.Objects;

/**
 * How to reach and use a PostgreSQL database.
 *
 * @param jdbcUrl a {@code jdbc:postgresql://...} URL (see {@link PostgresUrls} for the other accepted forms)
 * @param user the user, null to use the one in the URL (or the driver's default)
 * @param password the password, null to use the one in the URL (or none)
 * @param maxConnections size of each of the two connection pools (writers, readers) of this instance
 * @param instanceLease how long this instance counts as alive after its last heartbeat (bulk-publish ownership)
 */
public record PostgresStoreConfig(
    String jdbcUrl, String user, String password, int maxConnections, Duration instanceLease) {

  /** Default size of each connection pool. */
  public static final int DEFAULT_MAX_CONNECTIONS = 16;
  /** Default instance lease. */
  public static final Duration DEFAULT_INSTANCE_LEASE = Duration.ofSeconds(30);

  /** Validates the components. */
  public PostgresStoreConfig {
    Objects.requireNonNull(jdbcUrl, "jdbcUrl == null");
    Objects.requireNonNull(instanceLease, "instanceLease == null");
    if (!jdbcUrl.startsWith("jdbc:postgresql:")) {
      throw new IllegalArgumentException("not a PostgreSQL JDBC URL: " + PostgresUrls.redact(jdbcUrl));
    }
    if (maxConnections < 1) {
      throw new IllegalArgumentException("maxConnections must be at least 1: " + maxConnections);
    }
    if (instanceLease.toMillis() < 1000) {
      throw new IllegalArgumentException("instanceLease must be at least 1 s: " + instanceLease);
    }
  }

  /**
   * A configuration with default pool size and lease.
   *
   * @param jdbcUrl the JDBC URL
   * @param user the user, may be null
   * @param password the password, may be null
   * @return the configuration
   */
  public static PostgresStoreConfig of(String jdbcUrl, String user, String password) {
    return new PostgresStoreConfig(jdbcUrl, user, password, DEFAULT_MAX_CONNECTIONS, DEFAULT_INSTANCE_LEASE);
  }

  /**
   * A copy with another pool size.
   *
   * @param connections the size of each pool
   * @return the copy
   */
  public PostgresStoreConfig withMaxConnections(int connections) {
    return new PostgresStoreConfig(jdbcUrl, user, password, connections, instanceLease);
  }

  /**
   * A copy with another instance lease.
   *
   * @param lease the lease
   * @return the copy
   */
  public PostgresStoreConfig withInstanceLease(Duration lease) {
    return new PostgresStoreConfig(jdbcUrl, user, password, maxConnections, lease);
  }

  @Override
  public String toString() {
    return "PostgresStoreConfig[" + PostgresUrls.redact(jdbcUrl) + ", user=" + user + ", password="
        + (password == null ? "null" : "***") + ", maxConnections=" + maxConnections + ", instanceLease="
        + instanceLease + "]";
  }
}
