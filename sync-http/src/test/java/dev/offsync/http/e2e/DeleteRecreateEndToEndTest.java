package dev.offsync.http.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.offsync.Dataset;
import dev.offsync.Record;
import dev.offsync.SyncClient;
import dev.offsync.SyncReport;
import dev.offsync.http.CognitoIdentityCredentialsProvider;
import dev.offsync.http.CognitoSyncClient;
import dev.offsync.http.RetryPolicy;
import dev.offsync.http.StaticCredentialsProvider;
import dev.offsync.http.model.ListRecordsRequest;
import dev.offsync.http.model.ListRecordsResponse;
import dev.offsync.server.SyncServer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Devices of one identity deleting and re-creating a dataset, through the engine against the real server on
 * 127.0.0.1 (issue 15): whatever the order of deletes, re-creations, pushes and pulls, every device ends with the
 * server's records, nothing pending, no record on a base the server does not hold, and no sync wedged in
 * conflicts.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class DeleteRecreateEndToEndTest {
  private static final String POOL = "us-east-1:6c9e2a2a-9999-4444-5555-666677778888";
  private static final String DEV_KEY = "AKIDOFFSYNCRECREATE";
  private static final String DEV_SECRET = "dev-secret-recreate-0123456789";
  private static final String DS = "notes";
  private static final long TIMEOUT_SECONDS = 20;

  @TempDir Path data;
  private final List<AutoCloseable> closeables = new ArrayList<>();
  private SyncServer server;
  private String identity;

  @BeforeEach
  void start() {
    server = SyncServer.builder()
        .host("127.0.0.1")
        .port(0)
        .dataDirectory(data)
        .developerKey(DEV_KEY, DEV_SECRET)
        .identityPool(POOL)
        .build()
        .start();
    closeables.add(server);
  }

  @AfterEach
  void stop() throws Exception {
    for (int i = closeables.size() - 1; i >= 0; i--) {
      closeables.get(i).close();
    }
  }

  /** A device of the test's identity (the first one creates it). */
  private Dataset device() {
    CognitoIdentityCredentialsProvider.Builder b = CognitoIdentityCredentialsProvider.builder()
        .endpoint(server.baseUri().toString())
        .identityPoolId(POOL)
        .retryPolicy(RetryPolicy.none());
    if (identity != null) {
      b.identityId(identity);
    }
    CognitoIdentityCredentialsProvider credentials = b.build();
    identity = credentials.identityId();
    SyncClient client = EngineDevices.device(server.baseUri(), POOL, credentials, closeables);
    return client.dataset(DS);
  }

  private ListRecordsResponse serverListing() {
    CognitoSyncClient developer =
        EngineDevices.http(server.baseUri(), StaticCredentialsProvider.create(DEV_KEY, DEV_SECRET), closeables);
    return developer.listRecords(ListRecordsRequest.builder().identityPoolId(POOL).identityId(identity)
        .datasetName(DS).lastSyncCount(0L).build());
  }

  private Map<String, String> serverValues() {
    Map<String, String> out = new TreeMap<>();
    serverListing().records().forEach(r -> {
      if (r.value() != null) {
        out.put(r.key(), r.value());
      }
    });
    return out;
  }

  private static SyncReport sync(Dataset dataset) {
    return dataset.sync().timeout(TIMEOUT_SECONDS, TimeUnit.SECONDS).blockingGet();
  }

  /**
   * Syncs every device twice (each sync must succeed), then checks each one holds exactly the server's values,
   * with nothing pending and every record on a base the server holds for its key.
   */
  private void assertConverged(Dataset... devices) {
    for (int round = 0; round < 2; round++) {
      for (Dataset d : devices) {
        sync(d);
      }
    }
    ListRecordsResponse listing = serverListing();
    Map<String, Long> counts = new TreeMap<>();
    listing.records().forEach(r -> counts.put(r.key(), r.syncCount()));
    Map<String, String> values = serverValues();
    long watermark = Boolean.TRUE.equals(listing.datasetExists()) ? listing.datasetSyncCount() : 0;
    for (int i = 0; i < devices.length; i++) {
      Dataset d = devices[i];
      assertThat(new TreeMap<>(d.getAll())).as("device %d values", i).isEqualTo(values);
      assertThat(d.pendingKeys()).as("device %d pending", i).isEmpty();
      assertThat(d.lastSyncCount()).as("device %d watermark", i).isEqualTo(watermark);
      for (Record r : d.records()) {
        assertThat(r.syncCount() == 0 || Long.valueOf(r.syncCount()).equals(counts.get(r.key())))
            .as("device %d %s on base %d, the server holds %s", i, r.key(), r.syncCount(), counts.get(r.key()))
            .isTrue();
      }
    }
  }

  /** Step 1 of the issue's reproduction: A syncs k0, B pulls it. */
  private Dataset[] twoDevicesWithK0() {
    Dataset a = device();
    Dataset b = device();
    a.put("k0", "v0");
    sync(a);
    sync(b);
    assertThat(b.get("k0")).isEqualTo("v0");
    return new Dataset[] {a, b};
  }

  @Test
  void theIssuesReproductionConvergesOnTheDeletion() {
    Dataset[] ab = twoDevicesWithK0();
    Dataset a = ab[0];
    Dataset b = ab[1];
    // 2. A deletes, writes k1, syncs: the server deletes and re-creates the dataset with k1
    a.delete();
    a.put("k1", "v1");
    sync(a);
    assertThat(serverValues()).containsOnlyKeys("k1");
    // 3. B deletes and syncs: the server drops k1
    b.delete();
    sync(b);
    assertThat(serverValues()).isEmpty();
    // A learns that k1 was deleted with the dataset
    SyncReport report = sync(a);
    assertThat(report.remoteDeletionDetected()).isTrue();
    assertThat(a.getAll()).isEmpty();
    assertConverged(a, b);
  }

  @Test
  void aReCreationWithOtherKeysReplacesTheStaleOnes() {
    Dataset[] ab = twoDevicesWithK0();
    Dataset a = ab[0];
    Dataset b = ab[1];
    a.delete();
    a.put("k1", "v1");
    sync(a);
    b.delete();
    b.put("k2", "from-b");
    b.put("k3", "from-b");
    sync(b);
    sync(a);
    assertThat(new TreeMap<>(a.getAll())).isEqualTo(Map.of("k2", "from-b", "k3", "from-b"));
    assertConverged(a, b);
  }

  @Test
  void anEditAfterTheReCreationIsPushedInsteadOfWedgingInConflicts() {
    Dataset[] ab = twoDevicesWithK0();
    Dataset a = ab[0];
    Dataset b = ab[1];
    a.delete();
    a.put("k1", "v1");
    sync(a);
    b.delete();
    b.put("k2", "from-b");
    sync(b);
    // A edits k1, which the server no longer has: it is pushed as a new record, the sync does not fail
    a.put("k1", "edited");
    SyncReport report = sync(a);
    assertThat(report.attempts()).isEqualTo(1);
    assertThat(serverValues()).isEqualTo(Map.of("k1", "edited", "k2", "from-b"));
    a.put("k1", "edited again");
    sync(a);
    assertThat(serverValues()).containsEntry("k1", "edited again");
    assertConverged(a, b);
  }

  @Test
  void aReCreationWithTheSameKeyIsTakenAndEditsOfItGoThrough() {
    Dataset[] ab = twoDevicesWithK0();
    Dataset a = ab[0];
    Dataset b = ab[1];
    a.delete();
    a.put("k0", "from-a");
    sync(a);
    b.delete();
    b.put("k0", "from-b");
    sync(b);
    assertThat(serverValues()).isEqualTo(Map.of("k0", "from-b"));
    sync(a);
    assertThat(a.get("k0")).isEqualTo("from-b");
    assertThat(a.record("k0").isDirty()).isFalse();
    a.put("k0", "edited by a");
    sync(a);
    assertThat(serverValues()).isEqualTo(Map.of("k0", "edited by a"));
    assertConverged(a, b);
    assertThat(b.get("k0")).isEqualTo("edited by a");
  }

  @Test
  void anEditOfAKeyTheOtherDeviceDeletedWithTheDatasetIsKeptAsANewRecord() {
    Dataset[] ab = twoDevicesWithK0();
    Dataset a = ab[0];
    Dataset b = ab[1];
    a.put("k0", "edited offline"); // dirty on base 1
    b.delete();
    sync(b);
    SyncReport report = sync(a);
    assertThat(report.remoteDeletionDetected()).isTrue();
    assertThat(serverValues()).isEqualTo(Map.of("k0", "edited offline"));
    assertConverged(a, b);
  }

  @Test
  void threeDevicesDeletingReCreatingAndEditingConverge() {
    Dataset a = device();
    Dataset b = device();
    Dataset c = device();
    a.put("k0", "v0");
    a.put("k1", "v1");
    sync(a);
    sync(b);
    sync(c);
    // A deletes and re-creates with k2; B, still on the first dataset, deletes and re-creates with k3; C, still on
    // the first dataset, edits k0 and removes k1
    a.delete();
    a.put("k2", "from-a");
    sync(a);
    b.delete();
    b.put("k3", "from-b");
    sync(b);
    c.put("k0", "from-c");
    c.remove("k1");
    sync(c);
    assertThat(serverValues()).isEqualTo(Map.of("k0", "from-c", "k3", "from-b"));
    // A edits its k2 (gone with B's deletion) and writes k4; B re-creates k0 as well (a conflict with C's)
    a.put("k2", "edited by a");
    a.put("k4", "from-a");
    sync(a);
    c.delete();
    sync(c);
    b.put("k1", "from-b again");
    sync(b);
    assertConverged(a, b, c);
    assertThat(serverValues()).containsEntry("k1", "from-b again").doesNotContainKeys("k0", "k2", "k4");
  }
}
