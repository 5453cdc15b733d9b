package dev.offsync.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.offsync.ConflictException;
import dev.offsync.LimitExceededException;
import dev.offsync.NetworkException;
import dev.offsync.ServiceException;
import dev.offsync.ThrottledException;
import dev.offsync.spi.RecordPage;
import dev.offsync.spi.RecordPatch;
import dev.offsync.spi.RemoteRecord;
import dev.offsync.spi.RemoteStore;
import dev.offsync.testing.FakeRemoteStore.Operation;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** Runs {@link RemoteStoreContract} against {@link FakeRemoteStore}, plus its faults, hooks and backdoor. */
class FakeRemoteStoreTest extends RemoteStoreContract {
  private static final String DS = "ds";
  private final AtomicLong ids = new AtomicLong();
  private FakeRemoteStore fake;

  @Override
  protected RemoteStore createStore() {
    fake = new FakeRemoteStore();
    return fake;
  }

  @Override
  protected String newIdentityId() {
    return "us-east-1:0000-" + ids.incrementAndGet();
  }

  private String sessionOf(String ds) {
    return await(fake.listRecords(identity, ds, 0, null, 1024, null)).syncSessionToken();
  }

  private List<RemoteRecord> push(String ds, RecordPatch... patches) {
    return await(fake.updateRecords(identity, ds, Arrays.asList(patches), sessionOf(ds), "dev"));
  }

  private static RecordPatch put(String key, String value, long base) {
    return RecordPatch.replace(key, value, base, null);
  }

  private static Map<String, String> map(String... kv) {
    Map<String, String> m = new HashMap<>();
    for (int i = 0; i < kv.length; i += 2) {
      m.put(kv[i], kv[i + 1]);
    }
    return m;
  }

  @Test
  void failBeforeApplyingFailsTheNextCallsWithoutApplyingThem() {
    fake.on(Operation.UPDATE_RECORDS).failBeforeApplying(2);
    assertThatThrownBy(() -> push(DS, put("a", "1", 0))).isInstanceOf(NetworkException.class);
    assertThatThrownBy(() -> push(DS, put("a", "1", 0))).isInstanceOf(NetworkException.class);
    assertThat(fake.datasetSyncCount(identity, DS)).isZero();
    assertThat(push(DS, put("a", "1", 0))).hasSize(1);
    assertThat(fake.calls(Operation.UPDATE_RECORDS)).isEqualTo(3);
    assertThat(fake.calls(Operation.LIST_RECORDS)).isEqualTo(3);
  }

  @Test
  void failAfterApplyingCommitsButTheCallerSeesANetworkError() {
    fake.on(Operation.UPDATE_RECORDS).failAfterApplying(1);
    assertThatThrownBy(() -> push(DS, put("a", "1", 0))).isInstanceOf(NetworkException.class);
    assertThat(fake.serverValues(identity, DS)).isEqualTo(map("a", "1"));
    assertThat(fake.datasetSyncCount(identity, DS)).isEqualTo(1);
    // the replay is a conflict, as on the real service
    assertThatThrownBy(() -> push(DS, put("a", "1", 0))).isInstanceOf(ConflictException.class);
  }

  @Test
  void throttleCarriesTheRetryAfterHint() {
    fake.on(Operation.LIST_RECORDS).throttle(1, Duration.ofSeconds(7));
    assertThatThrownBy(() -> sessionOf(DS)).isInstanceOfSatisfying(ThrottledException.class,
        e -> assertThat(e.retryAfter()).isEqualTo(Duration.ofSeconds(7)));
    assertThat(sessionOf(DS)).isNotNull();
  }

