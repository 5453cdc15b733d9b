package dev.offsync.engine;

import org.junit.jupiter.api.extension.ExtendWith;
import dev.offsync.testing.NoUndeliverableErrors;
import static dev.offsync.engine.Harness.ID;
import static org.assertj.core.api.Assertions.assertThat;

import dev.offsync.ClientClosedException;
import dev.offsync.Dataset;
import dev.offsync.NetworkException;
import dev.offsync.RecordEvent;
import dev.offsync.SyncClient;
import dev.offsync.SyncProgress;
import dev.offsync.SyncReport;
import dev.offsync.SyncStatus;
import dev.offsync.testing.FakeRemoteStore.Operation;
import dev.offsync.testing.InMemoryLocalStore;
import io.reactivex.rxjava3.observers.TestObserver;
import io.reactivex.rxjava3.schedulers.TestScheduler;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Status, progress and per-record events: instance-scoped streams with checked invariants. */
@ExtendWith(NoUndeliverableErrors.class)
class StatusAndProgressTest {
  private final Harness h = new Harness();

  private static void assertProgressInvariants(List<SyncProgress> progress) {
    SyncProgress prev = null;
    for (SyncProgress p : progress) {
      assertThat(p.pullCompleted()).isLessThanOrEqualTo(p.pullTotal());
      assertThat(p.pushCompleted()).isLessThanOrEqualTo(p.pushTotal());
      if (prev != null && !prev.isFinished()) {
        assertThat(p.pullCompleted()).isGreaterThanOrEqualTo(prev.pullCompleted());
        assertThat(p.pullTotal()).isGreaterThanOrEqualTo(prev.pullTotal());
        assertThat(p.pushCompleted()).isGreaterThanOrEqualTo(prev.pushCompleted());
        assertThat(p.pushTotal()).isGreaterThanOrEqualTo(prev.pushTotal());
      }
      if (p.isFinished()) {
        assertThat(p.pullCompleted()).isEqualTo(p.pullTotal());
        assertThat(p.pushCompleted()).isEqualTo(p.pushTotal());
      }
      prev = p;
    }
  }

  @Test
  void progressNeverDecreasesAndEndsComplete() {
    SyncClient client = h.client(new InMemoryLocalStore());
    Dataset ds = client.dataset("games");
    Map<String, String> values = new HashMap<>();
    for (int i = 0; i < 1000; i++) {
      values.put("r" + i, "v");
    }
    h.remote.putDirect(ID, "games", values);
    Map<String, String> changes = new HashMap<>();
    for (int i = 0; i < 500; i++) {
      changes.put("r" + i, null); // tombstones are pulled too
      changes.put("s" + i, "v");
    }
    h.remote.putDirect(ID, "games", changes);
    ds.put("mine", "1");
    ds.put("r7", "x"); // a conflict, resolved remote-wins
    TestObserver<SyncProgress> progress = ds.progress().test();

    h.sync(ds.sync());

    List<SyncProgress> ps = progress.values();
    assertProgressInvariants(ps);
    assertThat(ps.get(0).phase()).isEqualTo(SyncProgress.Phase.STARTING);
    assertThat(ps).extracting(SyncProgress::phase).contains(SyncProgress.Phase.PULLING, SyncProgress.Phase.PUSHING);
    SyncProgress last = ps.get(ps.size() - 1);
    assertThat(last.phase()).isEqualTo(SyncProgress.Phase.DONE);
    assertThat(last.pullTotal()).isEqualTo(1500);
    assertThat(last.pushTotal()).isEqualTo(1);
  }

  @Test
  void aFailedSyncEndsWithCompletedEqualToTotalAndTheErrorInTheStatus() {
    SyncClient client = h.client(new InMemoryLocalStore());
    Dataset ds = client.dataset("games");
    ds.put("a", "1");
    h.remote.on(Operation.UPDATE_RECORDS).failBeforeApplying(1);
    TestObserver<SyncProgress> progress = ds.progress().test();

    h.syncError(ds.sync());

    assertProgressInvariants(progress.values());
    SyncProgress last = progress.values().get(progress.values().size() - 1);
    assertThat(last.phase()).isEqualTo(SyncProgress.Phase.FAILED);
    assertThat(ds.currentStatus().state()).isEqualTo(SyncStatus.State.IDLE);
    assertThat(ds.currentStatus().lastError()).isInstanceOf(NetworkException.class);
    assertThat(ds.currentStatus().pendingCount()).isEqualTo(1);
    assertThat(client.currentStatus().lastError()).isInstanceOf(NetworkException.class);

    h.sync(ds.sync());
    assertThat(ds.currentStatus().lastError()).isNull();
    assertThat(ds.currentStatus().pendingCount()).isZero();
    assertThat(ds.currentStatus().hasSynced()).isTrue();
    assertThat(ds.currentStatus().lastSyncedAt()).isNotNull();
  }

