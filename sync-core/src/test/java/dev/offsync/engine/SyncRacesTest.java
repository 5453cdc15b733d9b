package dev.offsync.engine;

import org.junit.jupiter.api.extension.ExtendWith;
import dev.offsync.testing.NoUndeliverableErrors;
import static dev.offsync.engine.Harness.ID;
import static org.assertj.core.api.Assertions.assertThat;

import dev.offsync.Dataset;
import dev.offsync.Record;
import dev.offsync.SyncClient;
import dev.offsync.SyncReport;
import dev.offsync.testing.FakeRemoteStore;
import dev.offsync.testing.FakeRemoteStore.Operation;
import dev.offsync.testing.InMemoryLocalStore;
import dev.offsync.ManualConnectivityMonitor;
import dev.offsync.ManualIdentityProvider;
import dev.offsync.SyncOptions;
import io.reactivex.rxjava3.core.Scheduler;
import io.reactivex.rxjava3.core.SingleObserver;
import io.reactivex.rxjava3.disposables.Disposable;
import io.reactivex.rxjava3.observers.TestObserver;
import io.reactivex.rxjava3.plugins.RxJavaPlugins;
import io.reactivex.rxjava3.schedulers.Schedulers;
import io.reactivex.rxjava3.schedulers.TestScheduler;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A sync racing the app: edits, removals, dataset deletes, wipes, closes and identity changes while it pulls or
 * pushes, subscribers that throw, a sync failing on the timer thread. Nothing is lost, resurrected or left hanging.
 */
@ExtendWith(NoUndeliverableErrors.class)
class SyncRacesTest {
  private final Harness h = new Harness();
  private final FakeRemoteStore remote = h.remote;

  private static Map<String, String> map(String... kv) {
    Map<String, String> m = new LinkedHashMap<>();
    for (int i = 0; i < kv.length; i += 2) {
      m.put(kv[i], kv[i + 1]);
    }
    return m;
  }

  @Test
  void removingANeverSyncedKeyDuringItsPushRoundTripIsNotLost() {
    SyncClient client = h.client(new InMemoryLocalStore());
    Dataset ds = client.dataset("games");
    ds.put("k", "v"); // never synced: a remove would simply drop the row
    // the app removes it while the push that creates it on the server is in flight
    remote.on(Operation.UPDATE_RECORDS).runAfter(1, call -> ds.remove("k"));

    h.sync(ds.sync());

    // the removal is still pending (a dirty tombstone on the server's new base), not silently dropped
    Record k = ds.record("k");
    assertThat(k).isNotNull();
    assertThat(k.isDeleted()).isTrue();
    assertThat(k.isDirty()).isTrue();
    h.sync(ds.sync());
    assertThat(remote.serverValues(ID, "games")).doesNotContainKey("k");
    assertThat(ds.pendingKeys()).isEmpty();
  }

  @Test
  void deletingTheDatasetDuringThePullDoesNotResurrectPulledRecords() {
    HookedLocalStore store = new HookedLocalStore(new InMemoryLocalStore());
    SyncClient client = h.track(h.builder(new InMemoryLocalStore()).localStore(store).build());
    Dataset ds = client.dataset("games");
    remote.putDirect(ID, "games", map("a", "1", "b", "2"));
    // the app deletes the dataset between the page's read and its write transaction
    remote.on(Operation.LIST_RECORDS).runAfter(1, call -> store.beforeNextWrite(ds::delete));

    h.sync(ds.sync());
    assertThat(ds.getAll()).isEmpty();
    assertThat(ds.lastSyncCount()).isEqualTo(-1L);

    SyncReport next = h.sync(ds.sync());

    assertThat(next.datasetDeleted()).isTrue();
    assertThat(remote.datasetExists(ID, "games")).isFalse();
    assertThat(ds.getAll()).isEmpty();
  }

  @Test
  void aSubscriberThatThrowsDoesNotStarveOtherSubscribersNorThePendingSync() {
    List<Throwable> undeliverable = Collections.synchronizedList(new ArrayList<>());
    RxJavaPlugins.setErrorHandler(undeliverable::add);
    try {
      TestScheduler io = new TestScheduler();
      SyncClient client = h.track(h.builder(new InMemoryLocalStore()).ioScheduler(io).build());
      Dataset ds = client.dataset("games");
      ds.put("k", "v");

      ds.sync().subscribe(new SingleObserver<SyncReport>() {
        @Override
        public void onSubscribe(Disposable d) {
        }

        @Override
        public void onSuccess(SyncReport report) {
          throw new IllegalStateException("a bug in the app's callback");
        }

        @Override
        public void onError(Throwable e) {
        }
      });
      TestObserver<SyncReport> sameRun = ds.sync().test(); // joins the pending run
      io.triggerActions();
      h.timer.triggerActions();
      io.triggerActions();
      h.timer.triggerActions();
      io.triggerActions();

      sameRun.assertComplete().assertNoErrors();
      assertThat(undeliverable).hasSize(1);
      TestObserver<SyncReport> later = ds.sync().test();
      io.triggerActions();
      later.assertComplete().assertNoErrors();
    } finally {
      RxJavaPlugins.reset();
    }
  }

