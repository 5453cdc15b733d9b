package dev.offsync.server.postgres;

import static org.assertj.core.api.Assertions.assertThat;

import dev.offsync.server.ServerCommand;
import dev.offsync.server.SyncServer;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code --db postgresql://...}: the command line selects the PostgreSQL store. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class PostgresCommandLineTest {
  private static final String POOL = "us-east-1:0d3b5a52-5d1f-4c1b-9a4e-3c1f0e0c2a11";

  @TempDir Path dir;

  @Test
  void helpListsTheDatabaseFlags() {
    StringWriter out = new StringWriter();
    new CommandLine(new ServerCommand()).setOut(new PrintWriter(out)).execute("--help");
    assertThat(out.toString()).contains("--db", "--db-user", "--db-password", "--db-pool-size", "postgresql://");
  }

  @Test
  void aPostgresqlUrlSelectsThePostgresStoreAndKeepsNoKeyFile() throws Exception {
    String schema = EmbeddedPostgresDatabase.newSchema();
    int port = EmbeddedPostgresDatabase.instance().getPort();
    ServerCommand cmd = new ServerCommand();
    new CommandLine(cmd).parseArgs("--port", "0", "--data", dir.toString(), "--identity-pool", POOL,
        "--db", "postgresql://127.0.0.1:" + port + "/postgres?currentSchema=" + schema, "--db-user", "postgres",
        "--db-pool-size", "4");
    try (SyncServer server = cmd.toServerBuilder().build().start()) {
      HttpResponse<String> health = HttpClient.newHttpClient().send(
          HttpRequest.newBuilder(URI.create(server.baseUri() + "/health")).build(),
          HttpResponse.BodyHandlers.ofString());
      assertThat(health.statusCode()).isEqualTo(200);
      try (Connection c = DriverManager.getConnection(EmbeddedPostgresDatabase.jdbcUrl(schema), "postgres", "");
          Statement s = c.createStatement();
          ResultSet rs = s.executeQuery("SELECT pool_id FROM pools")) {
        assertThat(rs.next()).isTrue();
        assertThat(rs.getString(1)).isEqualTo(POOL);
      }
      assertThat(Files.exists(dir.resolve("offsync-server.db"))).as("no SQLite file").isFalse();
      assertThat(Files.exists(dir.resolve("server-secret.key"))).as("the key lives in the database").isFalse();
    }
  }

  @Test
  void aNonPostgresUrlIsAUsageError() {
    StringWriter err = new StringWriter();
    int code = new CommandLine(new ServerCommand()).setErr(new PrintWriter(err))
        .execute("--port", "0", "--data", dir.toString(), "--db", "mysql://db/x");
    assertThat(code).isEqualTo(2);
    assertThat(err.toString()).contains("--db");
  }
}
