package dev.offsync.app.internal.device;

import static org.assertj.core.api.Assertions.assertThat;

import dev.offsync.app.internal.CliContext;
import dev.offsync.app.internal.CliRun;
import dev.offsync.app.internal.TestServer;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code offsync device} against a real in-process sync-server on 127.0.0.1, port 0, with real SQLite files. */
class DeviceEndToEndTest {
  @TempDir Path dir;
  private TestServer server;
  private Path phone;
  private Path laptop;

  @BeforeEach
  void start() {
    server = TestServer.start(dir.resolve("server"));
    phone = dir.resolve("phone.db");
    laptop = dir.resolve("laptop.db");
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

  private String[] connect(Path db, String... rest) {
    String[] head = {"device", "--db", db.toString(), "--endpoint", server.endpoint(), "--identity-pool",
        TestServer.POOL};
    String[] args = new String[head.length + rest.length];
    System.arraycopy(head, 0, args, 0, head.length);
    System.arraycopy(rest, 0, args, head.length, rest.length);
    return args;
  }

  private static String identityOf(Path db) {
    return DeviceState.load(db).identityId();
  }

  @Test
  void offlineEditsThenSyncThenASecondDeviceOfTheSameIdentity() {
    ok(device(phone, "put", "theme", "dark"));
    ok(device(phone, "put", "list", "[\"milk\"]"));
    ok(device(phone, "put", "tmp", "x"));
    ok(device(phone, "rm", "tmp"));
    CliRun ls = ok(device(phone, "ls"));
    assertThat(ls.out).contains("theme").contains("pending").contains("\"dark\"").doesNotContain("tmp");
    CliRun status = ok(device(phone, "status"));
    assertThat(status.out).contains("pending:   2 keys: list, theme").contains("last sync: never")
        .contains("identity:  (none yet");

    CliRun sync = ok(connect(phone, "sync"));
    assertThat(sync.out.strip()).startsWith("synced 'default': pulled 0, pushed 2, 0 conflicts");
    String identity = identityOf(phone);
    assertThat(identity).startsWith("us-east-1:");
    CliRun after = ok(device(phone, "status"));
    assertThat(after.out).contains("pending:   nothing").contains(identity).contains("pushed 2");

    ok(connect(laptop, "--identity-id", identity, "sync"));
    assertThat(ok(device(laptop, "get", "theme")).out).isEqualTo("dark\n");
    assertThat(ok(device(laptop, "get", "list")).out).isEqualTo("[\"milk\"]\n");
    CliRun missing = CliRun.run(device(laptop, "get", "tmp"));
    assertThat(missing.exitCode).isEqualTo(1);
    assertThat(missing.err.strip()).isEqualTo("offsync device get: no value for key 'tmp' in dataset 'default'");

    ok(device(laptop, "rm", "theme"));
    ok(device(laptop, "sync"));
    ok(device(phone, "sync"));
    assertThat(CliRun.run(device(phone, "get", "theme")).exitCode).isEqualTo(1);
  }

  @Test
  void aConflictIsDeferredListedAndSettledWithResolve() {
    ok(connect(phone, "put", "theme", "dark"));
    ok(device(phone, "sync"));
    ok(connect(laptop, "--identity-id", identityOf(phone), "sync"));

    ok(device(phone, "put", "theme", "blue"));
    ok(device(laptop, "put", "theme", "light"));
    ok(device(laptop, "sync"));
    CliRun sync = ok(device(phone, "sync"));
    assertThat(sync.out).contains("1 conflict (theme: defer)").contains("deferred: theme");

    CliRun conflicts = ok(device(phone, "conflicts"));
    assertThat(conflicts.out).startsWith("theme: local \"blue\", remote \"light\", base \"dark\"");
    assertThat(ok(device(phone, "status")).out).contains("conflicts: 1 deferred").contains("pending:   1 key: theme");
    assertThat(ok(device(phone, "get", "theme")).out).isEqualTo("blue\n");

    CliRun unknown = CliRun.run(device(phone, "resolve", "colour", "--local"));
    assertThat(unknown.exitCode).isEqualTo(2);
    assertThat(unknown.err).contains("no deferred conflict on 'colour'");

    CliRun resolve = ok(device(phone, "resolve", "theme", "--value", "teal"));
    assertThat(resolve.out).contains("resolved theme: stored \"teal\"");
    assertThat(ok(device(phone, "conflicts")).out).contains("no deferred conflicts");
    assertThat(ok(device(phone, "status")).out).contains("pending:   nothing").contains("conflicts: none");

    ok(device(laptop, "sync"));
    assertThat(ok(device(laptop, "get", "theme")).out).isEqualTo("teal\n");
    assertThat(ok(device(phone, "get", "theme")).out).isEqualTo("teal\n");
  }

  @Test
  void aDeferredConflictIsKeptInTheDatabaseNotInTheStateFile() throws IOException {
    ok(connect(phone, "put", "theme", "dark"));
    ok(device(phone, "sync"));
    ok(connect(laptop, "--identity-id", identityOf(phone), "sync"));
    ok(device(phone, "put", "theme", "blue"));
    ok(device(laptop, "put", "theme", "light"));
    ok(device(laptop, "sync"));
    ok(device(phone, "sync"));

    String stateFile = Files.readString(DeviceState.fileFor(phone), StandardCharsets.UTF_8);
    assertThat(stateFile).doesNotContain("\"conflicts\" : [").doesNotContain("light").doesNotContain("blue");
    // another process opening the database (here: a Device in this JVM) sees the conflict
    DeviceState state = DeviceState.load(phone);
    DeviceSettings settings = new DeviceSettings("phone", phone, state.endpoint(), null, "us-east-1",
        TestServer.POOL, state.identityId());
    try (Device device = Device.opener(settings, new CliContext(Map.of())).open()) {
      assertThat(device.dataset("default").conflicts()).singleElement().satisfies(c -> {
        assertThat(c.key()).isEqualTo("theme");
        assertThat(c.local().value()).isEqualTo("blue");
        assertThat(c.remote().value()).isEqualTo("light");
        assertThat(c.baseValue()).isEqualTo("dark");
      });
    }
    // a later sync neither pushes it nor loses it
    CliRun again = ok(device(phone, "sync"));
    assertThat(again.out).contains("pushed 0").contains("0 conflicts").contains("deferred: theme");
    assertThat(ok(device(phone, "conflicts")).out).startsWith("theme: local \"blue\", remote \"light\"");
  }

  @Test
  void aStateFileOfAnEarlierVersionWithConflictsStillLoads() throws IOException {
    ok(connect(phone, "put", "k", "v"));
    ok(device(phone, "sync"));
    Path file = DeviceState.fileFor(phone);
    String old = Files.readString(file, StandardCharsets.UTF_8).replace("\"datasets\" : {",
        "\"datasets\" : {\n    \"old\" : { \"conflicts\" : [ { \"key\" : \"x\", \"local\" : \"a\", "
            + "\"remote\" : \"b\", \"base\" : null, \"remoteSyncCount\" : 3 } ] },");
    assertThat(old).contains("remoteSyncCount");
    Files.writeString(file, old, StandardCharsets.UTF_8);

    assertThat(ok(device(phone, "--dataset", "old", "conflicts")).out).contains("no deferred conflicts in 'old'");
    assertThat(ok(device(phone, "status")).out).contains("conflicts: none").contains("pushed 1");
    assertThat(Files.readString(file, StandardCharsets.UTF_8)).doesNotContain("remoteSyncCount");
  }

  @Test
  void resolveWhenTheServerChangedTheKeyAgainDefersTheNewConflict() {
    ok(connect(phone, "put", "k", "base"));
    ok(device(phone, "sync"));
    ok(connect(laptop, "--identity-id", identityOf(phone), "sync"));
    ok(device(phone, "put", "k", "mine"));
    ok(device(laptop, "put", "k", "theirs"));
    ok(device(laptop, "sync"));
    ok(device(phone, "sync"));
    ok(device(laptop, "put", "k", "theirs-again"));
    ok(device(laptop, "sync"));

    CliRun resolve = CliRun.run(device(phone, "resolve", "k", "--local"));

    assertThat(resolve.exitCode).as(resolve.toString()).isEqualTo(1);
    assertThat(resolve.out).contains("resolved k: kept the local value").contains("deferred: k");
    assertThat(resolve.err).contains("the server changed 'k' again");
    assertThat(ok(device(phone, "conflicts")).out)
        .as("the decision was rebased on the conflict's remote side").startsWith(
            "k: local \"mine\", remote \"theirs-again\", base \"theirs\"");
    ok(device(phone, "resolve", "k", "--local"));
    ok(device(laptop, "sync"));
    assertThat(ok(device(laptop, "get", "k")).out).isEqualTo("mine\n");
  }

  @Test
  void resolveKeepingTheRemoteValue() {
    ok(connect(phone, "put", "k", "base"));
    ok(device(phone, "sync"));
    ok(connect(laptop, "--identity-id", identityOf(phone), "sync"));
    ok(device(phone, "put", "k", "mine"));
    ok(device(laptop, "put", "k", "theirs"));
    ok(device(laptop, "sync"));
    ok(device(phone, "sync"));

    CliRun resolve = ok(device(phone, "resolve", "k", "--remote"));

    assertThat(resolve.out).contains("resolved k: took the remote value");
    assertThat(ok(device(phone, "get", "k")).out).isEqualTo("theirs\n");
    assertThat(ok(device(phone, "status")).out).contains("pending:   nothing");
  }

  @Test
  void largeSyncShowsAProgressBarAndOneLineReport() {
    ok(connect(phone, "put", "seed", "0"));
    ok(device(phone, "sync"));
    DeviceState state = DeviceState.load(phone);
    DeviceSettings settings = new DeviceSettings("phone", phone, state.endpoint(), null, "us-east-1",
        TestServer.POOL, state.identityId());
    Map<String, String> many = new LinkedHashMap<>();
    for (int i = 0; i < 300; i++) {
      many.put("key-" + i, "value-" + i);
    }
    try (Device device = Device.opener(settings, new CliContext(Map.of())).open()) {
      device.dataset("default").putAll(many);
    }

    CliRun sync = ok(device(phone, "sync"));

    assertThat(sync.err).contains("300/300 records").contains("100%");
    assertThat(sync.out.strip()).doesNotContain("\n").startsWith("synced 'default': pulled 0, pushed 300");
    CliRun laptopSync = ok(connect(laptop, "--identity-id", state.identityId(), "sync", "--progress", "never"));
    assertThat(laptopSync.err).isEmpty();
    assertThat(laptopSync.out).contains("pulled 301");
  }

  @Test
  void badDatasetNameIsAUsageErrorAndTouchesNothing() throws IOException {
    ok(device(phone, "put", "k", "v"));
    byte[] before = Files.readAllBytes(phone);

    CliRun run = CliRun.run(device(phone, "--dataset", "my list!", "put", "k", "v2"));
    CliRun fresh = CliRun.run(device(laptop, "--dataset", "bad/name", "put", "k", "v"));

    assertThat(run.exitCode).isEqualTo(2);
    assertThat(run.err.strip()).doesNotContain("\n").contains("invalid dataset name 'my list!'");
    assertThat(Files.readAllBytes(phone)).isEqualTo(before);
    assertThat(ok(device(phone, "get", "k")).out).isEqualTo("v\n");
    assertThat(fresh.exitCode).isEqualTo(2);
    assertThat(Files.exists(laptop)).isFalse();
  }

  @Test
  void dotDatasetNamesAreUsageErrorsAndTouchNothing() throws IOException {
    ok(device(phone, "put", "k", "v"));
    byte[] before = Files.readAllBytes(phone);
    for (String dots : new String[] {".", ".."}) {
      CliRun put = CliRun.run(device(phone, "--dataset", dots, "put", "k", "v2"));
      assertThat(put.exitCode).isEqualTo(2);
      assertThat(put.err.strip()).doesNotContain("\n").contains("invalid dataset name '" + dots + "'");
      CliRun fresh = CliRun.run(device(laptop, "--dataset", dots, "put", "k", "v"));
      assertThat(fresh.exitCode).isEqualTo(2);
    }
    assertThat(Files.readAllBytes(phone)).isEqualTo(before);
    assertThat(Files.exists(laptop)).isFalse();
  }

  @Test
  void oversizeValueIsRejectedAndTheFileKeepsItsData() throws IOException {
    ok(device(phone, "put", "k", "v"));
    Path big = dir.resolve("big.txt");
    Files.writeString(big, "x".repeat(1_048_576), StandardCharsets.UTF_8);
    CliRun ls = ok(device(phone, "ls"));

    CliRun run = CliRun.run(device(phone, "put", "k", "--value-file", big.toString()));

    assertThat(run.exitCode).isEqualTo(2);
    assertThat(run.err.strip()).doesNotContain("\n").contains("value length must be at most 1048575");
    assertThat(ok(device(phone, "ls")).out).isEqualTo(ls.out);
    assertThat(ok(device(phone, "get", "k")).out).isEqualTo("v\n");
  }

  @Test
  void unreachableEndpointFailsWithOneLineAndKeepsTheEdits() throws IOException {
    int closed;
    try (ServerSocket socket = new ServerSocket(0)) {
      closed = socket.getLocalPort();
    }
    String nowhere = "http://127.0.0.1:" + closed;
    ok(device(phone, "put", "k", "v"));

    CliRun noIdentity = CliRun.run(device(phone, "--endpoint", nowhere, "--identity-pool", TestServer.POOL, "sync"));

    assertThat(noIdentity.exitCode).isEqualTo(1);
    assertThat(noIdentity.err.strip()).doesNotContain("\n").contains("cannot get an identity from Cognito Identity")
        .contains("local edits are kept");
    assertThat(ok(device(phone, "status")).out).contains("pending:   1 key: k");

    ok(connect(phone, "sync"));
    ok(device(phone, "put", "k", "v2"));
    CliRun down = CliRun.run(device(phone, "--endpoint", nowhere, "sync"));

    assertThat(down.exitCode).isEqualTo(1);
    assertThat(down.err.strip()).doesNotContain("\n").startsWith("offsync device sync: cannot reach " + nowhere)
        .endsWith("(1 local edit kept; run sync again later)");
    assertThat(ok(device(phone, "get", "k")).out).isEqualTo("v2\n");
    CliRun back = ok(device(phone, "--endpoint", server.endpoint(), "sync"));
    assertThat(back.out).contains("pushed 1");
  }
}
