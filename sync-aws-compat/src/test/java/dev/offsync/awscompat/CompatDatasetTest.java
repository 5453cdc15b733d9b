package dev.offsync.awscompat;

import static dev.offsync.awscompat.CompatEnv.DS;
import static dev.offsync.awscompat.CompatEnv.ID;
import static org.assertj.core.api.Assertions.assertThat;

import dev.offsync.ConflictResolvers;
import dev.offsync.NetworkException;
import dev.offsync.Record;
import dev.offsync.SyncClient;
import dev.offsync.testing.FakeRemoteStore.Operation;
import dev.offsync.testing.NoUndeliverableErrors;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The facade's callbacks on the engine, and regressions for the AWS Android defects (reference-clients.md §2.6)
 * the facade could reintroduce.
 */
@ExtendWith(NoUndeliverableErrors.class)
class CompatDatasetTest {
  private final CompatEnv env = new CompatEnv();
  private final SyncClient client = env.client(env.store, ConflictResolvers.deferAll());
  private final CognitoSyncCompat sync = CognitoSyncCompat.wrap(client);

  @AfterEach
  void close() {
    client.close();
  }

  @Test
  void successReportsThePulledRecords() {
    CompatDataset ds = sync.openOrCreateDataset(DS);
    ds.put("mine", "1");
    env.otherDeviceWrites(DS, "theirs", "2");

    CompatEnv.Recorder cb = env.synchronize(ds, new CompatEnv.Recorder());

    assertThat(cb.calls).containsExactly("onSuccess");
    assertThat(cb.successes.get(0)).extracting(Record::key).containsExactly("theirs");
    assertThat(env.remote.serverValues(ID, DS)).containsEntry("mine", "1").containsEntry("theirs", "2");
    assertThat(ds.isChanged("mine")).isFalse();
    assertThat(sync.listDatasets()).extracting(m -> m.name()).contains(DS);
  }

  /** §2.6-5: onConflict returning false ended AWS's sync with no terminal callback. */
  @Test
  void Android_2_6_5_cancelledConflictEndsWithOneFailureAndKeepsTheEdit() {
    CompatDataset ds = conflictOn("a", "mine", "theirs");

    CompatEnv.Recorder cb = env.synchronize(ds, new CompatEnv.Recorder());

    assertThat(cb.calls).containsExactly("onConflict", "onFailure");
    assertThat(cb.failures.get(0).reason()).isEqualTo(CompatSyncException.Reason.CANCELLED);
    assertThat(ds.get("a")).isEqualTo("mine");
    assertThat(ds.isChanged("a")).isTrue();
    assertThat(ds.getConflicts()).extracting(CompatConflict::getKey).containsExactly("a");
    assertThat(env.remote.serverValues(ID, DS)).containsEntry("a", "theirs");

    // the next sync asks again, and a decision is pushed
    CompatEnv.Recorder resolving = new CompatEnv.Recorder() {
      @Override
      boolean conflict(CompatDataset dataset, List<CompatConflict> conflicts) {
        List<CompatResolution> out = new ArrayList<>();
        for (CompatConflict c : conflicts) {
          out.add(c.resolveWithLocalRecord());
        }
        dataset.resolve(out);
        return true;
      }
    };
    env.synchronize(ds, resolving);
    assertThat(resolving.calls).containsExactly("onConflict", "onSuccess");
    assertThat(env.remote.serverValues(ID, DS)).containsEntry("a", "mine");
    assertThat(ds.isChanged("a")).isFalse();
  }

  @Test
  void resolveWithValueAndRemoteArePushedOrAdopted() {
    CompatDataset ds = sync.openOrCreateDataset(DS);
    ds.put("a", "1");
    ds.put("b", "1");
    env.synchronize(ds, new CompatEnv.Recorder());
    ds.put("a", "mine-a");
    ds.put("b", "mine-b");
    env.otherDeviceWrites(DS, "a", "theirs-a", "b", "theirs-b");

    CompatEnv.Recorder cb = env.synchronize(ds, new CompatEnv.Recorder() {
      @Override
      boolean conflict(CompatDataset dataset, List<CompatConflict> conflicts) {
        List<CompatResolution> out = new ArrayList<>();
        for (CompatConflict c : conflicts) {
          out.add(c.getKey().equals("a") ? c.resolveWithValue("merged") : c.resolveWithRemoteRecord());
        }
        dataset.resolve(out);
        return true;
      }
    });

    assertThat(cb.calls).containsExactly("onConflict", "onSuccess");
    assertThat(env.remote.serverValues(ID, DS)).containsEntry("a", "merged").containsEntry("b", "theirs-b");
    assertThat(ds.getAll()).containsEntry("a", "merged").containsEntry("b", "theirs-b");
  }

