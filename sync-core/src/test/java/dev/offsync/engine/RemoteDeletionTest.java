package dev.offsync.engine;

import org.junit.jupiter.api.extension.ExtendWith;
import dev.offsync.testing.NoUndeliverableErrors;
import static dev.offsync.engine.Harness.ID;
import static org.assertj.core.api.Assertions.assertThat;

import dev.offsync.Dataset;
import dev.offsync.RemoteDeletionPolicy;
import dev.offsync.SyncClient;
import dev.offsync.SyncOptions;
import dev.offsync.SyncReport;
import dev.offsync.spi.LocalDataset;
import dev.offsync.testing.FakeRemoteStore.Operation;
import dev.offsync.testing.InMemoryLocalStore;
import java.util.Collections;
import org.junit.jupiter.api.Test;

/** Datasets deleted (and re-created) remotely, and server-reported merged datasets. */
@ExtendWith(NoUndeliverableErrors.class)
class RemoteDeletionTest {
  private final Harness h = new Harness();
  private final InMemoryLocalStore store = new InMemoryLocalStore();

  private Dataset synced(SyncClient client) {
    Dataset ds = client.dataset("games");
    ds.put("k", "v");
    h.sync(ds.sync());
    h.remote.deleteDirect(ID, "games");
    return ds;
  }

  @Test
  void withoutLocalEditsTheLocalCopyIsPurged() {
    Dataset ds = synced(h.client(store));
    SyncReport report = h.sync(ds.sync());
    assertThat(report.remoteDeletionDetected()).isTrue();
    assertThat(report.recreated()).isFalse();
    LocalDataset row = store.read(tx -> tx.dataset(ID, "games"));
    assertThat(row).isNull();
    assertThat(h.remote.calls(Operation.UPDATE_RECORDS)).isEqualTo(1);
    // and it does not loop: the next sync is a plain no-op
    SyncReport next = h.sync(ds.sync());
    assertThat(next.remoteDeletionDetected()).isFalse();
  }

  @Test
  void withLocalEditsTheDatasetIsPushedAgainAsNew() {
    Dataset ds = synced(h.client(store));
    ds.put("edit", "e");
    SyncReport report = h.sync(ds.sync());
    assertThat(report.remoteDeletionDetected()).isTrue();
    assertThat(report.recreated()).isTrue();
    assertThat(h.remote.serverValues(ID, "games")).containsEntry("k", "v").containsEntry("edit", "e");
    assertThat(ds.pendingKeys()).isEmpty();
  }

  @Test
  void theAlwaysPurgePolicyDropsLocalEdits() {
    Dataset ds = synced(h.track(h.builder(store)
        .options(SyncOptions.builder().conflictRetryDelay(java.time.Duration.ZERO)
            .remoteDeletionPolicy(RemoteDeletionPolicy.ALWAYS_PURGE).build()).build()));
    ds.put("edit", "e");
    h.sync(ds.sync());
    assertThat(ds.getAll()).isEmpty();
    assertThat(h.remote.datasetExists(ID, "games")).isFalse();
  }

  @Test
  void aDatasetRecreatedRemotelyIsPulledFromScratch() {
    Dataset ds = synced(h.client(store));
    h.remote.putDirect(ID, "games", Collections.singletonMap("fresh", "f"));
    SyncReport report = h.sync(ds.sync());
    assertThat(report.remoteDeletionDetected()).isTrue();
    assertThat(ds.getAll()).containsExactly(java.util.Map.entry("fresh", "f"));
    assertThat(ds.lastSyncCount()).isEqualTo(h.remote.datasetSyncCount(ID, "games"));
  }

  @Test
  void mergedNamesFromTheServerAreReported() {
    Dataset ds = h.client(store).dataset("games");
    ds.put("k", "v");
    h.remote.putDirect(ID, "games", Collections.singletonMap("x", "1"));
    h.remote.setMergedDatasetNames(ID, "games", Collections.singletonList("games.us-east-1:old"));
    SyncReport report = h.sync(ds.sync());
    assertThat(report.mergedDatasetNames()).containsExactly("games.us-east-1:old");
  }
}