  @Test
  void twoSubscribersOfOneSyncBothGetItsOutcomeWhenTheFirstThrows() {
    List<Throwable> undeliverable = Collections.synchronizedList(new ArrayList<>());
    RxJavaPlugins.setErrorHandler(undeliverable::add);
    try {
      TestScheduler io = new TestScheduler();
      SyncClient client = h.track(h.builder(new InMemoryLocalStore()).ioScheduler(io).build());
      Dataset ds = client.dataset("games");
      io.triggerActions();
      ds.put("k", "v");
      io.triggerActions();
      ds.sync().test(); // running
      io.triggerActions();
      // both join the same pending run
      ds.sync().subscribe(new SingleObserver<SyncReport>() {
        @Override
        public void onSubscribe(Disposable d) {
        }

        @Override
        public void onSuccess(SyncReport report) {
          throw new IllegalStateException("a bug in the app's callback");
        }

        @Override
        public void onError(Throwable e) {
        }
      });
      TestObserver<SyncReport> second = ds.sync().test();
      for (int i = 0; i < 5; i++) {
        io.triggerActions();
        h.timer.triggerActions();
      }

      second.assertComplete().assertNoErrors();
      assertThat(undeliverable).hasSize(1);
    } finally {
      RxJavaPlugins.reset();
    }
  }

  @Test
  void aWriteRacingAMergingIdentityChangeLandsUnderTheNewIdentity() {
    ManualIdentityProvider identity = new ManualIdentityProvider("A");
    HookedLocalStore store = new HookedLocalStore(new InMemoryLocalStore());
    SyncClient client = h.track(h.builder(new InMemoryLocalStore()).localStore(store).identityProvider(identity)
        .build());
    Dataset ds = client.dataset("games");
    ds.put("first", "1");
    // the user links a login (a merge into B) just as the app writes: after the write chose its owner, before
    // its transaction
    store.beforeNextWrite(() -> identity.switchTo("B", true));

    ds.put("k", "mine");

    assertThat(identity.currentIdentityId()).isEqualTo("B");
    assertThat(ds.getAll()).containsEntry("first", "1").containsEntry("k", "mine");
    assertThat(ds.pendingKeys()).contains("k");
  }

  @Test
  void closingTheClientWhenASyncEndsDoesNotStartThePendingOne() {
    TestScheduler io = new TestScheduler();
    SyncClient client = h.track(h.builder(new InMemoryLocalStore()).ioScheduler(io).build());
    Dataset ds = client.dataset("games");
    io.triggerActions();
    ds.put("k", "v");
    remote.resetCounters();
    List<SyncReport> firstReports = new ArrayList<>();
    ds.sync().subscribe(report -> {
      firstReports.add(report);
      client.close(); // the app closes the client as soon as its sync is done
    }, e -> { });
    TestObserver<SyncReport> pending = ds.sync().test();

    for (int i = 0; i < 5; i++) {
      io.triggerActions();
      h.timer.triggerActions();
    }

    assertThat(firstReports).hasSize(1);
    pending.assertError(dev.offsync.ClientClosedException.class);
    // only the first sync talked to the server: nothing ran after close()
    assertThat(remote.calls(Operation.LIST_RECORDS)).isEqualTo(1);
    assertThat(remote.calls(Operation.UPDATE_RECORDS)).isEqualTo(1);
  }

  @Test
  void wipingLocalDataDuringASyncIsNotUndoneByTheSync() {
    SyncClient client = h.client(new InMemoryLocalStore());
    Dataset ds = client.dataset("games");
    remote.putDirect(ID, "games", map("a", "1", "b", "2"));
    // the user signs out and the app wipes local data while a sync's page is in flight
    remote.on(Operation.LIST_RECORDS).runAfter(1, call -> client.wipeData());

    h.syncError(ds.sync());

    assertThat(ds.records()).isEmpty();
    assertThat(client.listDatasets()).isEmpty();
  }

