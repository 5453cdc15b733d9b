package dev.offsync.app.internal.migrate;

import static org.assertj.core.api.Assertions.assertThat;

import dev.offsync.app.internal.CliRun;
import dev.offsync.app.internal.TestServer;
import dev.offsync.http.CognitoSyncClient;
import dev.offsync.http.RetryPolicy;
import dev.offsync.http.StaticCredentialsProvider;
import dev.offsync.http.model.ListRecordsRequest;
import dev.offsync.http.model.ListRecordsResponse;
import dev.offsync.http.model.Operation;
import dev.offsync.http.model.RecordPatch;
import dev.offsync.http.model.UpdateRecordsRequest;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** {@code offsync migrate} between two servers on loopback, in-process and as a process killed with SIGKILL. */
@Timeout(value = 240, unit = TimeUnit.SECONDS)
class MigrateCommandTest {
  private static final String POOL = TestServer.POOL;
  private static final Map<String, String> ENV =
      Map.of("AWS_ACCESS_KEY_ID", TestServer.ACCESS_KEY, "AWS_SECRET_ACCESS_KEY", TestServer.SECRET);

  @TempDir Path dir;
  private TestServer sourceServer;
  private TestServer targetServer;
  private CognitoSyncClient source;
  private CognitoSyncClient target;
  private Path identities;

  static CognitoSyncClient developer(TestServer s) {
    return CognitoSyncClient.builder().endpoint(s.endpoint())
        .credentialsProvider(StaticCredentialsProvider.create(TestServer.ACCESS_KEY, TestServer.SECRET))
        .retryPolicy(RetryPolicy.none()).callTimeout(Duration.ofSeconds(20)).build();
  }

  static String identity(int i) {
    return String.format("us-east-1:00000000-0000-0000-0000-%012d", i);
  }

  static void put(CognitoSyncClient c, String id, String ds, int records, String value) {
    ListRecordsResponse r = c.listRecords(ListRecordsRequest.builder().identityPoolId(POOL).identityId(id)
        .datasetName(ds).lastSyncCount(0L).build());
    List<RecordPatch> patches = new ArrayList<>();
    for (int k = 0; k < records; k++) {
      String key = "key" + k;
      long count = r.records().stream().filter(x -> x.key().equals(key)).mapToLong(x -> x.syncCount())
          .findFirst().orElse(0L);
      patches.add(RecordPatch.builder().op(Operation.REPLACE).key(key).value(value + k).syncCount(count).build());
    }
    c.updateRecords(UpdateRecordsRequest.builder().identityPoolId(POOL).identityId(id).datasetName(ds)
        .syncSessionToken(r.syncSessionToken()).deviceId("writer").recordPatches(patches).build());
  }

  void populate(int count) throws Exception {
    List<String> lines = new ArrayList<>(List.of("# identities of the source pool"));
    for (int i = 0; i < count; i++) {
      lines.add(identity(i));
      put(source, identity(i), "a", 5, "first");
      put(source, identity(i), "a", 3, "second");
      put(source, identity(i), "b", 5, "only");
    }
    identities = dir.resolve("identities.txt");
    Files.write(identities, lines, StandardCharsets.UTF_8);
  }

  @BeforeEach
  void start() throws Exception {
    sourceServer = TestServer.start(Files.createDirectories(dir.resolve("source")));
    targetServer = TestServer.start(Files.createDirectories(dir.resolve("target")));
    source = developer(sourceServer);
    target = developer(targetServer);
  }

  @AfterEach
  void stop() {
    source.close();
    target.close();
    sourceServer.close();
    targetServer.close();
  }

  private String[] args(String... extra) {
    List<String> a = new ArrayList<>(List.of("migrate", "--source-endpoint", sourceServer.endpoint(), "--pool", POOL,
        "--target-endpoint", targetServer.endpoint(), "--identities-file", identities.toString(), "--checkpoint",
        dir.resolve("checkpoint").toString()));
    a.addAll(List.of(extra));
    return a.toArray(new String[0]);
  }

