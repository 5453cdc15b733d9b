package dev.offsync.engine;

import org.junit.jupiter.api.extension.ExtendWith;
import dev.offsync.testing.NoUndeliverableErrors;
import static dev.offsync.engine.Harness.ID;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.offsync.ConflictResolver;
import dev.offsync.ConflictResolvers;
import dev.offsync.Dataset;
import dev.offsync.Record;
import dev.offsync.RecordEvent;
import dev.offsync.Resolution;
import dev.offsync.SyncClient;
import dev.offsync.SyncConflict;
import dev.offsync.SyncReport;
import dev.offsync.testing.FakeRemoteStore.Operation;
import dev.offsync.testing.InMemoryLocalStore;
import io.reactivex.rxjava3.observers.TestObserver;
import java.time.Instant;
import java.util.Collections;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Built-in resolvers (three-way merge included) and how the engine applies every kind of resolution. */
@ExtendWith(NoUndeliverableErrors.class)
class ConflictResolutionTest {
  private final Harness h = new Harness();

  private static SyncConflict conflict(String base, String local, String remote, Instant localAt, Instant remoteAt) {
    Record l = Record.builder("k").value(local).syncCount(3).dirty(true).deviceLastModifiedDate(localAt).build();
    Record r = Record.builder("k").value(remote).syncCount(5).deviceLastModifiedDate(remoteAt)
        .lastModifiedDate(Instant.parse("2026-01-01T00:00:00Z")).build();
    return new SyncConflict("ds", l, r, base, 3);
  }

  @Test
  void builtInResolvers() {
    Instant t1 = Instant.parse("2026-01-01T10:00:00Z");
    Instant t2 = t1.plusSeconds(1);
    SyncConflict c = conflict("b", "l", "r", t2, t1);
    assertThat(ConflictResolvers.remoteWins().resolve(c)).isEqualTo(Resolution.useRemote());
    assertThat(ConflictResolvers.localWins().resolve(c)).isEqualTo(Resolution.useLocal());
    assertThat(ConflictResolvers.deferAll().resolve(c)).isEqualTo(Resolution.defer());
    assertThat(ConflictResolvers.lastWriterWins().resolve(c)).isEqualTo(Resolution.useLocal());
    assertThat(ConflictResolvers.lastWriterWins().resolve(conflict("b", "l", "r", t1, t2)))
        .isEqualTo(Resolution.useRemote());
    assertThat(ConflictResolvers.lastWriterWins().resolve(conflict("b", "l", "r", t1, t1)))
        .as("ties go to the remote side").isEqualTo(Resolution.useRemote());
    assertThat(ConflictResolvers.lastWriterWins().resolve(conflict("b", "l", "r", null, t1)))
        .isEqualTo(Resolution.useRemote());
    // no remote device date: the server date is used
    assertThat(ConflictResolvers.lastWriterWins().resolve(conflict("b", "l", "r", t2, null)))
        .isEqualTo(Resolution.useLocal());
  }

  @Test
  void threeWayMergeSeesBaseLocalAndRemote() {
    // a set-union merge of comma-separated values, removing what either side removed from the base
    ConflictResolver union = ConflictResolvers.threeWayMerge((base, local, remote) -> {
      java.util.Set<String> b = split(base);
      java.util.Set<String> out = new java.util.TreeSet<>(split(local));
      out.addAll(split(remote));
      for (String x : b) {
        if (!split(local).contains(x) || !split(remote).contains(x)) {
          out.remove(x);
        }
      }
      return String.join(",", out);
    });
    assertThat(union.resolve(conflict("a,b", "a,b,c", "b,d", null, null))).isEqualTo(Resolution.useValue("b,c,d"));
    assertThat(union.resolve(conflict("a", "a", "a,x", null, null)))
        .as("a merge equal to the remote value takes the remote record").isEqualTo(Resolution.useRemote());
    ConflictResolver deleter = ConflictResolvers.merge((local, remote) -> null);
    assertThat(deleter.resolve(conflict("b", "l", "r", null, null))).isEqualTo(Resolution.delete());
    assertThat(deleter.resolve(conflict("b", "l", null, null, null))).isEqualTo(Resolution.useRemote());
    assertThatThrownBy(() -> ConflictResolvers.merge(null)).isInstanceOf(NullPointerException.class)
        .hasMessage("merge == null");
  }