  @Test
  void closingTheClientEndsASyncWaitingForTheNetwork() {
    ManualConnectivityMonitor net = new ManualConnectivityMonitor(false);
    SyncClient client = h.client(new InMemoryLocalStore(), net, SyncOptions.DEFAULT);
    Dataset ds = client.dataset("games");
    ds.put("a", "1");
    TestObserver<SyncReport> waiting = ds.syncOnConnectivity().test();
    waiting.assertNotComplete();

    client.close();

    waiting.assertError(dev.offsync.ClientClosedException.class);
    net.setConnected(true);
    waiting.assertValueCount(0).assertError(dev.offsync.ClientClosedException.class);
    assertThat(remote.calls(Operation.LIST_RECORDS)).isZero();
  }

  @Test
  void aFullResyncDetectsADatasetDeletedRemotely() {
    Dataset ds = h.client(new InMemoryLocalStore()).dataset("games");
    ds.put("a", "1");
    h.sync(ds.sync());
    remote.deleteDirect(ID, "games");

    SyncReport report = h.sync(ds.fullResync());

    // the local copy of the dead dataset goes, as with a normal sync; it used to stay, clean and never pushed,
    // with the watermark at 0 so no later sync could notice the deletion either
    assertThat(report.remoteDeletionDetected()).isTrue();
    assertThat(ds.records()).isEmpty();
    ds.put("b", "2");
    h.sync(ds.sync());
    assertThat(remote.serverValues(ID, "games")).containsOnlyKeys("b");
  }

  @Test
  void aNeverSyncedRowRemovedWhileItsConflictIsResolvedTakesTheRemoteRecord() {
    Dataset[] holder = new Dataset[1];
    Dataset ds = h.client(new InMemoryLocalStore(), conflict -> {
      holder[0].remove(conflict.key()); // the app removes its never-synced value meanwhile (its row simply goes)
      return dev.offsync.Resolution.useLocal();
    }).dataset("games");
    holder[0] = ds;
    ds.put("k", "mine");
    remote.putDirect(ID, "games", map("k", "theirs"));

    h.sync(ds.sync());

    // the app's removal of its own unsynced value leaves the server's record, as if it had been removed before
    // the sync; it used to leave no row while the watermark passed the remote record, so the device never got it
    assertThat(ds.get("k")).isEqualTo("theirs");
    assertThat(ds.pendingKeys()).isEmpty();
    assertThat(remote.serverValues(ID, "games")).containsExactly(Map.entry("k", "theirs"));
  }

  /** A store that notes reads and writes made outside the I/O scheduler. */
  private static final class ThreadCheckingStore implements dev.offsync.spi.LocalStore {
    final InMemoryLocalStore delegate = new InMemoryLocalStore();
    final ThreadLocal<Boolean> onIo = ThreadLocal.withInitial(() -> false);
    final List<String> offIo = Collections.synchronizedList(new ArrayList<>());
    volatile boolean watching;

    @Override
    public <T> T read(Work<T> work) {
      if (watching && !onIo.get()) {
        offIo.add("read");
      }
      return delegate.read(work);
    }

    @Override
    public <T> T write(Work<T> work) {
      if (watching && !onIo.get()) {
        offIo.add("write");
      }
      return delegate.write(work);
    }

    @Override
    public void close() {
      delegate.close();
    }
  }

  @Test
  void aSyncFailingOnTheTimerThreadDoesNotTouchTheStoreOffTheIoScheduler() {
    ThreadCheckingStore store = new ThreadCheckingStore();
    Scheduler ioScheduler = Schedulers.from(r -> {
      boolean was = store.onIo.get();
      store.onIo.set(true);
      try {
        r.run();
      } finally {
        store.onIo.set(was);
      }
    });
    SyncClient client = h.track(h.builder(new InMemoryLocalStore()).localStore(store).ioScheduler(ioScheduler)
        .options(SyncOptions.builder().conflictRetryDelay(java.time.Duration.ofMillis(100)).build()).build());
    Dataset ds = client.dataset("games");
    ds.put("k", "1");
    h.sync(ds.sync());
    ds.put("k", "2");
    // another device writes k after our pull: our push 409s; the retry after the conflict delay (on the timer
    // scheduler) then fails
    remote.on(Operation.LIST_RECORDS).runAfter(1, call -> {
      remote.putDirect(ID, "games", map("k", "other"));
      remote.on(Operation.LIST_RECORDS).failBeforeApplying(1);
    });
    store.watching = true;

    h.syncError(ds.sync());

    store.watching = false;
    assertThat(store.offIo).isEmpty();
  }
}
