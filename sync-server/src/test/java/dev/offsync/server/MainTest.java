package dev.offsync.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** The command line: --help, the printed URI, and SIGTERM draining and closing the database. */
class MainTest {
  @TempDir Path dir;

  @Test
  void helpListsEveryFlag() {
    StringWriter out = new StringWriter();
    int code = new CommandLine(new ServerCommand()).setOut(new PrintWriter(out)).execute("--help");
    assertThat(code).isZero();
    assertThat(out.toString()).contains("--host", "--port", "--data", "--stream-dir", "--developer-key", "--identity-pool",
        "--max-request-bytes", "--max-threads", "--max-connections", "--idle-timeout", "--body-timeout",
        "--min-body-rate", "--max-header-bytes", "--no-metrics", "--drain-delay", "--sync-session-ttl", "--credentials-ttl", "--lambda", "--lambda-timeout", "--help");
  }

  @Test
  void lambdaMappingsMustBeArnEqualsHttpUrl() {
    ServerCommand ok = new ServerCommand();
    new CommandLine(ok).parseArgs("--data", dir.toString(),
        "--lambda", "arn:aws:lambda:us-east-1:123456789012:function:f=http://127.0.0.1:9000/f?a=b",
        "--lambda-timeout", "PT2S");
    assertThat(ok.toServerBuilder().build()).isNotNull();
    for (String bad : new String[] {"no-equals", "arn=", "=http://x/", "arn=ftp://host/x", "arn=not a url"}) {
      StringWriter err = new StringWriter();
      int code = new CommandLine(new ServerCommand()).setErr(new PrintWriter(err))
          .execute("--data", dir.toString(), "--port", "0", "--lambda", bad);
      assertThat(code).as(bad).isEqualTo(2);
      assertThat(err.toString().lines().findFirst().orElse("")).as(bad).contains("--lambda");
    }
  }

  @Test
  void oidcProvidersNeedIssuerJwksAndAClientId() {
    ServerCommand ok = new ServerCommand();
    new CommandLine(ok).parseArgs("--data", dir.toString(), "--oidc-provider",
        "issuer=https://issuer.example.com/realms/app,jwks=https://issuer.example.com/certs,client-id=a,client-id=b",
        "--oidc-provider", "issuer=https://other.example.com,jwks=/etc/offsync/other-jwks.json,client-id=c");
    assertThat(ok.toServerBuilder().build()).isNotNull();
    for (String bad : new String[] {"issuer=https://x", "issuer=https://x,jwks=https://x/k",
        "jwks=https://x/k,client-id=a", "issuer=https://x,jwks=https://x/k,client-id=a,colour=red"}) {
      StringWriter err = new StringWriter();
      int code = new CommandLine(new ServerCommand()).setErr(new PrintWriter(err))
          .execute("--data", dir.toString(), "--port", "0", "--oidc-provider", bad);
      assertThat(code).as(bad).isEqualTo(2);
      assertThat(err.toString().lines().findFirst().orElse("")).as(bad).contains("--oidc-provider");
    }
  }

  @Test
  void streamDirectoryDefaultsToTheDataDirectoryAndCanPointElsewhere() {
    ServerCommand defaults = new ServerCommand();
    new CommandLine(defaults).parseArgs("--data", dir.toString());
    assertThat(defaults.toServerBuilder().build().streamDirectory()).isEqualTo(dir.resolve("streams"));

    ServerCommand shared = new ServerCommand();
    new CommandLine(shared).parseArgs("--data", dir.toString(), "--stream-dir", dir.resolve("shared").toString());
    assertThat(shared.toServerBuilder().build().streamDirectory()).isEqualTo(dir.resolve("shared"));
  }

