package dev.offsync.engine;

import org.junit.jupiter.api.extension.ExtendWith;
import dev.offsync.testing.NoUndeliverableErrors;
import static dev.offsync.engine.Harness.ID;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.offsync.ConflictResolver;
import dev.offsync.ConflictResolvers;
import dev.offsync.Dataset;
import dev.offsync.RecordEvent;
import dev.offsync.Resolution;
import dev.offsync.SyncClient;
import dev.offsync.SyncConflict;
import dev.offsync.SyncReport;
import dev.offsync.spi.LocalRecord;
import dev.offsync.testing.FakeRemoteStore.Operation;
import dev.offsync.testing.InMemoryLocalStore;
import io.reactivex.rxjava3.observers.TestObserver;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/**
 * Deferred conflicts are kept in the local store with their record: they survive a restart of the client,
 * are shared by every handle and client on the store, are never pushed, and are settled by
 * {@link Dataset#resolve} against the stored remote side.
 */
@ExtendWith(NoUndeliverableErrors.class)
class DeferredConflictsTest {
  private final Harness h = new Harness();
  private final InMemoryLocalStore store = new InMemoryLocalStore();

  /** A resolver that answers what it is told and remembers every conflict it was asked about. */
  private static final class ScriptedResolver implements ConflictResolver {
    final AtomicReference<Resolution> answer = new AtomicReference<>(Resolution.defer());
    final List<SyncConflict> asked = new ArrayList<>();

    @Override
    public Resolution resolve(SyncConflict conflict) {
      asked.add(conflict);
      return answer.get();
    }
  }

  /** "k" synced as "base", edited locally to "mine", changed to "theirs" by another device; then synced. */
  private Dataset deferredOn(SyncClient client) {
    Dataset ds = client.dataset("games");
    ds.put("k", "base");
    h.sync(ds.sync());
    ds.put("k", "mine");
    h.remote.putDirect(ID, "games", Collections.singletonMap("k", "theirs"));
    SyncReport report = h.sync(ds.sync());
    assertThat(report.deferredKeys()).containsExactly("k");
    return ds;
  }

  private LocalRecord row(String key) {
    return store.read(tx -> tx.record(ID, "games", key));
  }

  @Test
  void aDeferredConflictSurvivesARestartIsNotPushedAndResolvesAfterIt() {
    SyncClient first = h.client(store, ConflictResolvers.deferAll());
    deferredOn(first);
    long theirsCount = h.remote.serverRecords(ID, "games").get("k").syncCount();
    assertThat(h.remote.calls(Operation.UPDATE_RECORDS)).isEqualTo(1);
    first.close();

    ScriptedResolver resolver = new ScriptedResolver();
    resolver.answer.set(Resolution.useRemote());
    SyncClient second = h.client(store, resolver);
    Dataset ds = second.dataset("games");

    List<SyncConflict> conflicts = ds.conflicts();
    assertThat(conflicts).hasSize(1);
    SyncConflict c = conflicts.get(0);
    assertThat(c.key()).isEqualTo("k");
    assertThat(c.datasetName()).isEqualTo("games");
    assertThat(c.local().value()).isEqualTo("mine");
    assertThat(c.local().isDirty()).isTrue();
    assertThat(c.remote().value()).isEqualTo("theirs");
    assertThat(c.remote().syncCount()).isEqualTo(theirsCount);
    assertThat(c.baseValue()).isEqualTo("base");
    assertThat(c.baseSyncCount()).isLessThan(theirsCount);
    assertThat(ds.pendingKeys()).containsExactly("k");

    // after the restart the next sync neither pushes it (no 409) nor asks the resolver again
    SyncReport report = h.sync(ds.sync());
    assertThat(report.attempts()).isEqualTo(1);
    assertThat(report.recordsPushed()).isZero();
    assertThat(report.deferredKeys()).containsExactly("k");
    assertThat(report.conflicts()).isEmpty();
    assertThat(resolver.asked).isEmpty();
    assertThat(h.remote.calls(Operation.UPDATE_RECORDS)).isEqualTo(1);
    assertThat(ds.conflicts()).hasSize(1);

    TestObserver<RecordEvent> events = ds.events().test();
    long writes = store.writeCount();
    ds.resolve("k", Resolution.useLocal());
    assertThat(store.writeCount()).as("resolved in one transaction").isEqualTo(writes + 1);
    assertThat(ds.conflicts()).isEmpty();
    assertThat(row("k").pendingConflict()).isNull();
    assertThat(row("k").syncCount()).as("rebased on the stored remote side").isEqualTo(theirsCount);
    assertThat(row("k").baseValue()).isEqualTo("theirs");
    assertThat(events.values()).extracting(RecordEvent::type).containsExactly(RecordEvent.Type.RESOLVED);
    assertThat(events.values().get(0).conflict().remote().value()).isEqualTo("theirs");

    SyncReport after = h.sync(ds.sync());
    assertThat(after.attempts()).isEqualTo(1);
    assertThat(after.recordsPushed()).isEqualTo(1);
    assertThat(after.deferredKeys()).isEmpty();
    assertThat(h.remote.serverValues(ID, "games")).containsEntry("k", "mine");
    assertThat(ds.pendingKeys()).isEmpty();
    assertThat(resolver.asked).isEmpty();
  }

