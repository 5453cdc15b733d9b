package dev.offsync.app.internal.awscli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.offsync.app.internal.CliRun;
import dev.offsync.app.internal.TestServer;
import dev.offsync.http.model.ListRecordsResponse;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The AWS CLI's global output options on {@code offsync cognito-sync}: {@code --output text|table} and
 * {@code --query}, on real responses of an in-process sync-server on 127.0.0.1.
 */
class CognitoSyncOutputTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String IDENTITY = "us-east-1:11111111-2222-3333-4444-555555555555";
  private static final Map<String, String> DEVELOPER = Map.of(
      "AWS_ACCESS_KEY_ID", TestServer.ACCESS_KEY, "AWS_SECRET_ACCESS_KEY", TestServer.SECRET);
  /** The server's timestamps, always printed with microseconds: 32 characters. */
  private static final Pattern TIMESTAMP =
      Pattern.compile("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{6}\\+00:00");
  private static final String SOME_TIME = "YYYY-MM-DDThh:mm:ss.ffffff+00:00";

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

  /** Runs {@code cognito-sync <operation> --endpoint-url <server> <args>} with the developer key. */
  private CliRun run(Map<String, String> env, String operation, String... args) {
    List<String> all = new ArrayList<>(List.of("cognito-sync", operation, "--endpoint-url", server.endpoint()));
    all.addAll(List.of(args));
    return CliRun.run(env, all.toArray(new String[0]));
  }

  private String ok(String operation, String... args) {
    CliRun run = run(DEVELOPER, operation, args);
    assertThat(run.exitCode).as(run.toString()).isZero();
    assertThat(run.err).isEmpty();
    return run.out;
  }

  private String[] records(String... more) {
    List<String> all = new ArrayList<>(List.of(
        "--identity-pool-id", TestServer.POOL, "--identity-id", IDENTITY, "--dataset-name", "settings"));
    all.addAll(List.of(more));
    return all.toArray(new String[0]);
  }

  /** Stores a=1 and b=2 in the dataset "settings". */
  private void twoRecords() throws Exception {
    String token = JSON.readTree(ok("list-records", records())).get("SyncSessionToken").asText();
    ok("update-records", records("--sync-session-token", token, "--record-patches",
        "Op=replace,Key=a,Value=1,SyncCount=0", "Op=replace,Key=b,Value=2,SyncCount=0"));
  }

  /** Replaces timestamps (and, in a table, the session token) by placeholders of the same width. */
  private static String stable(String output) {
    String out = TIMESTAMP.matcher(output).replaceAll(SOME_TIME);
    Matcher token = Pattern.compile("(SyncSessionToken\\s*\\|  )(\\S+)").matcher(out);
    StringBuilder replaced = new StringBuilder();
    while (token.find()) {
      token.appendReplacement(replaced, "$1" + "T".repeat(token.group(2).length()));
    }
    token.appendTail(replaced);
    return replaced.toString();
  }

  private String[] datasets(String... more) {
    List<String> all = new ArrayList<>(List.of("--identity-pool-id", TestServer.POOL, "--identity-id", IDENTITY));
    all.addAll(List.of(more));
    return all.toArray(new String[0]);
  }

  @Test
  void textOutputOfRealResponses() throws Exception {
    twoRecords();

    String records = ok("list-records", records("--output", "text"));
    String datasets = ok("list-datasets", datasets("--output", "text"));
    String usage = ok("describe-identity-pool-usage", "--identity-pool-id", TestServer.POOL, "--output", "text");

    // Count, DatasetDeletedAfterRequestedSyncCount, DatasetExists, DatasetSyncCount, LastModifiedBy, SyncSessionToken
    // on one line, then a RECORDS row per record: Key, LastModifiedBy, LastModifiedDate, SyncCount, Value.
    assertThat(records.split("\n", -1)).hasSize(4).satisfies(lines -> {
      assertThat(lines[0]).matches("2\tFalse\tTrue\t1\t" + IDENTITY + "\t[^\t]+");
      assertThat(stable(lines[1])).isEqualTo("RECORDS\ta\t" + IDENTITY + "\t" + SOME_TIME + "\t1\t1");
      assertThat(stable(lines[2])).isEqualTo("RECORDS\tb\t" + IDENTITY + "\t" + SOME_TIME + "\t1\t2");
      assertThat(lines[3]).isEmpty();
    });
    assertThat(stable(datasets)).isEqualTo("1\nDATASETS\t" + SOME_TIME + "\t4\tsettings\t" + IDENTITY + "\t" + IDENTITY
        + "\t" + SOME_TIME + "\t2\n");
    assertThat(stable(usage)).isEqualTo(
        "IDENTITYPOOLUSAGE\t4\t" + TestServer.POOL + "\t" + SOME_TIME + "\t1\n");
  }

  @Test
  void tableOutputOfRealResponses() throws Exception {
    twoRecords();

    String usage = ok("describe-identity-pool-usage", "--identity-pool-id", TestServer.POOL, "--output", "table");
    String datasets = ok("list-datasets", datasets("--output", "table"));
    String records = ok("list-records", records("--output", "table"));

    assertThat(stable(usage)).isEqualTo("""
        ---------------------------------------------------------------------------
        |                        DescribeIdentityPoolUsage                        |
        +-------------------------------------------------------------------------+
        ||                           IdentityPoolUsage                           ||
        |+--------------------+--------------------------------------------------+|
        ||  DataStorage       |  4                                               ||
        ||  IdentityPoolId    |  us-east-1:0d3b5a52-5d1f-4c1b-9a4e-3c1f0e0c2a11  ||
        ||  LastModifiedDate  |  YYYY-MM-DDThh:mm:ss.ffffff+00:00                ||
        ||  SyncSessionsCount |  1                                               ||
        |+--------------------+--------------------------------------------------+|
        """);
    // Wider than 80 columns, so the single-row sections are turned on their side.
    assertThat(stable(datasets)).isEqualTo("""
        --------------------------------------------------------------------------
        |                              ListDatasets                              |
        +----------------------------------------------+-------------------------+
        |  Count                                       |  1                      |
        +----------------------------------------------+-------------------------+
        ||                               Datasets                               ||
        |+-------------------+--------------------------------------------------+|
        ||  CreationDate     |  YYYY-MM-DDThh:mm:ss.ffffff+00:00                ||
        ||  DataStorage      |  4                                               ||
        ||  DatasetName      |  settings                                        ||
        ||  IdentityId       |  us-east-1:11111111-2222-3333-4444-555555555555  ||
        ||  LastModifiedBy   |  us-east-1:11111111-2222-3333-4444-555555555555  ||
        ||  LastModifiedDate |  YYYY-MM-DDThh:mm:ss.ffffff+00:00                ||
        ||  NumRecords       |  2                                               ||
        |+-------------------+--------------------------------------------------+|
        """);
    // The session token makes this one as wide as it is long; check its shape.
    String[] lines = records.split("\n");
    assertThat(lines).allSatisfy(line -> assertThat(line).hasSameSizeAs(lines[0]));
    assertThat(lines[0]).matches("-+");
    assertThat(lines[1]).matches("\\| +ListRecords +\\|");
    assertThat(lines).anyMatch(line -> line.matches("\\|  DatasetExists +\\|  True +\\|"));
    assertThat(lines).anyMatch(line -> line.matches("\\|\\| +Records +\\|\\|"));
    assertThat(lines).anyMatch(line -> line.matches("\\|\\| +Key +\\| +LastModifiedBy +\\| +LastModifiedDate +\\| "
        + "+SyncCount +\\| +Value +\\|\\|"));
    assertThat(lines).anyMatch(line -> line.matches("\\|\\|  b +\\|  " + IDENTITY + " +\\|  \\S+ +\\|  1 +\\|  2 +\\|\\|"));
  }

  @Test
  void queryProjectsAndFilters() throws Exception {
    twoRecords();

    assertThat(ok("list-records", records("--query", "Records[?Key=='a'].Value"))).isEqualTo("[\n    \"1\"\n]\n");
    assertThat(ok("list-records", records("--query", "Records[?Key=='b'] | [0].{Key: Key, SyncCount: SyncCount}")))
        .isEqualTo("{\n    \"Key\": \"b\",\n    \"SyncCount\": 1\n}\n");
    assertThat(ok("list-records", records("--query", "Count"))).isEqualTo("2\n");
    assertThat(ok("list-datasets", datasets("--query", "Datasets[?NumRecords > `1`].DatasetName")))
        .isEqualTo("[\n    \"settings\"\n]\n");
    assertThat(ok("list-records", records("--query", "NoSuchMember"))).isEqualTo("null\n");
  }

  @Test
  void queryWithTextAndTableOutput() throws Exception {
    twoRecords();

    assertThat(ok("list-records", records("--query", "Records[?Key=='a'].Value", "--output", "text")))
        .isEqualTo("1\n");
    assertThat(ok("list-records", records("--query", "Records[].[Key, Value]", "--output", "text")))
        .isEqualTo("a\t1\nb\t2\n");
    assertThat(ok("list-records", records("--query", "{Exists: DatasetExists, Keys: Records[].Key}", "--output=text")))
        .isEqualTo("True\nKEYS\ta\nKEYS\tb\n");
    assertThat(ok("list-records", records("--query", "NoSuchMember", "--output", "text"))).isEqualTo("None\n");
    assertThat(ok("list-records", records("--query", "NoSuchMember", "--output", "table"))).isEmpty();
    assertThat(ok("list-records", records("--output", "table", "--query",
        "Records[].{Key: Key, Value: Value, Count: SyncCount}"))).isEqualTo("""
        ---------------------------
        |       ListRecords       |
        +-------+-------+---------+
        | Count |  Key  |  Value  |
        +-------+-------+---------+
        |  1    |  a    |  1      |
        |  1    |  b    |  2      |
        +-------+-------+---------+
        """);
  }

  @Test
  void outputComesFromTheEnvironmentUnlessTheFlagSaysOtherwise() throws Exception {
    twoRecords();
    Map<String, String> env = new HashMap<>(DEVELOPER);
    env.put("AWS_DEFAULT_OUTPUT", "text");

    CliRun fromEnvironment = run(env, "list-records", records("--query", "Records[].Key"));
    CliRun flagWins = run(env, "list-records", records("--query", "Records[].Key", "--output", "json"));

    assertThat(fromEnvironment.out).isEqualTo("a\tb\n");
    assertThat(flagWins.out).isEqualTo("[\n    \"a\",\n    \"b\"\n]\n");
  }

  @Test
  void aQueryThatFailsOnTheResponseIsAFailure() throws Exception {
    CliRun run = run(DEVELOPER, "list-records", records("--query", "length(Count)"));

    assertThat(run.exitCode).isEqualTo(1);
    assertThat(run.out).isEmpty();
    assertThat(run.err.strip()).doesNotContain("\n")
        .startsWith("offsync cognito-sync list-records: --query length(Count): ");
  }

  /** Records what would be sent, and answers with an empty ListRecords response. */
  private static final class Recorder implements OperationInvoker {
    final List<Object> requests = new ArrayList<>();

    @Override
    public Object invoke(OperationModel operation, Object request, ClientSettings settings) {
      requests.add(request);
      return ListRecordsResponse.builder().count(0).build();
    }
  }

  @Test
  void badQueryOrOutputIsAUsageErrorAndSendsNothing() {
    Recorder recorder = new Recorder();
    List<String[]> bad = List.of(
        new String[] {"--query", "Records[?Key=='a'"},
        new String[] {"--query", "no_such_function(Records)"},
        new String[] {"--query", "length(Records, Count)"},
        new String[] {"--output", "xml"},
        new String[] {"--output", "TEXT"},
        new String[] {"--color", "blue"});
    for (String[] option : bad) {
      CliRun run = CliRun.run(recorder, all("list-records", records(option)));
      assertThat(run.exitCode).as(run.toString()).isEqualTo(2);
      assertThat(run.out).isEmpty();
      assertThat(run.err.strip()).as(run.toString()).doesNotContain("\n").contains(option[0]);
    }
    CliRun environment = CliRun.run(Map.of("AWS_DEFAULT_OUTPUT", "yaml"), recorder, all("list-records", records()));

    assertThat(environment.exitCode).isEqualTo(2);
    assertThat(environment.err.strip()).doesNotContain("\n").startsWith("offsync cognito-sync list-records: "
        + "AWS_DEFAULT_OUTPUT: invalid choice: 'yaml' (choose from 'json', 'text', 'table')");
    assertThat(CliRun.run(recorder, all("list-records", records("--query", "Records[?"))).err)
        .startsWith("offsync cognito-sync list-records: Bad value for --query Records[?: ");
    assertThat(CliRun.run(recorder, all("list-records", records("--output", "xml"))).err.strip())
        .isEqualTo("offsync cognito-sync list-records: argument --output: invalid choice: 'xml' (choose from "
            + "'json', 'text', 'table') (see 'offsync cognito-sync list-records --help')");
    assertThat(recorder.requests).isEmpty();
  }

  @Test
  void colorAndPagerOptionsAreAcceptedAndHelpDescribesTheOutputOptions() {
    Recorder recorder = new Recorder();

    CliRun run = CliRun.run(recorder, all("list-records",
        records("--color", "off", "--no-cli-pager", "--output", "text", "--query", "Count")));
    CliRun help = CliRun.run(recorder, "cognito-sync", "list-records", "--help");

    assertThat(run.exitCode).as(run.toString()).isZero();
    assertThat(run.out).isEqualTo("0\n");
    assertThat(help.out).contains("--query=<expression>", "--output=json|text|table", "AWS_DEFAULT_OUTPUT",
        "--color=on|off|auto", "--no-cli-pager");
  }

  private static String[] all(String operation, String... args) {
    List<String> all = new ArrayList<>(List.of("cognito-sync", operation));
    all.addAll(List.of(args));
    return all.toArray(new String[0]);
  }
}
