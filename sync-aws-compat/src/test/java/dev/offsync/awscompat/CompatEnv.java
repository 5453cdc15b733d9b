package dev.offsync.awscompat;

import dev.offsync.ConflictResolver;
import dev.offsync.IdentityProviders;
import dev.offsync.Record;
import dev.offsync.SyncClient;
import dev.offsync.SyncOptions;
import dev.offsync.spi.LocalStore;
import dev.offsync.testing.FakeRemoteStore;
import dev.offsync.testing.InMemoryLocalStore;
import io.reactivex.rxjava3.schedulers.Schedulers;
import io.reactivex.rxjava3.schedulers.TestScheduler;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;

/** The engine on the test kit's fakes, on virtual time, plus a recording {@link CompatDataset.SyncCallback}. */
final class CompatEnv {
  static final String ID = "us-east-1:aaaaaaaa-0000-0000-0000-000000000001";
  static final String DS = "settings";

  final TestScheduler timer = new TestScheduler();
  final Clock clock = new VirtualClock(timer);
  final FakeRemoteStore remote = new FakeRemoteStore(clock::instant);
  final InMemoryLocalStore store = new InMemoryLocalStore();

  SyncClient client(LocalStore local, ConflictResolver resolver) {
    return SyncClient.builder()
        .localStore(local)
        .remoteStore(remote)
        .identityProvider(IdentityProviders.fixed(ID))
        .conflictResolver(resolver)
        .ioScheduler(Schedulers.trampoline())
        .timerScheduler(timer)
        .clock(clock)
        .random(new Random(7))
        .options(SyncOptions.builder().noAutoSync().noPeriodicSync().build())
        .deviceId("device-under-test")
        .build();
  }

  /** Runs {@code synchronize} to its end on virtual time. */
  Recorder synchronize(CompatDataset ds, Recorder cb) {
    ds.synchronize(cb);
    timer.advanceTimeBy(1, TimeUnit.HOURS);
    return cb;
  }

  void otherDeviceWrites(String dataset, String... keyValues) {
    Map<String, String> values = new HashMap<>();
    for (int i = 0; i < keyValues.length; i += 2) {
      values.put(keyValues[i], keyValues[i + 1]);
    }
    remote.putDirect(ID, dataset, values);
  }

  /** A callback recording every call; its deciding answers are configurable. */
  static class Recorder implements CompatDataset.SyncCallback {
    final List<String> calls = new ArrayList<>();
    final List<List<Record>> successes = new ArrayList<>();
    final List<CompatSyncException> failures = new ArrayList<>();
    final List<List<CompatConflict>> conflicts = new ArrayList<>();
    final List<List<String>> merged = new ArrayList<>();

    @Override
    public void onSuccess(CompatDataset dataset, List<Record> updatedRecords) {
      calls.add("onSuccess");
      successes.add(updatedRecords);
    }

    @Override
    public boolean onConflict(CompatDataset dataset, List<CompatConflict> conflicts) {
      calls.add("onConflict");
      this.conflicts.add(conflicts);
      return conflict(dataset, conflicts);
    }

    boolean conflict(CompatDataset dataset, List<CompatConflict> conflicts) {
      return false;
    }

    @Override
    public boolean onDatasetDeleted(CompatDataset dataset, String datasetName) {
      calls.add("onDatasetDeleted");
      return true;
    }

    @Override
    public boolean onDatasetsMerged(CompatDataset dataset, List<String> datasetNames) {
      calls.add("onDatasetsMerged");
      merged.add(datasetNames);
      return true;
    }

    @Override
    public void onFailure(CompatSyncException exception) {
      calls.add("onFailure");
      failures.add(exception);
    }

    long terminals() {
      return calls.stream().filter(c -> c.equals("onSuccess") || c.equals("onFailure")).count();
    }
  }

  /** A {@link Clock} on the {@link TestScheduler}'s virtual time. */
  static final class VirtualClock extends Clock {
    private static final Instant ORIGIN = Instant.parse("2026-01-01T00:00:00Z");
    private final TestScheduler scheduler;

    VirtualClock(TestScheduler scheduler) {
      this.scheduler = scheduler;
    }

    @Override
    public ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
      return this;
    }

    @Override
    public Instant instant() {
      return ORIGIN.plusMillis(scheduler.now(TimeUnit.MILLISECONDS));
    }
  }
}