  @Test
  void everyHandleAndEveryClientOnTheStoreSeesTheSameConflicts() {
    SyncClient first = h.client(store, ConflictResolvers.deferAll());
    Dataset a = deferredOn(first);
    Dataset b = first.dataset("games");
    SyncClient second = h.client(store, ConflictResolvers.deferAll());
    Dataset c = second.dataset("games");
    assertThat(b.conflicts()).isEqualTo(a.conflicts());
    assertThat(c.conflicts()).isEqualTo(a.conflicts());

    c.resolve("k", Resolution.useRemote());
    assertThat(a.conflicts()).isEmpty();
    assertThat(b.conflicts()).isEmpty();
    assertThat(a.get("k")).isEqualTo("theirs");
    assertThat(a.pendingKeys()).isEmpty();
    assertThatThrownBy(() -> a.resolve("k", Resolution.useLocal()))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("k");
  }

  @Test
  void resolvingAKeyWithoutAConflictThrowsAndWritesNothing() {
    SyncClient client = h.client(store, ConflictResolvers.deferAll());
    Dataset ds = deferredOn(client);
    ds.put("other", "x");
    long writes = store.writeCount();
    assertThatThrownBy(() -> ds.resolve("other", Resolution.useLocal())).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> ds.resolve("missing", Resolution.defer())).isInstanceOf(IllegalArgumentException.class);
    assertThat(store.writeCount()).isEqualTo(writes);

