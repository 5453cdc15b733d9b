package dev.offsync.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.offsync.ConflictException;
import dev.offsync.DatasetMetadata;
import dev.offsync.DatasetNotFoundException;
import dev.offsync.DeviceNotRegisteredException;
import dev.offsync.InvalidParameterException;
import dev.offsync.LimitExceededException;
import dev.offsync.Platform;
import dev.offsync.spi.DatasetPage;
import dev.offsync.spi.RecordPage;
import dev.offsync.spi.RecordPatch;
import dev.offsync.spi.RemoteRecord;
import dev.offsync.spi.RemoteStore;
import io.reactivex.rxjava3.core.Completable;
import io.reactivex.rxjava3.core.Single;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The server behaviour every {@link RemoteStore} must show against a fresh server, as a JUnit 5 suite:
 * {@link FakeRemoteStore} passes it in sync-core, and {@code sync-http}'s store passes it against the real
 * HTTP server, so the fake cannot drift from the server. Extend it and implement {@link #createStore()}
 * and {@link #newIdentityId()}.
 *
 * <p>It uses only the {@link RemoteStore} interface (no backdoor), so it also documents what the engine
 * may rely on: sync counts rising by exactly one per successful {@code UpdateRecords}, all-or-nothing
 * conflicts with the service's message, tombstones, the {@code lastSyncCount} filter and ordering,
 * paging that never skips or repeats, deletion and re-creation, limits, and dataset listing; and push sync:
 * stable device ids, idempotent subscriptions, and unknown devices.
 */
public abstract class RemoteStoreContract {

  /** How long one call may take before the test fails. */
  protected static final long CALL_TIMEOUT_SECONDS = 30;

  /** The store under test, created before each test. */
  protected RemoteStore remote;
  /** A fresh identity for the test, from {@link #newIdentityId()}. */
  protected String identity;

  private int datasetCounter;

  /**
   * Creates the store under test, talking to a server that the test may write. Called before each test.
   *
   * @return the store
   */
  protected abstract RemoteStore createStore();

  /**
   * A fresh identity id that has no datasets yet and that the store may write, e.g. a random UUID in the
   * pool's region format. Called at least once per test.
   *
   * @return the identity id
   */
  protected abstract String newIdentityId();

  /**
   * The device id passed to {@code UpdateRecords}; override to match the server's constraints.
   *
   * @return the device id
   */
  protected String deviceId() {
    return "contract-device";
  }

  /** A store and the identity it may make push-sync calls for (see {@link #newPushTarget()}). */
  protected static final class PushTarget {
    final RemoteStore store;
    final String identityId;

    /**
     * Creates a target.
     *
     * @param store the store to call
     * @param identityId the identity whose devices and subscriptions the calls manage
     */
    public PushTarget(RemoteStore store, String identityId) {
      this.store = store;
      this.identityId = identityId;
    }
  }

  /**
   * A fresh identity (with no devices yet) and the store the push-sync tests use for it. By default
   * {@link #remote} and {@link #newIdentityId()}; override when the server accepts {@code RegisterDevice},
   * {@code SubscribeToDataset} and {@code UnsubscribeFromDataset} only with the identity's own credentials
   * (Cognito Sync refuses developer credentials for them). May be called more than once per test.
   *
   * @return the target
   */
  protected PushTarget newPushTarget() {
    return new PushTarget(remote, newIdentityId());
  }

  /** Creates {@link #remote} and {@link #identity}. */
  @BeforeEach
  void createRemoteUnderTest() {
    remote = createStore();
    identity = newIdentityId();
  }

  // ---------------------------------------------------------------------------------------------
  // helpers

  /**
   * Subscribes and waits.
   *
   * @param single the call
   * @param <T> the result type
   * @return the result
   */
  protected static <T> T await(Single<T> single) {
    return single.timeout(CALL_TIMEOUT_SECONDS, TimeUnit.SECONDS).blockingGet();
  }

  /**
   * Subscribes and waits for completion.
   *
   * @param completable the call
   */
  protected static void await(Completable completable) {
    completable.timeout(CALL_TIMEOUT_SECONDS, TimeUnit.SECONDS).blockingAwait();
  }

  /**
   * A dataset name not used yet in this test.
   *
   * @return the name
   */
  protected String newDataset() {
    return "contract_ds-" + (++datasetCounter);
  }

  private RecordPage list(String ds, long lastSyncCount) {
    return await(remote.listRecords(identity, ds, lastSyncCount, null, RemoteStore.MAX_RECORDS_PER_PAGE, null));
  }

  /** Every page from {@code lastSyncCount}, concatenated. */
  private List<RemoteRecord> listAll(String ds, long lastSyncCount, int pageSize) {
    List<RemoteRecord> out = new ArrayList<>();
    String next = null;
    String session = null;
    int pages = 0;
    do {
      RecordPage page = await(remote.listRecords(identity, ds, lastSyncCount, next, pageSize, session));
      out.addAll(page.records());
      next = page.nextToken();
      session = page.syncSessionToken();
      assertThat(++pages).as("pages").isLessThan(10_000);
    } while (next != null);
    return out;
  }

  private String session(String ds) {
    return list(ds, 0).syncSessionToken();
  }

  private List<RemoteRecord> update(String ds, RecordPatch... patches) {
    return update(ds, Arrays.asList(patches));
  }

  private List<RemoteRecord> update(String ds, List<RecordPatch> patches) {
    return await(remote.updateRecords(identity, ds, patches, session(ds), deviceId()));
  }

  private static RecordPatch put(String key, String value, long base) {
    return RecordPatch.replace(key, value, base, Instant.ofEpochMilli(1_600_000_000_000L));
  }

  private static RecordPatch del(String key, long base) {
    return RecordPatch.remove(key, base, Instant.ofEpochMilli(1_600_000_000_000L));
  }

  private Map<String, RemoteRecord> byKey(List<RemoteRecord> records) {
    Map<String, RemoteRecord> out = new LinkedHashMap<>();
    for (RemoteRecord r : records) {
      out.put(r.key(), r);
    }
    return out;
  }

  private static String repeat(char c, int n) {
    char[] chars = new char[n];
    Arrays.fill(chars, c);
    return new String(chars);
  }

  // ---------------------------------------------------------------------------------------------
  // ListRecords / UpdateRecords basics

  @Test
  void aNewDatasetListsAsAnEmptyPageThatDoesNotExist() {
    String ds = newDataset();
    RecordPage page = list(ds, 0);
    assertThat(page.records()).isEmpty();
    assertThat(page.datasetExists()).isFalse();
    assertThat(page.datasetSyncCount()).isZero();
    assertThat(page.datasetDeletedAfterRequestedSyncCount()).isFalse();
    assertThat(page.mergedDatasetNames()).isEmpty();
    assertThat(page.nextToken()).isNull();
    assertThat(page.syncSessionToken()).isNotEmpty();
    assertThatThrownBy(() -> await(remote.describeDataset(identity, ds)))
        .isInstanceOf(DatasetNotFoundException.class);
  }

  @Test
  void theFirstUpdateCreatesTheDatasetAtCountOneAndEveryRecordTakesIt() {
    String ds = newDataset();
    List<RemoteRecord> written = update(ds, put("a", "1", 0), put("b", "", 0), del("never-existed", 0));
    assertThat(written).extracting(RemoteRecord::key).containsExactlyInAnyOrder("a", "b", "never-existed");
    assertThat(written).allMatch(r -> r.syncCount() == 1);
    Map<String, RemoteRecord> w = byKey(written);
    assertThat(w.get("a").value()).isEqualTo("1");
    assertThat(w.get("b").value()).isEqualTo("");
    assertThat(w.get("never-existed").value()).isNull();

    RecordPage page = list(ds, 0);
    assertThat(page.datasetExists()).isTrue();
    assertThat(page.datasetSyncCount()).isEqualTo(1);
    assertThat(page.datasetDeletedAfterRequestedSyncCount()).isFalse();
    Map<String, RemoteRecord> listed = byKey(page.records());
    assertThat(listed.get("a").value()).isEqualTo("1");
    assertThat(listed.get("a").syncCount()).isEqualTo(1);
    assertThat(listed.get("b").value()).as("empty string is a value, not a delete").isEqualTo("");
    assertThat(listed.get("b").isDeleted()).isFalse();
    assertThat(listed.get("a").deviceLastModifiedDate()).isEqualTo(Instant.ofEpochMilli(1_600_000_000_000L));
    assertThat(listed.get("a").lastModifiedDate()).isNotNull();
  }

  @Test
  void eachSuccessfulUpdateRaisesTheCountByExactlyOne() {
    String ds = newDataset();
    update(ds, put("a", "1", 0));
    update(ds, put("b", "1", 0), put("c", "1", 0), put("d", "1", 0));
    List<RemoteRecord> third = update(ds, put("a", "2", 1), put("b", "2", 2));
    assertThat(third).allMatch(r -> r.syncCount() == 3);
    assertThat(list(ds, 0).datasetSyncCount()).isEqualTo(3);
    Map<String, RemoteRecord> all = byKey(list(ds, 0).records());
    assertThat(all.get("a").syncCount()).isEqualTo(3);
    assertThat(all.get("c").syncCount()).isEqualTo(2);
    assertThat(all.get("a").value()).isEqualTo("2");
  }

  @Test
  void aStalePatchIsAConflictWithTheServicesMessageAndNothingIsWritten() {
    String ds = newDataset();
    update(ds, put("a", "1", 0), put("b", "1", 0)); // count 1
    update(ds, put("a", "2", 1)); // count 2
    String session = session(ds);
    assertThatThrownBy(() -> await(remote.updateRecords(identity, ds,
        Arrays.asList(put("b", "fresh", 1), put("a", "stale", 1), put("new", "x", 0)), session, deviceId())))
        .isInstanceOf(ConflictException.class)
        .hasMessageContaining("Current SyncCount for: a is: 2 not: 1");
    RecordPage page = list(ds, 0);
    assertThat(page.datasetSyncCount()).as("count unchanged").isEqualTo(2);
    Map<String, RemoteRecord> records = byKey(page.records());
    assertThat(records).containsOnlyKeys("a", "b");
    assertThat(records.get("a").value()).isEqualTo("2");
    assertThat(records.get("b").value()).as("valid patches of a rejected request are not applied").isEqualTo("1");
    assertThat(records.get("b").syncCount()).isEqualTo(1);
  }

  @Test
  void aPatchBasedOnZeroForAnExistingKeyIsAConflict() {
    String ds = newDataset();
    update(ds, put("user", "1", 0));
    assertThatThrownBy(() -> update(ds, put("user", "2", 0)))
        .isInstanceOf(ConflictException.class)
        .hasMessageContaining("Current SyncCount for: user is: 1 not: 0");
  }

  @Test
  void aPatchAheadOfTheServerIsAConflictToo() {
    String ds = newDataset();
    update(ds, put("a", "1", 0));
    assertThatThrownBy(() -> update(ds, put("a", "2", 5))).isInstanceOf(ConflictException.class)
        .hasMessageContaining("Current SyncCount for: a is: 1 not: 5");
    assertThatThrownBy(() -> update(ds, put("fresh", "2", 3))).isInstanceOf(ConflictException.class)
        .hasMessageContaining("Current SyncCount for: fresh is: 0 not: 3");
  }

  @Test
  void aStalePatchWithTheSameValueIsStillAConflict() {
    String ds = newDataset();
    update(ds, put("a", "same", 0)); // 1
    update(ds, put("a", "same", 1)); // 2: same value re-written
    assertThatThrownBy(() -> update(ds, put("a", "same", 1))).isInstanceOf(ConflictException.class)
        .hasMessageContaining("Current SyncCount for: a is: 2 not: 1");
    assertThatThrownBy(() -> update(ds, del("a", 1))).isInstanceOf(ConflictException.class);
  }

  @Test
  void replayingAnAppliedRequestFailsWithAConflict() {
    String ds = newDataset();
    List<RecordPatch> patches = Arrays.asList(put("a", "1", 0), put("b", "2", 0));
    String session = session(ds);
    await(remote.updateRecords(identity, ds, patches, session, deviceId()));
    assertThatThrownBy(() -> await(remote.updateRecords(identity, ds, patches, session, deviceId())))
        .isInstanceOf(ConflictException.class);
    assertThat(list(ds, 0).datasetSyncCount()).isEqualTo(1);
  }

  @Test
  void removeLeavesATombstoneThatListRecordsReturns() {
    String ds = newDataset();
    update(ds, put("a", "1", 0), put("b", "1", 0)); // 1
    List<RemoteRecord> removed = update(ds, del("a", 1)); // 2
    assertThat(removed).hasSize(1);
    assertThat(removed.get(0).isDeleted()).isTrue();
    assertThat(removed.get(0).syncCount()).isEqualTo(2);
    RecordPage page = list(ds, 1);
    assertThat(page.records()).hasSize(1);
    RemoteRecord tomb = page.records().get(0);
    assertThat(tomb.key()).isEqualTo("a");
    assertThat(tomb.value()).isNull();
    assertThat(tomb.syncCount()).isEqualTo(2);
    // a removed key is re-created on its tombstone's count
    assertThatThrownBy(() -> update(ds, put("a", "again", 0))).isInstanceOf(ConflictException.class);
    List<RemoteRecord> again = update(ds, put("a", "again", 2));
    assertThat(again.get(0).syncCount()).isEqualTo(3);
    assertThat(byKey(list(ds, 0).records()).get("a").value()).isEqualTo("again");
  }

  @Test
  void emptyStringAndRemoveAreDifferent() {
    String ds = newDataset();
    update(ds, put("e", "", 0), del("d", 0));
    Map<String, RemoteRecord> all = byKey(list(ds, 0).records());
    assertThat(all.get("e").value()).isEqualTo("");
    assertThat(all.get("d").value()).isNull();
    DatasetMetadata meta = await(remote.describeDataset(identity, ds));
    assertThat(meta.recordCount()).isEqualTo(1);
    assertThat(meta.storageSizeBytes()).isEqualTo(1);
  }

  @Test
  void listRecordsReturnsOnlyRecordsChangedAfterTheGivenCountOrderedByCount() {
    String ds = newDataset();
    update(ds, put("z", "1", 0), put("y", "1", 0)); // 1
    update(ds, put("x", "2", 0)); // 2
    update(ds, put("z", "3", 1)); // 3
    update(ds, put("w", "4", 0), del("y", 1)); // 4
    List<RemoteRecord> after1 = list(ds, 1).records();
    assertThat(after1).extracting(RemoteRecord::key).containsExactlyInAnyOrder("x", "z", "w", "y");
    assertThat(after1).allMatch(r -> r.syncCount() > 1);
    assertThat(after1).extracting(RemoteRecord::syncCount).isSorted();
    assertThat(list(ds, 3).records()).extracting(RemoteRecord::key).containsExactlyInAnyOrder("w", "y");
    RecordPage atTop = list(ds, 4);
    assertThat(atTop.records()).isEmpty();
    assertThat(atTop.datasetExists()).isTrue();
    assertThat(atTop.datasetSyncCount()).isEqualTo(4);
    List<RemoteRecord> all = list(ds, 0).records();
    assertThat(all).hasSize(4);
    assertThat(all).extracting(RemoteRecord::syncCount).isSorted();
  }

  @Test
  void listRecordsAboveTheDatasetCountIsAnInvalidParameter() {
    String ds = newDataset();
    update(ds, put("a", "1", 0));
    update(ds, put("a", "2", 1));
    assertThatThrownBy(() -> list(ds, 3)).isInstanceOf(InvalidParameterException.class)
        .hasMessageContaining("No such SyncCount");
    assertThat(list(ds, 2).records()).isEmpty();
  }

  @Test
  void pagesNeverSkipOrRepeat() {
    String ds = newDataset();
    int n = 23;
    for (int i = 0; i < n; i++) {
      update(ds, put("k" + i, "v" + i, 0)); // each key its own count
    }
    update(ds, put("s1", "x", 0), put("s2", "x", 0), put("s3", "x", 0), put("s4", "x", 0)); // one count, 4 keys
    for (int pageSize : new int[] {1, 2, 3, 5, 1024}) {
      List<RemoteRecord> all = listAll(ds, 0, pageSize);
      assertThat(all).as("page size %d", pageSize).hasSize(n + 4);
      assertThat(all.stream().map(RemoteRecord::key).collect(Collectors.toSet())).hasSize(n + 4);
      assertThat(all).extracting(RemoteRecord::syncCount).isSorted();
    }
    List<RemoteRecord> tail = listAll(ds, 20, 2);
    assertThat(tail).extracting(RemoteRecord::key).containsExactlyInAnyOrder("k20", "k21", "k22", "s1", "s2", "s3", "s4");
  }

  @Test
  void pagesNeverSkipOrRepeatARecordVersionWhileOtherWritesHappenBetweenPages() {
    String ds = newDataset();
    int n = 12;
    for (int i = 0; i < n; i++) {
      update(ds, put("k" + i, "v" + i, 0)); // k_i at count i+1
    }
    Map<String, Long> counts = new HashMap<>();
    for (RemoteRecord r : list(ds, 0).records()) {
      counts.put(r.key(), r.syncCount());
    }
    Set<String> seenVersions = new HashSet<>();
    Map<String, RemoteRecord> latest = new HashMap<>();
    String next = null;
    String session = null;
    int page = 0;
    do {
      RecordPage p = await(remote.listRecords(identity, ds, 0, next, 3, session));
      for (RemoteRecord r : p.records()) {
        assertThat(seenVersions.add(r.key() + "@" + r.syncCount())).as("repeated %s", r).isTrue();
        latest.put(r.key(), r);
      }
      next = p.nextToken();
      session = p.syncSessionToken();
      if (page == 0) {
        // between pages: change a record already returned, one not returned yet, add and remove keys
        String first = p.records().get(0).key();
        update(ds, put(first, "changed-early", counts.get(first)));
        update(ds, put("k10", "changed-late", counts.get("k10")));
        update(ds, put("new", "added", 0), del("k11", counts.get("k11")));
      }
      page++;
      assertThat(page).isLessThan(100);
    } while (next != null);
    // every key's newest version was seen; nothing was skipped
    Map<String, RemoteRecord> server = byKey(list(ds, 0).records());
    assertThat(latest.keySet()).containsAll(server.keySet());
    for (RemoteRecord r : server.values()) {
      assertThat(latest.get(r.key())).as(r.key()).isEqualTo(r);
    }
  }

  @Test
  void theSessionTokenMustComeFromListRecordsOfTheSameIdentityAndDataset() {
    String ds = newDataset();
    String other = newDataset();
    String otherSession = session(other);
    assertThatThrownBy(() -> await(remote.updateRecords(identity, ds, Collections.singletonList(put("a", "1", 0)),
        "not-a-token", deviceId()))).isInstanceOf(InvalidParameterException.class);
    assertThatThrownBy(() -> await(remote.updateRecords(identity, ds, Collections.singletonList(put("a", "1", 0)),
        otherSession, deviceId()))).isInstanceOf(InvalidParameterException.class);
    assertThat(list(ds, 0).datasetExists()).isFalse();
  }

  @Test
  void callsAreColdNothingHappensUntilSubscribed() {
    String ds = newDataset();
    String session = session(ds);
    Single<List<RemoteRecord>> pending =
        remote.updateRecords(identity, ds, Collections.singletonList(put("a", "1", 0)), session, deviceId());
    remote.deleteDataset(identity, ds);
    assertThat(list(ds, 0).datasetExists()).isFalse();
    await(pending);
    assertThat(list(ds, 0).datasetSyncCount()).isEqualTo(1);
    // each subscription performs the call again: the second one is a replay, hence a conflict
    assertThatThrownBy(() -> await(pending)).isInstanceOf(ConflictException.class);
  }

  @Test
  void identitiesAreIsolated() {
    String ds = newDataset();
    update(ds, put("a", "mine", 0));
    String me = identity;
    identity = newIdentityId();
    assertThat(list(ds, 0).datasetExists()).isFalse();
    update(ds, put("a", "theirs", 0));
    identity = me;
    assertThat(byKey(list(ds, 0).records()).get("a").value()).isEqualTo("mine");
  }

  // ---------------------------------------------------------------------------------------------
  // delete and re-create

  @Test
  void deleteThenDescribeIsNotFoundAndListRecordsReportsTheDeletion() {
    String ds = newDataset();
    update(ds, put("a", "1", 0), put("b", "2", 0)); // 1
    update(ds, put("a", "3", 1)); // 2
    DatasetMetadata deleted = await(remote.deleteDataset(identity, ds));
    assertThat(deleted.name()).isEqualTo(ds);
    assertThatThrownBy(() -> await(remote.describeDataset(identity, ds))).isInstanceOf(DatasetNotFoundException.class);
    assertThatThrownBy(() -> await(remote.deleteDataset(identity, ds))).isInstanceOf(DatasetNotFoundException.class);

    RecordPage fromOld = list(ds, 2);
    assertThat(fromOld.datasetExists()).isFalse();
    assertThat(fromOld.records()).isEmpty();
    assertThat(fromOld.datasetDeletedAfterRequestedSyncCount()).isTrue();
    assertThat(list(ds, 1).datasetDeletedAfterRequestedSyncCount()).isTrue();
    RecordPage fromZero = list(ds, 0);
    assertThat(fromZero.datasetExists()).isFalse();
    assertThat(fromZero.records()).isEmpty();
    assertThat(fromZero.datasetDeletedAfterRequestedSyncCount()).isFalse();
  }

  @Test
  void aRecreatedDatasetAcceptsCountZeroPatchesAndItsCountKeepsRising() {
    String ds = newDataset();
    update(ds, put("a", "1", 0)); // 1
    update(ds, put("a", "2", 1), put("b", "x", 0)); // 2
    await(remote.deleteDataset(identity, ds));
    // the old incarnation's counts are gone: base 2 is stale, base 0 is right
    assertThatThrownBy(() -> update(ds, put("a", "stale", 2))).isInstanceOf(ConflictException.class)
        .hasMessageContaining("Current SyncCount for: a is: 0 not: 2");
    List<RemoteRecord> recreated = update(ds, put("a", "new", 0));
    long newCount = recreated.get(0).syncCount();
    assertThat(newCount).as("counts keep rising across delete/recreate").isGreaterThan(2);

    RecordPage fromOld = list(ds, 2);
    assertThat(fromOld.datasetExists()).isTrue();
    assertThat(fromOld.datasetDeletedAfterRequestedSyncCount()).isTrue();
    assertThat(fromOld.datasetSyncCount()).isEqualTo(newCount);
    assertThat(fromOld.records()).extracting(RemoteRecord::key).containsExactly("a");
    assertThat(fromOld.records().get(0).value()).isEqualTo("new");

    RecordPage fromNew = list(ds, newCount);
    assertThat(fromNew.datasetDeletedAfterRequestedSyncCount()).isFalse();
    assertThat(fromNew.records()).isEmpty();
    Map<String, RemoteRecord> all = byKey(list(ds, 0).records());
    assertThat(all).containsOnlyKeys("a");
    assertThat(list(ds, 0).datasetDeletedAfterRequestedSyncCount()).isFalse();
    DatasetMetadata meta = await(remote.describeDataset(identity, ds));
    assertThat(meta.recordCount()).isEqualTo(1);
    assertThat(meta.storageSizeBytes()).isEqualTo(1 + 3);
    List<RemoteRecord> next = update(ds, put("a", "newer", newCount));
    assertThat(next.get(0).syncCount()).isEqualTo(newCount + 1);
  }

  /**
   * The deletion history the engine relies on (docs/server.md, "Deleted and re-created datasets"): a deleted
   * dataset lists as not existing with count 0 and "deleted after" for every count above 0 it ever had; a
   * re-creation continues the count (the first write after a deletion at N is N + 1, so no count is ever reused
   * for another state), lists none of the old incarnation's records or tombstones, and keeps reporting "deleted
   * after" for counts of every earlier incarnation, never for count 0 or its own counts.
   */
  @Test
  void deletionsAndReCreationsReportTheirHistoryForEveryIncarnation() {
    String ds = newDataset();
    update(ds, put("a", "1", 0), put("b", "2", 0)); // 1
    update(ds, del("b", 1)); // 2
    await(remote.deleteDataset(identity, ds));
    RecordPage dead = list(ds, 0);
    assertThat(dead.datasetExists()).isFalse();
    assertThat(dead.datasetSyncCount()).isZero();
    assertThat(dead.datasetDeletedAfterRequestedSyncCount()).as("count 0 belongs to no incarnation").isFalse();
    assertThat(dead.records()).isEmpty();
    for (long old = 1; old <= 2; old++) {
      RecordPage page = list(ds, old);
      assertThat(page.datasetExists()).isFalse();
      assertThat(page.datasetSyncCount()).isZero();
      assertThat(page.datasetDeletedAfterRequestedSyncCount()).as("deleted after %d", old).isTrue();
    }

    List<RemoteRecord> second = update(ds, put("c", "3", 0));
    assertThat(second.get(0).syncCount()).as("the count continues after the deletion at 2").isEqualTo(3);
    assertThat(byKey(list(ds, 0).records())).as("no record or tombstone of the old incarnation").containsOnlyKeys("c");
    assertThatThrownBy(() -> update(ds, put("a", "stale", 1))).isInstanceOf(ConflictException.class)
        .hasMessageContaining("Current SyncCount for: a is: 0 not: 1");
    update(ds, put("c", "4", 3)); // 4
    assertThat(list(ds, 1).datasetDeletedAfterRequestedSyncCount()).isTrue();
    assertThat(list(ds, 2).datasetDeletedAfterRequestedSyncCount()).isTrue();
    assertThat(list(ds, 3).datasetDeletedAfterRequestedSyncCount()).as("a count of the live incarnation").isFalse();
    assertThat(list(ds, 0).datasetDeletedAfterRequestedSyncCount()).isFalse();

    await(remote.deleteDataset(identity, ds));
    for (long old = 1; old <= 4; old++) {
      assertThat(list(ds, old).datasetDeletedAfterRequestedSyncCount()).as("deleted after %d", old).isTrue();
    }
    List<RemoteRecord> third = update(ds, put("a", "5", 0));
    assertThat(third.get(0).syncCount()).isEqualTo(5);
    RecordPage live = list(ds, 0);
    assertThat(live.datasetExists()).isTrue();
    assertThat(live.datasetSyncCount()).isEqualTo(5);
    assertThat(byKey(live.records())).containsOnlyKeys("a");
    assertThat(list(ds, 4).datasetDeletedAfterRequestedSyncCount()).isTrue();
    assertThat(list(ds, 5).datasetDeletedAfterRequestedSyncCount()).isFalse();
  }

  // ---------------------------------------------------------------------------------------------
  // limits

  @Test
  void moreThan1024LiveRecordsIsALimitExceededAndNothingIsWritten() {
    String ds = newDataset();
    List<RecordPatch> full = new ArrayList<>();
    for (int i = 0; i < 1024; i++) {
      full.add(put("k" + i, "v", 0));
    }
    List<RemoteRecord> written = update(ds, full);
    assertThat(written).hasSize(1024);
    assertThatThrownBy(() -> update(ds, put("one-more", "v", 0))).isInstanceOf(LimitExceededException.class);
    assertThat(list(ds, 0).datasetSyncCount()).isEqualTo(1);
    // tombstones do not count: remove one, then another key fits
    update(ds, del("k0", 1));
    update(ds, put("one-more", "v", 0));
    assertThat(await(remote.describeDataset(identity, ds)).recordCount()).isEqualTo(1024);
    // a request that removes as many as it adds fits too
    update(ds, del("k1", 1), put("another", "v", 0));
  }

  @Test
  void moreThanOneMegabyteOfUtf8KeysAndValuesIsALimitExceeded() {
    String ds = newDataset();
    // 1,048,575 chars of 'a' plus a 1-byte key: exactly 1 MB, allowed
    update(ds, put("k", repeat('a', 1_048_575), 0));
    DatasetMetadata meta = await(remote.describeDataset(identity, ds));
    assertThat(meta.storageSizeBytes()).isEqualTo(1_048_576);
    assertThatThrownBy(() -> update(ds, put("x", "", 0))).isInstanceOf(LimitExceededException.class);
    assertThat(list(ds, 0).datasetSyncCount()).isEqualTo(1);

    // multi-byte characters count in UTF-8 bytes: 400,000 × 'é' = 800,000 bytes, 300,000 more 'b' > 1 MB
    String other = newDataset();
    update(other, put("e", repeat('é', 400_000), 0));
    assertThatThrownBy(() -> update(other, put("b", repeat('b', 300_000), 0)))
        .isInstanceOf(LimitExceededException.class);
    assertThat(byKey(list(other, 0).records())).containsOnlyKeys("e");
    // replacing the big value with a smaller one frees the space
    update(other, put("e", "small", 1), put("b", repeat('b', 300_000), 0));
    assertThat(await(remote.describeDataset(identity, other)).storageSizeBytes()).isEqualTo(1 + 5 + 1 + 300_000);
  }

  @Test
  void moreThan20DatasetsIsALimitExceeded() {
    List<String> names = new ArrayList<>();
    for (int i = 0; i < 20; i++) {
      String ds = newDataset();
      names.add(ds);
      update(ds, put("a", "1", 0));
    }
    String extra = newDataset();
    assertThatThrownBy(() -> update(extra, put("a", "1", 0))).isInstanceOf(LimitExceededException.class);
    assertThat(list(extra, 0).datasetExists()).isFalse();
    // writing to an existing dataset still works
    update(names.get(0), put("b", "1", 0));
    // after a delete, a new dataset fits
    await(remote.deleteDataset(identity, names.get(1)));
    update(extra, put("a", "1", 0));
    assertThat(list(extra, 0).datasetExists()).isTrue();
  }

  // ---------------------------------------------------------------------------------------------
  // DescribeDataset / ListDatasets

  @Test
  void describeDatasetCountsLiveRecordsAndTheirUtf8Bytes() {
    String ds = newDataset();
    update(ds, put("ab", "cde", 0), put("é", "€", 0), put("gone", "x", 0), put("empty", "", 0)); // 1
    update(ds, del("gone", 1)); // 2
    DatasetMetadata meta = await(remote.describeDataset(identity, ds));
    assertThat(meta.name()).isEqualTo(ds);
    assertThat(meta.recordCount()).isEqualTo(3);
    assertThat(meta.storageSizeBytes()).isEqualTo((2 + 3) + (2 + 3) + (5 + 0));
    assertThat(meta.creationDate()).isNotNull();
    assertThat(meta.lastModifiedDate()).isNotNull();
    assertThat(meta.lastModifiedDate()).isAfterOrEqualTo(meta.creationDate());
  }

  @Test
  void listDatasetsPagesThroughExistingDatasetsWithoutSkippingOrRepeating() {
    DatasetPage empty = await(remote.listDatasets(identity, null, RemoteStore.MAX_DATASETS_PER_PAGE));
    assertThat(empty.datasets()).isEmpty();
    assertThat(empty.nextToken()).isNull();
    Set<String> created = new HashSet<>();
    for (int i = 0; i < 7; i++) {
      String ds = newDataset();
      created.add(ds);
      update(ds, put("k", repeat('v', i), 0));
    }
    String deleted = newDataset();
    update(deleted, put("k", "v", 0));
    await(remote.deleteDataset(identity, deleted));

    List<DatasetMetadata> seen = new ArrayList<>();
    String next = null;
    int pages = 0;
    do {
      DatasetPage page = await(remote.listDatasets(identity, next, 2));
      assertThat(page.datasets().size()).isLessThanOrEqualTo(2);
      seen.addAll(page.datasets());
      next = page.nextToken();
      pages++;
      assertThat(pages).isLessThan(100);
    } while (next != null);
    assertThat(pages).isGreaterThanOrEqualTo(4);
    List<String> names = seen.stream().map(DatasetMetadata::name).collect(Collectors.toList());
    assertThat(names).doesNotHaveDuplicates();
    assertThat(new HashSet<>(names)).isEqualTo(created);
    for (DatasetMetadata m : seen) {
      assertThat(m.recordCount()).isEqualTo(1);
      assertThat(m.storageSizeBytes()).isEqualTo(1 + Integer.parseInt(m.name().substring("contract_ds-".length())) - 1);
    }
  }
  // ---------------------------------------------------------------------------------------------
  // Push sync: RegisterDevice, SubscribeToDataset, UnsubscribeFromDataset

  @Test
  void registerDeviceGivesOneStableDeviceIdPerPlatformAndToken() {
    PushTarget t = newPushTarget();
    String first = await(t.store.registerDevice(t.identityId, Platform.GCM, "token-a"));
    assertThat(first).isNotEmpty().hasSizeLessThanOrEqualTo(256);
    assertThat(await(t.store.registerDevice(t.identityId, Platform.GCM, "token-a"))).isEqualTo(first);
    String otherToken = await(t.store.registerDevice(t.identityId, Platform.GCM, "token-b"));
    String otherPlatform = await(t.store.registerDevice(t.identityId, Platform.APNS_SANDBOX, "token-a"));
    assertThat(new HashSet<>(Arrays.asList(first, otherToken, otherPlatform))).hasSize(3);
  }

  @Test
  void subscribeAndUnsubscribeAreIdempotentAndNeedNoExistingDataset() {
    PushTarget t = newPushTarget();
    String device = await(t.store.registerDevice(t.identityId, Platform.APNS, "token-subscribe"));
    String ds = newDataset();
    await(t.store.subscribe(t.identityId, ds, device));
    await(t.store.subscribe(t.identityId, ds, device));
    await(t.store.unsubscribe(t.identityId, ds, device));
    await(t.store.unsubscribe(t.identityId, ds, device));
    await(t.store.unsubscribe(t.identityId, newDataset(), device));
  }

  @Test
  void aDeviceIdNotRegisteredForTheIdentityIsRefused() {
    PushTarget t = newPushTarget();
    String ds = newDataset();
    assertThatThrownBy(() -> await(t.store.subscribe(t.identityId, ds, "no-such-device")))
        .isInstanceOf(DeviceNotRegisteredException.class);
    assertThatThrownBy(() -> await(t.store.unsubscribe(t.identityId, ds, "no-such-device")))
        .isInstanceOf(DeviceNotRegisteredException.class);
    PushTarget other = newPushTarget();
    String othersDevice = await(other.store.registerDevice(other.identityId, Platform.GCM, "token-other"));
    assertThatThrownBy(() -> await(t.store.subscribe(t.identityId, ds, othersDevice)))
        .isInstanceOf(DeviceNotRegisteredException.class);
  }
}
