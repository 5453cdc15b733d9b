package dev.offsync.regression;

import org.junit.jupiter.api.extension.ExtendWith;
import dev.offsync.testing.NoUndeliverableErrors;
import static dev.offsync.regression.Env.DS;
import static dev.offsync.regression.Env.ID;
import static dev.offsync.regression.Env.map;
import static org.assertj.core.api.Assertions.assertThat;

import dev.offsync.ConflictResolvers;
import dev.offsync.Dataset;
import dev.offsync.LimitExceededException;
import dev.offsync.RemoteDeletionPolicy;
import dev.offsync.SyncClient;
import dev.offsync.SyncOptions;
import dev.offsync.SyncReport;
import dev.offsync.testing.FakeRemoteStore.Operation;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * One test per defect of AWS's iOS client (reference-clients.md §3.3) and JavaScript client (§4.2, §4.3)
 * that can apply to a client library.
 */
@ExtendWith(NoUndeliverableErrors.class)
class IosAndJsClientRegressionTest {
  private final Env env = new Env();

  // ------------------------------------------------------------------------------------------- iOS §3.3

  /**
   * §3.3: iOS's dirty counter is -1 for a deletion, so remove-then-set before a sync gives 0: the new value
   * is stored clean, never pushed, and overwritten by the next pull.
   */
  @Test
  void iOS_3_3_removeThenSetStaysDirty() {
    SyncClient client = env.client();
    Dataset ds = client.dataset(DS);
    ds.put("a", "v1");
    env.sync(ds.sync());
    ds.remove("a");
    ds.put("a", "v2");
    assertThat(ds.isChanged("a")).isTrue();
    assertThat(ds.pendingKeys()).containsExactly("a");
    ds.put("never-synced", "x");
    ds.remove("never-synced");
    ds.put("never-synced", "y");
    assertThat(ds.isChanged("never-synced")).isTrue();

    SyncReport report = env.sync(ds.sync());

    assertThat(report.recordsPushed()).isEqualTo(2);
    assertThat(env.remote.serverValues(ID, DS)).isEqualTo(map("a", "v2", "never-synced", "y"));
    assertThat(ds.get("a")).isEqualTo("v2");
  }

  /**
   * §3.3: iOS compares NSNumber pointers, so a dataset never synced (DatasetExists=false) is taken for one
   * deleted remotely, and a handler answering NO wipes the new local data. Even with the purging policy, a
   * first sync must push it.
   */
  @Test
  void iOS_3_3_neverSyncedDatasetIsNotTakenForARemotelyDeletedOne() {
    SyncClient client = env.builder(env.store)
        .options(SyncOptions.builder().noAutoSync().remoteDeletionPolicy(RemoteDeletionPolicy.ALWAYS_PURGE).build())
        .build();
    Dataset ds = client.dataset(DS);
    ds.put("a", "1");

    SyncReport report = env.sync(ds.sync());

    assertThat(report.remoteDeletionDetected()).isFalse();
    assertThat(ds.getAll()).isEqualTo(map("a", "1"));
    assertThat(env.remote.serverValues(ID, DS)).isEqualTo(map("a", "1"));
  }

  /**
   * §3.3: iOS's {@code LIKE '<name>.%'} finds "merged" datasets with {@code _} as a wildcard, so
   * {@code a_b} claims {@code aXb.<id>}. Merged names are matched literally.
   */
  @Test
  void iOS_3_3_mergedDatasetPrefixIsMatchedLiterally() {
    SyncClient client = env.client();
    client.dataset("aXb.us-east-1:old").put("k", "v");
    client.dataset("a_b.us-east-1:old").put("k", "v");
    Dataset ds = client.dataset("a_b");
    ds.put("k", "v");

    SyncReport report = env.sync(ds.sync());

    assertThat(report.mergedDatasetNames()).contains("a_b.us-east-1:old").doesNotContain("aXb.us-east-1:old");
  }

  /** §3.3: iOS resets a dataset's creation date and sizes each time it stores the watermark. */
  @Test
  void iOS_3_3_syncKeepsTheDatasetsCreationDate() {
    SyncClient client = env.client();
    Dataset ds = client.dataset(DS);
    ds.put("a", "1");
    Instant created = ds.metadata().creationDate();
    assertThat(created).isNotNull();
    env.timer.advanceTimeBy(1, java.util.concurrent.TimeUnit.DAYS);
    env.sync(ds.sync());
    env.otherDeviceWrites(DS, "b", "2");
    env.sync(ds.sync());
    assertThat(ds.metadata().creationDate()).isEqualTo(created);
    assertThat(ds.metadata().recordCount()).isEqualTo(2);
  }