  @Test
  void httpLimitFlagsSetServerLimitsAndBadValuesNameTheFlag() {
    ServerCommand c = new ServerCommand();
    new CommandLine(c).parseArgs("--data", dir.toString(), "--max-threads", "16", "--max-connections", "500",
        "--idle-timeout", "PT20S", "--body-timeout", "PT3S", "--min-body-rate", "2048", "--max-header-bytes", "4096");
    ServerLimits l = c.toServerBuilder().limits();
    assertThat(l.maxThreads()).isEqualTo(16);
    assertThat(l.maxConnections()).isEqualTo(500);
    assertThat(l.idleTimeout()).isEqualTo(java.time.Duration.ofSeconds(20));
    assertThat(l.requestBodyTimeout()).isEqualTo(java.time.Duration.ofSeconds(3));
    assertThat(l.minRequestBodyRate()).isEqualTo(2048);
    assertThat(l.maxRequestHeaderBytes()).isEqualTo(4096);
    ServerCommand d = new ServerCommand();
    new CommandLine(d).parseArgs("--data", dir.toString());
    assertThat(d.toServerBuilder().limits()).isEqualTo(ServerLimits.defaults());
    String[][] bad = {{"--max-threads", "4"}, {"--max-connections", "0"}, {"--idle-timeout", "PT0S"},
        {"--body-timeout", "PT-1S"}, {"--min-body-rate", "0"}, {"--max-header-bytes", "100"},
        {"--drain-delay", "PT-1S"}};
    for (String[] flag : bad) {
      StringWriter err = new StringWriter();
      int code = new CommandLine(new ServerCommand()).setErr(new PrintWriter(err))
          .execute("--data", dir.toString(), "--port", "0", flag[0], flag[1]);
      assertThat(code).as(flag[0]).isEqualTo(2);
      assertThat(err.toString().lines().findFirst().orElse("")).as(flag[0]).contains(flag[0]);
    }
  }

  @Test
  void badFlagsAreUsageErrors() {
    StringWriter err = new StringWriter();
    int code = new CommandLine(new ServerCommand()).setErr(new PrintWriter(err))
        .execute("--identity-pool", "not a pool", "--port", "0", "--data", dir.toString());
    assertThat(code).isEqualTo(2);
    assertThat(err.toString()).contains("identity pool");
  }

  @Test
  @Timeout(60)
  void runsPrintsItsUriAndStopsCleanlyOnSigterm() throws Exception {
    Path data = dir.resolve("data");
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    Process p = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"), Main.class.getName(),
        "--port", "0", "--data", data.toString(), "--developer-key", "AKID:SECRET",
        "--identity-pool", "us-east-1:0d3b5a52-5d1f-4c1b-9a4e-3c1f0e0c2a11",
        "--identity-pool", "eu-west-1:0d3b5a52-5d1f-4c1b-9a4e-3c1f0e0c2a12")
        .redirectError(dir.resolve("stderr.txt").toFile())
        .start();
    try {
      BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
      String line = out.readLine();
      assertThat(line).isNotNull();
      Matcher m = Pattern.compile("http://127\\.0\\.0\\.1:(\\d+)").matcher(line);
      assertThat(m.find()).as(line).isTrue();
      HttpResponse<String> health = HttpClient.newHttpClient().send(
          HttpRequest.newBuilder(URI.create(m.group() + "/health")).build(), HttpResponse.BodyHandlers.ofString());
      assertThat(health.statusCode()).isEqualTo(200);
      assertThat(health.body()).contains("UP");
      p.destroy(); // SIGTERM
      assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
    } finally {
      p.destroyForcibly();
    }
    String stderr = Files.readString(dir.resolve("stderr.txt"));
    assertThat(stderr).contains("offsync sync-server stopped").contains("status=200").doesNotContain("SECRET");
    // the database was closed cleanly: the WAL was checkpointed and truncated
    Path wal = data.resolve("offsync-server.db-wal");
    assertThat(!Files.exists(wal) || Files.size(wal) == 0).isTrue();
    assertThat(data.resolve("server-secret.key")).exists();
  }
}
