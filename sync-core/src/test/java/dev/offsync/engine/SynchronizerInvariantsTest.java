package dev.offsync.engine;

import org.junit.jupiter.api.extension.ExtendWith;
import dev.offsync.testing.NoUndeliverableErrors;
import static dev.offsync.engine.Harness.ID;
import static org.assertj.core.api.Assertions.assertThat;

import dev.offsync.ConflictResolvers;
import dev.offsync.ConflictRetriesExhaustedException;
import dev.offsync.Dataset;
import dev.offsync.IdentityChangedException;
import dev.offsync.InvalidParameterException;
import dev.offsync.ManualIdentityProvider;
import dev.offsync.NetworkException;
import dev.offsync.Record;
import dev.offsync.SyncClient;
import dev.offsync.SyncReport;
import dev.offsync.spi.LocalDataset;
import dev.offsync.testing.FakeRemoteStore;
import dev.offsync.testing.FakeRemoteStore.Operation;
import dev.offsync.testing.InMemoryLocalStore;
import io.reactivex.rxjava3.observers.TestObserver;
import io.reactivex.rxjava3.schedulers.TestScheduler;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The synchronizer's invariants 1–7 of the sync-core issue, one test (or a few) each. */
@ExtendWith(NoUndeliverableErrors.class)
class SynchronizerInvariantsTest {
  private final Harness h = new Harness();
  private final FakeRemoteStore remote = h.remote;

  private static Map<String, String> map(String... kv) {
    Map<String, String> m = new LinkedHashMap<>();
    for (int i = 0; i < kv.length; i += 2) {
      m.put(kv[i], kv[i + 1]);
    }
    return m;
  }

  // ---------------------------------------------------------------- 1. single flight, coalescing

  @Test
  void concurrentSyncsCoalesceIntoOneRunningAndOnePendingAndEveryCallerGetsAnOutcome() {
    TestScheduler io = new TestScheduler();
    SyncClient client = h.track(h.builder(new InMemoryLocalStore()).ioScheduler(io).build());
    Dataset a = client.dataset("games");
    Dataset b = client.dataset("games"); // another handle: same state
    remote.putDirect(ID, "games", map("k", "v"));

    TestObserver<SyncReport> first = a.sync().test();
    TestObserver<SyncReport> second = b.sync().test();
    TestObserver<SyncReport> third = a.sync().test();
    TestObserver<SyncReport> fourth = b.fullResync().test();
    io.triggerActions();
    h.timer.triggerActions();
    io.triggerActions();

    for (TestObserver<SyncReport> t : List.of(first, second, third, fourth)) {
      t.assertComplete().assertValueCount(1).assertNoErrors();
    }
    // one running + one pending: exactly two pulls
    assertThat(remote.calls(Operation.LIST_RECORDS)).isEqualTo(2);
    assertThat(second.values().get(0)).isSameAs(third.values().get(0)).isSameAs(fourth.values().get(0));
    assertThat(first.values().get(0)).isNotSameAs(second.values().get(0));
    assertThat(first.values().get(0).recordsApplied()).isEqualTo(1);
    assertThat(a.get("k")).isEqualTo("v");
  }

  @Test
  void aSyncThatFailsGivesEveryJoinedCallerExactlyThatError() {
    TestScheduler io = new TestScheduler();
    SyncClient client = h.track(h.builder(new InMemoryLocalStore()).ioScheduler(io).build());
    Dataset ds = client.dataset("games");
    remote.on(Operation.LIST_RECORDS).failBeforeApplying(FakeRemoteStore.ALWAYS);

    List<SyncReport> values = new ArrayList<>();
    List<Throwable> first = Harness.errorsOf(ds.sync(), values);
    List<Throwable> second = Harness.errorsOf(ds.sync(), values);
    List<Throwable> third = Harness.errorsOf(ds.sync(), values);
    io.triggerActions();

    assertThat(values).isEmpty();
    assertThat(first).hasSize(1).allMatch(e -> e instanceof NetworkException);
    assertThat(second).hasSize(1).allMatch(e -> e instanceof NetworkException);
    assertThat(third).hasSize(1);
    assertThat(second.get(0)).isSameAs(third.get(0));
    assertThat(remote.calls(Operation.LIST_RECORDS)).isEqualTo(2);
  }

