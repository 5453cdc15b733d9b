package dev.offsync.engine;

import org.junit.jupiter.api.extension.ExtendWith;
import dev.offsync.testing.NoUndeliverableErrors;
import static org.assertj.core.api.Assertions.assertThat;

import dev.offsync.Dataset;
import dev.offsync.ManualIdentityProvider;
import dev.offsync.Resolution;
import dev.offsync.SyncClient;
import dev.offsync.SyncReport;
import dev.offsync.ValidationException;
import dev.offsync.spi.IdentityChange;
import dev.offsync.spi.IdentityProvider;
import dev.offsync.testing.InMemoryLocalStore;
import io.reactivex.rxjava3.core.Observable;
import io.reactivex.rxjava3.core.Single;
import io.reactivex.rxjava3.observers.TestObserver;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Merged copies at their edges: names cut at a dot or at the maximum length, a fold whose resolver answers what could
 * never be pushed, folding at the dataset limit or after close, and a merge or a user switch while a sync asks for its
 * identity.
 */
@ExtendWith(NoUndeliverableErrors.class)
class MergedCopyEdgeCasesTest {
  private static final String A = "us-east-1:aaaa";
  private static final String B = "us-east-1:bbbb";
  private final Harness h = new Harness();

  /** Builds {@code name} under A and under B, then merges B into A: B's copy becomes a merged copy. */
  private SyncClient twoCopies(InMemoryLocalStore store, ManualIdentityProvider identity, String name) {
    SyncClient client = h.client(store, identity);
    identity.switchTo(A, false);
    client.dataset(name).putAll(Map.of("both", "parent", "same", "1"));
    identity.switchTo(B, false);
    client.dataset(name).putAll(Map.of("both", "merged", "same", "1"));
    identity.switchTo(A, true);
    return client;
  }

  @Test
  void aFoldResolverValueThatCouldNeverBePushedIsRefusedAndNothingChanges() {
    ManualIdentityProvider identity = new ManualIdentityProvider();
    SyncClient client = twoCopies(new InMemoryLocalStore(), identity, "d");
    Dataset parent = client.dataset("d");
    Dataset merged = client.dataset("d." + B);

    parent.foldMerged(merged.name(), conflict -> Resolution.useValue("bad\u0000value")).test()
        .assertError(ValidationException.class);

    assertThat(parent.get("both")).isEqualTo("parent");
    assertThat(merged.get("both")).isEqualTo("merged");
    assertThat(merged.lastSyncCount()).isNotEqualTo(-1L);
  }

  @Test
  void aMergedCopyOfALongNameCutAtADotIsStillReported() {
    // 128 - ".us-east-1:bbbb".length() = 113 characters of the parent's name are kept, and the parent has a dot
    // right there
    String name = "p".repeat(113) + ".settings";
    ManualIdentityProvider identity = new ManualIdentityProvider();
    SyncClient client = twoCopies(new InMemoryLocalStore(), identity, name);
    String copy = name.substring(0, 113) + "." + B;
    assertThat(client.dataset(copy).get("both")).isEqualTo("merged");

    SyncReport report = h.sync(client.dataset(name).sync());

    assertThat(report.mergedDatasetNames()).contains(copy);
  }

  @Test
  void anUnrelatedDatasetOfTheMaximumLengthIsNotReportedAsAMergedCopy() {
    SyncClient client = h.client(new InMemoryLocalStore());
    String unrelated = "set." + "x".repeat(124);
    client.dataset(unrelated).put("k", "v");
    client.dataset("settings").put("k", "v");

    SyncReport report = h.sync(client.dataset("settings").sync());

    assertThat(report.mergedDatasetNames()).doesNotContain(unrelated);
  }

  /** A provider whose {@code identityId()} answers after a delay (a GetId call in flight) what it had when asked. */
  private static final class SlowProvider implements IdentityProvider {
    private final ManualIdentityProvider delegate;
    private final Harness h;

    SlowProvider(ManualIdentityProvider delegate, Harness h) {
      this.delegate = delegate;
      this.h = h;
    }

    @Override
    public String currentIdentityId() {
      return delegate.currentIdentityId();
    }

    @Override
    public Single<String> identityId() {
      return Single.defer(() -> {
        String asked = delegate.currentIdentityId();
        return Single.timer(1, TimeUnit.SECONDS, h.timer).map(x -> asked);
      });
    }

    @Override
    public Observable<IdentityChange> changes() {
      return delegate.changes();
    }
  }

