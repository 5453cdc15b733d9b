package dev.offsync.http.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.offsync.http.CognitoIdentityCredentialsProvider;
import dev.offsync.http.CognitoSyncClient;
import dev.offsync.http.NotAuthorizedException;
import dev.offsync.http.RetryPolicy;
import dev.offsync.http.StaticCredentialsProvider;
import dev.offsync.http.migration.DatasetImport;
import dev.offsync.http.migration.IdentitySource;
import dev.offsync.http.migration.ImportClient;
import dev.offsync.http.migration.MigrationProgress;
import dev.offsync.http.migration.MigrationReport;
import dev.offsync.http.migration.PoolMigration;
import dev.offsync.http.migration.VerificationReport;
import dev.offsync.http.model.ListRecordsRequest;
import dev.offsync.http.model.ListRecordsResponse;
import dev.offsync.http.model.Operation;
import dev.offsync.http.model.RecordPatch;
import dev.offsync.http.model.UpdateRecordsRequest;
import dev.offsync.server.SyncServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** PoolMigration between two real sync-servers on loopback: counts preserved, resumable, incremental, verified. */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class PoolMigrationTest {
  static final String POOL = "us-east-1:4a7c0f0e-1111-2222-3333-444455556666";
  static final String DEV_KEY = "AKIDOFFSYNCDEV";
  static final String DEV_SECRET = "dev-secret-0123456789abcdef";
  static final int PAGE = 10;

  @TempDir Path dir;
  private SyncServer sourceServer;
  private SyncServer targetServer;
  private CognitoSyncClient source;
  private CognitoSyncClient target;
  private ImportClient importer;
  private final List<String> ids = new ArrayList<>();

  static SyncServer server(Path data) {
    return SyncServer.builder().host("127.0.0.1").port(0).dataDirectory(data).developerKey(DEV_KEY, DEV_SECRET)
        .identityPool(POOL).build().start();
  }

  static CognitoSyncClient developer(SyncServer s) {
    return CognitoSyncClient.builder().endpoint(s.baseUri().toString()).region("us-east-1")
        .credentialsProvider(StaticCredentialsProvider.create(DEV_KEY, DEV_SECRET)).retryPolicy(RetryPolicy.none())
        .callTimeout(Duration.ofSeconds(20)).build();
  }

  @BeforeEach
  void start() throws Exception {
    sourceServer = server(Files.createDirectories(dir.resolve("source")));
    targetServer = server(Files.createDirectories(dir.resolve("target")));
    source = developer(sourceServer);
    target = developer(targetServer);
    importer = ImportClient.builder().endpoint(targetServer.baseUri().toString())
        .credentialsProvider(StaticCredentialsProvider.create(DEV_KEY, DEV_SECRET)).retryPolicy(RetryPolicy.none())
        .build();
    for (int i = 0; i < 4; i++) {
      String id = "us-east-1:00000000-0000-0000-0000-00000000000" + i;
      ids.add(id);
      // several writes per dataset so that counts differ per record, with removals (tombstones)
      for (int w = 0; w < 3; w++) {
        write(id, "settings", "k" + w, "v" + w + "-" + i);
      }
      remove(id, "settings", "k1");
      write(id, "notes", "n", "note " + i);
    }
    // one dataset larger than a page: 35 records over 4 writes
    for (int w = 0; w < 4; w++) {
      List<RecordPatch> patches = new ArrayList<>();
      for (int k = 0; k < 9 && w * 9 + k < 35; k++) {
        patches.add(RecordPatch.builder().op(Operation.REPLACE).key("big" + (w * 9 + k)).value("x" + w)
            .syncCount(0L).deviceLastModifiedDate(Instant.ofEpochMilli(1700000000000L + w)).build());
      }
      update(source, ids.get(0), "big", patches);
    }
  }

  @AfterEach
  void stop() {
    importer.close();
    source.close();
    target.close();
    sourceServer.close();
    targetServer.close();
  }

  static long count(CognitoSyncClient c, String id, String ds, String key) {
    ListRecordsResponse r = c.listRecords(ListRecordsRequest.builder().identityPoolId(POOL).identityId(id)
        .datasetName(ds).lastSyncCount(0L).build());
    return r.records().stream().filter(x -> x.key().equals(key)).mapToLong(x -> x.syncCount()).findFirst()
        .orElse(0L);
  }

  static void update(CognitoSyncClient c, String id, String ds, List<RecordPatch> patches) {
    String token = c.listRecords(ListRecordsRequest.builder().identityPoolId(POOL).identityId(id).datasetName(ds)
        .lastSyncCount(0L).maxResults(1).build()).syncSessionToken();
    c.updateRecords(UpdateRecordsRequest.builder().identityPoolId(POOL).identityId(id).datasetName(ds)
        .syncSessionToken(token).deviceId("device-" + ds).recordPatches(patches).build());
  }

  void write(String id, String ds, String key, String value) {
    update(source, id, ds, List.of(RecordPatch.builder().op(Operation.REPLACE).key(key).value(value)
        .syncCount(count(source, id, ds, key)).deviceLastModifiedDate(Instant.ofEpochMilli(1600000000123L)).build()));
  }

  void remove(String id, String ds, String key) {
    update(source, id, ds, List.of(RecordPatch.builder().op(Operation.REMOVE).key(key)
        .syncCount(count(source, id, ds, key)).build()));
  }

  PoolMigration migration(Consumer<MigrationProgress> progress, List<String> differences) {
    return PoolMigration.builder().source(source).target(target).importer(importer).sourcePoolId(POOL)
        .identities(IdentitySource.of(ids)).checkpointDirectory(dir.resolve("checkpoint")).pageSize(PAGE)
        .maxImportBytes(2048).progressInterval(Duration.ZERO).progress(progress).differences(differences::add).build();
  }

  /** Every record of every dataset, as both sides list it (all fields, dataset counts). */
  void assertSameOnBothSides() {
    for (String id : ids) {
      for (String ds : List.of("settings", "notes", "big")) {
        ListRecordsResponse a = all(source, id, ds);
        ListRecordsResponse b = all(target, id, ds);
        assertThat(b.datasetExists()).isEqualTo(a.datasetExists());
        assertThat(b.datasetSyncCount()).as(id + "/" + ds).isEqualTo(a.datasetSyncCount());
        assertThat(b.lastModifiedBy()).isEqualTo(a.lastModifiedBy());
        assertThat(b.records()).as(id + "/" + ds).containsExactlyInAnyOrderElementsOf(a.records());
      }
    }
  }

  static ListRecordsResponse all(CognitoSyncClient c, String id, String ds) {
    return c.listRecords(ListRecordsRequest.builder().identityPoolId(POOL).identityId(id).datasetName(ds)
        .lastSyncCount(0L).build());
  }

  @Test
  void copiesEveryCountDateWriterAndTombstoneAndVerifies() {
    List<MigrationProgress> seen = new ArrayList<>();
    List<String> differences = new ArrayList<>();
    MigrationReport report = migration(seen::add, differences).run();
    assertThat(report.verification().differences()).isEmpty();
    assertThat(differences).isEmpty();
    assertThat(report.verification().datasets()).isEqualTo(9);
    assertThat(report.verification().records()).isEqualTo(4 * 3 + 4 + 35);
    assertThat(report.recordsImported()).isEqualTo(4 * 3 + 4 + 35);
    assertThat(report.incrementalRecords()).isZero();
    // bounded memory: never more than one ListRecords page held
    assertThat(report.maxRecordsHeld()).isEqualTo(PAGE);
    assertSameOnBothSides();
    assertThat(all(target, ids.get(1), "settings").records()).filteredOn(r -> r.key().equals("k1"))
        .allSatisfy(r -> assertThat(r.value()).isNull());
    // dataset metadata too
    var a = source.describeDataset(dev.offsync.http.model.DescribeDatasetRequest.builder().identityPoolId(POOL)
        .identityId(ids.get(0)).datasetName("big").build()).dataset();
    var b = target.describeDataset(dev.offsync.http.model.DescribeDatasetRequest.builder().identityPoolId(POOL)
        .identityId(ids.get(0)).datasetName("big").build()).dataset();
    assertThat(b).isEqualTo(a);
    assertThat(seen).isNotEmpty();
    assertThat(seen).extracting(MigrationProgress::pass).contains("copy", "incremental", "verify");
    MigrationProgress lastCopy = seen.stream().filter(p -> p.pass().equals("copy")).reduce((x, y) -> y).get();
    assertThat(lastCopy.identitiesDone()).isEqualTo(4);
    assertThat(lastCopy.records()).isEqualTo(51);
    assertThat(lastCopy.line()).contains("copy: identities 4/4, records 51");

    // run again: the copy pass is done, nothing changed, nothing written
    MigrationReport again = migration(p -> {}, new ArrayList<>()).run();
    assertThat(again.recordsImported()).isZero();
    assertThat(again.incrementalRecords()).isZero();
    assertThat(again.verification().ok()).isTrue();
  }

  @Test
  void aRunThatDiesHalfwayResumesFromItsCheckpointWithoutRenumbering() {
    RuntimeException crash = new IllegalStateException("killed");
    int[] reports = {0};
    assertThatThrownBy(() -> migration(p -> {
      if (p.pass().equals("copy") && p.identitiesDone() == 2) {
        throw crash;
      }
      reports[0]++;
    }, new ArrayList<>()).run()).isSameAs(crash);
    List<String> differences = new ArrayList<>();
    MigrationReport resumed = migration(p -> {}, differences).run();
    assertThat(resumed.identitiesSkipped()).isEqualTo(2);
    // only the two identities not yet copied are imported now
    assertThat(resumed.recordsImported()).isEqualTo(2 * 4);
    assertThat(resumed.verification().ok()).as(String.join("\n", differences)).isTrue();
    assertSameOnBothSides();
  }

  @Test
  void theIncrementalPassCatchesWritesMadeDuringTheCopy() {
    boolean[] wrote = {false};
    MigrationReport report = migration(p -> {
      if (p.pass().equals("copy") && p.identitiesDone() == 3 && !wrote[0]) {
        wrote[0] = true;
        // identity 0 is already copied: a device keeps writing to the source
        write(ids.get(0), "settings", "k0", "changed during the copy");
        write(ids.get(0), "fresh", "f", "a dataset created during the copy");
      }
    }, new ArrayList<>()).run();
    assertThat(wrote[0]).isTrue();
    assertThat(report.incrementalRecords()).isEqualTo(2);
    assertThat(report.verification().ok()).isTrue();
    assertSameOnBothSides();
    assertThat(all(target, ids.get(0), "fresh").records()).hasSize(1);
  }

  @Test
  void verificationPrintsEveryDifference() {
    assertThat(migration(p -> {}, new ArrayList<>()).run().verification().ok()).isTrue();
    // the target drifts: a record changed, a dataset deleted
    update(target, ids.get(2), "settings", List.of(RecordPatch.builder().op(Operation.REPLACE).key("k0")
        .value("drift").syncCount(count(target, ids.get(2), "settings", "k0")).build()));
    target.deleteDataset(dev.offsync.http.model.DeleteDatasetRequest.builder().identityPoolId(POOL)
        .identityId(ids.get(3)).datasetName("notes").build());
    List<String> differences = new ArrayList<>();
    VerificationReport v = migration(p -> {}, differences).verify();
    assertThat(v.ok()).isFalse();
    assertThat(v.differences()).isEqualTo(differences);
    assertThat(differences).anySatisfy(d -> assertThat(d).contains("identity " + ids.get(2) + " dataset settings:")
        .contains("source syncCount 4").contains("target syncCount 5"));
    assertThat(differences).anySatisfy(d -> assertThat(d).contains("dataset settings: record k0: source syncCount")
        .contains("values differ"));
    assertThat(differences).contains("identity " + ids.get(3) + " dataset notes: missing on the target");
  }

  @Test
  void identityCredentialsCannotImport() {
    CognitoIdentityCredentialsProvider identity = CognitoIdentityCredentialsProvider.builder()
        .endpoint(targetServer.baseUri().toString()).identityPoolId(POOL).build();
    String me = identity.identityId();
    try (ImportClient asDevice = ImportClient.builder().endpoint(targetServer.baseUri().toString())
        .credentialsProvider(identity).retryPolicy(RetryPolicy.none()).build()) {
      assertThatThrownBy(() -> asDevice.importRecords(DatasetImport.builder().identityPoolId(POOL).identityId(me)
          .datasetName("settings").syncCount(1).creationDate(Instant.EPOCH).lastModifiedDate(Instant.EPOCH)
          .build())).isInstanceOf(NotAuthorizedException.class)
          .hasMessageContaining("ImportRecords requires developer credentials");
    }
  }
}
