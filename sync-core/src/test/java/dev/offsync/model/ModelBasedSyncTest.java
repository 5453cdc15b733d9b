package dev.offsync.model;

import dev.offsync.testing.ForwardingRemoteStore;
import dev.offsync.testing.VirtualClock;
import org.junit.jupiter.api.extension.ExtendWith;
import dev.offsync.testing.NoUndeliverableErrors;
import static org.assertj.core.api.Assertions.assertThat;

import dev.offsync.ConflictResolver;
import dev.offsync.ConflictRetriesExhaustedException;
import dev.offsync.Dataset;
import dev.offsync.IdentityProviders;
import dev.offsync.ManualConnectivityMonitor;
import dev.offsync.Record;
import dev.offsync.RecordEvent;
import dev.offsync.Resolution;
import dev.offsync.ResolvedConflict;
import dev.offsync.SyncClient;
import dev.offsync.SyncException;
import dev.offsync.SyncOptions;
import dev.offsync.SyncReport;
import dev.offsync.DatasetMetadata;
import dev.offsync.spi.DatasetPage;
import dev.offsync.spi.LocalRecord;
import dev.offsync.spi.LocalStore;
import dev.offsync.spi.RecordPage;
import dev.offsync.spi.RecordPatch;
import dev.offsync.spi.RemoteRecord;
import dev.offsync.spi.RemoteStore;
import dev.offsync.testing.FakeRemoteStore;
import dev.offsync.testing.FakeRemoteStore.Operation;
import dev.offsync.testing.InMemoryLocalStore;
import io.reactivex.rxjava3.core.Single;
import io.reactivex.rxjava3.schedulers.Schedulers;
import io.reactivex.rxjava3.schedulers.TestScheduler;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.LongStream;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Randomized model-based test of the synchronizer: several devices (each its own {@link InMemoryLocalStore}
 * and {@link SyncClient}) share one {@link FakeRemoteStore}; a seeded random program of puts, removes,
 * atomic putAlls, syncs, offline spells, faults (failures before applying, lost acknowledgements,
 * throttling), dataset deletions (by a device, by another writer, between a pull and a push, with lost
 * acknowledgements) with re-creations by later writes, and another writer slipping in between a pull and a
 * push runs on virtual time. Then every device syncs until nothing changes, and:
 * <ul>
 *   <li>every device holds exactly the server's live values (none if the server's dataset is deleted), with
 *       nothing pending, and its watermark and records' sync counts equal the server's (watermark 0 for a
 *       deleted dataset); no local record, tombstones included, carries a base sync count the server does not
 *       hold for its key;
 *   <li>every sync ended with exactly one outcome: a report, or a typed, expected error;
 *   <li>no local edit was lost silently: every edit that neither reached the server nor was overwritten
 *       by the same device before it could (nor went back to the synced base value), and that is not in
 *       the final state, appears as a conflict (local side) with its resolution in some {@link SyncReport}
 *       of that device (a resolution committed by a sync that failed afterwards is carried into the
 *       next successful report).
 * </ul>
 * Seeds are fixed (override with {@code -Doffsync.model.seed=N} to replay one, {@code -Doffsync.model.runs}
 * for more runs); a failure prints the seed and the program that led to it.
 *
 * <p>Runs over {@link InMemoryLocalStore}. Another module runs it over its own store by subclassing: override
 * {@link #newDeviceStore(int)} (and {@link #releaseDeviceStore(LocalStore)} to close it), and hide the static
 * {@code seeds()} with its own to run fewer seeds.
 */
@ExtendWith(NoUndeliverableErrors.class)
public class ModelBasedSyncTest {
  private static final long FIRST_SEED = Long.getLong("offsync.model.seed", 1L);
  private static final int RUNS = 200;
  private static final String ID = "us-east-1:11111111-2222-3333-4444-555555555555";
  private static final String[] DATASETS = {"alpha", "beta"};
  private static final String[] KEYS = {"k0", "k1", "k2", "k3", "k4"};
  private static final int DEVICES = 3;
  private static final int STEPS = 70;
  private static final int MAX_QUIESCENCE_ROUNDS = 6;
  static Stream<Long> seeds() {
    return seeds(RUNS);
  }

  /**
   * The seeds of a run: {@code defaultRuns} seeds from 1, unless {@code -Doffsync.model.seed} (first seed; then
   * 1 run) or {@code -Doffsync.model.runs} say otherwise.
   *
   * @param defaultRuns how many seeds without those properties
   * @return the seeds
   */
  protected static Stream<Long> seeds(int defaultRuns) {
    int runs = Integer.getInteger("offsync.model.runs",
        System.getProperty("offsync.model.seed") != null ? 1 : defaultRuns);
    return LongStream.range(FIRST_SEED, FIRST_SEED + runs).boxed();
  }

  /**
   * The local store of device {@code index} of a new world; an empty {@link InMemoryLocalStore} unless overridden.
   *
   * @param index the device's index
   * @return a new, empty store
   */
  protected LocalStore newDeviceStore(int index) {
    return new InMemoryLocalStore();
  }

  /**
   * Called for every device's store when its world ends (after the clients are closed); does nothing unless
   * overridden.
   *
   * @param store a store from {@link #newDeviceStore(int)}
   */
  protected void releaseDeviceStore(LocalStore store) {}

  @ParameterizedTest(name = "seed {0}")
  @MethodSource("seeds")
  void devicesConvergeAndNoEditIsLostSilently(long seed) {
    World world = new World(seed);
    try {
      world.runProgram();
      world.quiesce();
      world.checkConvergence();
      world.checkNoEditLostSilently();
      world.close();
    } catch (AssertionError | RuntimeException e) {
      throw new AssertionError("model test failed with seed " + seed
          + " (replay: mvn test -Dtest=ModelBasedSyncTest -Doffsync.model.seed=" + seed + ")\n"
          + "--- program (last steps) ---\n" + world.log() + "--- failure ---\n" + e.getMessage(), e);
    }
  }

  /** One edit made by the app on a device. */
  static final class Edit {
    final int device;
    final String dataset;
    final String key;
    final String value;
    final long seq;
    boolean superseded;
    boolean realized;
    boolean backToBase;

    Edit(int device, String dataset, String key, String value, long seq) {
      this.device = device;
      this.dataset = dataset;
      this.key = key;
      this.value = value;
      this.seq = seq;
    }

    @Override
    public String toString() {
      return "device" + device + " " + dataset + "/" + key + "=" + (value == null ? "<removed>" : value)
          + " @" + seq;
    }
  }

  /** A device: local store, client, connectivity, and what its syncs reported. */
  final class Device {
    final int index;
    final LocalStore store;
    final ManualConnectivityMonitor monitor = new ManualConnectivityMonitor(true);
    final SyncClient client;
    final List<SyncReport> reports = new ArrayList<>();
    final List<RecordEvent> events = new ArrayList<>();
    final Map<String, Edit> lastEdit = new HashMap<>();

    Device(int index, World world) {
      this.index = index;
      this.store = newDeviceStore(index);
      Random resolverRandom = new Random(world.seed * 31 + index);
      ConflictResolver resolver = conflict -> {
        switch (resolverRandom.nextInt(5)) {
          case 0:
            return Resolution.useRemote();
          case 1:
            return Resolution.useLocal();
          case 2:
            return Resolution.useValue("merged-d" + index + "-" + world.nextSeq());
          case 3:
            return Resolution.delete();
          default:
            // last writer wins on device clocks, ties to remote
            Instant l = conflict.local().deviceLastModifiedDate();
            Instant r = conflict.remote().deviceLastModifiedDate();
            return l != null && (r == null || l.isAfter(r)) ? Resolution.useLocal() : Resolution.useRemote();
        }
      };
      client = SyncClient.builder()
          .localStore(store)
          .remoteStore(new TrackingRemote(world, index))
          .identityProvider(IdentityProviders.fixed(ID))
          .conflictResolver(resolver)
          .connectivityMonitor(monitor)
          .ioScheduler(Schedulers.trampoline())
          .timerScheduler(world.timer)
          .clock(world.clock)
          .random(new Random(world.seed * 17 + index))
          .options(SyncOptions.builder().noAutoSync().noPeriodicSync().build())
          .deviceId("device" + index)
          .build();
      client.events().subscribe(events::add);
    }
  }

  /**
   * Wraps the fake for one device and records, exactly, which pushes the server applied (also when the
   * caller then sees a lost acknowledgement), so that edits can be marked as having reached the server.
   */
  final class TrackingRemote extends ForwardingRemoteStore {
    private final World world;
    private final int device;

    TrackingRemote(World world, int device) {
      super(world.remote);
      this.world = world;
      this.device = device;
    }

    @Override
    public Single<List<RemoteRecord>> updateRecords(String identityId, String datasetName,
        List<RecordPatch> patches, String syncSessionToken, String deviceId) {
      return Single.defer(() -> world.remote.updateRecords(identityId, datasetName, patches, syncSessionToken,
          deviceId).doOnEvent((result, error) -> {
            Map<String, RemoteRecord> server = world.remote.serverRecords(identityId, datasetName);
            long count = world.remote.datasetSyncCount(identityId, datasetName);
            boolean applied = !patches.isEmpty();
            for (RecordPatch p : patches) {
              RemoteRecord r = server.get(p.key());
              applied &= r != null && r.syncCount() == count && Objects.equals(r.value(), p.value())
                  && ("device" + device).equals(r.lastModifiedBy());
            }
            if (applied) {
              for (RecordPatch p : patches) {
                world.serverWrote(datasetName, p.key(), p.value());
              }
              world.log.add("      server applied push of device" + device + " " + datasetName + " " + patches
                  + " -> count " + count + (error != null ? " (caller saw " + error.getClass().getSimpleName()
                  + ")" : ""));
            }
          }));
    }

    @Override
    public Single<DatasetMetadata> deleteDataset(String identityId, String datasetName) {
      return Single.defer(() -> world.remote.deleteDataset(identityId, datasetName).doOnEvent((result, error) -> {
        if (!world.remote.datasetExists(identityId, datasetName)) {
          world.serverDeleted(datasetName);
          world.log.add("      server deleted " + datasetName + " for device" + device
              + (error != null ? " (caller saw " + error.getClass().getSimpleName() + ")" : ""));
        }
      }));
    }
  }

  /** Everything of one run. */
  final class World {
    final long seed;
    final Random random;
    final TestScheduler timer = new TestScheduler();
    final Clock clock = VirtualClock.following(timer);
    final FakeRemoteStore remote = new FakeRemoteStore(clock::instant);
    final List<Device> devices = new ArrayList<>();
    final List<Edit> edits = new ArrayList<>();
    final Deque<String> log = new ArrayDeque<>();
    private long seq;

    World(long seed) {
      this.seed = seed;
      this.random = new Random(seed);
      for (int i = 0; i < DEVICES; i++) {
        devices.add(new Device(i, this));
      }
    }

    long nextSeq() {
      return ++seq;
    }

    String log() {
      StringBuilder sb = new StringBuilder();
      List<String> lines = new ArrayList<>(log);
      for (String line : lines.subList(Math.max(0, lines.size() - 400), lines.size())) {
        sb.append(line).append('\n');
      }
      return sb.toString();
    }

    /** Closes every client: each ends STOPPED, with nothing running. */
    void close() {
      for (Device d : devices) {
        d.client.close();
        assertThat(d.client.currentStatus().state()).isEqualTo(dev.offsync.SyncStatus.State.STOPPED);
      }
      for (Device d : devices) {
        releaseDeviceStore(d.store);
      }
    }

    /**
     * The server's dataset is deleted: no key has a value there any more, so every removal is realized (a later
     * write to the key belongs to the re-created dataset).
     */
    void serverDeleted(String dataset) {
      for (Edit e : edits) {
        if (!e.realized && e.dataset.equals(dataset) && e.value == null) {
          e.realized = true;
        }
      }
    }

    /** The server now holds {@code value} for the key: every edit of that value is realized. */
    void serverWrote(String dataset, String key, String value) {
      for (Edit e : edits) {
        if (!e.realized && e.dataset.equals(dataset) && e.key.equals(key) && Objects.equals(e.value, value)) {
          e.realized = true;
        }
      }
    }

    private void recordEdit(Device d, String dataset, String key, String value) {
      Edit e = new Edit(d.index, dataset, key, value, nextSeq());
      // an edit back to the base (the last synced state this device knows) changes nothing: a three-way
      // merge rightly takes the remote side without a conflict
      LocalRecord row = d.store.read(tx -> tx.record(d.client.ownerId(), dataset, key));
      e.backToBase = Objects.equals(value, row == null ? null : row.baseValue());
      Edit previous = d.lastEdit.put(dataset + "/" + key, e);
      if (previous != null && !previous.realized) {
        previous.superseded = true;
      }
      // an edit equal to what the server holds already is in the server's state
      Map<String, RemoteRecord> server = remote.serverRecords(ID, dataset);
      RemoteRecord current = server.get(key);
      if (Objects.equals(current == null ? null : current.value(), value)) {
        e.realized = true;
      }
      edits.add(e);
    }

    void runProgram() {
      for (int step = 0; step < STEPS; step++) {
        Device d = devices.get(random.nextInt(devices.size()));
        String ds = DATASETS[random.nextInt(DATASETS.length)];
        Dataset dataset = d.client.dataset(ds);
        int op = random.nextInt(100);
        if (op < 32) {
          String key = KEYS[random.nextInt(KEYS.length)];
          String value = "d" + d.index + "-" + key + "-" + (seq + 1);
          log.add("step " + step + ": device" + d.index + " put " + ds + "/" + key + "=" + value);
          dataset.put(key, value);
          recordEdit(d, ds, key, value);
        } else if (op < 42) {
          String key = KEYS[random.nextInt(KEYS.length)];
          log.add("step " + step + ": device" + d.index + " remove " + ds + "/" + key);
          dataset.remove(key);
          recordEdit(d, ds, key, null);
        } else if (op < 47) {
          String k1 = KEYS[random.nextInt(KEYS.length)];
          String k2 = KEYS[random.nextInt(KEYS.length)];
          Map<String, String> values = new LinkedHashMap<>();
          values.put(k1, "d" + d.index + "-" + k1 + "-all-" + (seq + 1));
          if (!k2.equals(k1)) {
            values.put(k2, null);
          }
          log.add("step " + step + ": device" + d.index + " putAll " + ds + " " + values);
          dataset.putAll(values);
          for (Map.Entry<String, String> e : values.entrySet()) {
            recordEdit(d, ds, e.getKey(), e.getValue());
          }
        } else if (op < 55) {
          boolean online = !d.monitor.isConnected();
          log.add("step " + step + ": device" + d.index + (online ? " goes online" : " goes offline"));
          d.monitor.setConnected(online);
        } else if (op < 59) {
          // the app deletes the dataset on this device: its edits not on the server yet are gone by its choice
          log.add("step " + step + ": device" + d.index + " delete " + ds);
          dataset.delete();
          for (Edit e : edits) {
            if (e.device == d.index && e.dataset.equals(ds) && !e.realized) {
              e.superseded = true;
            }
          }
        } else if (op < 61) {
          // another device (not one of these) deletes the dataset on the server
          log.add("step " + step + ": another writer deletes " + ds);
          remote.deleteDirect(ID, ds);
          serverDeleted(ds);
        } else if (op < 66) {
          // another writer (not one of the devices) changes the server directly
          String key = KEYS[random.nextInt(KEYS.length)];
          Map<String, String> values = new HashMap<>();
          values.put(key, random.nextInt(4) == 0 ? null : "ghost-" + key + "-" + nextSeq());
          log.add("step " + step + ": another writer puts " + ds + " " + values);
          ghostWrite(ds, values);
        } else {
          scheduleFault(step, ds);
          sync(d, ds, "step " + step, true);
        }
      }
    }

    private void ghostWrite(String ds, Map<String, String> values) {
      remote.putDirect(ID, ds, values, "ghost");
      for (Map.Entry<String, String> e : values.entrySet()) {
        serverWrote(ds, e.getKey(), e.getValue());
      }
    }

    private void scheduleFault(int step, String ds) {
      int f = random.nextInt(100);
      String what = null;
      if (f < 10) {
        remote.on(Operation.UPDATE_RECORDS).failAfterApplying(1);
        what = "UpdateRecords lost ack";
      } else if (f < 16) {
        remote.on(Operation.UPDATE_RECORDS).failBeforeApplying(1);
        what = "UpdateRecords fails before applying";
      } else if (f < 22) {
        remote.on(Operation.LIST_RECORDS).failBeforeApplying(1 + random.nextInt(2));
        what = "ListRecords fails before applying";
      } else if (f < 26) {
        remote.on(Operation.UPDATE_RECORDS).throttle(1, Duration.ofSeconds(2));
        what = "UpdateRecords throttled";
      } else if (f < 40) {
        remote.on(Operation.UPDATE_RECORDS).runBefore(1, call -> {
          log.add("      another writer deletes " + call.datasetName() + " before the push");
          remote.deleteDirect(ID, call.datasetName());
          serverDeleted(call.datasetName());
        });
        what = "another writer deletes the dataset between pull and push";
      } else if (f < 44) {
        remote.on(Operation.DELETE_DATASET).failAfterApplying(1);
        what = "DeleteDataset lost ack";
      } else if (f < 54) {
        String key = KEYS[random.nextInt(KEYS.length)];
        String value = "ghost-" + key + "-" + nextSeq();
        remote.on(Operation.UPDATE_RECORDS).runBefore(1, call -> {
          Map<String, String> values = new HashMap<>();
          values.put(key, value);
          log.add("      another writer slips in before the push: " + call.datasetName() + " " + values);
          ghostWrite(call.datasetName(), values);
        });
        what = "another writer between pull and push (" + key + ")";
      }
      if (what != null) {
        log.add("step " + step + ": fault scheduled: " + what);
      }
    }

    /** Runs one sync to its end on virtual time; returns the report or null if it failed. */
    SyncReport sync(Device d, String ds, String label, boolean failuresAllowed) {
      log.add(label + ": device" + d.index + " sync " + ds + (d.monitor.isConnected() ? "" : " (offline)"));
      List<SyncReport> values = new ArrayList<>();
      List<Throwable> errors = new ArrayList<>();
      d.client.dataset(ds).sync().subscribe(values::add, errors::add);
      timer.advanceTimeBy(1, TimeUnit.HOURS);
      // clear leftovers of faults this sync did not consume, so they do not leak into later steps
      remote.clearFaults();
      assertThat(values.size() + errors.size())
          .as("exactly one terminal outcome of %s on device%d", label, d.index).isEqualTo(1);
      if (values.size() == 1) {
        SyncReport r = values.get(0);
        d.reports.add(r);
        log.add("      -> " + describe(r));
        return r;
      }
      Throwable e = errors.get(0);
      log.add("      -> failed: " + e);
      assertThat(e).as("a sync fails only with a typed error").isInstanceOf(SyncException.class);
      boolean expected = ((SyncException) e).isRetryable() || e instanceof ConflictRetriesExhaustedException;
      assertThat(expected).as("unexpected failure %s", e).isTrue();
      assertThat(failuresAllowed).as("a sync failed without any fault: %s", e).isTrue();
      return null;
    }

    private String describe(SyncReport r) {
      StringBuilder sb = new StringBuilder("ok pulled=" + r.recordsPulled() + " applied=" + r.recordsApplied()
          + " pushed=" + r.recordsPushed() + " attempts=" + r.attempts() + " watermark=" + r.syncCount());
      for (ResolvedConflict c : r.conflicts()) {
        sb.append("\n         conflict ").append(c.conflict().key()).append(": local=")
            .append(c.conflict().local().value()).append(" remote=").append(c.conflict().remote().value())
            .append(" base=").append(c.conflict().baseValue()).append(" -> ").append(c.resolution());
      }
      return sb.toString();
    }

    void quiesce() {
      remote.clearFaults();
      for (Device d : devices) {
        if (!d.monitor.isConnected()) {
          log.add("quiescence: device" + d.index + " goes online");
          d.monitor.setConnected(true);
        }
      }
      for (int round = 1; round <= MAX_QUIESCENCE_ROUNDS; round++) {
        boolean changed = false;
        for (Device d : devices) {
          for (String ds : DATASETS) {
            SyncReport r = sync(d, ds, "quiescence round " + round, false);
            // a deletion (this device's, or one it found remotely) changes what the others must learn too
            changed |= r.recordsPushed() > 0 || r.recordsApplied() > 0 || !r.conflicts().isEmpty()
                || r.datasetDeleted() || r.remoteDeletionDetected();
          }
        }
        if (!changed) {
          return;
        }
      }
      throw new AssertionError("no quiescence after " + MAX_QUIESCENCE_ROUNDS + " rounds of syncs");
    }

    void checkConvergence() {
      for (String ds : DATASETS) {
        Map<String, String> server = new TreeMap<>(remote.serverValues(ID, ds));
        Map<String, RemoteRecord> serverRecords = remote.serverRecords(ID, ds);
        boolean exists = remote.datasetExists(ID, ds);
        // a deleted dataset lists with count 0, so that is where a converged device's watermark is
        long count = exists ? remote.datasetSyncCount(ID, ds) : 0;
        for (Device d : devices) {
          Dataset dataset = d.client.dataset(ds);
          assertThat(new TreeMap<>(dataset.getAll())).as("device%d %s values (dataset %s on the server)", d.index,
              ds, exists ? "exists" : "deleted").isEqualTo(server);
          assertThat(dataset.pendingKeys()).as("device%d %s pending keys", d.index, ds).isEmpty();
          assertThat(dataset.conflicts()).as("device%d %s deferred conflicts", d.index, ds).isEmpty();
          assertThat(dataset.lastSyncCount()).as("device%d %s watermark", d.index, ds).isEqualTo(count);
          // no local record, tombstones included, claims a server state the server does not have: a base is a
          // count the server holds for that very key (a stale base is what wedged pushes into endless 409s)
          for (Record local : dataset.records()) {
            RemoteRecord held = serverRecords.get(local.key());
            assertThat(local.syncCount() == 0 || (held != null && held.syncCount() == local.syncCount()))
                .as("device%d %s/%s base %d is a state the server holds (server: %s)", d.index, ds, local.key(),
                    local.syncCount(), held)
                .isTrue();
          }
          for (Map.Entry<String, String> e : server.entrySet()) {
            Record local = dataset.record(e.getKey());
            assertThat(local.syncCount()).as("device%d %s/%s sync count", d.index, ds, e.getKey())
                .isEqualTo(serverRecords.get(e.getKey()).syncCount());
            assertThat(local.isDirty()).isFalse();
          }
        }
      }
    }

    void checkNoEditLostSilently() {
      List<String> lost = new ArrayList<>();
      List<String> onlyInEvents = new ArrayList<>();
      for (Edit e : edits) {
        if (e.superseded || e.realized || e.backToBase) {
          continue;
        }
        String finalValue = remote.serverValues(ID, e.dataset).get(e.key);
        if (Objects.equals(finalValue, e.value)) {
          continue;
        }
        Device d = devices.get(e.device);
        boolean reported = false;
        for (SyncReport r : d.reports) {
          if (!r.datasetName().equals(e.dataset)) {
            continue;
          }
          for (ResolvedConflict c : r.conflicts()) {
            if (c.conflict().key().equals(e.key) && Objects.equals(c.conflict().local().value(), e.value)
                && c.resolution() != null) {
              reported = true;
            }
          }
        }
        if (!reported) {
          boolean inEvents = false;
          for (RecordEvent ev : d.events) {
            if (ev.type() == RecordEvent.Type.RESOLVED && e.dataset.equals(ev.datasetName())
                && e.key.equals(ev.key()) && ev.conflict() != null
                && Objects.equals(ev.conflict().local().value(), e.value)) {
              inEvents = true;
            }
          }
          (inEvents ? onlyInEvents : lost).add(e + " (final: " + finalValue + ")");
        }
      }
      assertThat(lost).as("edits lost without any conflict resolution (report or event)").isEmpty();
      // A sync that resolved a conflict and then failed (its push failed or its ack was lost) produced no
      // report; the resolution must still reach the next successful report.
      assertThat(onlyInEvents)
          .as("edits whose conflict resolution appears in no SyncReport (only in events of a failed sync)")
          .isEmpty();
    }
  }

  /** A {@link Clock} on the {@link TestScheduler}'s virtual time. */
}