  private static java.util.Set<String> split(String s) {
    java.util.Set<String> out = new java.util.TreeSet<>();
    if (s != null && !s.isEmpty()) {
      Collections.addAll(out, s.split(","));
    }
    return out;
  }

  /** Puts "base", syncs, edits locally to "mine" and remotely to "theirs". */
  private Dataset conflicted(SyncClient client) {
    Dataset ds = client.dataset("games");
    ds.put("k", "base");
    h.sync(ds.sync());
    ds.put("k", "mine");
    h.remote.putDirect(ID, "games", Collections.singletonMap("k", "theirs"));
    return ds;
  }

  @Test
  void useValueAndDeleteArePushedOnTheRemoteBase() {
    Dataset merged = conflicted(h.client(new InMemoryLocalStore(),
        c -> Resolution.useValue(c.baseValue() + "+" + c.local().value() + "+" + c.remote().value())));
    h.sync(merged.sync());
    assertThat(h.remote.serverValues(ID, "games")).containsEntry("k", "base+mine+theirs");
    assertThat(merged.pendingKeys()).isEmpty();

    Harness other = new Harness();
    SyncClient deleting = other.client(new InMemoryLocalStore(), c -> Resolution.delete());
    Dataset ds = deleting.dataset("games");
    ds.put("k", "base");
    other.sync(ds.sync());
    ds.put("k", "mine");
    other.remote.putDirect(ID, "games", Collections.singletonMap("k", "theirs"));
    other.sync(ds.sync());
    assertThat(other.remote.serverRecords(ID, "games").get("k").value()).isNull();
    assertThat(ds.get("k")).isNull();
  }

  @Test
  void aThrowingResolverLeavesTheRecordDirtyReportsAndNeverLoops() {
    SyncClient client = h.client(new InMemoryLocalStore(), c -> {
      throw new IllegalStateException("boom");
    });
    Dataset ds = conflicted(client);
    TestObserver<RecordEvent> events = ds.events().test();

    SyncReport report = h.sync(ds.sync());

    assertThat(report.failedKeys()).containsExactly("k");
    assertThat(report.conflicts()).hasSize(1);
    assertThat(report.conflicts().get(0).error()).hasMessage("boom");
    assertThat(report.attempts()).isEqualTo(1);
    assertThat(h.remote.calls(Operation.UPDATE_RECORDS)).isEqualTo(1); // only the first sync's push
    assertThat(ds.record("k").value()).isEqualTo("mine");
    assertThat(ds.isChanged("k")).isTrue();
    assertThat(events.values()).extracting(RecordEvent::type)
        .containsExactly(RecordEvent.Type.CONFLICTED, RecordEvent.Type.FAILED);
  }

