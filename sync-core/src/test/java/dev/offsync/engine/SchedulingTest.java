package dev.offsync.engine;

import org.junit.jupiter.api.extension.ExtendWith;
import dev.offsync.testing.NoUndeliverableErrors;
import static dev.offsync.engine.Harness.ID;
import static org.assertj.core.api.Assertions.assertThat;

import dev.offsync.ConnectivityMonitors;
import dev.offsync.Dataset;
import dev.offsync.ManualConnectivityMonitor;
import dev.offsync.NetworkException;
import dev.offsync.SyncClient;
import dev.offsync.SyncOptions;
import dev.offsync.SyncReport;
import dev.offsync.SyncStatus;
import dev.offsync.testing.FakeRemoteStore;
import dev.offsync.testing.FakeRemoteStore.Operation;
import dev.offsync.testing.InMemoryLocalStore;
import io.reactivex.rxjava3.observers.TestObserver;
import java.time.Duration;
import java.util.Collections;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Automatic, periodic and connectivity-driven syncs and their backoff, all in virtual time. */
@ExtendWith(NoUndeliverableErrors.class)
class SchedulingTest {
  private final Harness h = new Harness();
  private final FakeRemoteStore remote = h.remote;

  @Test
  void writesTriggerOneDebouncedSync() {
    SyncClient client = h.client(new InMemoryLocalStore(), ConnectivityMonitors.alwaysOnline(),
        SyncOptions.builder().autoSyncDebounce(Duration.ofSeconds(2)).build());
    Dataset ds = client.dataset("games");
    ds.put("a", "1");
    h.timer.advanceTimeBy(1, TimeUnit.SECONDS);
    ds.put("b", "2");
    h.timer.advanceTimeBy(1_999, TimeUnit.MILLISECONDS);
    assertThat(remote.calls(Operation.LIST_RECORDS)).isZero();
    h.timer.advanceTimeBy(1, TimeUnit.MILLISECONDS);
    assertThat(remote.calls(Operation.LIST_RECORDS)).isEqualTo(1);
    assertThat(remote.serverValues(ID, "games")).containsOnlyKeys("a", "b");
    assertThat(ds.pendingKeys()).isEmpty();
  }

  @Test
  void transientFailuresBackOffExponentiallyWithinFullJitterBoundsAndResetOnSuccess() {
    SyncClient client = h.client(new InMemoryLocalStore(), ConnectivityMonitors.alwaysOnline(),
        SyncOptions.builder().autoSyncDebounce(Duration.ofMillis(1)).retryInitialDelay(Duration.ofSeconds(1))
            .retryMaxDelay(Duration.ofSeconds(8)).build());
    Dataset ds = client.dataset("games");
    java.util.List<Long> at = new java.util.ArrayList<>();
    remote.on(Operation.LIST_RECORDS).fail(6, () -> {
      at.add(h.timer.now(TimeUnit.MILLISECONDS));
      return new NetworkException("down");
    });
    remote.on(Operation.LIST_RECORDS).runBefore(1, call -> at.add(h.timer.now(TimeUnit.MILLISECONDS)));
    ds.put("a", "1");
    h.timer.advanceTimeBy(1, TimeUnit.HOURS);

    // 6 failures, then success: the n-th retry waits a jittered time within [0, min(8 s, 1 s * 2^(n-1))]
    assertThat(at).hasSize(7);
    long[] ceilings = {1_000, 2_000, 4_000, 8_000, 8_000, 8_000};
    long total = 0;
    for (int n = 0; n < ceilings.length; n++) {
      long gap = at.get(n + 1) - at.get(n);
      assertThat(gap).as("retry " + (n + 1)).isBetween(0L, ceilings[n]);
      total += gap;
    }
    assertThat(total).as("jitter is not all zero").isPositive();
    assertThat(ds.pendingKeys()).isEmpty();
    assertThat(ds.currentStatus().lastError()).isNull();

    // after a success the backoff starts again from the base
    remote.clearFaults();
    remote.on(Operation.LIST_RECORDS).failBeforeApplying(1);
    ds.put("b", "2");
    h.timer.advanceTimeBy(1, TimeUnit.MILLISECONDS);
    long calls = remote.calls(Operation.LIST_RECORDS);
    h.timer.advanceTimeBy(1_000, TimeUnit.MILLISECONDS);
    assertThat(remote.calls(Operation.LIST_RECORDS)).isEqualTo(calls + 1);
    assertThat(ds.pendingKeys()).isEmpty();
  }