  // ---------------------------------------------------------------- 2. identity captured at start

  @Test
  void anIdentityMergeMidSyncRunsTheSyncAgainAsTheNewIdentity() {
    // e.g. a vanished identity renewed by the credentials provider while the sync's first request was out
    String renewed = "us-east-1:bbbb";
    ManualIdentityProvider identity = new ManualIdentityProvider(ID);
    InMemoryLocalStore store = new InMemoryLocalStore();
    SyncClient client = h.client(store, identity);
    Dataset ds = client.dataset("games");
    ds.put("k", "mine");
    remote.on(Operation.LIST_RECORDS).runAfter(1, call -> identity.switchTo(renewed, true));

    SyncReport report = h.sync(ds.sync());

    assertThat(report.identityId()).isEqualTo(renewed);
    assertThat(remote.serverValues(renewed, "games")).containsEntry("k", "mine");
    assertThat(remote.serverValues(ID, "games")).isEmpty();
    assertThat(ds.pendingKeys()).isEmpty();
    assertThat(client.currentStatus().lastError()).isNull();
  }

  @Test
  void mergesThatKeepOvertakingASyncEndItWithATypedErrorInsteadOfLooping() {
    ManualIdentityProvider identity = new ManualIdentityProvider(ID);
    SyncClient client = h.client(new InMemoryLocalStore(), identity);
    Dataset ds = client.dataset("games");
    ds.put("k", "mine");
    int[] n = new int[1];
    remote.on(Operation.LIST_RECORDS).runAfter(3, call -> identity.switchTo("us-east-1:id" + ++n[0], true));

    Throwable error = h.syncError(ds.sync());

    assertThat(error).isInstanceOf(IdentityChangedException.class);
    assertThat(n[0]).isEqualTo(3); // the first run and two more, then the outcome
    assertThat(ds.pendingKeys()).containsExactly("k"); // nothing lost: the edit waits under the newest identity
    assertThat(client.ownerId()).isEqualTo("us-east-1:id3");
  }

  /** A provider whose id moves at once but whose change event arrives when the test says (as from another thread). */
  private static final class LateAnnouncingProvider implements dev.offsync.spi.IdentityProvider {
    private final io.reactivex.rxjava3.subjects.PublishSubject<dev.offsync.spi.IdentityChange> changes =
        io.reactivex.rxjava3.subjects.PublishSubject.create();
    private volatile String current = ID;
    private dev.offsync.spi.IdentityChange unannounced;

    void renewSilently(String id) {
      unannounced = new dev.offsync.spi.IdentityChange(current, id, true);
      current = id;
    }

    void announce() {
      changes.onNext(unannounced);
    }

    @Override
    public String currentIdentityId() {
      return current;
    }

    @Override
    public io.reactivex.rxjava3.core.Single<String> identityId() {
      return io.reactivex.rxjava3.core.Single.fromCallable(() -> current);
    }

    @Override
    public io.reactivex.rxjava3.core.Observable<dev.offsync.spi.IdentityChange> changes() {
      return changes;
    }
  }

  @Test
  void aSyncOvertakenByAMergeWaitsForTheChangeToArriveThenRunsAgain() {
    LateAnnouncingProvider identity = new LateAnnouncingProvider();
    SyncClient client = h.client(new InMemoryLocalStore(), identity);
    Dataset ds = client.dataset("games");
    ds.put("k", "mine");
    remote.on(Operation.LIST_RECORDS).runAfter(1, call -> identity.renewSilently("us-east-1:bbbb"));

    TestObserver<SyncReport> sync = ds.sync().test();
    h.timer.advanceTimeBy(5, java.util.concurrent.TimeUnit.SECONDS);
    sync.assertNotComplete().assertNoErrors(); // failed as the old id; waiting for the change, not failing

    identity.announce();
    h.timer.advanceTimeBy(1, java.util.concurrent.TimeUnit.MINUTES);

    sync.assertComplete();
    assertThat(sync.values().get(0).identityId()).isEqualTo("us-east-1:bbbb");
    assertThat(remote.serverValues("us-east-1:bbbb", "games")).containsEntry("k", "mine");
  }