  @Test
  void aDeferredConflictIsListedNotPushedAndResolvedLater() {
    Dataset ds = conflicted(h.client(new InMemoryLocalStore(), ConflictResolvers.deferAll()));

    SyncReport report = h.sync(ds.sync());

    assertThat(report.deferredKeys()).containsExactly("k");
    assertThat(ds.conflicts()).hasSize(1);
    assertThat(ds.conflicts().get(0).remote().value()).isEqualTo("theirs");
    assertThat(ds.record("k").value()).isEqualTo("mine");
    assertThat(h.remote.calls(Operation.UPDATE_RECORDS)).isEqualTo(1);

    ds.resolve("k", Resolution.useLocal());
    assertThat(ds.conflicts()).isEmpty();
    SyncReport after = h.sync(ds.sync());
    assertThat(after.attempts()).isEqualTo(1);
    assertThat(h.remote.serverValues(ID, "games")).containsEntry("k", "mine");
    assertThat(ds.pendingKeys()).isEmpty();
    assertThatThrownBy(() -> ds.resolve("k", Resolution.useRemote())).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void aPerDatasetResolverOverridesTheDefault() {
    SyncClient client = h.track(h.builder(new InMemoryLocalStore())
        .conflictResolver(ConflictResolvers.remoteWins())
        .conflictResolver("games", ConflictResolvers.localWins())
        .build());
    Dataset ds = conflicted(client);
    h.sync(ds.sync());
    assertThat(h.remote.serverValues(ID, "games")).containsEntry("k", "mine");
  }

  @Test
  void conflictRetriesBackOffOnTheTimerScheduler() {
    SyncClient client = h.track(h.builder(new InMemoryLocalStore())
        .options(dev.offsync.SyncOptions.builder().conflictRetryDelay(java.time.Duration.ofSeconds(1)).build())
        .build());
    Dataset ds = client.dataset("games");
    ds.put("k", "mine");
    h.remote.on(Operation.UPDATE_RECORDS).runBefore(1,
        call -> h.remote.putDirect(ID, "games", Collections.singletonMap("k", "theirs")));

    TestObserver<SyncReport> t = ds.sync().test();
    t.assertNotComplete();
    assertThat(h.remote.calls(Operation.LIST_RECORDS)).isEqualTo(1);
    h.timer.advanceTimeBy(1, TimeUnit.SECONDS); // full jitter: at most the base delay on the first retry
    t.assertComplete();
    assertThat(h.remote.calls(Operation.LIST_RECORDS)).isEqualTo(2);
  }

  @Test
  void aResolutionCommittedBySyncThatThenFailsIsReportedByTheNextSync() {
    Dataset ds = conflicted(h.client(new InMemoryLocalStore(), c -> Resolution.useValue("merged")));
    h.remote.on(Operation.UPDATE_RECORDS).failBeforeApplying(1);

    assertThat(h.syncError(ds.sync())).isInstanceOf(dev.offsync.NetworkException.class);
    assertThat(ds.record("k").value()).as("the resolution was committed locally").isEqualTo("merged");

    SyncReport next = h.sync(ds.sync());

    assertThat(next.conflicts()).hasSize(1);
    assertThat(next.conflicts().get(0).conflict().local().value()).isEqualTo("mine");
    assertThat(next.conflicts().get(0).resolution()).isEqualTo(Resolution.useValue("merged"));
    assertThat(h.remote.serverValues(ID, "games")).containsEntry("k", "merged");
    assertThat(h.sync(ds.sync()).conflicts()).as("reported exactly once").isEmpty();
  }

  @Test
  void aResolutionTheDatasetLimitsCannotHoldFailsThatKeyInsteadOfWedgingEveryPush() {
    SyncClient client = h.track(h.builder(new InMemoryLocalStore())
        .limits(dev.offsync.Limits.builder().maxDatasetBytes(40).build())
        .conflictResolver(c -> Resolution.useValue("0123456789012345678901234567890123456789"))
        .build());
    Dataset ds = conflicted(client);
    TestObserver<RecordEvent> events = ds.events().test();

    SyncReport report = h.sync(ds.sync());

    assertThat(report.failedKeys()).containsExactly("k");
    assertThat(report.conflicts()).hasSize(1);
    assertThat(report.conflicts().get(0).error()).isInstanceOf(dev.offsync.LimitExceededException.class)
        .hasMessageContaining("more than 40");
    assertThat(ds.record("k").value()).as("the local edit is kept").isEqualTo("mine");
    assertThat(ds.isChanged("k")).isTrue();
    assertThat(h.remote.serverValues(ID, "games")).containsEntry("k", "theirs");
    assertThat(events.values()).extracting(RecordEvent::type)
        .containsExactly(RecordEvent.Type.CONFLICTED, RecordEvent.Type.FAILED);
  }
}
