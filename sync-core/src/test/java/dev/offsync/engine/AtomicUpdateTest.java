package dev.offsync.engine;

import org.junit.jupiter.api.extension.ExtendWith;
import dev.offsync.testing.NoUndeliverableErrors;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.offsync.ConcurrentUpdateException;
import dev.offsync.ConflictResolvers;
import dev.offsync.Dataset;
import dev.offsync.IdentityProviders;
import dev.offsync.LimitExceededException;
import dev.offsync.Limits;
import dev.offsync.SyncClient;
import dev.offsync.SyncOptions;
import dev.offsync.ValidationException;
import dev.offsync.testing.FakeRemoteStore;
import dev.offsync.testing.InMemoryLocalStore;
import io.reactivex.rxjava3.schedulers.Schedulers;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * {@code Dataset.update}/{@code updateAll}: the app's function applied to the current local value and written in
 * one transaction by compare-and-set, applied again when a sync or another writer changed the record meanwhile,
 * with the usual validation; a set-union merge under concurrent syncs loses no member.
 */
@ExtendWith(NoUndeliverableErrors.class)
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class AtomicUpdateTest {
  private final Harness h = new Harness();

  private final List<SyncClient> threaded = new ArrayList<>();

  @AfterEach
  void close() {
    for (SyncClient c : threaded) {
      c.close();
    }
  }

  private static String addMember(String current, String member) {
    Set<String> members = new TreeSet<>();
    if (current != null && !current.isEmpty()) {
      members.addAll(Arrays.asList(current.split(",")));
    }
    members.add(member);
    return String.join(",", members);
  }

  private static Set<String> members(String value) {
    return value == null || value.isEmpty() ? Collections.emptySet() : new TreeSet<>(Arrays.asList(value.split(",")));
  }

  @Test
  void appliesTheFunctionToTheCurrentValueAndWritesItDirty() {
    Dataset ds = h.client(new InMemoryLocalStore()).dataset("tags");
    assertThat(ds.update("fav", current -> addMember(current, "jazz"))).isEqualTo("jazz");
    assertThat(ds.update("fav", current -> addMember(current, "blues"))).isEqualTo("blues,jazz");
    assertThat(ds.get("fav")).isEqualTo("blues,jazz");
    assertThat(ds.record("fav").isDirty()).isTrue();
    h.sync(ds.sync());
    assertThat(ds.update("fav", current -> current)).as("the same value").isEqualTo("blues,jazz");
    assertThat(ds.isChanged("fav")).as("writing the same value changes nothing").isFalse();
    assertThat(ds.update("fav", current -> null)).isNull();
    assertThat(ds.get("fav")).isNull();
    assertThat(ds.record("fav").isDeleted()).isTrue();
    assertThat(ds.record("fav").isDirty()).isTrue();
  }

  @Test
  void aSyncThatChangesTheRecordBetweenTheReadAndTheWriteMakesTheFunctionRunAgainOnTheNewValue() {
    Dataset ds = h.client(new InMemoryLocalStore()).dataset("tags");
    ds.put("fav", "jazz");
    h.sync(ds.sync());
    h.remote.putDirect(Harness.ID, "tags", Collections.singletonMap("fav", "jazz,rock"), "other-device");
    List<String> seen = new ArrayList<>();
    String result = ds.update("fav", current -> {
      seen.add(current);
      if (seen.size() == 1) {
        h.sync(ds.sync()); // the synchronizer writes the pulled value while the function holds the old one
      }
      return addMember(current, "blues");
    });
    assertThat(seen).containsExactly("jazz", "jazz,rock");
    assertThat(result).isEqualTo("blues,jazz,rock");
    h.sync(ds.sync());
    assertThat(h.remote.serverValues(Harness.ID, "tags")).containsEntry("fav", "blues,jazz,rock");
  }

  @Test
  void anotherWriteBetweenTheReadAndTheWriteIsNotLost() {
    Dataset ds = h.client(new InMemoryLocalStore()).dataset("tags");
    AtomicInteger calls = new AtomicInteger();
    ds.updateAll(new LinkedHashSet<>(Arrays.asList("a", "b")), current -> {
      if (calls.incrementAndGet() == 1) {
        ds.put("b", "written meanwhile");
      }
      Map<String, String> out = new HashMap<>();
      out.put("a", "saw b=" + current.get("b"));
      return out;
    });
    assertThat(calls).hasValue(2);
    assertThat(ds.get("a")).isEqualTo("saw b=written meanwhile");
    assertThat(ds.get("b")).isEqualTo("written meanwhile");
  }

  @Test
  void recordsThatNeverStopChangingEndInATypedErrorAndNothingWritten() {
    Dataset ds = h.client(new InMemoryLocalStore()).dataset("tags");
    AtomicInteger calls = new AtomicInteger();
    assertThatThrownBy(() -> ds.update("k", current -> {
      ds.put("k", "other-" + calls.incrementAndGet());
      return "mine";
    })).isInstanceOfSatisfying(ConcurrentUpdateException.class, e -> {
      assertThat(e.attempts()).isEqualTo(calls.get());
      assertThat(e.isRetryable()).isTrue();
    });
    assertThat(ds.get("k")).isEqualTo("other-" + calls.get());
  }

  @Test
  void validationAndLimitsAreThoseOfPutAndStoreNothing() {
    SyncClient client = h.track(h.builder(new InMemoryLocalStore())
        .limits(Limits.builder().maxRecordsPerDataset(1).build()).build());
    Dataset ds = client.dataset("tags");
    assertThatThrownBy(() -> ds.update("", v -> "x")).isInstanceOf(ValidationException.class);
    assertThatThrownBy(() -> ds.update("k", null)).isInstanceOf(NullPointerException.class)
        .hasMessage("function == null");
    assertThatThrownBy(() -> ds.update("k", v -> "bad\u0000")).isInstanceOf(ValidationException.class);
    assertThat(ds.get("k")).isNull();
    ds.put("k", "1");
    assertThatThrownBy(() -> ds.update("other", v -> "2")).isInstanceOf(LimitExceededException.class);
    assertThatThrownBy(() -> ds.updateAll(Collections.singleton("k"),
        current -> Collections.singletonMap("stranger", "x"))).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> ds.updateAll(Collections.singleton("k"), current -> null))
        .isInstanceOf(NullPointerException.class);
    RuntimeException boom = new IllegalStateException("the app's function failed");
    assertThatThrownBy(() -> ds.update("k", v -> {
      throw boom;
    })).isSameAs(boom);
    assertThat(ds.getAll()).isEqualTo(Collections.singletonMap("k", "1"));
  }

  /**
   * Two devices on real threads add members to one set while their syncs run: one thread per device updates, one
   * thread per device syncs without pause, conflicts merge by set union. Every member reaches both devices.
   */
  @Test
  void aSetUnionUnderConcurrentSyncsLosesNoMember() throws Exception {
    FakeRemoteStore remote = new FakeRemoteStore();
    List<SyncClient> clients = new ArrayList<>();
    for (int i = 0; i < 2; i++) {
      clients.add(SyncClient.builder()
          .localStore(new InMemoryLocalStore())
          .remoteStore(remote)
          .identityProvider(IdentityProviders.fixed(Harness.ID))
          .conflictResolver(ConflictResolvers.merge((local, remoteValue) -> {
            Set<String> union = new TreeSet<>(members(local));
            union.addAll(members(remoteValue));
            return String.join(",", union);
          }))
          .ioScheduler(Schedulers.io())
          .options(SyncOptions.builder().noAutoSync().noPeriodicSync().conflictRetryDelay(Duration.ZERO).build())
          .deviceId("device" + i)
          .build());
    }
    threaded.addAll(clients);
    int perDevice = 150;
    ExecutorService pool = Executors.newFixedThreadPool(4);
    AtomicBoolean writing = new AtomicBoolean(true);
    CountDownLatch writersDone = new CountDownLatch(2);
    List<Future<?>> futures = new ArrayList<>();
    try {
      for (int i = 0; i < 2; i++) {
        Dataset ds = clients.get(i).dataset("tags");
        int device = i;
        futures.add(pool.submit(() -> {
          try {
            for (int m = 0; m < perDevice; m++) {
              String member = "d" + device + "m" + m;
              ds.update("set", current -> addMember(current, member));
            }
          } finally {
            writersDone.countDown();
          }
          return null;
        }));
        futures.add(pool.submit(() -> {
          while (writing.get()) {
            ds.sync().onErrorComplete().blockingGet();
          }
          return null;
        }));
      }
      assertThat(writersDone.await(40, TimeUnit.SECONDS)).isTrue();
      writing.set(false);
      for (Future<?> f : futures) {
        f.get(20, TimeUnit.SECONDS);
      }
    } finally {
      pool.shutdownNow();
    }
    for (int round = 0; round < 2; round++) {
      for (SyncClient c : clients) {
        c.dataset("tags").sync().blockingGet();
      }
    }
    Set<String> expected = new TreeSet<>();
    for (int i = 0; i < 2; i++) {
      for (int m = 0; m < perDevice; m++) {
        expected.add("d" + i + "m" + m);
      }
    }
    assertThat(members(remote.serverValues(Harness.ID, "tags").get("set"))).isEqualTo(expected);
    for (SyncClient c : clients) {
      assertThat(members(c.dataset("tags").get("set"))).isEqualTo(expected);
      assertThat(c.dataset("tags").pendingKeys()).isEmpty();
    }
  }
}