  @Test
  void migratesVerifiesAndExitsNonZeroOnADifference() throws Exception {
    populate(3);
    CliRun run = CliRun.run(ENV, args("--progress-interval", "0"));
    assertThat(run.exitCode).as(run.toString()).isZero();
    assertThat(run.out).contains("progress copy: identities 3/3, records 30")
        .contains("records/s").contains("ETA")
        .contains("copied: 3 identities (0 already copied by an earlier run), 6 datasets, 30 records imported")
        .contains("verified: 6 datasets, 30 records, 0 differences");
    assertThat(target.listRecords(ListRecordsRequest.builder().identityPoolId(POOL).identityId(identity(1))
        .datasetName("a").lastSyncCount(1L).build()).records()).hasSize(3);

    // drift on the target: verification prints it and exits 1
    put(target, identity(2), "b", 1, "drift");
    CliRun verify = CliRun.run(ENV, args("--verify-only"));
    assertThat(verify.exitCode).as(verify.toString()).isEqualTo(1);
    assertThat(verify.out).contains("DIFFERENCE identity " + identity(2) + " dataset b: source syncCount 1")
        .contains("DIFFERENCE identity " + identity(2) + " dataset b: record key0: source syncCount 1")
        .contains("verified: 6 datasets, 30 records, 2 differences");
  }

  @Test
  void withoutSourceCredentialsItFailsClearly() throws Exception {
    populate(1);
    CliRun run = CliRun.run(Map.of(), args());
    assertThat(run.exitCode).isEqualTo(1);
    assertThat(run.err).contains("AWS_ACCESS_KEY_ID");
  }

  @Test
  void aMigrationKilledWithSigkillHalfwayResumesToAVerifiedCopy() throws Exception {
    int count = 120;
    populate(count);
    int total = count * 10;
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    List<String> command = new ArrayList<>(List.of(java, "-Xmx64m", "-cp", System.getProperty("java.class.path"),
        "dev.offsync.app.Main"));
    command.addAll(List.of(args("--progress-interval", "0", "--page-size", "4")));
    ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true);
    pb.environment().putAll(ENV);
    Process p = pb.start();
    Pattern records = Pattern.compile("progress copy: identities (\\d+)/\\d+, records (\\d+)");
    List<String> seen = new ArrayList<>();
    long killedAt = -1;
    try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
      String line;
      while ((line = r.readLine()) != null) {
        seen.add(line);
        Matcher m = records.matcher(line);
        if (m.find() && Long.parseLong(m.group(2)) >= total / 4) {
          killedAt = Long.parseLong(m.group(2));
          p.destroyForcibly();
          break;
        }
      }
    }
    assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
    assertThat(killedAt).as(String.join("\n", seen)).isPositive();
    assertThat(p.exitValue()).isEqualTo(137);
    assertThat(seen).noneMatch(l -> l.startsWith("verified:"));

    CliRun resumed = CliRun.run(ENV, args("--page-size", "4"));
    assertThat(resumed.exitCode).as(resumed.toString()).isZero();
    Matcher m = Pattern.compile("copied: " + count + " identities \\((\\d+) already copied by an earlier run\\), "
        + "\\d+ datasets, (\\d+) records imported").matcher(resumed.out);
    assertThat(m.find()).as(resumed.out).isTrue();
    long skipped = Long.parseLong(m.group(1));
    long imported = Long.parseLong(m.group(2));
    System.out.println("killed at " + killedAt + " of " + total + " records; the resumed run skipped " + skipped
        + " identities and imported " + imported + " records; " + resumed.out.lines()
        .filter(l -> l.startsWith("progress copy")).reduce((x, y) -> y).orElse(""));
    assertThat(skipped).isPositive().isLessThan(count);
    assertThat(imported).isPositive().isLessThanOrEqualTo(total - skipped * 10);
    assertThat(resumed.out).contains("verified: " + (2 * count) + " datasets, " + total + " records, 0 differences");
    // the sync counts are the source's: dataset a had two writes, so key0 is at 2, key4 at 1
    ListRecordsResponse a = target.listRecords(ListRecordsRequest.builder().identityPoolId(POOL)
        .identityId(identity(count - 1)).datasetName("a").lastSyncCount(0L).build());
    assertThat(a.datasetSyncCount()).isEqualTo(2L);
    assertThat(a.records()).filteredOn(x -> x.key().equals("key0")).extracting(x -> x.syncCount())
        .containsExactly(2L);
    assertThat(a.records()).filteredOn(x -> x.key().equals("key4")).extracting(x -> x.syncCount())
        .containsExactly(1L);
  }
}