  // ------------------------------------------------------------------------------------------- JS §4.2

  /** §4.2-2: JS fails the sync of a locally deleted dataset that never reached the server (404). */
  @Test
  void JS_4_2_2_deletingANeverSyncedDatasetToleratesNotFound() {
    SyncClient client = env.client();
    Dataset ds = client.dataset(DS);
    ds.put("a", "1");
    ds.delete();

    SyncReport report = env.sync(ds.sync());

    assertThat(report.datasetDeleted()).isTrue();
    assertThat(client.listDatasets()).isEmpty();
    assertThat(env.remote.datasetExists(ID, DS)).isFalse();
  }

  /**
   * §4.2-3: JS calls a method that does not exist when the server reports merged datasets or a deleted and
   * re-created dataset (TypeError). Both must sync.
   */
  @Test
  void JS_4_2_3_mergedNamesAndDeletedRecreatedDatasetsSync() {
    SyncClient client = env.client();
    Dataset ds = client.dataset(DS);
    ds.put("a", "1");
    env.sync(ds.sync());
    env.remote.deleteDirect(ID, DS);
    env.otherDeviceWrites(DS, "b", "recreated");
    env.remote.setMergedDatasetNames(ID, DS, Env.list(DS + ".us-east-1:merged"));

    SyncReport report = env.sync(ds.sync());

    assertThat(report.remoteDeletionDetected()).isTrue();
    assertThat(report.mergedDatasetNames()).contains(DS + ".us-east-1:merged");
    assertThat(ds.getAll()).isEqualTo(map("b", "recreated"));
  }

  /**
   * §4.2-4: JS restarts the whole sync after applying remote changes, consuming a retry each time, so
   * ordinary pulls exhaust the attempts. With a single attempt allowed, a pull plus push still succeeds.
   */
  @Test
  void JS_4_2_4_ordinaryPullsDoNotConsumeConflictAttempts() {
    SyncClient client = env.builder(env.store)
        .options(SyncOptions.builder().noAutoSync().maxConflictAttempts(1).build()).build();
    Dataset ds = client.dataset(DS);
    env.otherDeviceWrites(DS, "remote", "r");
    ds.put("local", "l");

    SyncReport report = env.sync(ds.sync());

    assertThat(report.attempts()).isEqualTo(1);
    assertThat(ds.getAll()).isEqualTo(map("remote", "r", "local", "l"));
    assertThat(env.remote.serverValues(ID, DS)).isEqualTo(map("remote", "r", "local", "l"));
  }

  /** §4.2-5: JS never writes the non-conflicting remote records of a pull that had conflicts. */
  @Test
  void JS_4_2_5_nonConflictingRecordsOfAConflictingPullAreApplied() {
    SyncClient client = env.client(ConflictResolvers.localWins());
    Dataset ds = client.dataset(DS);
    ds.put("a", "1");
    env.sync(ds.sync());
    ds.put("a", "mine");
    env.otherDeviceWrites(DS, "a", "theirs", "b", "new");

    SyncReport report = env.sync(ds.sync());

    assertThat(report.conflicts()).hasSize(1);
    assertThat(ds.getAll()).isEqualTo(map("a", "mine", "b", "new"));
    assertThat(env.remote.serverValues(ID, DS)).isEqualTo(map("a", "mine", "b", "new"));
  }

  /** §4.2-5: JS ignores the push's error and reports success. A failed push fails the sync. */
  @Test
  void JS_4_2_5_aFailedPushFailsTheSync() {
    env.remote.withLimits(1, 1024 * 1024, 20);
    SyncClient client = env.client();
    Dataset ds = client.dataset(DS);
    env.otherDeviceWrites(DS, "remote", "r");
    ds.put("local", "l");

    Throwable error = env.syncError(ds.sync());

    assertThat(error).isInstanceOf(LimitExceededException.class);
    assertThat(ds.isChanged("local")).isTrue();
  }

  /**
   * §4.2-6: JS sets the watermark to the highest returned sync count after a push, skipping forever the
   * change another writer made between its pull and its push.
   */
  @Test
  void JS_4_2_6_watermarkNeverJumpsOverAnotherWritersChange() {
    SyncClient client = env.client();
    Dataset ds = client.dataset(DS);
    ds.put("a", "1");
    env.sync(ds.sync());
    ds.put("a", "2");
    env.remote.on(Operation.UPDATE_RECORDS).runBefore(1, call -> env.otherDeviceWrites(DS, "other", "slipped-in"));

    env.sync(ds.sync());
    assertThat(ds.lastSyncCount()).isLessThan(env.remote.datasetSyncCount(ID, DS));
    env.sync(ds.sync());

    assertThat(ds.get("other")).isEqualTo("slipped-in");
    assertThat(ds.lastSyncCount()).isEqualTo(env.remote.datasetSyncCount(ID, DS));
  }

