package dev.offsync.app.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Every command has --help; usage errors exit 2 with one line; success exits 0. */
class ExitCodesTest {
  @Test
  void helpEverywhere() {
    for (List<String> command : List.of(
        List.<String>of(), List.of("demo"), List.of("device"), List.of("device", "put"), List.of("device", "get"),
        List.of("device", "rm"), List.of("device", "ls"), List.of("device", "sync"), List.of("device", "status"),
        List.of("device", "conflicts"), List.of("device", "resolve"), List.of("cognito-sync"),
        List.of("cognito-sync", "list-records"), List.of("server"))) {
      List<String> withHelp = new java.util.ArrayList<>(command);
      withHelp.add("--help");
      String[] args = withHelp.toArray(new String[0]);
      CliRun run = CliRun.run(args);
      assertThat(run.exitCode).as(String.join(" ", args)).isZero();
      assertThat(run.out).as(String.join(" ", args)).startsWith("Usage: offsync");
      assertThat(run.err).isEmpty();
    }
  }

  @Test
  void versionExitsZero() {
    CliRun run = CliRun.run("--version");
    assertThat(run.exitCode).isZero();
    assertThat(run.out).startsWith("offsync ");
  }

  @Test
  void usageErrorsExitTwoWithOneLine() {
    for (String[] args : List.of(
        new String[] {},
        new String[] {"bogus"},
        new String[] {"--bogus"},
        new String[] {"device"},
        new String[] {"device", "put", "k", "v"},
        new String[] {"device", "--db", "x.db", "resolve", "k"},
        new String[] {"device", "--db", "x.db", "resolve", "k", "--local", "--remote"},
        new String[] {"device", "--db", "x.db", "sync", "--progress", "sometimes"},
        new String[] {"cognito-sync"},
        new String[] {"cognito-sync", "list-records", "--max-results", "ten"},
        new String[] {"server", "--port", "http"},
        new String[] {"demo", "--port", "-1"})) {
      CliRun run = CliRun.run(args);
      assertThat(run.exitCode).as(String.join(" ", args) + "\n" + run).isEqualTo(2);
      assertThat(run.err.strip()).as(String.join(" ", args)).isNotEmpty().doesNotContain("\n")
          .startsWith("offsync");
      assertThat(run.out).isEmpty();
    }
  }

  @Test
  void failuresExitOneWithOneLine() {
    CliRun run = CliRun.run(java.util.Map.of("AWS_ACCESS_KEY_ID", "a", "AWS_SECRET_ACCESS_KEY", "b"),
        "cognito-sync", "describe-identity-pool-usage", "--identity-pool-id", TestServer.POOL,
        "--endpoint-url", "http://127.0.0.1:1");
    assertThat(run.exitCode).isEqualTo(1);
    assertThat(run.err.strip()).doesNotContain("\n").contains("Could not connect to the endpoint URL");
  }
}
