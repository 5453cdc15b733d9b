package dev.offsync.engine;

import org.junit.jupiter.api.extension.ExtendWith;
import dev.offsync.testing.NoUndeliverableErrors;
import static dev.offsync.engine.Harness.ID;
import static org.assertj.core.api.Assertions.assertThat;

import dev.offsync.Dataset;
import dev.offsync.DatasetMetadata;
import dev.offsync.RemoteDeletionPolicy;
import dev.offsync.SyncClient;
import dev.offsync.SyncOptions;
import dev.offsync.SyncReport;
import dev.offsync.spi.DatasetPage;
import dev.offsync.spi.RecordPage;
import dev.offsync.spi.RecordPatch;
import dev.offsync.spi.RemoteRecord;
import dev.offsync.spi.RemoteStore;
import dev.offsync.testing.FakeRemoteStore.Operation;
import dev.offsync.testing.InMemoryLocalStore;
import io.reactivex.rxjava3.core.Single;
import java.time.Duration;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The deletion and re-creation rules of docs/sync-engine.md (issue 15): a push of only new keys does not
 * fast-forward the watermark; a complete listing from 0 repairs, key by key, the records on a base the server no
 * longer has; a second conflict in one sync lists from 0; a pending removal survives a remote re-creation.
 */
@ExtendWith(NoUndeliverableErrors.class)
class DeletionHistoryTest {
  private final Harness h = new Harness();
  private final InMemoryLocalStore store = new InMemoryLocalStore();

  private SyncClient client(RemoteDeletionPolicy policy) {
    return h.track(h.builder(store).options(SyncOptions.builder().conflictRetryDelay(Duration.ZERO)
        .remoteDeletionPolicy(policy).build()).build());
  }

  @Test
  void aPushOfOnlyNewKeysIntoADatasetDeletedSinceThePullDoesNotMoveTheWatermarkPastTheDeletion() {
    Dataset ds = h.client(store).dataset("games");
    ds.put("a", "1");
    h.sync(ds.sync()); // a@1, watermark 1
    ds.put("b", "2");
    h.remote.on(Operation.UPDATE_RECORDS).runBefore(1, call -> h.remote.deleteDirect(ID, "games"));
    h.sync(ds.sync()); // the push re-creates the dataset with b at count 2 = watermark + 1
    assertThat(h.remote.serverValues(ID, "games")).containsOnlyKeys("b");
    assertThat(ds.lastSyncCount()).as("not fast-forwarded past the deletion").isEqualTo(1);

    SyncReport next = h.sync(ds.sync());
    assertThat(next.remoteDeletionDetected()).isTrue();
    assertThat(ds.getAll()).isEqualTo(Collections.singletonMap("b", "2"));
    assertThat(ds.lastSyncCount()).isEqualTo(2);
  }

  /** A at watermark 0 with k1 on a real count: A deleted, wrote k1 and synced; then another device re-creates. */
  private Dataset recreatedBehindWatermarkZero(SyncClient client) {
    Dataset ds = client.dataset("games");
    ds.put("k0", "v0");
    h.sync(ds.sync());
    ds.delete();
    ds.put("k1", "v1");
    h.sync(ds.sync());
    assertThat(ds.lastSyncCount()).isZero();
    assertThat(ds.record("k1").syncCount()).isPositive();
    h.remote.deleteDirect(ID, "games");
    h.remote.putDirect(ID, "games", Collections.singletonMap("other", "o"));
    return ds;
  }

  @Test
  void aCleanRecordTheFullListingLacksIsPurged() {
    Dataset ds = recreatedBehindWatermarkZero(client(RemoteDeletionPolicy.PURGE_UNLESS_DIRTY));
    SyncReport report = h.sync(ds.sync());
    assertThat(report.remoteDeletionDetected()).isTrue();
    assertThat(report.recreated()).isFalse();
    assertThat(ds.getAll()).isEqualTo(Collections.singletonMap("other", "o"));
    assertThat(ds.records()).extracting(dev.offsync.Record::key).containsExactly("other");
  }

  @Test
  void aDirtyRecordTheFullListingLacksIsRebasedOnZeroAndPushedAtOnce() {
    Dataset ds = recreatedBehindWatermarkZero(client(RemoteDeletionPolicy.PURGE_UNLESS_DIRTY));
    ds.put("k1", "edited");
    SyncReport report = h.sync(ds.sync());
    assertThat(report.attempts()).isEqualTo(1);
    assertThat(report.recreated()).isTrue();
    assertThat(h.remote.serverValues(ID, "games")).isEqualTo(Map.of("other", "o", "k1", "edited"));
    assertThat(ds.pendingKeys()).isEmpty();
  }

  @Test
  void alwaysRecreateKeepsACleanRecordTheListingLacksAndPushesIt() {
    Dataset ds = recreatedBehindWatermarkZero(client(RemoteDeletionPolicy.ALWAYS_RECREATE));
    h.sync(ds.sync());
    assertThat(h.remote.serverValues(ID, "games")).isEqualTo(Map.of("other", "o", "k1", "v1"));
    assertThat(ds.getAll()).isEqualTo(Map.of("other", "o", "k1", "v1"));
  }

