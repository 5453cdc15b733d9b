package dev.offsync.server;

import dev.offsync.server.internal.store.SqliteSyncStore;
import dev.offsync.server.internal.store.postgres.PostgresSyncStore;
import dev.offsync.server.spi.StoreException;
import dev.offsync.server.spi.SyncStore;
import java.nio.file.Path;
import java.util.Objects;

/**
 * Opens the server's built-in {@link SyncStore stores}, for servers embedded in-process
 * ({@link SyncServer.Builder#store(SyncStore)}); the standalone server opens the same stores from {@code --db}.
 *
 * <pre>{@code
 * SyncServer server = SyncServer.builder()
 *     .dataDirectory(dir)
 *     .store(SyncStores.postgresql("postgresql://db.internal:5432/offsync", "offsync", password))
 *     .identityPool("us-east-1:0d3b5a52-5d1f-4c1b-9a4e-3c1f0e0c2a11")
 *     .build()
 *     .start();
 * }</pre>
 *
 * <p>A store is opened (and its schema created or migrated) by the call; the server it is given to owns it and
 * closes it when it closes. A store that is never given to a server must be closed by the caller.
 */
public final class SyncStores {
  private SyncStores() {}

  /**
   * Opens the SQLite store the server uses by default: {@code offsync-server.db} in {@code dataDirectory}, for one
   * process.
   *
   * @param dataDirectory the directory holding the database file (created if absent), not null
   * @return the open store
   * @throws StoreException if the database cannot be opened or its schema is newer than this code
   */
  public static SyncStore sqlite(Path dataDirectory) {
    Objects.requireNonNull(dataDirectory, "dataDirectory == null");
    return SqliteSyncStore.openInDirectory(dataDirectory);
  }

  /**
   * Opens a PostgreSQL store with the default pool size; any number of server instances may use one database.
   *
   * @param url a {@code postgresql://}, {@code postgres://} or {@code jdbc:postgresql:} URL, not null (see
   *     {@link PostgresqlOptions.Builder#url(String)})
   * @param user the database user, not null; wins over a user in the URL
   * @param password the password, not null; wins over a password in the URL
   * @return the open store
   * @throws IllegalArgumentException if {@code url} is not a PostgreSQL URL
   * @throws StoreException if the database cannot be reached or its schema is newer than this code
   */
  public static SyncStore postgresql(String url, String user, String password) {
    Objects.requireNonNull(url, "url == null");
    Objects.requireNonNull(user, "user == null");
    Objects.requireNonNull(password, "password == null");
    return postgresql(PostgresqlOptions.newBuilder().url(url).user(user).password(password).build());
  }

  /**
   * Opens a PostgreSQL store; any number of server instances may use one database. The database user needs
   * {@code CREATE} on the schema the first time (migrations) and ordinary DML afterwards.
   *
   * @param options where the database is and how to use it, not null
   * @return the open store
   * @throws StoreException if the database cannot be reached or its schema is newer than this code
   */
  public static SyncStore postgresql(PostgresqlOptions options) {
    Objects.requireNonNull(options, "options == null");
    return PostgresSyncStore.open(options.toConfig());
  }
}