  @Test
  void throttlingHonoursTheRetryAfterHint() {
    SyncClient client = h.client(new InMemoryLocalStore(), ConnectivityMonitors.alwaysOnline(),
        SyncOptions.builder().autoSyncDebounce(Duration.ofMillis(1)).build());
    Dataset ds = client.dataset("games");
    remote.on(Operation.LIST_RECORDS).throttle(1, Duration.ofSeconds(30));
    ds.put("a", "1");
    h.timer.advanceTimeBy(1, TimeUnit.MILLISECONDS);
    assertThat(remote.calls(Operation.LIST_RECORDS)).isEqualTo(1);
    h.timer.advanceTimeBy(29_999, TimeUnit.MILLISECONDS);
    assertThat(remote.calls(Operation.LIST_RECORDS)).isEqualTo(1);
    h.timer.advanceTimeBy(1, TimeUnit.MILLISECONDS);
    assertThat(remote.calls(Operation.LIST_RECORDS)).isEqualTo(2);
    assertThat(ds.pendingKeys()).isEmpty();
  }

  @Test
  void periodicSyncsRunOnTheTimer() {
    SyncClient client = h.client(new InMemoryLocalStore(), ConnectivityMonitors.alwaysOnline(),
        SyncOptions.builder().periodicSyncInterval(Duration.ofMinutes(15)).build());
    client.dataset("games").put("a", "1");
    remote.putDirect(ID, "games", Collections.singletonMap("b", "2"));
    h.timer.advanceTimeBy(15, TimeUnit.MINUTES);
    assertThat(client.dataset("games").getAll()).containsOnlyKeys("a", "b");
    h.timer.advanceTimeBy(15, TimeUnit.MINUTES);
    assertThat(remote.calls(Operation.LIST_RECORDS)).isEqualTo(2);
  }

  @Test
  void offlineSyncsFailFastAndSyncOnConnectivityWaitsForTheNetwork() {
    ManualConnectivityMonitor net = new ManualConnectivityMonitor(false);
    SyncClient client = h.client(new InMemoryLocalStore(), net, SyncOptions.DEFAULT);
    Dataset ds = client.dataset("games");
    ds.put("a", "1");
    assertThat(client.currentStatus().state()).isEqualTo(SyncStatus.State.OFFLINE);
    assertThat(h.syncError(ds.sync())).isInstanceOf(NetworkException.class);

    TestObserver<SyncReport> waiting = ds.syncOnConnectivity().test();
    waiting.assertNotComplete();
    assertThat(remote.calls(Operation.LIST_RECORDS)).isZero();

    net.setConnected(true);
    waiting.assertComplete();
    assertThat(remote.serverValues(ID, "games")).containsOnlyKeys("a");
    assertThat(client.currentStatus().state()).isEqualTo(SyncStatus.State.IDLE);
  }

  @Test
  void regainingTheNetworkSyncsPendingDatasetsWhenAutoSyncIsOn() {
    ManualConnectivityMonitor net = new ManualConnectivityMonitor(false);
    SyncClient client = h.client(new InMemoryLocalStore(), net,
        SyncOptions.builder().autoSyncDebounce(Duration.ofSeconds(1)).build());
    Dataset ds = client.dataset("games");
    ds.put("a", "1");
    h.timer.advanceTimeBy(1, TimeUnit.MINUTES);
    assertThat(remote.calls(Operation.LIST_RECORDS)).isZero();

    net.setConnected(true);
    assertThat(remote.calls(Operation.LIST_RECORDS)).isEqualTo(1);
    assertThat(ds.pendingKeys()).isEmpty();
  }
}
