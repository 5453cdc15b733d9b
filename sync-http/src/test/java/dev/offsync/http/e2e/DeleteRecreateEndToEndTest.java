package dev.offsync.http.e2e;

import dev.offsync.testing.ForwardingRemoteStore;
import static org.assertj.core.api.Assertions.assertThat;

import dev.offsync.Dataset;
import dev.offsync.DatasetMetadata;
import dev.offsync.NetworkException;
import dev.offsync.Record;
import dev.offsync.SyncClient;
import dev.offsync.SyncReport;
import dev.offsync.http.CognitoIdentityCredentialsProvider;
import dev.offsync.http.CognitoIdentityProvider;
import dev.offsync.http.CognitoSyncClient;
import dev.offsync.http.CognitoSyncRemoteStore;
import dev.offsync.http.RetryPolicy;
import dev.offsync.http.StaticCredentialsProvider;
import dev.offsync.http.model.ListRecordsRequest;
import dev.offsync.http.model.ListRecordsResponse;
import dev.offsync.server.SyncServer;
import dev.offsync.spi.DatasetPage;
import dev.offsync.spi.RecordPage;
import dev.offsync.spi.RecordPatch;
import dev.offsync.spi.RemoteRecord;
import dev.offsync.spi.RemoteStore;
import dev.offsync.testing.InMemoryLocalStore;
import io.reactivex.rxjava3.core.Single;
import io.reactivex.rxjava3.schedulers.Schedulers;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
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

  /**
   * The real HTTP remote store of a device, losing the acknowledgement of its next UpdateRecords or DeleteDataset
   * when asked: the server applies the call, the device sees a {@link NetworkException}.
   */
  private static final class LossyRemote extends ForwardingRemoteStore {
    final AtomicBoolean loseNextUpdate = new AtomicBoolean();
    final AtomicBoolean loseNextDelete = new AtomicBoolean();

    LossyRemote(RemoteStore real) {
      super(real);
    }

    private static <T> Single<T> lose(Single<T> call, AtomicBoolean flag) {
      return Single.defer(() -> flag.getAndSet(false)
          ? call.flatMap(applied -> Single.<T>error(new NetworkException("acknowledgement lost (test)")))
          : call);
    }

    @Override
    public Single<List<RemoteRecord>> updateRecords(String identityId, String datasetName,
        List<RecordPatch> patches, String syncSessionToken, String deviceId) {
      return lose(super.updateRecords(identityId, datasetName, patches, syncSessionToken, deviceId), loseNextUpdate);
    }

    @Override
    public Single<DatasetMetadata> deleteDataset(String identityId, String datasetName) {
      return lose(super.deleteDataset(identityId, datasetName), loseNextDelete);
    }
  }

  private CognitoIdentityCredentialsProvider credentials() {
    CognitoIdentityCredentialsProvider.Builder b = CognitoIdentityCredentialsProvider.builder()
        .endpoint(server.baseUri().toString())
        .identityPoolId(POOL)
        .retryPolicy(RetryPolicy.none());
    if (identity != null) {
      b.identityId(identity);
    }
    CognitoIdentityCredentialsProvider credentials = b.build();
    identity = credentials.identityId();
    return credentials;
  }

  /** A device of the test's identity whose acknowledgements {@code lossy} can lose. */
  private Dataset lossyDevice(LossyRemote[] lossy) {
    CognitoIdentityCredentialsProvider credentials = credentials();
    lossy[0] = new LossyRemote(CognitoSyncRemoteStore.create(
        EngineDevices.http(server.baseUri(), credentials, closeables), POOL));
    SyncClient client = SyncClient.builder()
        .localStore(new InMemoryLocalStore())
        .remoteStore(lossy[0])
        .identityProvider(CognitoIdentityProvider.create(credentials, Schedulers.trampoline()))
        .ioScheduler(Schedulers.trampoline())
        .build();
    closeables.add(client);
    return client.dataset(DS);
  }

  private static Throwable syncError(Dataset dataset) {
    try {
      SyncReport report = sync(dataset);
      throw new AssertionError("expected the sync to fail, got " + report);
    } catch (NetworkException e) {
      return e;
    }
  }

  /** A device of the test's identity (the first one creates it). */
  private Dataset device() {
    CognitoIdentityCredentialsProvider credentials = credentials();
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
  void aPushIntoTheReCreatedDatasetWhoseAcknowledgementWasLostConvergesAfterAnotherDeviceDeletes() {
    LossyRemote[] lossy = new LossyRemote[1];
    Dataset a = lossyDevice(lossy);
    Dataset b = device();
    a.put("k0", "v0");
    sync(a);
    sync(b);
    a.delete();
    a.put("k1", "v1");
    lossy[0].loseNextUpdate.set(true);
    assertThat(syncError(a)).isInstanceOf(NetworkException.class);
    assertThat(serverValues()).as("applied by the server").isEqualTo(Map.of("k1", "v1"));
    b.delete();
    sync(b);
    // A cannot know its push was applied before B's delete: it pushes k1 again, and every device converges on it
    assertConverged(a, b);
    assertThat(serverValues()).isEqualTo(Map.of("k1", "v1"));
  }

  @Test
  void aDeleteWhoseAcknowledgementWasLostIsRepeatedAndTheDevicesConverge() {
    LossyRemote[] lossy = new LossyRemote[1];
    Dataset a = lossyDevice(lossy);
    Dataset b = device();
    a.put("k0", "v0");
    sync(a);
    sync(b);
    a.delete();
    lossy[0].loseNextDelete.set(true);
    assertThat(syncError(a)).isInstanceOf(NetworkException.class);
    assertThat(a.lastSyncCount()).as("still deleted locally").isEqualTo(-1);
    b.put("k2", "from-b"); // B re-creates the dataset with its edit on top of k0
    sync(b);
    sync(a); // A's delete goes again: it deletes B's re-creation too
    assertConverged(a, b);
    assertThat(serverValues()).isEmpty();
  }

  @Test
  void anEditWhoseAcknowledgementWasLostBeforeTheDatasetWasReCreatedConverges() {
    LossyRemote[] lossy = new LossyRemote[1];
    Dataset b = device();
    Dataset a = lossyDevice(lossy);
    b.put("k0", "v0");
    sync(b);
    sync(a);
    a.put("k0", "edited by a");
    lossy[0].loseNextUpdate.set(true);
    assertThat(syncError(a)).isInstanceOf(NetworkException.class);
    b.delete();
    b.put("k3", "from-b");
    sync(b);
    SyncReport report = sync(a);
    assertThat(report.attempts()).isEqualTo(1);
    assertConverged(a, b);
    assertThat(serverValues()).containsEntry("k3", "from-b");
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
