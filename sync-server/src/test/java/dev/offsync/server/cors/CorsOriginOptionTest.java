package dev.offsync.server.cors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.offsync.server.ServerCommand;
import dev.offsync.server.SyncServer;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code --cors-origin} and {@code SyncServer.Builder#corsOrigin}: what is an origin, and the typed errors. */
class CorsOriginOptionTest {
  @TempDir Path dir;

  @Test
  void builderAcceptsOriginsAndStarAndRejectsEverythingElse() {
    SyncServer.Builder b = SyncServer.builder();
    for (String ok : new String[] {"*", "http://127.0.0.1:5173", "https://app.example.com", "HTTPS://App.Example.com:443",
        "http://[::1]:8080", "capacitor://localhost"}) {
      assertThat(b.corsOrigin(ok)).as(ok).isSameAs(b);
    }
    for (String bad : new String[] {"", "app.example.com", "https://app.example.com/", "https://app.example.com/x",
        "https://u@app.example.com", "https://app.example.com?x", "http://h:0", "http://h:70000", "**", "http://"}) {
      assertThatThrownBy(() -> b.corsOrigin(bad)).as(bad).isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("origin");
    }
    assertThatThrownBy(() -> b.corsOrigin(null)).isInstanceOf(NullPointerException.class)
        .hasMessage("origin == null");
  }

  @Test
  void flagIsRepeatableAndABadValueIsAUsageErrorNamingTheFlag() {
    ServerCommand ok = new ServerCommand();
    new CommandLine(ok).parseArgs("--data", dir.toString(), "--cors-origin", "http://127.0.0.1:5173",
        "--cors-origin", "*");
    assertThat(ok.toServerBuilder().build()).isNotNull();
    for (String bad : new String[] {"127.0.0.1:5173x", "https://app.example.com/path", "ftp//x"}) {
      StringWriter err = new StringWriter();
      int code = new CommandLine(new ServerCommand()).setErr(new PrintWriter(err))
          .execute("--data", dir.toString(), "--port", "0", "--cors-origin", bad);
      assertThat(code).as(bad).isEqualTo(2);
      assertThat(err.toString().lines().findFirst().orElse("")).as(bad).contains("--cors-origin", bad);
    }
  }

  @Test
  void helpListsTheFlag() {
    StringWriter out = new StringWriter();
    new CommandLine(new ServerCommand()).setOut(new PrintWriter(out)).execute("--help");
    assertThat(out.toString()).contains("--cors-origin");
  }
}