  @Test
  void aSyncWhoseIdentityMovedWithoutAnyChangeEventFailsAfterABoundedWait() {
    LateAnnouncingProvider identity = new LateAnnouncingProvider();
    InMemoryLocalStore store = new InMemoryLocalStore();
    SyncClient client = h.client(store, identity);
    Dataset ds = client.dataset("games");
    ds.put("k", "mine");
    remote.on(Operation.LIST_RECORDS).runAfter(1, call -> identity.renewSilently("us-east-1:bbbb"));

    TestObserver<SyncReport> sync = ds.sync().test();
    h.timer.advanceTimeBy(9, java.util.concurrent.TimeUnit.SECONDS);
    sync.assertNotComplete().assertNoErrors();
    h.timer.advanceTimeBy(1, java.util.concurrent.TimeUnit.SECONDS);

    sync.assertError(IdentityChangedException.class);
    // without the change the data stays where it was, still dirty
    List<dev.offsync.spi.LocalRecord> rows = store.read(tx -> tx.records(ID, "games"));
    assertThat(rows).singleElement().matches(dev.offsync.spi.LocalRecord::isDirty);
  }

  @Test
  void aWipeDuringASyncStillEndsItWithIdentityChanged() {
    SyncClient client = h.client(new InMemoryLocalStore());
    Dataset ds = client.dataset("games");
    ds.put("k", "mine");
    remote.on(Operation.LIST_RECORDS).runAfter(1, call -> client.wipeData());

    assertThat(h.syncError(ds.sync())).isInstanceOf(IdentityChangedException.class);
    assertThat(remote.serverValues(ID, "games")).isEmpty();
  }

  @Test
  void anIdentityChangeMidSyncAbortsWithoutCommitting() {
    ManualIdentityProvider identity = new ManualIdentityProvider(ID);
    InMemoryLocalStore store = new InMemoryLocalStore();
    SyncClient client = h.client(store, identity);
    Dataset ds = client.dataset("games");
    remote.putDirect(ID, "games", map("k", "remote"));
    remote.on(Operation.LIST_RECORDS).runAfter(1, call -> identity.switchTo("us-east-1:bbbb", false));

    Throwable error = h.syncError(ds.sync());

    assertThat(error).isInstanceOf(IdentityChangedException.class);
    LocalDataset row = store.read(tx -> tx.dataset(ID, "games"));
    assertThat(row).isNull(); // nothing committed for the old identity
    List<dev.offsync.spi.LocalRecord> rows = store.read(tx -> tx.records(ID, "games"));
    assertThat(rows).isEmpty();
    assertThat(client.ownerId()).isEqualTo("us-east-1:bbbb");
  }

  // ---------------------------------------------------------------- 3. local deletion

  @Test
  void aLocallyDeletedDatasetIsDeletedRemotelyAndPurged() {
    InMemoryLocalStore store = new InMemoryLocalStore();
    SyncClient client = h.client(store);
    Dataset ds = client.dataset("games");
    ds.put("k", "v");
    h.sync(ds.sync());
    assertThat(remote.datasetExists(ID, "games")).isTrue();

    ds.delete();
    assertThat(ds.lastSyncCount()).isEqualTo(-1);
    assertThat(ds.get("k")).isNull();
    SyncReport report = h.sync(ds.sync());

    assertThat(report.datasetDeleted()).isTrue();
    assertThat(remote.datasetExists(ID, "games")).isFalse();
    LocalDataset purged = store.read(tx -> tx.dataset(ID, "games"));
    assertThat(purged).isNull();
  }