  /** A callback that throws is a cancel, never a wedge: one onFailure, edit kept, next sync works. */
  @Test
  void throwingConflictCallbackEndsWithOneFailureAndDoesNotWedge() {
    CompatDataset ds = conflictOn("a", "mine", "theirs");

    CompatEnv.Recorder cb = env.synchronize(ds, new CompatEnv.Recorder() {
      @Override
      boolean conflict(CompatDataset dataset, List<CompatConflict> conflicts) {
        throw new IllegalStateException("app bug");
      }
    });

    assertThat(cb.calls).containsExactly("onConflict", "onFailure");
    assertThat(cb.failures.get(0).reason()).isEqualTo(CompatSyncException.Reason.CALLBACK_FAILED);
    assertThat(cb.failures.get(0).getCause()).hasMessage("app bug");
    assertThat(ds.get("a")).isEqualTo("mine");

    ds.put("b", "later");
    CompatEnv.Recorder next = env.synchronize(ds, new CompatEnv.Recorder());
    assertThat(next.terminals()).isEqualTo(1);
    assertThat(env.remote.serverValues(ID, DS)).containsEntry("b", "later");
  }

  /** Terminal callbacks that throw reach neither RxJava (NoUndeliverableErrors) nor a second callback. */
  @Test
  void throwingTerminalCallbacksAreContained() {
    CompatDataset ds = sync.openOrCreateDataset(DS);
    ds.put("a", "1");
    CompatEnv.Recorder cb = env.synchronize(ds, new CompatEnv.Recorder() {
      @Override
      public void onSuccess(CompatDataset dataset, List<Record> updatedRecords) {
        super.onSuccess(dataset, updatedRecords);
        throw new IllegalStateException("app bug in onSuccess");
      }
    });
    assertThat(cb.calls).containsExactly("onSuccess");

    env.remote.on(Operation.LIST_RECORDS).fail(1, () -> new NetworkException("down", null));
    CompatEnv.Recorder failing = env.synchronize(ds, new CompatEnv.Recorder() {
      @Override
      public void onFailure(CompatSyncException exception) {
        super.onFailure(exception);
        throw new IllegalStateException("app bug in onFailure");
      }
    });
    assertThat(failing.calls).containsExactly("onFailure");
    assertThat(failing.failures.get(0).reason()).isEqualTo(CompatSyncException.Reason.SYNC_FAILED);
    assertThat(failing.failures.get(0).getCause()).isInstanceOf(NetworkException.class);
  }

  /** onConflict returning true without resolving: one onFailure, conflicts kept, nothing pushed over them. */
  @Test
  void continuingWithoutResolvingFailsOnceAndKeepsTheConflict() {
    CompatDataset ds = conflictOn("a", "mine", "theirs");
    CompatEnv.Recorder cb = env.synchronize(ds, new CompatEnv.Recorder() {
      @Override
      boolean conflict(CompatDataset dataset, List<CompatConflict> conflicts) {
        return true;
      }
    });
    assertThat(cb.calls).containsExactly("onConflict", "onFailure");
    assertThat(cb.failures.get(0).reason()).isEqualTo(CompatSyncException.Reason.UNRESOLVED_CONFLICTS);
    assertThat(ds.getConflicts()).hasSize(1);
    assertThat(ds.get("a")).isEqualTo("mine");
  }

  /**
   * §2.6-3: AWS wrote non-conflicting remote records with an unconditional REPLACE after onConflict ran, so a put
   * made inside (or during) the callback was clobbered. Here a write made during onConflict survives and is pushed.
   */
  @Test
  void Android_2_6_3_writeDuringOnConflictIsNotClobbered() {
    CompatDataset ds = sync.openOrCreateDataset(DS);
    ds.put("a", "1");
    ds.put("b", "1");
    env.synchronize(ds, new CompatEnv.Recorder());
    ds.put("a", "mine");
    env.otherDeviceWrites(DS, "a", "theirs", "b", "2");

    CompatEnv.Recorder cb = env.synchronize(ds, new CompatEnv.Recorder() {
      @Override
      boolean conflict(CompatDataset dataset, List<CompatConflict> conflicts) {
        dataset.put("b", "written-during-callback");
        dataset.resolve(List.of(conflicts.get(0).resolveWithLocalRecord()));
        return true;
      }
    });

    assertThat(cb.calls).containsExactly("onConflict", "onSuccess");
    assertThat(ds.get("b")).isEqualTo("written-during-callback");
    assertThat(env.remote.serverValues(ID, DS)).containsEntry("a", "mine")
        .containsEntry("b", "written-during-callback");
  }

