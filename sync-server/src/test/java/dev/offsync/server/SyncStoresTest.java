package dev.offsync.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.offsync.server.internal.store.postgres.PostgresStoreConfig;
import dev.offsync.server.postgres.EmbeddedPostgresDatabase;
import dev.offsync.server.spi.SyncStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The public store factory {@link SyncStores} and its {@link PostgresqlOptions}: argument checks, redaction, and real
 * stores (a SQLite file, the embedded PostgreSQL). The server suites also open every store through it (see
 * {@code StoreFactories}).
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class SyncStoresTest {
  private static final String POOL = "us-east-1:0d3b5a52-5d1f-4c1b-9a4e-3c1f0e0c2a11";

  @TempDir Path dir;

  @Test
  void rejectsNullArgumentsNamingThem() {
    assertThatThrownBy(() -> SyncStores.sqlite(null)).isInstanceOf(NullPointerException.class)
        .hasMessage("dataDirectory == null");
    assertThatThrownBy(() -> SyncStores.postgresql(null, "u", "p")).isInstanceOf(NullPointerException.class)
        .hasMessage("url == null");
    assertThatThrownBy(() -> SyncStores.postgresql("postgresql://h/db", null, "p"))
        .isInstanceOf(NullPointerException.class).hasMessage("user == null");
    assertThatThrownBy(() -> SyncStores.postgresql("postgresql://h/db", "u", null))
        .isInstanceOf(NullPointerException.class).hasMessage("password == null");
    assertThatThrownBy(() -> SyncStores.postgresql(null)).isInstanceOf(NullPointerException.class)
        .hasMessage("options == null");
    PostgresqlOptions.Builder b = PostgresqlOptions.newBuilder();
    assertThatThrownBy(() -> b.url(null)).hasMessage("url == null");
    assertThatThrownBy(() -> b.user(null)).hasMessage("user == null");
    assertThatThrownBy(() -> b.password(null)).hasMessage("password == null");
  }

  @Test
  void optionsValidateBeforeAnythingIsOpened() {
    assertThatThrownBy(() -> PostgresqlOptions.newBuilder().url("mysql://h/db?password=secret"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("url: not a PostgreSQL URL")
        .hasMessageNotContaining("secret");
    assertThatThrownBy(() -> SyncStores.postgresql("sqlite", "u", "p")).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> PostgresqlOptions.newBuilder().poolSize(0))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("poolSize");
    assertThatThrownBy(() -> PostgresqlOptions.newBuilder().build())
        .isInstanceOf(IllegalStateException.class).hasMessage("url is required");
  }

  @Test
  void optionsAreValuesThatNeverPrintThePassword() {
    PostgresqlOptions o = PostgresqlOptions.newBuilder()
        .url("postgresql://db.internal/offsync?password=in-url-secret").user("offsync").password("flag-secret")
        .poolSize(4).build();
    assertThat(o.url()).isEqualTo("postgresql://db.internal/offsync?password=in-url-secret");
    assertThat(o.user()).isEqualTo("offsync");
    assertThat(o.password()).isEqualTo("flag-secret");
    assertThat(o.poolSize()).isEqualTo(4);
    assertThat(o.toString()).contains("offsync", "poolSize=4").doesNotContain("secret");
    assertThat(o.toBuilder().build()).isEqualTo(o).hasSameHashCodeAs(o);
    assertThat(o.toBuilder().poolSize(5).build()).isNotEqualTo(o);

    PostgresqlOptions defaults = PostgresqlOptions.newBuilder().url("postgres://u:pw@h:5433/db").build();
    assertThat(defaults.user()).isNull();
    assertThat(defaults.password()).isNull();
    assertThat(defaults.poolSize()).isEqualTo(PostgresqlOptions.DEFAULT_POOL_SIZE).isEqualTo(16);
    assertThat(defaults.toString()).doesNotContain("pw");
  }

  @Test
  void optionsBecomeTheStoreConfigurationTheCommandLineWouldBuild() {
    PostgresStoreConfig c = PostgresqlOptions.newBuilder().url("postgres://urluser:urlpw@h:5433/db?sslmode=require")
        .password("explicit").poolSize(3).build().toConfig();
    assertThat(c.jdbcUrl()).isEqualTo("jdbc:postgresql://h:5433/db?sslmode=require");
    assertThat(c.user()).isEqualTo("urluser");
    assertThat(c.password()).isEqualTo("explicit");
    assertThat(c.maxConnections()).isEqualTo(3);
  }

  @Test
  void sqliteOpensTheDefaultDatabaseFileInTheDirectory() {
    Path data = dir.resolve("data");
    try (SyncStore store = SyncStores.sqlite(data)) {
      store.write(tx -> tx.createPoolIfAbsent(POOL, Instant.EPOCH));
      assertThat(store.sharedSecret("server-key", 32)).isEmpty();
    }
    assertThat(data.resolve("offsync-server.db")).exists();
    try (SyncStore reopened = SyncStores.sqlite(data)) {
      boolean exists = reopened.read(tx -> tx.poolExists(POOL));
      assertThat(exists).isTrue();
    }
  }

  @Test
  void postgresqlOpensTheDatabaseOfTheUrlAndAServerRunsOnIt() throws Exception {
    String schema = EmbeddedPostgresDatabase.newSchema();
    int port = EmbeddedPostgresDatabase.instance().getPort();
    // the embedded server trusts loopback connections: any password is accepted
    try (SyncStore store = SyncStores.postgresql(
        "postgresql://127.0.0.1:" + port + "/postgres?currentSchema=" + schema, "postgres", "unused")) {
      assertThat(store.sharedSecret("server-key", 32)).hasValueSatisfying(k -> assertThat(k).hasSize(32));
      store.write(tx -> tx.createPoolIfAbsent(POOL, Instant.EPOCH));
    }
    // libpq form with the user in the URL, same schema: the pool written above is there; a server starts on it
    PostgresqlOptions options = PostgresqlOptions.newBuilder()
        .url("postgres://postgres@127.0.0.1:" + port + "/postgres?currentSchema=" + schema).poolSize(2).build();
    try (SyncServer server = SyncServer.builder().host("127.0.0.1").port(0).dataDirectory(dir)
        .store(SyncStores.postgresql(options)).identityPool(POOL).build().start()) {
      assertThat(server.port()).isPositive();
    }
    try (SyncStore store = SyncStores.postgresql(options)) {
      boolean exists = store.read(tx -> tx.poolExists(POOL));
      assertThat(exists).isTrue();
    }
    // the server kept its key in the database, not in the data directory
    assertThat(Files.exists(dir.resolve("server-secret.key"))).isFalse();
  }
}