  @Test
  void deletingADatasetTheServerNeverHadToleratesNotFound() {
    InMemoryLocalStore store = new InMemoryLocalStore();
    Dataset ds = h.client(store).dataset("local-only");
    ds.put("k", "v");
    ds.delete();

    SyncReport report = h.sync(ds.sync());

    assertThat(report.datasetDeleted()).isTrue();
    assertThat(remote.calls(Operation.DELETE_DATASET)).isEqualTo(1);
    LocalDataset purged = store.read(tx -> tx.dataset(ID, "local-only"));
    assertThat(purged).isNull();
  }

  @Test
  void writesAfterDeleteSurviveAsANewDataset() {
    InMemoryLocalStore store = new InMemoryLocalStore();
    Dataset ds = h.client(store).dataset("games");
    ds.put("old", "1");
    h.sync(ds.sync());
    ds.delete();
    ds.put("new", "2");

    SyncReport report = h.sync(ds.sync());

    assertThat(report.datasetDeleted()).isTrue();
    assertThat(remote.serverValues(ID, "games")).containsExactly(Map.entry("new", "2"));
    assertThat(ds.getAll()).containsExactly(Map.entry("new", "2"));
    assertThat(ds.pendingKeys()).isEmpty();
  }

  // ---------------------------------------------------------------- 4. pull: CAS, equal values, conflicts, pages

  @Test
  void aWriteMadeDuringThePullIsNeverOverwrittenNorLosesItsDirtyMark() {
    HookedLocalStore store = new HookedLocalStore(new InMemoryLocalStore());
    Dataset ds = h.track(h.builder(new InMemoryLocalStore()).localStore(store).build()).dataset("games");
    remote.putDirect(ID, "games", map("k", "theirs", "other", "x"));
    // the app writes between the page's read and its write transaction
    remote.on(Operation.LIST_RECORDS).runAfter(1, call -> store.beforeNextWrite(() -> ds.put("k", "mine")));
    remote.on(Operation.UPDATE_RECORDS).failBeforeApplying(1); // stop before the push to look at the pull

    h.syncError(ds.sync());

    Record k = ds.record("k");
    assertThat(k.value()).isEqualTo("mine");
    assertThat(k.isDirty()).isTrue();
    assertThat(ds.get("other")).isEqualTo("x");
  }

  @Test
  void aResolutionThatAnAppWriteSupersedesIsNeitherAppliedNorReported() {
    List<String> localsSeen = new ArrayList<>();
    Dataset[] holder = new Dataset[1];
    List<dev.offsync.RecordEvent> events = new ArrayList<>();
    SyncClient client = h.client(new InMemoryLocalStore(), conflict -> {
      localsSeen.add(conflict.local().value());
      if (localsSeen.size() == 1) {
        holder[0].put("k", "app, meanwhile"); // the app writes while the resolver decides
        return dev.offsync.Resolution.useRemote();
      }
      return dev.offsync.Resolution.useLocal();
    });
    client.events().subscribe(events::add);
    Dataset ds = holder[0] = client.dataset("games");
    ds.put("k", "mine");
    remote.putDirect(ID, "games", map("k", "theirs"));

    SyncReport report = h.sync(ds.sync());

    // the first decision (remote wins over "mine") was skipped by the app's newer write: the next round decided
    // on the new value, and only that decision happened
    assertThat(localsSeen).containsExactly("mine", "app, meanwhile");
    assertThat(report.conflicts()).hasSize(1);
    assertThat(report.conflicts().get(0).conflict().local().value()).isEqualTo("app, meanwhile");
    assertThat(events).filteredOn(e -> e.type() == dev.offsync.RecordEvent.Type.RESOLVED).hasSize(1);
    assertThat(remote.serverValues(ID, "games")).containsEntry("k", "app, meanwhile");
    assertThat(ds.pendingKeys()).isEmpty();
  }

