package dev.offsync.app.internal.device;

import static org.assertj.core.api.Assertions.assertThat;

import dev.offsync.app.internal.CliRun;
import dev.offsync.app.internal.TestServer;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A first {@code offsync device ... sync} that fails (the server down, a typo in {@code --identity-id}, a wrong
 * secret) keeps every edit visible as pending, and the next successful sync pushes it; the error hint says "run
 * sync again" only when running it again can help, and names the fix otherwise. Real sync-server on 127.0.0.1, real
 * SQLite files.
 */
class FailedFirstSyncTest {
  @TempDir Path dir;
  private TestServer server;
  private Path phone;
  private String nowhere;

  @BeforeEach
  void start() throws IOException {
    server = TestServer.start(dir.resolve("server"));
    phone = dir.resolve("phone.db");
    try (ServerSocket socket = new ServerSocket(0)) {
      nowhere = "http://127.0.0.1:" + socket.getLocalPort();
    }
  }

  @AfterEach
  void stop() {
    server.close();
  }

  private static CliRun ok(String... args) {
    CliRun run = CliRun.run(args);
    assertThat(run.exitCode).as(String.join(" ", args) + "\n" + run).isZero();
    return run;
  }

  private static String[] device(Path db, String... rest) {
    String[] args = new String[rest.length + 3];
    args[0] = "device";
    args[1] = "--db";
    args[2] = db.toString();
    System.arraycopy(rest, 0, args, 3, rest.length);
    return args;
  }

  /** An identity the server knows: the first sync of another device got it. */
  private String existingIdentity() {
    Path other = dir.resolve("other.db");
    ok(device(other, "--endpoint", server.endpoint(), "--identity-pool", TestServer.POOL, "sync"));
    return DeviceState.load(other).identityId();
  }

  private void assertPending(String keys) {
    assertThat(ok(device(phone, "status")).out).contains("pending:   " + keys);
    assertThat(ok(device(phone, "ls")).out).contains("pending");
  }

  @Test
  void aFirstSyncWithAPinnedIdentityAndTheServerDownKeepsTheEditsPendingAndTheNextSyncPushesThem() {
    String id = existingIdentity();
    ok(device(phone, "put", "theme", "dark"));
    ok(device(phone, "put", "lang", "en"));

    CliRun down = CliRun.run(device(phone, "--endpoint", nowhere, "--identity-pool", TestServer.POOL,
        "--identity-id", id, "sync"));

    assertThat(down.exitCode).as(down.toString()).isEqualTo(1);
    assertThat(down.err.strip()).doesNotContain("\n").contains("cannot reach " + nowhere)
        .endsWith("(2 local edits kept; run sync again later)");
    assertPending("2 keys: lang, theme");
    assertThat(ok(device(phone, "get", "theme")).out).isEqualTo("dark\n");

    CliRun back = ok(device(phone, "--endpoint", server.endpoint(), "--identity-id", id, "sync"));
    assertThat(back.out).contains("pushed 2");
    assertThat(ok(device(phone, "status")).out).contains("pending:   nothing").contains("identity:  " + id);
  }

  @Test
  void aFirstSyncWithATypoInTheIdentityIdNamesTheFixKeepsTheEditsAndTheRightIdPushesThem() {
    String id = existingIdentity();
    String typo = id.substring(0, id.length() - 4) + (id.endsWith("0000") ? "1111" : "0000");
    ok(device(phone, "put", "theme", "dark"));

    CliRun wrong = CliRun.run(device(phone, "--endpoint", server.endpoint(), "--identity-pool", TestServer.POOL,
        "--identity-id", typo, "sync"));

    assertThat(wrong.exitCode).as(wrong.toString()).isEqualTo(1);
    assertThat(wrong.err.strip()).doesNotContain("\n").contains(typo).contains("--identity-id")
        .contains("1 local edit kept").doesNotContain("run sync again later");
    assertPending("1 key: theme");

    CliRun right = ok(device(phone, "--identity-id", id, "sync"));
    assertThat(right.out).contains("pushed 1");
    assertThat(ok(device(phone, "status")).out).contains("pending:   nothing").contains("identity:  " + id);
    // and the server has it, under the right identity
    Path laptop = dir.resolve("laptop.db");
    ok(device(laptop, "--endpoint", server.endpoint(), "--identity-pool", TestServer.POOL, "--identity-id", id,
        "sync"));
    assertThat(ok(device(laptop, "get", "theme")).out).isEqualTo("dark\n");
  }

