package dev.offsync.app.internal.awscli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.offsync.app.internal.CliRun;
import dev.offsync.app.internal.Credentials;
import dev.offsync.app.internal.TestServer;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code offsync cognito-sync} against a real in-process sync-server. */
class CognitoSyncEndToEndTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String IDENTITY = "us-east-1:11111111-2222-3333-4444-555555555555";
  private static final Map<String, String> DEVELOPER = Map.of(
      "AWS_ACCESS_KEY_ID", TestServer.ACCESS_KEY, "AWS_SECRET_ACCESS_KEY", TestServer.SECRET);

  @TempDir Path dir;
  private TestServer server;

  @BeforeEach
  void start() {
    server = TestServer.start(dir);
  }

  @AfterEach
  void stop() {
    server.close();
  }

  private JsonNode ok(Map<String, String> env, String... args) throws Exception {
    String[] all = new String[args.length + 3];
    all[0] = "cognito-sync";
    all[1] = args[0];
    all[2] = "--endpoint-url";
    all[3] = server.endpoint();
    System.arraycopy(args, 1, all, 4, args.length - 1);
    CliRun run = CliRun.run(env, all);
    assertThat(run.exitCode).as(run.toString()).isZero();
    return run.out.isEmpty() ? JSON.createObjectNode() : JSON.readTree(run.out);
  }

  @Test
  void listUpdateAndAStaleUpdateWithDeveloperCredentials() throws Exception {
    JsonNode empty = ok(DEVELOPER, "list-records", "--identity-pool-id", TestServer.POOL, "--identity-id", IDENTITY,
        "--dataset-name", "settings");
    assertThat(empty.get("Records")).isEmpty();
    String token = empty.get("SyncSessionToken").asText();

    JsonNode updated = ok(DEVELOPER, "update-records", "--identity-pool-id", TestServer.POOL, "--identity-id", IDENTITY,
        "--dataset-name", "settings", "--sync-session-token", token,
        "--record-patches", "Op=replace,Key=theme,Value=dark,SyncCount=0",
        "Op=replace,Key=json,Value='{\"a\":1,\"b\":2}',SyncCount=0");
    assertThat(updated.get("Records")).hasSize(2);
    assertThat(updated.get("Records").get(1).get("Value").asText()).isEqualTo("{\"a\":1,\"b\":2}");
    assertThat(updated.get("Records").get(0).get("SyncCount").asLong()).isEqualTo(1L);

    CliRun stale = CliRun.run(DEVELOPER, "cognito-sync", "update-records", "--endpoint-url", server.endpoint(),
        "--identity-pool-id", TestServer.POOL, "--identity-id", IDENTITY, "--dataset-name", "settings",
        "--sync-session-token", token, "--record-patches", "[{\"Op\":\"replace\",\"Key\":\"theme\",\"Value\":\"light\","
            + "\"SyncCount\":0}]");
    assertThat(stale.exitCode).isEqualTo(1);
    assertThat(stale.err.strip()).doesNotContain("\n").startsWith("offsync cognito-sync update-records: An error "
        + "occurred (ResourceConflictException) when calling the UpdateRecords operation: ");

    JsonNode datasets = ok(DEVELOPER, "list-datasets", "--identity-pool-id", TestServer.POOL, "--identity-id", IDENTITY);
    assertThat(datasets.get("Datasets").get(0).get("DatasetName").asText()).isEqualTo("settings");
    assertThat(datasets.get("Datasets").get(0).get("NumRecords").asLong()).isEqualTo(2L);
    JsonNode described = ok(DEVELOPER, "describe-dataset", "--cli-input-json",
        "{\"IdentityPoolId\":\"" + TestServer.POOL + "\",\"IdentityId\":\"" + IDENTITY + "\",\"DatasetName\":\"x\"}",
        "--dataset-name", "settings");
    assertThat(described.get("Dataset").get("NumRecords").asLong()).isEqualTo(2L);

    ok(DEVELOPER, "delete-dataset", "--identity-pool-id", TestServer.POOL, "--identity-id", IDENTITY,
        "--dataset-name", "settings");
    CliRun gone = CliRun.run(DEVELOPER, "cognito-sync", "describe-dataset", "--endpoint-url", server.endpoint(),
        "--identity-pool-id", TestServer.POOL, "--identity-id", IDENTITY, "--dataset-name", "settings");
    assertThat(gone.exitCode).isEqualTo(1);
    assertThat(gone.err).contains("(ResourceNotFoundException) when calling the DescribeDataset operation");
  }

  @Test
  void poolOperationsWithDeveloperCredentials() throws Exception {
    ok(DEVELOPER, "set-cognito-events", "--identity-pool-id", TestServer.POOL,
        "--events", "SyncTrigger=arn:aws:lambda:us-east-1:123456789012:function:f");
    JsonNode events = ok(DEVELOPER, "get-cognito-events", "--identity-pool-id", TestServer.POOL);
    assertThat(events.get("Events").get("SyncTrigger").asText()).isEqualTo("arn:aws:lambda:us-east-1:123456789012:function:f");
    JsonNode pools = ok(DEVELOPER, "list-identity-pool-usage", "--max-results", "10", "--region", "us-east-1");
    assertThat(pools.get("IdentityPoolUsages").toString()).contains(TestServer.POOL);
  }

  @Test
  void withoutEnvironmentCredentialsTheIdentityGetsCognitoIdentityCredentials() throws Exception {
    String identity = Credentials.cognitoIdentity(server.endpoint(), "us-east-1", TestServer.POOL, null).identityId();

    JsonNode records = ok(Map.of(), "list-records", "--identity-pool-id", TestServer.POOL, "--identity-id", identity,
        "--dataset-name", "notes");

    assertThat(records.get("DatasetExists").asBoolean()).isFalse();
    CliRun noCredentials = CliRun.run("cognito-sync", "list-identity-pool-usage", "--endpoint-url", server.endpoint(),
        "--region", "us-east-1");
    assertThat(noCredentials.exitCode).isEqualTo(1);
    assertThat(noCredentials.err).contains("Unable to locate credentials");
  }
}