  @Test
  void aDirtyRowWithTheRemoteValueAdoptsItsSyncCountWithoutAConflict() {
    Dataset ds = h.client(new InMemoryLocalStore(), c -> {
      throw new AssertionError("no conflict expected");
    }).dataset("games");
    ds.put("k", "same");
    List<dev.offsync.spi.RemoteRecord> written = remote.putDirect(ID, "games", map("k", "same"));

    SyncReport report = h.sync(ds.sync());

    assertThat(report.conflicts()).isEmpty();
    assertThat(report.recordsPushed()).isZero();
    Record k = ds.record("k");
    assertThat(k.isDirty()).isFalse();
    assertThat(k.syncCount()).isEqualTo(written.get(0).syncCount());
    assertThat(remote.calls(Operation.UPDATE_RECORDS)).isZero();
  }

  @Test
  void aDirtyRowWithADifferentValueIsAConflictCarryingTheBase() {
    List<dev.offsync.SyncConflict> seen = new ArrayList<>();
    Dataset ds = h.client(new InMemoryLocalStore(), c -> {
      seen.add(c);
      return ConflictResolvers.localWins().resolve(c);
    }).dataset("games");
    ds.put("k", "base");
    h.sync(ds.sync());
    ds.put("k", "mine");
    remote.putDirect(ID, "games", map("k", "theirs"));

    SyncReport report = h.sync(ds.sync());

    assertThat(seen).hasSize(1);
    assertThat(seen.get(0).baseValue()).isEqualTo("base");
    assertThat(seen.get(0).baseSyncCount()).isEqualTo(1);
    assertThat(seen.get(0).local().value()).isEqualTo("mine");
    assertThat(seen.get(0).remote().value()).isEqualTo("theirs");
    assertThat(report.conflicts()).hasSize(1);
    assertThat(remote.serverValues(ID, "games")).containsEntry("k", "mine");
    assertThat(ds.record("k").isDirty()).isFalse();
    assertThat(report.attempts()).isEqualTo(1);
  }

  @Test
  void pagesOf1024AreEachAppliedInOneTransaction() {
    InMemoryLocalStore store = new InMemoryLocalStore();
    Dataset ds = h.client(store).dataset("big");
    Map<String, String> values = new HashMap<>();
    for (int i = 0; i < 1000; i++) {
      values.put("a" + i, "v");
    }
    remote.putDirect(ID, "big", values);
    Map<String, String> more = new HashMap<>();
    for (int i = 0; i < 500; i++) {
      more.put("b" + i, "v");
    }
    remote.putDirect(ID, "big", more);
    long writesBefore = store.writeCount();

    SyncReport report = h.sync(ds.sync());

    assertThat(remote.calls(Operation.LIST_RECORDS)).isEqualTo(2);
    assertThat(report.recordsApplied()).isEqualTo(1500);
    // one write per page + the final bookkeeping write, + the store remembering the client's identity (once per
    // store and identity: the first sync of a client that has nothing to adopt)
    assertThat(store.writeCount() - writesBefore).isEqualTo(4);
    assertThat(ds.lastSyncCount()).isEqualTo(2);
  }

  // ---------------------------------------------------------------- 5. push

  @Test
  void pushSendsTombstonesAsRemovesOnTheirBaseAndInAsFewRequestsAsLimitsAllow() {
    InMemoryLocalStore store = new InMemoryLocalStore();
    SyncClient client = h.track(h.builder(store)
        .limits(dev.offsync.Limits.builder().maxPatchesPerRequest(2).build()).build());
    Dataset ds = client.dataset("games");
    ds.putAll(map("a", "1", "b", "2", "c", "3", "d", "4", "e", "5"));
    h.sync(ds.sync());
    assertThat(remote.calls(Operation.UPDATE_RECORDS)).isEqualTo(3);
    remote.resetCounters();

    ds.remove("a");
    ds.put("b", "");
    SyncReport report = h.sync(ds.sync());

    assertThat(remote.calls(Operation.UPDATE_RECORDS)).isEqualTo(1);
    assertThat(report.recordsPushed()).isEqualTo(2);
    assertThat(remote.serverRecords(ID, "games").get("a").value()).isNull();
    assertThat(remote.serverValues(ID, "games")).containsEntry("b", "").doesNotContainKey("a");
    assertThat(ds.record("a").isDeleted()).isTrue();
    assertThat(ds.record("a").isDirty()).isFalse();
  }

