package dev.offsync.server.postgres;

import dev.offsync.server.PostgresqlOptions;
import dev.offsync.server.SyncStores;
import dev.offsync.server.internal.store.postgres.PostgresStoreConfig;
import dev.offsync.server.internal.store.postgres.PostgresSyncStore;
import dev.offsync.server.spi.SyncStore;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One real PostgreSQL (io.zonky embedded binaries) per test JVM, started on first use on 127.0.0.1 and stopped by
 * its shutdown hook. Tests get isolation from a fresh schema each: {@link #storeFor(Path)} maps one test data
 * directory to one schema, so a server restarted over the same directory sees the same data.
 */
public final class EmbeddedPostgresDatabase {
  private static final AtomicInteger SCHEMAS = new AtomicInteger();
  private static final Map<Path, String> SCHEMA_OF_DIRECTORY = new ConcurrentHashMap<>();
  private static volatile EmbeddedPostgres postgres;

  private EmbeddedPostgresDatabase() {}

  /**
   * The running PostgreSQL, started on first call.
   *
   * @return the instance
   */
  public static EmbeddedPostgres instance() {
    EmbeddedPostgres p = postgres;
    if (p == null) {
      synchronized (EmbeddedPostgresDatabase.class) {
        p = postgres;
        if (p == null) {
          try {
            p = EmbeddedPostgres.builder()
                .setPGStartupWait(Duration.ofSeconds(60))
                .setServerConfig("listen_addresses", "127.0.0.1")
                .start();
          } catch (IOException e) {
            throw new UncheckedIOException("cannot start embedded PostgreSQL", e);
          }
          postgres = p;
        }
      }
    }
    return p;
  }

  /**
   * The JDBC URL of the {@code postgres} database with {@code search_path} set to a schema.
   *
   * @param schema the schema, or null for the default
   * @return the URL
   */
  public static String jdbcUrl(String schema) {
    String url = "jdbc:postgresql://127.0.0.1:" + instance().getPort() + "/postgres";
    return schema == null ? url : url + "?currentSchema=" + schema;
  }

  /**
   * A store configuration for a schema.
   *
   * @param schema the schema
   * @return the configuration (user {@code postgres}, small pools)
   */
  public static PostgresStoreConfig config(String schema) {
    return PostgresStoreConfig.of(jdbcUrl(schema), "postgres", null).withMaxConnections(16);
  }

  /**
   * Public-API options ({@link SyncStores#postgresql(PostgresqlOptions)}) for a schema, the same as {@link #config}.
   *
   * @param schema the schema
   * @return the options (user {@code postgres}, no password: the embedded server trusts loopback)
   */
  public static PostgresqlOptions options(String schema) {
    return PostgresqlOptions.newBuilder().url(jdbcUrl(schema)).user("postgres").poolSize(16).build();
  }

  /**
   * Creates a new, empty schema.
   *
   * @return its name
   */
  public static String newSchema() {
    String schema = "t" + ProcessHandle.current().pid() + "_" + SCHEMAS.incrementAndGet();
    try (Connection c = instance().getPostgresDatabase().getConnection();
        Statement s = c.createStatement()) {
      s.execute("CREATE SCHEMA " + schema);
    } catch (SQLException e) {
      throw new IllegalStateException("cannot create schema " + schema, e);
    }
    return schema;
  }

  /**
   * Opens a store on the schema of a test data directory (a fresh schema the first time the directory is seen).
   *
   * @param dataDirectory the test's data directory
   * @return the open store
   */
  public static PostgresSyncStore storeFor(Path dataDirectory) {
    Objects.requireNonNull(dataDirectory, "dataDirectory == null");
    return PostgresSyncStore.open(config(schemaFor(dataDirectory)));
  }

  /**
   * Like {@link #storeFor(Path)}, but opened through the public factory {@link SyncStores#postgresql(PostgresqlOptions)},
   * as an application embedding the server would: the {@code postgresql} entry of the server suites.
   *
   * @param dataDirectory the test's data directory
   * @return the open store
   */
  public static SyncStore publicStoreFor(Path dataDirectory) {
    Objects.requireNonNull(dataDirectory, "dataDirectory == null");
    return SyncStores.postgresql(options(schemaFor(dataDirectory)));
  }

  private static String schemaFor(Path dataDirectory) {
    return SCHEMA_OF_DIRECTORY.computeIfAbsent(dataDirectory.toAbsolutePath(), d -> newSchema());
  }
}