  @Test
  void statusGoesIdleConnectingBusyIdleAndCountsPendingRecords() {
    TestScheduler io = new TestScheduler();
    SyncClient client = h.track(h.builder(new InMemoryLocalStore()).ioScheduler(io).build());
    Dataset ds = client.dataset("games");
    TestObserver<SyncStatus> clientStatus = client.status().test();
    TestObserver<SyncStatus> status = ds.status().test();
    ds.put("a", "1");
    ds.put("b", "2");
    assertThat(ds.currentStatus().pendingCount()).isEqualTo(2);
    assertThat(client.currentStatus().pendingCount()).isEqualTo(2);

    TestObserver<SyncReport> sync = ds.sync().test();
    assertThat(ds.currentStatus().state()).isEqualTo(SyncStatus.State.CONNECTING);
    io.triggerActions();
    sync.assertComplete();

    assertThat(status.values()).extracting(SyncStatus::state).containsSubsequence(SyncStatus.State.IDLE,
        SyncStatus.State.CONNECTING, SyncStatus.State.BUSY, SyncStatus.State.IDLE);
    assertThat(clientStatus.values()).extracting(SyncStatus::state).contains(SyncStatus.State.BUSY);
    assertThat(ds.currentStatus().pendingCount()).isZero();
    assertThat(client.currentStatus().state()).isEqualTo(SyncStatus.State.IDLE);
    assertThat(client.currentStatus().hasSynced()).isTrue();
  }

  @Test
  void perRecordEventsTellWhatHappened() {
    SyncClient client = h.client(new InMemoryLocalStore());
    Dataset ds = client.dataset("games");
    ds.put("k", "base");
    h.sync(ds.sync());
    ds.put("k", "mine");
    ds.put("new", "n");
    h.remote.putDirect(ID, "games", java.util.Collections.singletonMap("k", "theirs"));
    h.remote.putDirect(ID, "games", java.util.Collections.singletonMap("x", "pulled"));
    TestObserver<RecordEvent> events = client.events().test();

    h.sync(ds.sync());

    assertThat(events.values()).extracting(e -> e.type() + ":" + e.key()).containsExactlyInAnyOrder(
        "CONFLICTED:k", "RESOLVED:k", "PULLED:x", "PUSHED:new");
  }

  @Test
  void closingStopsEverythingWithOneTerminalOutcomeEach() {
    TestScheduler io = new TestScheduler();
    SyncClient client = h.track(h.builder(new InMemoryLocalStore()).ioScheduler(io).build());
    Dataset ds = client.dataset("games");
    TestObserver<SyncStatus> status = client.status().test();
    TestObserver<SyncReport> running = ds.sync().test();
    TestObserver<SyncReport> pending = ds.sync().test();

    client.close();
    io.triggerActions();

    running.assertError(ClientClosedException.class);
    pending.assertError(ClientClosedException.class);
    status.assertComplete();
    assertThat(status.values().get(status.values().size() - 1).state()).isEqualTo(SyncStatus.State.STOPPED);
    ds.sync().test().assertError(ClientClosedException.class);
  }

  @Test
  void theClientStatusCountsPendingEditsOfDatasetsNotOpenedInThisProcess() {
    InMemoryLocalStore store = new InMemoryLocalStore();
    SyncClient before = h.client(store);
    before.dataset("a").put("k1", "v");
    before.dataset("b").put("k2", "v");
    before.dataset("b").put("k3", "v");
    before.close();

    SyncClient after = h.client(store);

    assertThat(after.currentStatus().pendingCount()).isEqualTo(3);
    h.sync(after.syncAll().map(reports -> reports.get(0)));
    assertThat(after.currentStatus().pendingCount()).isZero();
  }
}