  @Test
  void arbitraryErrorsAndAlwaysRules() {
    fake.on(Operation.DESCRIBE_DATASET).fail(FakeRemoteStore.ALWAYS,
        () -> new ServiceException("boom", 503, "InternalErrorException", null));
    for (int i = 0; i < 3; i++) {
      assertThatThrownBy(() -> await(fake.describeDataset(identity, DS))).isInstanceOf(ServiceException.class);
    }
    fake.clearFaults();
    assertThatThrownBy(() -> await(fake.describeDataset(identity, DS)))
        .isInstanceOf(dev.offsync.DatasetNotFoundException.class);
  }

  @Test
  void faultsApplyInOrderAndCanBeFilteredByDataset() {
    fake.on(Operation.UPDATE_RECORDS).forDataset("other").failBeforeApplying(1);
    fake.on(Operation.UPDATE_RECORDS).throttle(1, null);
    assertThatThrownBy(() -> push(DS, put("a", "1", 0))).isInstanceOf(ThrottledException.class);
    assertThat(push(DS, put("a", "1", 0))).hasSize(1);
    assertThatThrownBy(() -> push("other", put("a", "1", 0))).isInstanceOf(NetworkException.class);
    assertThat(push("other", put("a", "1", 0))).hasSize(1);
  }

  @Test
  void hooksRunBeforeAndAfterTheCallAndMayWriteAsAnotherDevice() {
    push(DS, put("a", "mine", 0)); // count 1
    List<String> log = new ArrayList<>();
    fake.on(Operation.UPDATE_RECORDS).runBefore(1, call -> {
      log.add("before " + call.patches().size());
      fake.putDirect(call.identityId(), call.datasetName(), map("a", "theirs"));
    });
    fake.on(Operation.UPDATE_RECORDS).runAfter(1, call -> log.add("after " + call.datasetName()));
    assertThatThrownBy(() -> push(DS, put("a", "again", 1)))
        .isInstanceOf(ConflictException.class)
        .hasMessage("Current SyncCount for: a is: 2 not: 1");
    assertThat(log).containsExactly("before 1", "after " + DS);
    assertThat(fake.serverValues(identity, DS)).isEqualTo(map("a", "theirs"));
    assertThat(fake.serverRecords(identity, DS).get("a").lastModifiedBy()).isEqualTo("other-device");
    // hooks were one-shot
    assertThat(push(DS, put("a", "again", 2))).hasSize(1);
    assertThat(log).hasSize(2);
  }

  @Test
  void aCallThatFailsBeforeApplyingDoesNotConsumeHooks() {
    List<String> log = new ArrayList<>();
    fake.on(Operation.LIST_RECORDS).failBeforeApplying(1);
    fake.on(Operation.LIST_RECORDS).runBefore(1, call -> log.add("hook"));
    assertThatThrownBy(() -> sessionOf(DS)).isInstanceOf(NetworkException.class);
    assertThat(log).isEmpty();
    sessionOf(DS);
    assertThat(log).containsExactly("hook");
  }

  @Test
  void putDirectAndDeleteDirectBehaveAsAnotherDevice() {
    fake.putDirect(identity, DS, map("a", "1", "b", "2"));
    Map<String, String> removeB = new HashMap<>();
    removeB.put("b", null);
    fake.putDirect(identity, DS, removeB);
    assertThat(fake.datasetSyncCount(identity, DS)).isEqualTo(2);
    assertThat(fake.serverValues(identity, DS)).isEqualTo(map("a", "1"));
    assertThat(fake.serverRecords(identity, DS).get("b").isDeleted()).isTrue();
    assertThat(fake.serverRecords(identity, DS).get("b").syncCount()).isEqualTo(2);
    assertThat(fake.calls(Operation.UPDATE_RECORDS)).isZero();
    assertThat(fake.deleteDirect(identity, DS)).isTrue();
    assertThat(fake.deleteDirect(identity, DS)).isFalse();
    assertThat(fake.datasetExists(identity, DS)).isFalse();
    assertThat(fake.serverRecords(identity, DS)).isEmpty();
    assertThat(fake.datasetSyncCount(identity, DS)).isEqualTo(2);
    fake.putDirect(identity, DS, map("a", "x"));
    assertThat(fake.datasetSyncCount(identity, DS)).isEqualTo(3);
    assertThat(fake.serverRecords(identity, DS).get("a").syncCount()).isEqualTo(3);
  }

