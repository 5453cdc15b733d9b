package dev.offsync.regression;

import org.junit.jupiter.api.extension.ExtendWith;
import dev.offsync.testing.NoUndeliverableErrors;
import static dev.offsync.regression.Env.DS;
import static dev.offsync.regression.Env.ID;
import static dev.offsync.regression.Env.edited;
import static dev.offsync.regression.Env.map;
import static dev.offsync.regression.Env.synced;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.offsync.ConflictResolvers;
import dev.offsync.Dataset;
import dev.offsync.LimitExceededException;
import dev.offsync.Limits;
import dev.offsync.Resolution;
import dev.offsync.SyncClient;
import dev.offsync.SyncReport;
import dev.offsync.testing.FakeRemoteStore;
import dev.offsync.testing.FakeRemoteStore.Operation;
import dev.offsync.testing.InMemoryLocalStore;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * One test per weakness of AWS's Android client (reference-clients.md §2.6, items 1–10). Each sets up the
 * situation that made the Android client misbehave and asserts the correct outcome, which the Android
 * algorithm (as described there) would not reach.
 */
@ExtendWith(NoUndeliverableErrors.class)
class AndroidClientRegressionTest {
  private final Env env = new Env();

  /**
   * §2.6-1: on a 409 Android rewinds the watermark to the MAX base sync count of the pushed records, so a
   * stale record whose remote change lies below that never comes back and the push 409s forever.
   */
  @Test
  void Android_2_6_1_rewindUsesLowestBaseSyncCount() {
    env.otherDeviceWrites(DS, "a", "a1"); // 1
    for (int i = 2; i <= 4; i++) {
      env.otherDeviceWrites(DS, "filler", "f" + i);
    }
    env.otherDeviceWrites(DS, "a", "a5"); // 5: the change this device never applied
    for (int i = 6; i <= 9; i++) {
      env.otherDeviceWrites(DS, "filler", "f" + i);
    }
    env.otherDeviceWrites(DS, "b", "b10"); // 10
    // the device's state: watermark 10, 'a' edited on base 1 (stale), 'b' edited on base 10
    env.seedLocal(DS, 10, edited("a", "a-local", "a1", 1), edited("b", "b-local", "b10", 10),
        synced("filler", "f9", 9));
    SyncClient client = env.client(ConflictResolvers.localWins());

    SyncReport report = env.sync(client.dataset(DS).sync());

    assertThat(report.attempts()).isEqualTo(2);
    assertThat(report.conflicts()).extracting(c -> c.conflict().key()).containsExactly("a");
    assertThat(env.remote.serverValues(ID, DS)).containsEntry("a", "a-local").containsEntry("b", "b-local");
    assertThat(client.dataset(DS).pendingKeys()).isEmpty();
  }

  /**
   * §2.6-2: a record the app edits while its push is in flight keeps its old base on Android, so its next
   * push 409s. It must stay dirty but adopt the base sync count the server just gave it.
   */
  @Test
  void Android_2_6_2_editDuringPushStaysDirtyOnTheNewBase() {
    SyncClient client = env.client();
    Dataset ds = client.dataset(DS);
    ds.put("a", "v1");
    env.sync(ds.sync());
    ds.put("a", "v2");
    env.remote.on(Operation.UPDATE_RECORDS).runAfter(1, call -> ds.put("a", "v3"));

    env.sync(ds.sync());

    assertThat(ds.get("a")).isEqualTo("v3");
    assertThat(ds.isChanged("a")).isTrue();
    assertThat(ds.record("a").syncCount()).isEqualTo(env.remote.datasetSyncCount(ID, DS));
    SyncReport next = env.sync(ds.sync());
    assertThat(next.attempts()).isEqualTo(1);
    assertThat(next.conflicts()).isEmpty();
    assertThat(env.remote.serverValues(ID, DS)).containsEntry("a", "v3");
    assertThat(ds.isChanged("a")).isFalse();
  }

  /**
   * §2.6-3: Android writes pulled records with an unconditional REPLACE after reading them, so an app write
   * that lands in between is overwritten and its dirty mark cleared. It must survive (compare-and-set).
   */
  @Test
  void Android_2_6_3_appWriteBetweenPullAndApplyIsNotClobbered() {
    Env.InterleavingStore store = new Env.InterleavingStore(env.store);
    SyncClient client = env.builder(store).conflictResolver(ConflictResolvers.localWins()).build();
    Dataset ds = client.dataset(DS);
    ds.put("b", "b1");
    env.sync(ds.sync());
    env.otherDeviceWrites(DS, "b", "theirs");
    env.remote.on(Operation.LIST_RECORDS).runAfter(1, call -> store.beforeNextWrite(() -> ds.put("b", "app")));

    SyncReport report = env.sync(ds.sync());

    assertThat(ds.get("b")).isEqualTo("app");
    assertThat(env.remote.serverValues(ID, DS)).containsEntry("b", "app");
    assertThat(report.conflicts()).extracting(c -> c.conflict().local().value()).contains("app");
  }