  /** §2.6-5: merged datasets never stop the sync; onDatasetsMerged=false still yields one terminal callback. */
  @Test
  void Android_2_6_5_mergedDatasetsAreReportedAndAlwaysTerminate() {
    CompatDataset ds = sync.openOrCreateDataset(DS);
    ds.put("a", "1");
    env.synchronize(ds, new CompatEnv.Recorder());
    env.remote.setMergedDatasetNames(ID, DS, List.of(DS + ".us-east-1:old"));
    ds.put("a", "2");

    CompatEnv.Recorder cb = env.synchronize(ds, new CompatEnv.Recorder() {
      @Override
      public boolean onDatasetsMerged(CompatDataset dataset, List<String> datasetNames) {
        super.onDatasetsMerged(dataset, datasetNames);
        return false;
      }
    });

    assertThat(cb.calls).containsExactly("onDatasetsMerged", "onFailure");
    assertThat(cb.merged.get(0)).containsExactly(DS + ".us-east-1:old");
    assertThat(env.remote.serverValues(ID, DS)).containsEntry("a", "2");
  }

  /** §2.6-6: two handles of one dataset share the engine's single sync, each gets its one terminal callback. */
  @Test
  void Android_2_6_6_twoHandlesShareOneSyncAtATime() {
    CompatDataset one = sync.openOrCreateDataset(DS);
    CompatDataset two = sync.openOrCreateDataset(DS);
    one.put("a", "1");
    assertThat(two.get("a")).isEqualTo("1");
    CompatEnv.Recorder cb1 = new CompatEnv.Recorder();
    CompatEnv.Recorder cb2 = new CompatEnv.Recorder();
    one.synchronize(cb1);
    two.synchronize(cb2);
    env.timer.advanceTimeBy(1, java.util.concurrent.TimeUnit.HOURS);
    assertThat(cb1.calls).containsExactly("onSuccess");
    assertThat(cb2.calls).containsExactly("onSuccess");
    assertThat(env.remote.calls(Operation.UPDATE_RECORDS)).isEqualTo(1);
    assertThat(two.isChanged("a")).isFalse();
  }

  /** §2.6-9: sizes exclude tombstones, and a deleted key has size 0. */
  @Test
  void Android_2_6_9_sizesIgnoreTombstones() {
    CompatDataset ds = sync.openOrCreateDataset(DS);
    ds.put("ab", "cd");
    ds.put("gone", "x");
    env.synchronize(ds, new CompatEnv.Recorder());
    ds.remove("gone");
    assertThat(ds.getTotalSizeInBytes()).isEqualTo(4);
    assertThat(ds.getSizeInBytes("gone")).isZero();
    assertThat(ds.getAllRecords()).extracting(Record::key).contains("gone");
    assertThat(ds.getAll()).doesNotContainKey("gone");
  }

  @Test
  void remoteDeletionIsReportedOnce() {
    CompatDataset ds = sync.openOrCreateDataset(DS);
    ds.put("a", "1");
    env.synchronize(ds, new CompatEnv.Recorder());
    env.remote.deleteDirect(ID, DS);

    CompatEnv.Recorder cb = env.synchronize(ds, new CompatEnv.Recorder());

    assertThat(cb.calls).containsExactly("onDatasetDeleted", "onSuccess");
  }

  @Test
  void nullArgumentsFailFast() {
    CompatDataset ds = sync.openOrCreateDataset(DS);
    org.assertj.core.api.Assertions.assertThatNullPointerException().isThrownBy(() -> ds.synchronize(null))
        .withMessage("callback == null");
    org.assertj.core.api.Assertions.assertThatNullPointerException()
        .isThrownBy(() -> CognitoSyncCompat.wrap(null)).withMessage("client == null");
  }

  private CompatDataset conflictOn(String key, String mine, String theirs) {
    CompatDataset ds = sync.openOrCreateDataset(DS);
    ds.put(key, "base");
    env.synchronize(ds, new CompatEnv.Recorder());
    ds.put(key, mine);
    env.otherDeviceWrites(DS, key, theirs);
    return ds;
  }
}