  @Test
  void recordsOfOneCountAreOrderedByKeyAndPagedByCountAndKey() {
    push(DS, put("c", "1", 0), put("a", "1", 0), put("b", "1", 0)); // all at 1
    push(DS, put("0", "1", 0)); // 2
    List<String> keys = new ArrayList<>();
    String next = null;
    do {
      RecordPage page = await(fake.listRecords(identity, DS, 0, next, 1, null));
      page.records().forEach(r -> keys.add(r.key()));
      next = page.nextToken();
    } while (next != null);
    assertThat(keys).containsExactly("a", "b", "c", "0");
  }

  @Test
  void mergedDatasetNamesAreReported() {
    push(DS, put("a", "1", 0));
    fake.setMergedDatasetNames(identity, DS, Arrays.asList(DS + ".us-east-1:old"));
    assertThat(await(fake.listRecords(identity, DS, 0, null, 1024, null)).mergedDatasetNames())
        .containsExactly(DS + ".us-east-1:old");
  }

  @Test
  void limitsAreConfigurable() {
    fake.withLimits(2, 10, 1);
    push(DS, put("a", "1", 0), put("b", "1", 0));
    assertThatThrownBy(() -> push(DS, put("c", "1", 0))).isInstanceOf(LimitExceededException.class);
    assertThatThrownBy(() -> push(DS, put("a", "1234567890", 1))).isInstanceOf(LimitExceededException.class);
    assertThatThrownBy(() -> push("second", put("a", "1", 0))).isInstanceOf(LimitExceededException.class);
  }

  @Test
  void datesComeFromTheGivenClockAndLastModifiedByFromTheDevice() {
    AtomicLong now = new AtomicLong(1_000);
    fake = new FakeRemoteStore(() -> Instant.ofEpochMilli(now.get()));
    push(DS, RecordPatch.replace("a", "1", 0, Instant.ofEpochMilli(5)));
    now.set(2_000);
    push(DS, put("b", "1", 0));
    RemoteRecord a = fake.serverRecords(identity, DS).get("a");
    assertThat(a.lastModifiedDate()).isEqualTo(Instant.ofEpochMilli(1_000));
    assertThat(a.deviceLastModifiedDate()).isEqualTo(Instant.ofEpochMilli(5));
    assertThat(a.lastModifiedBy()).isEqualTo("dev");
    assertThat(await(fake.describeDataset(identity, DS)).creationDate()).isEqualTo(Instant.ofEpochMilli(1_000));
    assertThat(await(fake.describeDataset(identity, DS)).lastModifiedDate()).isEqualTo(Instant.ofEpochMilli(2_000));
  }

  @Test
  void concurrentPushesOnTheSameBaseLetExactlyOneWin() throws Exception {
    push(DS, put("k", "0", 0));
    int threads = 8;
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    try {
      for (int round = 0; round < 10; round++) {
        long base = fake.datasetSyncCount(identity, DS);
        String session = sessionOf(DS);
        List<Future<Boolean>> results = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
          int thread = t;
          results.add(pool.submit(() -> {
            try {
              await(fake.updateRecords(identity, DS,
                  Collections.singletonList(put("k", "t" + thread, base)), session, "t" + thread));
              return true;
            } catch (ConflictException e) {
              return false;
            }
          }));
        }
        int wins = 0;
        for (Future<Boolean> f : results) {
          if (f.get(30, TimeUnit.SECONDS)) {
            wins++;
          }
        }
        assertThat(wins).isEqualTo(1);
        assertThat(fake.datasetSyncCount(identity, DS)).isEqualTo(base + 1);
      }
    } finally {
      pool.shutdownNow();
    }
  }
}