  /**
   * §2.6-4: with an inclusive pull, a dirty record whose base equals the remote record's sync count is not
   * a conflict on Android and is overwritten. A full re-read returns exactly that record: the edit must stay.
   */
  @Test
  void Android_2_6_4_recordAtTheSameCountAsTheBaseDoesNotOverwriteAnEdit() {
    SyncClient client = env.client();
    Dataset ds = client.dataset(DS);
    ds.put("a", "v1");
    env.sync(ds.sync());
    ds.put("a", "local-edit");

    SyncReport report = env.sync(ds.fullResync());

    assertThat(report.conflicts()).isEmpty();
    assertThat(ds.get("a")).isEqualTo("local-edit");
    assertThat(env.remote.serverValues(ID, DS)).containsEntry("a", "local-edit");
  }

  /** §2.6-5: a deferred conflict (Android: onConflict returns false) still ends the sync with a report. */
  @Test
  void Android_2_6_5_deferredConflictStillEndsWithOneReport() {
    SyncClient client = env.client(ConflictResolvers.deferAll());
    Dataset ds = client.dataset(DS);
    ds.put("a", "v1");
    env.sync(ds.sync());
    ds.put("a", "mine");
    env.otherDeviceWrites(DS, "a", "theirs");

    SyncReport report = env.sync(ds.sync());

    assertThat(report.deferredKeys()).containsExactly("a");
    assertThat(ds.conflicts()).extracting(c -> c.key()).containsExactly("a");
    ds.resolve("a", Resolution.useLocal());
    env.sync(ds.sync());
    assertThat(env.remote.serverValues(ID, DS)).containsEntry("a", "mine");
  }

  /**
   * §2.6-5: with local merged datasets ({@code <name>.<oldId>}) Android asks onDatasetsMerged and, with the
   * default callback, silently stops every sync. The sync must run and report the merged names.
   */
  @Test
  void Android_2_6_5_localMergedDatasetsDoNotStopTheSync() {
    SyncClient client = env.client();
    client.dataset(DS + ".us-east-1:old").put("x", "1");
    Dataset ds = client.dataset(DS);
    ds.put("a", "1");

    SyncReport report = env.sync(ds.sync());

    assertThat(report.mergedDatasetNames()).contains(DS + ".us-east-1:old");
    assertThat(report.recordsPushed()).isEqualTo(1);
    assertThat(env.remote.serverValues(ID, DS)).containsEntry("a", "1");
  }

  /** §2.6-5: after a remote deletion Android answers "Manual cancel" on every later sync; ours go on. */
  @Test
  void Android_2_6_5_remoteDeletionDoesNotFailEveryLaterSync() {
    SyncClient client = env.client();
    Dataset ds = client.dataset(DS);
    ds.put("a", "1");
    env.sync(ds.sync());
    env.remote.deleteDirect(ID, DS);

    assertThat(env.sync(ds.sync()).remoteDeletionDetected()).isTrue();
    SyncReport later = env.sync(ds.sync());
    assertThat(later.remoteDeletionDetected()).isFalse();
  }

  /**
   * §2.6-6: Android locks per Dataset instance and returns a new instance per open, so two handles sync one
   * dataset concurrently. All handles must share one sync at a time: requests made while a sync runs
   * coalesce into one pending sync, and every caller gets an outcome.
   */
  @Test
  void Android_2_6_6_handlesOfOneDatasetShareOneSyncAtATime() {
    SyncClient client = env.client();
    Dataset h1 = client.dataset(DS);
    Dataset h2 = client.dataset(DS);
    h1.put("a", "1");
    List<String> ops = new ArrayList<>();
    List<SyncReport> reports = new ArrayList<>();
    List<Throwable> errors = new ArrayList<>();
    env.remote.on(Operation.LIST_RECORDS).runAfter(FakeRemoteStore.ALWAYS, call -> ops.add("list"));
    env.remote.on(Operation.UPDATE_RECORDS).runAfter(FakeRemoteStore.ALWAYS, call -> ops.add("update"));
    env.remote.on(Operation.LIST_RECORDS).runBefore(1, call -> {
      // while the first sync is in flight, both handles ask again, three times
      h2.sync().subscribe(reports::add, errors::add);
      h1.sync().subscribe(reports::add, errors::add);
      h2.sync().subscribe(reports::add, errors::add);
    });

    h1.sync().subscribe(reports::add, errors::add);
    env.timer.advanceTimeBy(1, TimeUnit.HOURS);

    assertThat(errors).isEmpty();
    assertThat(reports).hasSize(4);
    assertThat(ops).containsExactly("list", "update", "list");
  }