  @Test
  void aWriteDuringThePushRoundTripStaysDirtyOnTheNewBase() {
    Dataset ds = h.client(new InMemoryLocalStore()).dataset("games");
    ds.put("k", "v1");
    remote.on(Operation.UPDATE_RECORDS).runAfter(1, call -> ds.put("k", "v2"));

    h.sync(ds.sync());

    Record k = ds.record("k");
    assertThat(k.value()).isEqualTo("v2");
    assertThat(k.isDirty()).isTrue();
    assertThat(k.syncCount()).isEqualTo(remote.datasetSyncCount(ID, "games"));
    // the next sync pushes v2 on the right base: no conflict
    SyncReport next = h.sync(ds.sync());
    assertThat(next.attempts()).isEqualTo(1);
    assertThat(remote.serverValues(ID, "games")).containsEntry("k", "v2");
  }

  @Test
  void theWatermarkFastForwardsOnlyWhenThePushWasTheOnlyChange() {
    Dataset ds = h.client(new InMemoryLocalStore()).dataset("games");
    ds.put("k", "v");
    h.sync(ds.sync());
    assertThat(ds.lastSyncCount()).isEqualTo(1); // 0 -> 1: fast-forwarded

    ds.put("k", "v2");
    // another device writes another key between our pull and our push: our push lands on 3, not 2
    remote.on(Operation.UPDATE_RECORDS).runBefore(1, call -> remote.putDirect(ID, "games", map("x", "theirs")));
    h.sync(ds.sync());
    assertThat(remote.datasetSyncCount(ID, "games")).isEqualTo(3);
    assertThat(ds.lastSyncCount()).isEqualTo(1);
    assertThat(ds.get("x")).isNull();

    h.sync(ds.sync());
    assertThat(ds.get("x")).isEqualTo("theirs");
    assertThat(ds.lastSyncCount()).isEqualTo(3);
  }

  // ---------------------------------------------------------------- 6. 409: rewind to the lowest base

  @Test
  void aConflictRewindsToTheLowestPushedBaseThenResolvesAndPushes() {
    Dataset ds = h.client(new InMemoryLocalStore(), ConflictResolvers.localWins()).dataset("games");
    ds.put("a", "a0");
    h.sync(ds.sync()); // a@1
    ds.put("b", "b0");
    h.sync(ds.sync()); // b@2 (a push of only new keys does not fast-forward the watermark)
    h.sync(ds.sync()); // the pull brings the watermark to 2
    ds.put("a", "a-mine");
    ds.put("b", "b-mine");
    List<Long> pulledFrom = new ArrayList<>();
    remote.on(Operation.LIST_RECORDS).runBefore(FakeRemoteStore.ALWAYS, call -> pulledFrom.add(call.lastSyncCount()));
    remote.on(Operation.UPDATE_RECORDS).runBefore(1, call -> remote.putDirect(ID, "games", map("a", "a-theirs")));

    SyncReport report = h.sync(ds.sync());

    assertThat(pulledFrom).containsExactly(2L, 1L); // lowest base (a@1), never the highest (b@2)
    assertThat(report.attempts()).isEqualTo(2);
    assertThat(report.conflicts()).hasSize(1);
    assertThat(remote.serverValues(ID, "games")).containsEntry("a", "a-mine").containsEntry("b", "b-mine");
    assertThat(ds.pendingKeys()).isEmpty();
  }