  @Test
  void alwaysPurgeDropsEvenADirtyRecordTheListingLacks() {
    Dataset ds = recreatedBehindWatermarkZero(client(RemoteDeletionPolicy.ALWAYS_PURGE));
    ds.put("k1", "edited");
    h.sync(ds.sync());
    assertThat(ds.getAll()).isEqualTo(Collections.singletonMap("other", "o"));
    assertThat(h.remote.serverValues(ID, "games")).isEqualTo(Collections.singletonMap("other", "o"));
  }

  @Test
  void aPendingRemovalOfAKeyTheReCreatedDatasetHoldsIsAConflict() {
    Dataset ds = h.client(store).dataset("games"); // remote wins
    ds.put("k", "v");
    h.sync(ds.sync());
    ds.remove("k");
    h.remote.deleteDirect(ID, "games");
    h.remote.putDirect(ID, "games", Collections.singletonMap("k", "new"));
    SyncReport report = h.sync(ds.sync());
    assertThat(report.remoteDeletionDetected()).isTrue();
    assertThat(report.conflicts()).hasSize(1);
    assertThat(report.conflicts().get(0).conflict().local().value()).isNull();
    assertThat(ds.get("k")).isEqualTo("new");
    assertThat(ds.pendingKeys()).isEmpty();
  }

  @Test
  void aPendingRemovalOfAKeyTheReCreatedDatasetLacksIsDroppedNotPushed() {
    Dataset ds = h.client(store).dataset("games");
    ds.put("k", "v");
    h.sync(ds.sync());
    ds.remove("k");
    h.remote.deleteDirect(ID, "games");
    h.remote.putDirect(ID, "games", Collections.singletonMap("other", "o"));
    h.sync(ds.sync());
    assertThat(h.remote.serverRecords(ID, "games")).containsOnlyKeys("other");
    assertThat(ds.records()).extracting(dev.offsync.Record::key).containsExactly("other");
    assertThat(ds.pendingKeys()).isEmpty();
  }

  /**
   * Against a server that never reports {@code DatasetDeletedAfterRequestedSyncCount} (what it means for a count
   * is AWS's to define), an edit on a base from before a deletion meets conflicts; from the second one on the sync
   * lists from 0, whose listing shows the base gone, and the edit is pushed as new instead of exhausting retries.
   */
  @Test
  void aSecondConflictListsFromZeroSoAnUnflaggedDeletionCannotWedgeTheSync() {
    RemoteStore unflagged = new RemoteStore() {
      @Override
      public Single<RecordPage> listRecords(String identityId, String datasetName, long lastSyncCount,
          String nextToken, int maxResults, String syncSessionToken) {
        return h.remote.listRecords(identityId, datasetName, lastSyncCount, nextToken, maxResults,
            syncSessionToken).map(p -> RecordPage.builder().records(p.records()).nextToken(p.nextToken())
                .datasetSyncCount(p.datasetSyncCount()).datasetExists(p.datasetExists())
                .datasetDeletedAfterRequestedSyncCount(false).mergedDatasetNames(p.mergedDatasetNames())
                .syncSessionToken(p.syncSessionToken()).build());
      }

      @Override
      public Single<List<RemoteRecord>> updateRecords(String identityId, String datasetName,
          List<RecordPatch> patches, String syncSessionToken, String deviceId) {
        return h.remote.updateRecords(identityId, datasetName, patches, syncSessionToken, deviceId);
      }

      @Override
      public Single<DatasetMetadata> describeDataset(String identityId, String datasetName) {
        return h.remote.describeDataset(identityId, datasetName);
      }

      @Override
      public Single<DatasetMetadata> deleteDataset(String identityId, String datasetName) {
        return h.remote.deleteDataset(identityId, datasetName);
      }

      @Override
      public Single<DatasetPage> listDatasets(String identityId, String nextToken, int maxResults) {
        return h.remote.listDatasets(identityId, nextToken, maxResults);
      }
    };
    Dataset ds = h.track(h.builder(store).remoteStore(unflagged).build()).dataset("games");
    ds.put("k0", "v0");
    ds.put("k1", "v1");
    h.sync(ds.sync()); // both @1, watermark 1
    h.remote.deleteDirect(ID, "games");
    h.remote.putDirect(ID, "games", Collections.singletonMap("x", "1")); // @2
    h.remote.putDirect(ID, "games", Collections.singletonMap("y", "1")); // @3
    ds.put("k0", "edited"); // dirty on base 1, which the server no longer has
    SyncReport report = h.sync(ds.sync());
    assertThat(report.attempts()).isEqualTo(3);
    assertThat(h.remote.serverValues(ID, "games")).isEqualTo(Map.of("x", "1", "y", "1", "k0", "edited"));
    assertThat(ds.getAll()).isEqualTo(Map.of("x", "1", "y", "1", "k0", "edited"));
    assertThat(ds.pendingKeys()).isEmpty();
  }
}
