package dev.offsync.regression;

import dev.offsync.testing.VirtualClock;
import static org.assertj.core.api.Assertions.assertThat;

import dev.offsync.ConflictResolver;
import dev.offsync.ConflictResolvers;
import dev.offsync.IdentityProviders;
import dev.offsync.SyncClient;
import dev.offsync.SyncOptions;
import dev.offsync.SyncReport;
import dev.offsync.spi.LocalDataset;
import dev.offsync.spi.LocalRecord;
import dev.offsync.spi.LocalStore;
import dev.offsync.spi.RecordWrite;
import dev.offsync.testing.FakeRemoteStore;
import dev.offsync.testing.InMemoryLocalStore;
import io.reactivex.rxjava3.core.Single;
import io.reactivex.rxjava3.schedulers.Schedulers;
import io.reactivex.rxjava3.schedulers.TestScheduler;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;

/** A client on the test kit's fakes, on virtual time, for the regression tests. */
final class Env {
  static final String ID = "us-east-1:aaaaaaaa-0000-0000-0000-000000000001";
  static final String DS = "settings";

  final TestScheduler timer = new TestScheduler();
  final Clock clock = VirtualClock.following(timer);
  final FakeRemoteStore remote = new FakeRemoteStore(clock::instant);
  final InMemoryLocalStore store = new InMemoryLocalStore();

  SyncClient.Builder builder(LocalStore local) {
    return SyncClient.builder()
        .localStore(local)
        .remoteStore(remote)
        .identityProvider(IdentityProviders.fixed(ID))
        .conflictResolver(ConflictResolvers.remoteWins())
        .ioScheduler(Schedulers.trampoline())
        .timerScheduler(timer)
        .clock(clock)
        .random(new Random(7))
        .options(SyncOptions.builder().noAutoSync().noPeriodicSync().build())
        .deviceId("device-under-test");
  }

  SyncClient client() {
    return builder(store).build();
  }

  SyncClient client(ConflictResolver resolver) {
    return builder(store).conflictResolver(resolver).build();
  }

  /** Runs a sync to its end on virtual time; fails the test unless it ends with a report. */
  SyncReport sync(Single<SyncReport> sync) {
    List<SyncReport> values = new ArrayList<>();
    List<Throwable> errors = new ArrayList<>();
    sync.subscribe(values::add, errors::add);
    timer.advanceTimeBy(1, TimeUnit.HOURS);
    assertThat(errors).as("sync errors").isEmpty();
    assertThat(values).as("sync reports").hasSize(1);
    return values.get(0);
  }

  /** Runs a sync to its end on virtual time; fails the test unless it ends with an error. */
  Throwable syncError(Single<SyncReport> sync) {
    List<SyncReport> values = new ArrayList<>();
    List<Throwable> errors = new ArrayList<>();
    sync.subscribe(values::add, errors::add);
    timer.advanceTimeBy(1, TimeUnit.HOURS);
    assertThat(values).as("sync reports").isEmpty();
    assertThat(errors).as("sync errors").hasSize(1);
    return errors.get(0);
  }

  /** Another device writes (values may be null to remove). */
  void otherDeviceWrites(String dataset, String... keyValues) {
    Map<String, String> values = new HashMap<>();
    for (int i = 0; i < keyValues.length; i += 2) {
      values.put(keyValues[i], keyValues[i + 1]);
    }
    remote.putDirect(ID, dataset, values);
  }

  /** Puts a local state directly into the store, as a device that synced earlier would have left it. */
  void seedLocal(String dataset, long watermark, LocalRecord... records) {
    store.write(tx -> {
      tx.putDataset(LocalDataset.builder(ID, dataset).watermark(watermark)
          .creationDate(Instant.parse("2025-12-01T00:00:00Z")).build());
      List<RecordWrite> writes = new ArrayList<>();
      for (LocalRecord r : records) {
        writes.add(RecordWrite.unconditional(r));
      }
      tx.writeRecords(ID, dataset, writes);
      return null;
    });
  }

  static LocalRecord synced(String key, String value, long syncCount) {
    return LocalRecord.builder(key).value(value).baseValue(value).syncCount(syncCount).dirty(false).build();
  }

  static LocalRecord edited(String key, String value, String baseValue, long baseSyncCount) {
    return LocalRecord.builder(key).value(value).baseValue(baseValue).syncCount(baseSyncCount).dirty(true)
        .deviceLastModifiedDate(Instant.parse("2026-01-01T00:00:00Z")).build();
  }

  static Map<String, String> map(String... keyValues) {
    Map<String, String> m = new HashMap<>();
    for (int i = 0; i < keyValues.length; i += 2) {
      m.put(keyValues[i], keyValues[i + 1]);
    }
    return m;
  }

  static List<String> list(String... s) {
    return Arrays.asList(s);
  }

  /** A {@link Clock} on the {@link TestScheduler}'s virtual time. */

  /**
   * A {@link LocalStore} that runs an app action just before the engine's next write transaction, as if the
   * app's thread won the write lock between the engine's read and its write.
   */
  static final class InterleavingStore implements LocalStore {
    private final LocalStore delegate;
    private Runnable beforeNextWrite;

    InterleavingStore(LocalStore delegate) {
      this.delegate = delegate;
    }

    void beforeNextWrite(Runnable action) {
      this.beforeNextWrite = action;
    }

    @Override
    public <T> T read(Work<T> work) {
      return delegate.read(work);
    }

    @Override
    public <T> T write(Work<T> work) {
      Runnable action = beforeNextWrite;
      beforeNextWrite = null;
      if (action != null) {
        action.run();
      }
      return delegate.write(work);
    }

    @Override
    public void close() {
      delegate.close();
    }
  }
}