  @Test
  void conflictRetriesAreBoundedAndTheErrorCarriesTheServerMessage() {
    Dataset ds = h.client(new InMemoryLocalStore(), ConflictResolvers.localWins()).dataset("games");
    ds.put("k", "mine");
    int[] n = {0};
    remote.on(Operation.UPDATE_RECORDS).runBefore(FakeRemoteStore.ALWAYS,
        call -> remote.putDirect(ID, "games", map("k", "theirs" + n[0]++)));

    Throwable error = h.syncError(ds.sync());

    assertThat(error).isInstanceOf(ConflictRetriesExhaustedException.class);
    assertThat(((ConflictRetriesExhaustedException) error).attempts()).isEqualTo(5);
    assertThat(error.getMessage()).contains("Current SyncCount for: k");
    assertThat(remote.calls(Operation.UPDATE_RECORDS)).isEqualTo(5);
    assertThat(ds.isChanged("k")).isTrue(); // nothing lost
  }

  @Test
  void a400WithTheStaleSyncCountMessageIsTreatedAsAConflict() {
    Dataset ds = h.client(new InMemoryLocalStore()).dataset("games");
    ds.put("k", "v");
    remote.on(Operation.UPDATE_RECORDS).fail(1,
        () -> new InvalidParameterException("Current SyncCount for: k is: 2 not: 0"));

    SyncReport report = h.sync(ds.sync());

    assertThat(report.attempts()).isEqualTo(2);
    assertThat(remote.serverValues(ID, "games")).containsEntry("k", "v");
  }

  @Test
  void fullResyncRepairsAWatermarkThatSkippedRecords() {
    InMemoryLocalStore store = new InMemoryLocalStore();
    Dataset ds = h.client(store).dataset("games");
    ds.put("mine", "1");
    h.sync(ds.sync());
    remote.putDirect(ID, "games", map("missed", "x"));
    // a corrupted watermark claims we have everything
    store.write(tx -> {
      tx.putDataset(tx.dataset(ID, "games").newBuilder().watermark(2).build());
      return null;
    });
    h.sync(ds.sync());
    assertThat(ds.get("missed")).isNull();

    SyncReport report = h.sync(ds.fullResync());

    assertThat(ds.get("missed")).isEqualTo("x");
    assertThat(report.syncCount()).isEqualTo(2);
  }

  @Test
  void aWatermarkAboveTheServerCountIsRepairedByAFullPull() {
    InMemoryLocalStore store = new InMemoryLocalStore();
    Dataset ds = h.client(store).dataset("games");
    remote.putDirect(ID, "games", map("k", "v"));
    h.sync(ds.sync());
    store.write(tx -> {
      tx.putDataset(tx.dataset(ID, "games").newBuilder().watermark(37).build());
      return null;
    });

    SyncReport report = h.sync(ds.sync());

    assertThat(report.syncCount()).isEqualTo(1);
    assertThat(ds.lastSyncCount()).isEqualTo(1);
  }

  // ---------------------------------------------------------------- 7. lost acknowledgement

  @Test
  void aLostAcknowledgementHealsOnTheNextAttemptWithoutConflictOrSecondWrite() {
    Dataset ds = h.client(new InMemoryLocalStore(), c -> {
      throw new AssertionError("no conflict expected");
    }).dataset("games");
    ds.put("k", "v");
    remote.on(Operation.UPDATE_RECORDS).failAfterApplying(1);

    assertThat(h.syncError(ds.sync())).isInstanceOf(NetworkException.class);
    assertThat(ds.isChanged("k")).isTrue();
    assertThat(remote.serverValues(ID, "games")).containsEntry("k", "v");

    SyncReport report = h.sync(ds.sync());

    assertThat(report.conflicts()).isEmpty();
    assertThat(report.recordsPushed()).isZero();
    assertThat(remote.calls(Operation.UPDATE_RECORDS)).isEqualTo(1);
    assertThat(ds.isChanged("k")).isFalse();
    assertThat(ds.record("k").syncCount()).isEqualTo(1);
    assertThat(Collections.singletonList(ds.lastSyncCount())).containsExactly(1L);
  }
}