    ds.resolve("k", Resolution.defer());
    assertThat(ds.conflicts()).extracting(SyncConflict::key).containsExactly("k");
    assertThat(store.writeCount()).as("defer leaves it as it is").isEqualTo(writes);
  }

  @Test
  void aNewerRemoteVersionReplacesTheStoredRemoteSideAndAsksTheResolverAgain() {
    ScriptedResolver resolver = new ScriptedResolver();
    SyncClient client = h.client(store, resolver);
    Dataset ds = deferredOn(client);
    assertThat(resolver.asked).hasSize(1);

    // the same remote version again (a full re-pull) is not a new conflict
    h.sync(ds.fullResync());
    assertThat(resolver.asked).hasSize(1);
    assertThat(ds.conflicts().get(0).remote().value()).isEqualTo("theirs");

    h.remote.putDirect(ID, "games", Collections.singletonMap("k", "theirs2"));
    SyncReport report = h.sync(ds.sync());
    assertThat(resolver.asked).hasSize(2);
    assertThat(resolver.asked.get(1).remote().value()).isEqualTo("theirs2");
    assertThat(resolver.asked.get(1).local().value()).isEqualTo("mine");
    assertThat(resolver.asked.get(1).baseValue()).isEqualTo("base");
    assertThat(report.deferredKeys()).containsExactly("k");
    assertThat(ds.conflicts()).hasSize(1);
    assertThat(ds.conflicts().get(0).remote().value()).isEqualTo("theirs2");
    assertThat(row("k").pendingConflict().syncCount())
        .isEqualTo(h.remote.serverRecords(ID, "games").get("k").syncCount());
    assertThat(h.remote.calls(Operation.UPDATE_RECORDS)).isEqualTo(1);

    // and this time the resolver decides: the conflict is gone with the decision
    h.remote.putDirect(ID, "games", Collections.singletonMap("k", "theirs3"));
    resolver.answer.set(Resolution.useValue("merged"));
    h.sync(ds.sync());
    assertThat(resolver.asked).hasSize(3);
    assertThat(ds.conflicts()).isEmpty();
    assertThat(row("k").pendingConflict()).isNull();
    assertThat(h.remote.serverValues(ID, "games")).containsEntry("k", "merged");
    assertThat(ds.pendingKeys()).isEmpty();
  }

  @Test
  void aNewerRemoteVersionEqualToTheLocalValueSettlesTheConflict() {
    SyncClient client = h.client(store, ConflictResolvers.deferAll());
    Dataset ds = deferredOn(client);
    h.remote.putDirect(ID, "games", Collections.singletonMap("k", "mine"));
    SyncReport report = h.sync(ds.sync());
    assertThat(report.deferredKeys()).isEmpty();
    assertThat(ds.conflicts()).isEmpty();
    assertThat(ds.pendingKeys()).isEmpty();
    assertThat(ds.get("k")).isEqualTo("mine");
  }

  @Test
  void anAppWriteToADeferredKeyKeepsTheConflictAndIsPushedOnlyOnceResolved() {
    SyncClient client = h.client(store, ConflictResolvers.deferAll());
    Dataset ds = deferredOn(client);
    ds.put("k", "mine2");
    assertThat(ds.conflicts()).hasSize(1);
    assertThat(ds.conflicts().get(0).local().value()).isEqualTo("mine2");
    assertThat(ds.conflicts().get(0).remote().value()).isEqualTo("theirs");
    assertThat(ds.conflicts().get(0).baseValue()).isEqualTo("base");

    h.sync(ds.sync());
    assertThat(h.remote.calls(Operation.UPDATE_RECORDS)).isEqualTo(1);
    assertThat(h.remote.serverValues(ID, "games")).containsEntry("k", "theirs");

    ds.resolve("k", Resolution.useLocal());
    SyncReport report = h.sync(ds.sync());
    assertThat(report.attempts()).isEqualTo(1);
    assertThat(h.remote.serverValues(ID, "games")).containsEntry("k", "mine2");
  }

  @Test
  void removingANeverSyncedKeyWithADeferredConflictKeepsItsRemoteSide() {
    SyncClient client = h.client(store, ConflictResolvers.deferAll());
    Dataset ds = client.dataset("games");
    ds.put("seed", "s");
    h.sync(ds.sync());
    ds.put("n", "local-only");
    h.remote.putDirect(ID, "games", Collections.singletonMap("n", "from-elsewhere"));
    h.sync(ds.sync());
    assertThat(ds.conflicts()).extracting(SyncConflict::key).containsExactly("n");
    assertThat(ds.conflicts().get(0).baseSyncCount()).isZero();

    ds.remove("n");
    assertThat(ds.conflicts()).hasSize(1);
    assertThat(ds.conflicts().get(0).local().isDeleted()).isTrue();
    assertThat(ds.record("n").isDirty()).isTrue();

    ds.resolve("n", Resolution.useRemote());
    assertThat(ds.get("n")).isEqualTo("from-elsewhere");
    assertThat(ds.pendingKeys()).isEmpty();
  }

  @Test
  void aRemotelyDeletedDatasetPushedAgainDropsItsStaleConflicts() {
    SyncClient client = h.client(store, ConflictResolvers.deferAll());
    Dataset ds = deferredOn(client);
    h.remote.deleteDirect(ID, "games");
    SyncReport report = h.sync(ds.sync());
    assertThat(report.remoteDeletionDetected()).isTrue();
    assertThat(report.recreated()).isTrue();
    assertThat(ds.conflicts()).isEmpty();
    assertThat(h.remote.serverValues(ID, "games")).containsEntry("k", "mine");
    assertThat(ds.pendingKeys()).isEmpty();
  }

  @Test
  void deletingTheDatasetLocallyDropsItsConflicts() {
    SyncClient client = h.client(store, ConflictResolvers.deferAll());
    Dataset ds = deferredOn(client);
    ds.delete();
    assertThat(ds.conflicts()).isEmpty();
  }
}