  /**
   * §2.6-7: Android lets the app write into a dataset it deleted locally and then purges those writes on the
   * next sync. Writes made after {@code delete()} must survive as a new dataset.
   */
  @Test
  void Android_2_6_7_writesAfterLocalDeleteSurviveTheRemoteDelete() {
    SyncClient client = env.client();
    Dataset ds = client.dataset(DS);
    ds.put("a", "old");
    env.sync(ds.sync());
    ds.delete();
    ds.put("b", "new");

    SyncReport report = env.sync(ds.sync());

    assertThat(report.datasetDeleted()).isTrue();
    assertThat(ds.getAll()).isEqualTo(map("b", "new"));
    assertThat(env.remote.serverValues(ID, DS)).isEqualTo(map("b", "new"));
  }

  /**
   * §2.6-8: after Android purges a remotely deleted dataset the handle keeps writing "dangled records". The
   * handle must stay fully usable: new writes form a new dataset that syncs.
   */
  @Test
  void Android_2_6_8_handleStaysUsableAfterTheRemoteDeletionPurge() {
    SyncClient client = env.client();
    Dataset ds = client.dataset(DS);
    ds.put("a", "1");
    env.sync(ds.sync());
    env.remote.deleteDirect(ID, DS);
    env.sync(ds.sync());
    assertThat(ds.getAll()).isEmpty();
    assertThat(ds.lastSyncCount()).isZero();

    ds.put("b", "2");
    SyncReport report = env.sync(ds.sync());

    assertThat(report.recordsPushed()).isEqualTo(1);
    assertThat(env.remote.serverValues(ID, DS)).isEqualTo(map("b", "2"));
    // the new incarnation continues the old count, so the first push cannot fast-forward; one more pull does
    env.sync(ds.sync());
    assertThat(ds.lastSyncCount()).isEqualTo(env.remote.datasetSyncCount(ID, DS));
    assertThat(ds.getAll()).isEqualTo(map("b", "2"));
  }

  /**
   * §2.6-9: Android counts tombstone keys in the dataset size, returns the key length for a deleted key, and
   * checks no limit when writing. Sizes count live records only; limits fail the write, storing nothing.
   */
  @Test
  void Android_2_6_9_sizesExcludeTombstonesAndLimitsAreCheckedAtWrite() {
    SyncClient client = env.builder(env.store).limits(Limits.builder().maxRecordsPerDataset(2).build()).build();
    Dataset ds = client.dataset(DS);
    ds.put("ab", "cd");
    ds.put("x", "yz");
    ds.remove("x");
    assertThat(ds.sizeInBytes()).isEqualTo(4);
    assertThat(ds.sizeInBytes("x")).isZero();
    assertThat(ds.sizeInBytes("ab")).isEqualTo(4);
    ds.put("é", "€"); // second live record: 2 + 3 bytes
    assertThat(ds.sizeInBytes()).isEqualTo(9);
    assertThatThrownBy(() -> ds.put("third", "v")).isInstanceOf(LimitExceededException.class);
    assertThat(ds.get("third")).isNull();
    assertThat(ds.record("third")).isNull();
  }

  /**
   * §2.6-10: Android keeps one static database shared by every manager and pool. Clients on different
   * stores share nothing, and wiping one leaves the other intact. (Schema migrations that never wipe
   * unsynced data are a storage concern, tested in sync-sqlite.)
   */
  @Test
  void Android_2_6_10_clientsDoNotShareStorage() {
    SyncClient first = env.client();
    InMemoryLocalStore otherStore = new InMemoryLocalStore();
    SyncClient second = env.builder(otherStore).build();
    first.dataset(DS).put("a", "first");
    assertThat(second.dataset(DS).get("a")).isNull();
    second.dataset(DS).put("b", "second");
    first.wipeData();
    assertThat(first.dataset(DS).getAll()).isEmpty();
    assertThat(second.dataset(DS).getAll()).isEqualTo(map("b", "second"));
  }
}
