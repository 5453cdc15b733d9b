package dev.offsync.server.internal.store.postgres;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.offsync.server.spi.StoreException;
import dev.offsync.server.spi.StoreWork;
import dev.offsync.server.spi.SyncStore;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@link SyncStore} on PostgreSQL (or an engine that speaks its protocol), for one or several server instances on one
 * database.
 *
 * <ul>
 *   <li>Two HikariCP pools: writers at {@code READ COMMITTED}, each write serialized per identity by a row lock (see
 *       {@link PostgresTransaction}); readers at {@code REPEATABLE READ, READ ONLY}, a consistent snapshot per work
 *       item that never blocks or is blocked by writers.
 *   <li>One transaction per work item. Serialization failures and deadlocks (SQLSTATE {@code 40001}, {@code 40P01})
 *       roll back and re-run the write work item, with jittered back-off, up to {@value #MAX_ATTEMPTS} times;
 *       clients never see them. The service's work items are pure functions of the transaction, so re-running one
 *       is safe.
 *   <li>Versioned migrations ({@link PostgresMigrations}) at open, never dropping data; several instances may open
 *       the same database at once.
 *   <li>State that several instances must share lives in the database: {@link #sharedSecret} for the server key, and
 *       an instance registry with heartbeats so that a bulk publish is owned by one live instance.
 * </ul>
 */
public final class PostgresSyncStore implements SyncStore {
  private static final Logger LOG = LoggerFactory.getLogger(PostgresSyncStore.class);
  /** Attempts of a write work item before a serialization failure or deadlock surfaces. */
  static final int MAX_ATTEMPTS = 30;

  private final PostgresStoreConfig config;
  private final HikariDataSource writers;
  private final HikariDataSource readers;
  private final String instanceId = UUID.randomUUID().toString();
  private final ScheduledExecutorService heartbeat;
  private final AtomicLong retries = new AtomicLong();
  private volatile boolean closed;

  private PostgresSyncStore(PostgresStoreConfig config) {
    this.config = config;
    HikariDataSource w = null;
    HikariDataSource r = null;
    ScheduledExecutorService hb = null;
    try {
      w = pool(config, "offsync-pg-write", "READ COMMITTED");
      try (Connection c = w.getConnection()) {
        int before = PostgresMigrations.migrate(c, PostgresMigrations.CURRENT_VERSION);
        if (before != PostgresMigrations.CURRENT_VERSION) {
          LOG.info("migrated {} from schema version {} to {}", PostgresUrls.redact(config.jdbcUrl()), before,
              PostgresMigrations.CURRENT_VERSION);
        }
        try (PreparedStatement ps = c.prepareStatement(
            "INSERT INTO store_instances (instance_id) VALUES (?) ON CONFLICT (instance_id) DO NOTHING")) {
          ps.setString(1, instanceId);
          ps.executeUpdate();
        }
        c.commit();
      }
      r = pool(config, "offsync-pg-read", "REPEATABLE READ, READ ONLY");
      hb = Executors.newSingleThreadScheduledExecutor(run -> {
        Thread t = new Thread(run, "offsync-pg-heartbeat");
        t.setDaemon(true);
        return t;
      });
      long period = Math.max(200, config.instanceLease().toMillis() / 3);
      hb.scheduleWithFixedDelay(this::beat, period, period, TimeUnit.MILLISECONDS);
    } catch (SQLException | RuntimeException e) {
      if (hb != null) {
        hb.shutdownNow();
      }
      if (r != null) {
        r.close();
      }
      if (w != null) {
        w.close();
      }
      if (e instanceof StoreException se) {
        throw se;
      }
      throw new StoreException(
          "cannot open PostgreSQL store " + PostgresUrls.redact(config.jdbcUrl()) + ": " + e.getMessage(), e);
    }
    this.writers = w;
    this.readers = r;
    this.heartbeat = hb;
  }

  /**
   * Opens the store, migrating the schema to the current version.
   *
   * @param config where the database is and how to use it
   * @return the open store
   * @throws StoreException if the database cannot be reached or its schema is newer than this code
   */
  public static PostgresSyncStore open(PostgresStoreConfig config) {
    Objects.requireNonNull(config, "config == null");
    return new PostgresSyncStore(config);
  }

  private static HikariDataSource pool(PostgresStoreConfig config, String name, String characteristics) {
    HikariConfig h = new HikariConfig();
    h.setPoolName(name);
    h.setJdbcUrl(config.jdbcUrl());
    if (config.user() != null) {
      h.setUsername(config.user());
    }
    if (config.password() != null) {
      h.setPassword(config.password());
    }
    h.setAutoCommit(false);
    h.setMaximumPoolSize(config.maxConnections());
    h.setMinimumIdle(1);
    h.setConnectionTimeout(30_000);
    h.setInitializationFailTimeout(10_000);
    h.setConnectionInitSql("SET SESSION CHARACTERISTICS AS TRANSACTION ISOLATION LEVEL " + characteristics);
    // commit the init statement, so a connection's first transaction already has the characteristics
    h.setIsolateInternalQueries(true);
    h.addDataSourceProperty("ApplicationName", "offsync-sync-server");
    h.addDataSourceProperty("tcpKeepAlive", "true");
    return new HikariDataSource(h);
  }

  /**
   * This instance's id in the database's instance registry (owner of the bulk publishes it starts).
   *
   * @return the id
   */
  public String instanceId() {
    return instanceId;
  }

  /**
   * How many write attempts were re-run after a serialization failure or deadlock since the store opened.
   *
   * @return the count
   */
  public long retriedTransactions() {
    return retries.get();
  }

  /**
   * {@inheritDoc}
   *
   * <p>Kept in the {@code server_secrets} table: every instance on this database signs and accepts the same
   * SyncSessionTokens, page tokens and temporary identity credentials.
   */
  @Override
  public Optional<byte[]> sharedSecret(String name, int length) {
    Objects.requireNonNull(name, "name == null");
    if (length < 16) {
      throw new IllegalArgumentException("a shared secret must be at least 16 bytes: " + length);
    }
    byte[] fresh = new byte[length];
    new SecureRandom().nextBytes(fresh);
    return Optional.of(inTransaction(writers, true, c -> {
      try (PreparedStatement ps = c.prepareStatement(
          "INSERT INTO server_secrets (name, secret) VALUES (?, ?) ON CONFLICT (name) DO NOTHING")) {
        ps.setString(1, name);
        ps.setBytes(2, fresh);
        ps.executeUpdate();
      }
      try (PreparedStatement ps = c.prepareStatement("SELECT secret FROM server_secrets WHERE name = ?")) {
        ps.setString(1, name);
        try (ResultSet rs = ps.executeQuery()) {
          rs.next();
          return rs.getBytes(1);
        }
      }
    }));
  }

  @Override
  public <T> T read(StoreWork<T> work) {
    Objects.requireNonNull(work, "work == null");
    checkOpen();
    // a read-only REPEATABLE READ transaction never fails to serialize on PostgreSQL; it is not re-run, because the
    // work item may already have streamed part of its result
    return inTransaction(readers, false, c -> work.run(new PostgresTransaction(c, false, instanceId, leaseMillis())));
  }

  @Override
  public <T> T write(StoreWork<T> work) {
    Objects.requireNonNull(work, "work == null");
    checkOpen();
    return inTransaction(writers, true, c -> work.run(new PostgresTransaction(c, true, instanceId, leaseMillis())));
  }

  private long leaseMillis() {
    return config.instanceLease().toMillis();
  }

  /** Work on a raw connection inside a transaction. */
  @FunctionalInterface
  private interface SqlWork<T> {
    T run(Connection c) throws SQLException;
  }

  private <T> T inTransaction(HikariDataSource pool, boolean retry, SqlWork<T> work) {
    for (int attempt = 1; ; attempt++) {
      try (Connection c = pool.getConnection()) {
        boolean committed = false;
        try {
          T result = work.run(c);
          c.commit();
          committed = true;
          return result;
        } finally {
          if (!committed) {
            rollbackQuietly(c);
          }
        }
      } catch (SQLException | RuntimeException e) {
        SQLException sql = SqlStates.find(e);
        if (retry && sql != null && SqlStates.isRetryable(sql) && attempt < MAX_ATTEMPTS) {
          retries.incrementAndGet();
          backOff(attempt);
          continue;
        }
        if (e instanceof RuntimeException re) {
          throw re;
        }
        throw PostgresTransaction.fail(sql);
      }
    }
  }

  private static void rollbackQuietly(Connection c) {
    try {
      c.rollback();
    } catch (SQLException e) {
      LOG.warn("rollback failed: {}", e.getMessage());
    }
  }

  private static void backOff(int attempt) {
    long capMicros = Math.min(50_000, 200L << Math.min(attempt, 10));
    long micros = ThreadLocalRandom.current().nextLong(capMicros / 2, capMicros + 1);
    try {
      TimeUnit.MICROSECONDS.sleep(micros);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new StoreException("interrupted while retrying a transaction", e);
    }
  }

  private void beat() {
    if (closed) {
      return;
    }
    try {
      inTransaction(writers, true, c -> {
        try (PreparedStatement ps = c.prepareStatement(
            "INSERT INTO store_instances (instance_id) VALUES (?)"
                + " ON CONFLICT (instance_id) DO UPDATE SET heartbeat_at = now()")) {
          ps.setString(1, instanceId);
          ps.executeUpdate();
        }
        // forget instances that stopped long ago
        try (PreparedStatement ps = c.prepareStatement(
            "DELETE FROM store_instances WHERE heartbeat_at < now() - interval '1 day'")) {
          ps.executeUpdate();
        }
        return null;
      });
    } catch (RuntimeException e) {
      LOG.warn("instance heartbeat failed: {}", e.getMessage());
    }
  }

  private void checkOpen() {
    if (closed) {
      throw new StoreException("store is closed");
    }
  }

  /** Stops the heartbeat, leaves the instance registry and closes both pools (in-flight work finishes first). */
  @Override
  public synchronized void close() {
    if (closed) {
      return;
    }
    closed = true;
    heartbeat.shutdownNow();
    try {
      heartbeat.awaitTermination(10, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    try {
      inTransaction(writers, true, c -> {
        try (PreparedStatement ps = c.prepareStatement("DELETE FROM store_instances WHERE instance_id = ?")) {
          ps.setString(1, instanceId);
          ps.executeUpdate();
        }
        return null;
      });
    } catch (RuntimeException e) {
      LOG.warn("cannot leave the instance registry: {}", e.getMessage());
    }
    readers.close();
    writers.close();
  }
}
