package dev.offsync.server.postgres;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.offsync.server.internal.store.postgres.PostgresStoreConfig;
import dev.offsync.server.internal.store.postgres.PostgresUrls;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The {@code --db} forms and where credentials come from. */
class PostgresUrlsTest {

  @Test
  void acceptsLibpqStyleAndJdbcUrls() {
    assertThat(PostgresUrls.parse("postgresql://db.internal:5433/offsync?user=sync", null, null).jdbcUrl())
        .isEqualTo("jdbc:postgresql://db.internal:5433/offsync?user=sync");
    assertThat(PostgresUrls.parse("postgres://db/offsync", null, null).jdbcUrl())
        .isEqualTo("jdbc:postgresql://db/offsync");
    assertThat(PostgresUrls.parse("jdbc:postgresql://db/offsync?sslmode=require", null, null).jdbcUrl())
        .isEqualTo("jdbc:postgresql://db/offsync?sslmode=require");
    assertThat(PostgresUrls.isPostgres("sqlite")).isFalse();
    assertThatThrownBy(() -> PostgresUrls.parse("mysql://db/x", null, null))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void movesUserInfoOutOfTheUrl() {
    PostgresStoreConfig c = PostgresUrls.parse("postgresql://sync:p%40ss@db:5432/offsync", null, null);
    assertThat(c.jdbcUrl()).isEqualTo("jdbc:postgresql://db:5432/offsync");
    assertThat(c.user()).isEqualTo("sync");
    assertThat(c.password()).isEqualTo("p@ss");
  }

  @Test
  void flagsThenOffsyncEnvironmentThenUrlThenLibpqEnvironment() {
    Map<String, String> env = Map.of("OFFSYNC_DB_USER", "envuser", "OFFSYNC_DB_PASSWORD", "envpw",
        "PGUSER", "pguser", "PGPASSWORD", "pgpw");
    PostgresStoreConfig flags = PostgresUrls.parse("postgresql://u:urlpw@db/x", "flaguser", "flagpw", env);
    assertThat(flags.user()).isEqualTo("flaguser");
    assertThat(flags.password()).isEqualTo("flagpw");
    PostgresStoreConfig fromEnv = PostgresUrls.parse("postgresql://u:urlpw@db/x", null, null, env);
    assertThat(fromEnv.user()).isEqualTo("envuser");
    assertThat(fromEnv.password()).isEqualTo("envpw");
    PostgresStoreConfig fromUrl = PostgresUrls.parse("postgresql://u:urlpw@db/x", null, null,
        Map.of("PGUSER", "pguser", "PGPASSWORD", "pgpw"));
    assertThat(fromUrl.user()).isEqualTo("u");
    assertThat(fromUrl.password()).isEqualTo("urlpw");
    PostgresStoreConfig libpq = PostgresUrls.parse("postgresql://db/x", null, null,
        Map.of("PGUSER", "pguser", "PGPASSWORD", "pgpw"));
    assertThat(libpq.user()).isEqualTo("pguser");
    assertThat(libpq.password()).isEqualTo("pgpw");
  }

  @Test
  void neverPrintsPasswords() {
    assertThat(PostgresUrls.redact("jdbc:postgresql://db/x?user=a&password=secret&ssl=true"))
        .isEqualTo("jdbc:postgresql://db/x?user=a&password=***&ssl=true");
    assertThat(PostgresUrls.redact("postgresql://a:secret@db/x")).isEqualTo("postgresql://a:***@db/x");
    assertThat(PostgresStoreConfig.of("jdbc:postgresql://db/x", "a", "secret").toString()).doesNotContain("secret");
  }
}
