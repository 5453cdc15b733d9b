package dev.offsync.engine;

import dev.offsync.testing.VirtualClock;
import dev.offsync.ConflictResolver;
import dev.offsync.ConflictResolvers;
import dev.offsync.IdentityProviders;
import dev.offsync.Limits;
import dev.offsync.SyncClient;
import dev.offsync.SyncOptions;
import dev.offsync.SyncReport;
import dev.offsync.spi.ConnectivityMonitor;
import dev.offsync.spi.IdentityProvider;
import dev.offsync.testing.FakeRemoteStore;
import dev.offsync.testing.InMemoryLocalStore;
import io.reactivex.rxjava3.core.Single;
import io.reactivex.rxjava3.observers.TestObserver;
import io.reactivex.rxjava3.schedulers.Schedulers;
import io.reactivex.rxjava3.schedulers.TestScheduler;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;

/** Wires clients to the test kit's fakes on virtual time. */
final class Harness {
  static final String ID = "us-east-1:aaaa";

  final TestScheduler timer = new TestScheduler();
  final Clock clock = VirtualClock.following(timer);
  final FakeRemoteStore remote = new FakeRemoteStore(clock::instant);
  private final List<SyncClient> clients = new ArrayList<>();

  SyncClient.Builder builder(InMemoryLocalStore store) {
    return SyncClient.builder()
        .localStore(store)
        .remoteStore(remote)
        .identityProvider(IdentityProviders.fixed(ID))
        .conflictResolver(ConflictResolvers.remoteWins())
        .ioScheduler(Schedulers.trampoline())
        .timerScheduler(timer)
        .clock(clock)
        .random(new Random(42))
        .limits(Limits.DEFAULT)
        .options(SyncOptions.builder().conflictRetryDelay(java.time.Duration.ZERO).build())
        .deviceId("device-under-test");
  }

  SyncClient client(InMemoryLocalStore store) {
    return track(builder(store).build());
  }

  SyncClient client(InMemoryLocalStore store, ConflictResolver resolver) {
    return track(builder(store).conflictResolver(resolver).build());
  }

  SyncClient client(InMemoryLocalStore store, IdentityProvider identity) {
    return track(builder(store).identityProvider(identity).build());
  }

  SyncClient client(InMemoryLocalStore store, ConnectivityMonitor monitor, SyncOptions options) {
    return track(builder(store).connectivityMonitor(monitor).options(options).build());
  }

  SyncClient track(SyncClient c) {
    clients.add(c);
    return c;
  }

  /** Runs a sync to its end (advancing virtual time as far as needed) and returns the report. */
  SyncReport sync(Single<SyncReport> sync) {
    TestObserver<SyncReport> t = sync.test();
    timer.advanceTimeBy(1, TimeUnit.HOURS);
    t.assertNoErrors().assertComplete();
    return t.values().get(0);
  }

  /** Runs a sync to its end and returns the error it failed with. */
  Throwable syncError(Single<SyncReport> sync) {
    List<Throwable> errors = new ArrayList<>();
    List<SyncReport> values = new ArrayList<>();
    sync.subscribe(values::add, errors::add);
    timer.advanceTimeBy(1, TimeUnit.HOURS);
    if (!values.isEmpty()) {
      throw new AssertionError("expected an error, got " + values);
    }
    if (errors.size() != 1) {
      throw new AssertionError("expected exactly one error, got " + errors);
    }
    return errors.get(0);
  }

  /** Subscribes and collects the terminal error(s), without advancing time. */
  static List<Throwable> errorsOf(Single<SyncReport> sync, List<SyncReport> values) {
    List<Throwable> errors = new ArrayList<>();
    sync.subscribe(values::add, errors::add);
    return errors;
  }

  /** A {@link Clock} that reads the {@link TestScheduler}'s virtual time. */

}