  // ------------------------------------------------------------------------------------------- JS §4.3

  /** §4.3: JS turns a deleted value into {@code ""} on any storage round trip. */
  @Test
  void JS_4_3_aRemoteDeletionStaysATombstoneNotAnEmptyString() {
    SyncClient client = env.client();
    Dataset ds = client.dataset(DS);
    ds.put("a", "1");
    ds.put("empty", "");
    env.sync(ds.sync());
    env.otherDeviceWrites(DS, "a", null);

    env.sync(ds.sync());

    assertThat(ds.get("a")).isNull();
    assertThat(ds.record("a").isDeleted()).isTrue();
    assertThat(ds.getAll()).isEqualTo(map("empty", ""));
    assertThat(ds.get("empty")).isEqualTo("");
  }

  /** §4.3: JS pushes {@code Op: value ? 'replace' : 'remove'}, so an empty string deletes remotely. */
  @Test
  void JS_4_3_anEmptyStringIsPushedAsAValue() {
    SyncClient client = env.client();
    Dataset ds = client.dataset(DS);
    ds.put("e", "");

    env.sync(ds.sync());

    assertThat(env.remote.serverRecords(ID, DS).get("e").value()).isEqualTo("");
    assertThat(env.remote.serverValues(ID, DS)).isEqualTo(map("e", ""));
  }

  /** §4.3: JS's putRecords([]) never calls back, so a sync with nothing to push hangs. */
  @Test
  void JS_4_3_aSyncWithNothingToPushCompletes() {
    SyncClient client = env.client();
    Dataset ds = client.dataset(DS);
    env.otherDeviceWrites(DS, "a", "1");

    SyncReport report = env.sync(ds.sync());

    assertThat(report.recordsPushed()).isZero();
    assertThat(env.remote.calls(Operation.UPDATE_RECORDS)).isZero();
    assertThat(env.sync(ds.sync()).recordsPulled()).isZero();
  }

  /**
   * §4.3: JS re-serialises the whole dataset for every record written (quadratic). A putAll is one store
   * transaction, and a pull of many records is applied page by page, not record by record.
   */
  @Test
  void JS_4_3_writesAreBatchedNotOneTransactionPerRecord() {
    SyncClient client = env.client();
    Dataset ds = client.dataset(DS);
    Map<String, String> values = new HashMap<>();
    for (int i = 0; i < 500; i++) {
      values.put("k" + i, "v" + i);
    }
    long before = env.store.writeCount();
    ds.putAll(values);
    assertThat(env.store.writeCount() - before).isEqualTo(1);

    Map<String, String> remote = new HashMap<>();
    for (int i = 0; i < 1000; i++) {
      remote.put("r" + i, "v" + i);
    }
    env.remote.putDirect(ID, "other", remote);
    Dataset other = client.dataset("other");
    long beforePull = env.store.writeCount();
    env.sync(other.sync());
    assertThat(other.getAll()).hasSize(1000);
    assertThat(env.store.writeCount() - beforePull).isLessThanOrEqualTo(5);
  }

  /**
   * §4.3: JS caches metadata of the first identity and wipes every localStorage key of the origin. After
   * {@code wipeData()} the dataset list is current, and another client's store is untouched.
   */
  @Test
  void JS_4_3_wipeDataLeavesNoStaleMetadataAndTouchesOnlyItsStore() {
    SyncClient client = env.client();
    client.dataset(DS).put("a", "1");
    client.dataset("second").put("b", "2");
    dev.offsync.testing.InMemoryLocalStore otherStore = new dev.offsync.testing.InMemoryLocalStore();
    SyncClient other = env.builder(otherStore).build();
    other.dataset(DS).put("kept", "yes");
    assertThat(client.listDatasets()).hasSize(2);

    client.wipeData();

    assertThat(client.listDatasets()).isEmpty();
    client.dataset("third").put("c", "3");
    assertThat(client.listDatasets()).extracting(m -> m.name()).containsExactly("third");
    assertThat(other.dataset(DS).getAll()).isEqualTo(map("kept", "yes"));
  }
}