  @Test
  void aMergeWhileTheSyncAsksForItsIdentityRunsTheSyncAsTheNewIdentityAtOnce() {
    ManualIdentityProvider manual = new ManualIdentityProvider(A);
    SyncClient client = h.client(new InMemoryLocalStore(), new SlowProvider(manual, h));
    Dataset ds = client.dataset("games");
    ds.put("k", "mine");

    TestObserver<SyncReport> sync = ds.sync().test();
    h.timer.advanceTimeBy(500, TimeUnit.MILLISECONDS);
    manual.switchTo(B, true); // the login merges while the sync's identity request is out
    h.timer.advanceTimeBy(3, TimeUnit.SECONDS);

    sync.assertNoErrors().assertComplete();
    assertThat(sync.values().get(0).identityId()).isEqualTo(B);
    assertThat(h.remote.serverValues(B, "games")).containsEntry("k", "mine");
    assertThat(ds.pendingKeys()).isEmpty();
  }

  @Test
  void aUserSwitchWhileTheSyncAsksForItsIdentityStillEndsItWithIdentityChanged() {
    ManualIdentityProvider manual = new ManualIdentityProvider(A);
    SyncClient client = h.client(new InMemoryLocalStore(), new SlowProvider(manual, h));
    Dataset ds = client.dataset("games");
    ds.put("k", "mine");

    TestObserver<SyncReport> sync = ds.sync().test();
    h.timer.advanceTimeBy(500, TimeUnit.MILLISECONDS);
    manual.switchTo(B, false);
    h.timer.advanceTimeBy(3, TimeUnit.SECONDS);

    sync.assertError(dev.offsync.IdentityChangedException.class);
    assertThat(h.remote.serverValues(A, "games")).isEmpty();
    assertThat(h.remote.serverValues(B, "games")).isEmpty();
  }

  @Test
  void aSyncRunAgainAfterAMergeReportsOneOutcomeAndItsProgressNeverGoesBack() {
    ManualIdentityProvider identity = new ManualIdentityProvider(A);
    SyncClient client = h.client(new InMemoryLocalStore(), identity);
    Dataset ds = client.dataset("games");
    ds.put("k", "mine");
    h.remote.putDirect(A, "games", Map.of("a", "1", "b", "2"));
    // the merge lands while the first run pushes: it has pulled two records by then
    h.remote.on(dev.offsync.testing.FakeRemoteStore.Operation.UPDATE_RECORDS)
        .runAfter(1, call -> identity.switchTo(B, true));
    java.util.List<dev.offsync.SyncProgress> progress = new java.util.ArrayList<>();
    ds.progress().subscribe(progress::add);

    SyncReport report = h.sync(ds.sync());

    assertThat(report.identityId()).isEqualTo(B);
    assertThat(progress).filteredOn(dev.offsync.SyncProgress::isFinished)
        .extracting(dev.offsync.SyncProgress::phase).containsExactly(dev.offsync.SyncProgress.Phase.DONE);
    for (int i = 1; i < progress.size(); i++) {
      dev.offsync.SyncProgress prev = progress.get(i - 1);
      dev.offsync.SyncProgress p = progress.get(i);
      assertThat(p.pullTotal()).as("pull total at %s", i).isGreaterThanOrEqualTo(prev.pullTotal());
      assertThat(p.pullCompleted()).as("pull completed at %s", i).isGreaterThanOrEqualTo(prev.pullCompleted());
      assertThat(p.pushTotal()).as("push total at %s", i).isGreaterThanOrEqualTo(prev.pushTotal());
      assertThat(p.pushCompleted()).as("push completed at %s", i).isGreaterThanOrEqualTo(prev.pushCompleted());
    }
    dev.offsync.SyncProgress last = progress.get(progress.size() - 1);
    assertThat(last.pullCompleted()).isEqualTo(last.pullTotal());
    assertThat(last.pushCompleted()).isEqualTo(last.pushTotal());
  }

  @Test
  void foldingAfterCloseSignalsClientClosedInsteadOfThrowing() {
    ManualIdentityProvider identity = new ManualIdentityProvider();
    SyncClient client = twoCopies(new InMemoryLocalStore(), identity, "d");
    Dataset parent = client.dataset("d");
    client.close();

    parent.foldMerged("d." + B, conflict -> Resolution.useRemote()).test()
        .assertError(dev.offsync.ClientClosedException.class);
  }

  @Test
  void foldingIntoADatasetNotStoredYetAtTheDatasetLimitSucceedsSinceTheCopyGoes() {
    InMemoryLocalStore store = new InMemoryLocalStore();
    SyncClient client = h.track(h.builder(store)
        .limits(dev.offsync.Limits.DEFAULT.newBuilder().maxDatasets(2).build()).build());
    client.dataset("other").put("x", "1");
    client.dataset("d.copy").put("k", "v");
    Dataset parent = client.dataset("d"); // not stored yet: the fold creates it while it deletes the copy

    parent.foldMerged("d.copy", conflict -> Resolution.useRemote()).test().assertComplete();

    assertThat(parent.getAll()).containsEntry("k", "v");
    assertThat(client.listDatasets()).extracting(dev.offsync.DatasetMetadata::name)
        .containsExactlyInAnyOrder("other", "d");
  }
}