  @Test
  void aWrongSecretNamesTheFixNotARetry() {
    ok(device(phone, "put", "theme", "dark"));
    Map<String, String> env = Map.of("AWS_ACCESS_KEY_ID", TestServer.ACCESS_KEY, "AWS_SECRET_ACCESS_KEY", "wrong");
    String id = existingIdentity();

    CliRun wrong = CliRun.run(env, device(phone, "--endpoint", server.endpoint(), "--identity-pool",
        TestServer.POOL, "--identity-id", id, "sync"));

    assertThat(wrong.exitCode).as(wrong.toString()).isEqualTo(1);
    assertThat(wrong.err.strip()).doesNotContain("\n").contains("AWS_SECRET_ACCESS_KEY")
        .contains("1 local edit kept").doesNotContain("run sync again later");
    assertPending("1 key: theme");
    assertThat(ok(device(phone, "sync")).out).contains("pushed 1");
  }

  @Test
  void anUnmappedSyncTriggerNamesTheFixAndItsUndoMakesTheNextSyncPushTheEdits() {
    Map<String, String> developer =
        Map.of("AWS_ACCESS_KEY_ID", TestServer.ACCESS_KEY, "AWS_SECRET_ACCESS_KEY", TestServer.SECRET);
    String[] events = {"cognito-sync", "set-cognito-events", "--endpoint-url", server.endpoint(),
        "--identity-pool-id", TestServer.POOL, "--events", ""};
    events[events.length - 1] = "SyncTrigger=arn:aws:lambda:us-east-1:123456789012:function:onSync";
    assertThat(CliRun.run(developer, events).exitCode).isZero();
    ok(device(phone, "put", "theme", "dark"));

    CliRun refused = CliRun.run(device(phone, "--endpoint", server.endpoint(), "--identity-pool", TestServer.POOL,
        "sync"));

    assertThat(refused.exitCode).as(refused.toString()).isEqualTo(1);
    assertThat(refused.err.strip()).doesNotContain("\n").contains("Sync Trigger").contains("--lambda")
        .contains("set-cognito-events").contains("1 local edit kept").doesNotContain("run sync again later");
    assertPending("1 key: theme");

    // the undo the hint (and docs/cli.md) gives
    events[events.length - 1] = "{\"SyncTrigger\":\"\"}";
    CliRun undo = CliRun.run(developer, events);
    assertThat(undo.exitCode).as(undo.toString()).isZero();
    assertThat(ok(device(phone, "sync")).out).contains("pushed 1");
  }

  @Test
  void editsLeftUnderAPreviousIdentityOfTheFileStayVisibleInStatus() {
    ok(device(phone, "--endpoint", server.endpoint(), "--identity-pool", TestServer.POOL, "sync"));
    String mine = DeviceState.load(phone).identityId();
    ok(device(phone, "put", "theme", "dark"));
    String other = existingIdentity();

    CliRun switched = ok(device(phone, "--identity-id", other, "status"));

    assertThat(switched.out).contains("identity:  " + other).contains("pending:   nothing")
        .contains("elsewhere: 1 pending record under identity " + mine)
        .contains("--identity-id " + mine);
    CliRun back = ok(device(phone, "--identity-id", mine, "sync"));
    assertThat(back.out).contains("pushed 1");
    assertThat(ok(device(phone, "status")).out).doesNotContain("elsewhere:");
  }
}
