package dev.offsync.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.offsync.server.testing.ServerTestSupport;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.MethodSource;
import software.amazon.awssdk.services.cognitosync.CognitoSyncClient;
import software.amazon.awssdk.services.cognitosync.model.Dataset;
import software.amazon.awssdk.services.cognitosync.model.InvalidParameterException;
import software.amazon.awssdk.services.cognitosync.model.ListRecordsResponse;
import software.amazon.awssdk.services.cognitosync.model.Operation;
import software.amazon.awssdk.services.cognitosync.model.Record;
import software.amazon.awssdk.services.cognitosync.model.RecordPatch;
import software.amazon.awssdk.services.cognitosync.model.ResourceConflictException;
import software.amazon.awssdk.services.cognitosync.model.ResourceNotFoundException;
import software.amazon.awssdk.services.cognitosync.model.UpdateRecordsResponse;

/** ListRecords / UpdateRecords / DescribeDataset / DeleteDataset / ListDatasets / DescribeIdentityUsage semantics. */
@ParameterizedClass(name = "[{index}] {0}")
@MethodSource("dev.offsync.server.testing.StoreFactories#all")
class RecordsApiTest extends ServerTestSupport {
  private static final String IDENTITY = "us-east-1:11111111-2222-3333-4444-555555555555";
  private CognitoSyncClient sync;

  @Override
  protected void configure(SyncServer.Builder b) {
    // the token-expiry test moves the server clock an hour ahead of the SDK's signing clock
    b.maxClockSkew(Duration.ofHours(48));
  }

  @BeforeEach
  void client() {
    sync = developer();
  }

  private ListRecordsResponse list(String dataset, long lastSyncCount) {
    return sync.listRecords(r -> r.identityPoolId(POOL).identityId(IDENTITY).datasetName(dataset)
        .lastSyncCount(lastSyncCount));
  }

  static RecordPatch put(String key, String value, long syncCount) {
    return RecordPatch.builder().op(Operation.REPLACE).key(key).value(value).syncCount(syncCount).build();
  }

  static RecordPatch remove(String key, long syncCount) {
    return RecordPatch.builder().op(Operation.REMOVE).key(key).syncCount(syncCount).build();
  }

  private UpdateRecordsResponse update(String dataset, RecordPatch... patches) {
    String token = list(dataset, 0).syncSessionToken();
    return sync.updateRecords(r -> r.identityPoolId(POOL).identityId(IDENTITY).datasetName(dataset)
        .syncSessionToken(token).deviceId("device-1").recordPatches(patches));
  }

  private static Map<String, Record> byKey(List<Record> records) {
    return records.stream().collect(Collectors.toMap(Record::key, Function.identity()));
  }

  @Test
  void missingDatasetListsAsNotExisting() {
    ListRecordsResponse r = list("never", 0);
    assertThat(r.records()).isEmpty();
    assertThat(r.count()).isZero();
    assertThat(r.datasetSyncCount()).isZero();
    assertThat(r.datasetExists()).isFalse();
    assertThat(r.datasetDeletedAfterRequestedSyncCount()).isFalse();
    assertThat(r.syncSessionToken()).isNotBlank();
    assertThatThrownBy(() -> sync.describeDataset(d -> d.identityPoolId(POOL).identityId(IDENTITY).datasetName("never")))
        .isInstanceOf(ResourceNotFoundException.class)
        .satisfies(e -> assertThat(((ResourceNotFoundException) e).statusCode()).isEqualTo(404));
  }

  @Test
  void eachUpdateRaisesTheCountByOneAndRecordsTakeIt() {
    Instant deviceTime = Instant.parse("2026-01-02T03:04:05.678Z");
    String token = list("ds", 0).syncSessionToken();
    UpdateRecordsResponse first = sync.updateRecords(r -> r.identityPoolId(POOL).identityId(IDENTITY)
        .datasetName("ds").syncSessionToken(token).deviceId("device-1")
        .recordPatches(RecordPatch.builder().op(Operation.REPLACE).key("a").value("1").syncCount(0L)
            .deviceLastModifiedDate(deviceTime).build(), put("b", "2", 0)));
    assertThat(first.records()).extracting(Record::key, Record::value, Record::syncCount)
        .containsExactly(org.assertj.core.groups.Tuple.tuple("a", "1", 1L),
            org.assertj.core.groups.Tuple.tuple("b", "2", 1L));
    assertThat(first.records().get(0).deviceLastModifiedDate()).isEqualTo(deviceTime);
    assertThat(first.records().get(0).lastModifiedBy()).isEqualTo("device-1");
    assertThat(first.records().get(0).lastModifiedDate()).isCloseTo(Instant.now(),
        org.assertj.core.api.Assertions.within(1, java.time.temporal.ChronoUnit.MINUTES));

    UpdateRecordsResponse second = update("ds", put("a", "1b", 1));
    assertThat(second.records()).singleElement().satisfies(r -> assertThat(r.syncCount()).isEqualTo(2));

    ListRecordsResponse all = list("ds", 0);
    assertThat(all.datasetSyncCount()).isEqualTo(2);
    assertThat(all.datasetExists()).isTrue();
    assertThat(all.records()).extracting(Record::key).containsExactly("b", "a"); // ordered by sync count
    assertThat(byKey(all.records()).get("a").value()).isEqualTo("1b");
    assertThat(all.count()).isEqualTo(2);

    ListRecordsResponse since1 = list("ds", 1);
    assertThat(since1.records()).extracting(Record::key).containsExactly("a");
    assertThat(list("ds", 2).records()).isEmpty();
  }

  @Test
  void staleSyncCountRejectsTheWholeRequestEvenForAnEqualValue() {
    update("ds", put("a", "1", 0), put("b", "1", 0)); // count 1
    update("ds", put("a", "2", 1)); // count 2
    assertThatThrownBy(() -> update("ds", put("b", "new", 1), put("a", "2", 1)))
        .isInstanceOf(ResourceConflictException.class)
        .hasMessageContaining("Current SyncCount for: a is: 2 not: 1")
        .satisfies(e -> assertThat(((ResourceConflictException) e).statusCode()).isEqualTo(409));
    assertThatThrownBy(() -> update("ds", put("fresh", "x", 5)))
        .isInstanceOf(ResourceConflictException.class)
        .hasMessageContaining("Current SyncCount for: fresh is: 0 not: 5");
    // nothing was written: b kept its value, the count did not move
    ListRecordsResponse r = list("ds", 0);
    assertThat(r.datasetSyncCount()).isEqualTo(2);
    assertThat(byKey(r.records()).get("b").value()).isEqualTo("1");
    assertThat(byKey(r.records())).doesNotContainKey("fresh");
  }

  @Test
  void removeLeavesATombstoneAndReAddUsesItsCount() {
    update("ds", put("k", "v", 0), put("empty", "", 0)); // 1
    UpdateRecordsResponse removed = update("ds", remove("k", 1)); // 2
    assertThat(removed.records()).singleElement().satisfies(r -> {
      assertThat(r.key()).isEqualTo("k");
      assertThat(r.value()).isNull();
      assertThat(r.syncCount()).isEqualTo(2);
    });
    ListRecordsResponse other = list("ds", 1);
    assertThat(other.records()).singleElement().satisfies(r -> assertThat(r.value()).isNull());
    Map<String, Record> all = byKey(list("ds", 0).records());
    assertThat(all.get("empty").value()).isEqualTo(""); // an empty string is a value
    assertThat(sync.describeDataset(d -> d.identityPoolId(POOL).identityId(IDENTITY).datasetName("ds"))
        .dataset().numRecords()).isEqualTo(1);

    assertThatThrownBy(() -> update("ds", put("k", "again", 0))).isInstanceOf(ResourceConflictException.class)
        .hasMessageContaining("is: 2 not: 0");
    assertThat(update("ds", put("k", "again", 2)).records().get(0).syncCount()).isEqualTo(3);
  }

  @Test
  void lastSyncCountAboveTheDatasetCountIsInvalid() {
    update("ds", put("a", "1", 0));
    assertThatThrownBy(() -> list("ds", 2))
        .isInstanceOf(InvalidParameterException.class)
        .hasMessageContaining("No such SyncCount: 2");
  }

  @Test
  void pagingCoversEveryRecordOnceInOrder() {
    List<RecordPatch> patches = new ArrayList<>();
    for (int i = 0; i < 25; i++) {
      patches.add(put(String.format("k%02d", i), "v" + i, 0));
    }
    update("ds", patches.toArray(RecordPatch[]::new));
    update("ds", put("k03", "changed", 1), put("k20", "changed", 1));
    List<Record> seen = new ArrayList<>();
    String next = null;
    int pages = 0;
    do {
      String token = next;
      ListRecordsResponse page = sync.listRecords(r -> r.identityPoolId(POOL).identityId(IDENTITY).datasetName("ds")
          .lastSyncCount(0L).maxResults(4).nextToken(token));
      assertThat(page.records().size()).isLessThanOrEqualTo(4);
      assertThat(page.count()).isEqualTo(page.records().size());
      seen.addAll(page.records());
      next = page.nextToken();
      pages++;
    } while (next != null);
    assertThat(pages).isEqualTo(7);
    assertThat(seen).extracting(Record::key).doesNotHaveDuplicates().hasSize(25);
    assertThat(seen.subList(23, 25)).extracting(Record::key).containsExactly("k03", "k20");
    assertThatThrownBy(() -> sync.listRecords(r -> r.identityPoolId(POOL).identityId(IDENTITY).datasetName("other")
        .maxResults(4).nextToken(sync.listRecords(q -> q.identityPoolId(POOL).identityId(IDENTITY).datasetName("ds")
            .maxResults(4)).nextToken())))
        .isInstanceOf(InvalidParameterException.class).hasMessageContaining("NextToken");
  }

  @Test
  void syncSessionTokenMustBeValidForTheDataset() {
    String tokenForA = list("a", 0).syncSessionToken();
    assertThatThrownBy(() -> sync.updateRecords(r -> r.identityPoolId(POOL).identityId(IDENTITY).datasetName("b")
        .syncSessionToken(tokenForA).recordPatches(put("x", "1", 0))))
        .isInstanceOf(InvalidParameterException.class)
        .hasMessageContaining("SyncSessionToken not valid for these inputs");
    String tampered = tokenForA.substring(0, 10) + (tokenForA.charAt(10) == 'A' ? 'B' : 'A') + tokenForA.substring(11);
    assertThatThrownBy(() -> sync.updateRecords(r -> r.identityPoolId(POOL).identityId(IDENTITY).datasetName("a")
        .syncSessionToken(tampered).recordPatches(put("x", "1", 0))))
        .isInstanceOf(InvalidParameterException.class)
        .hasMessageContaining("SyncSessionToken not valid for these inputs");
    assertThatThrownBy(() -> sync.updateRecords(r -> r.identityPoolId(POOL).identityId(IDENTITY).datasetName("a")
        .syncSessionToken("").recordPatches(put("x", "1", 0))))
        .isInstanceOf(InvalidParameterException.class);
    String fresh = list("a", 0).syncSessionToken();
    clock.advance(Duration.ofMinutes(61)); // tokens live one hour
    assertThatThrownBy(() -> sync.updateRecords(r -> r.identityPoolId(POOL).identityId(IDENTITY).datasetName("a")
        .syncSessionToken(fresh).recordPatches(put("x", "1", 0))))
        .isInstanceOf(InvalidParameterException.class)
        .hasMessageContaining("SyncSessionToken not valid for these inputs");
    assertThat(list("a", 0).datasetExists()).isFalse();
  }

  @Test
  void deleteDatasetThenRecreateWithRisingCounts() {
    update("ds", put("a", "1", 0), put("b", "2", 0)); // 1
    update("ds", put("a", "3", 1)); // 2
    Dataset deleted = sync.deleteDataset(d -> d.identityPoolId(POOL).identityId(IDENTITY).datasetName("ds")).dataset();
    assertThat(deleted.datasetName()).isEqualTo("ds");
    assertThat(deleted.numRecords()).isEqualTo(2);
    assertThat(deleted.dataStorage()).isEqualTo(4);
    assertThatThrownBy(() -> sync.describeDataset(d -> d.identityPoolId(POOL).identityId(IDENTITY).datasetName("ds")))
        .isInstanceOf(ResourceNotFoundException.class);
    assertThatThrownBy(() -> sync.deleteDataset(d -> d.identityPoolId(POOL).identityId(IDENTITY).datasetName("ds")))
        .isInstanceOf(ResourceNotFoundException.class);

    ListRecordsResponse afterDelete = list("ds", 2);
    assertThat(afterDelete.datasetExists()).isFalse();
    assertThat(afterDelete.datasetDeletedAfterRequestedSyncCount()).isTrue();
    assertThat(afterDelete.records()).isEmpty();

    UpdateRecordsResponse recreated = update("ds", put("a", "fresh", 0));
    assertThat(recreated.records().get(0).syncCount()).isEqualTo(3);
    ListRecordsResponse old = list("ds", 2);
    assertThat(old.datasetExists()).isTrue();
    assertThat(old.datasetDeletedAfterRequestedSyncCount()).isTrue();
    assertThat(old.records()).extracting(Record::key).containsExactly("a");
    ListRecordsResponse current = list("ds", 3);
    assertThat(current.datasetDeletedAfterRequestedSyncCount()).isFalse();
    assertThat(list("ds", 0).records()).extracting(Record::key).containsExactly("a");
  }

  @Test
  void listDatasetsAndIdentityUsageReflectLiveRecords() {
    update("one", put("k", "value", 0), put("gone", "x", 0));
    update("one", remove("gone", 1));
    update("two", put("ü", "€", 0)); // 2 + 3 UTF-8 bytes
    for (int i = 0; i < 3; i++) {
      update("extra" + i, put("k", "v", 0));
    }
    sync.deleteDataset(d -> d.identityPoolId(POOL).identityId(IDENTITY).datasetName("extra2"));

    List<Dataset> all = new ArrayList<>();
    String next = null;
    do {
      String token = next;
      var page = sync.listDatasets(r -> r.identityPoolId(POOL).identityId(IDENTITY).maxResults(2).nextToken(token));
      assertThat(page.count()).isEqualTo(page.datasets().size());
      all.addAll(page.datasets());
      next = page.nextToken();
    } while (next != null);
    assertThat(all).extracting(Dataset::datasetName).containsExactly("extra0", "extra1", "one", "two");
    Map<String, Dataset> byName = all.stream().collect(Collectors.toMap(Dataset::datasetName, Function.identity()));
    assertThat(byName.get("one").numRecords()).isEqualTo(1);
    assertThat(byName.get("one").dataStorage()).isEqualTo(6);
    assertThat(byName.get("two").dataStorage()).isEqualTo(5);
    assertThat(byName.get("one").identityId()).isEqualTo(IDENTITY);
    assertThat(byName.get("one").creationDate()).isNotNull();
    assertThat(byName.get("one").lastModifiedBy()).isEqualTo("device-1");

    var usage = sync.describeIdentityUsage(r -> r.identityPoolId(POOL).identityId(IDENTITY)).identityUsage();
    assertThat(usage.datasetCount()).isEqualTo(4);
    assertThat(usage.dataStorage()).isEqualTo(6 + 5 + 2 + 2);
    assertThat(usage.identityPoolId()).isEqualTo(POOL);
    assertThat(usage.lastModifiedDate()).isNotNull();
    assertThatThrownBy(() -> sync.describeIdentityUsage(r -> r.identityPoolId(POOL).identityId("us-east-1:99")))
        .isInstanceOf(ResourceNotFoundException.class);
    assertThat(sync.listDatasets(r -> r.identityPoolId(POOL).identityId("us-east-1:98")).datasets()).isEmpty();
  }

  @Test
  void emptyPatchListIsANoOp() {
    UpdateRecordsResponse r = update("ds");
    assertThat(r.records()).isEmpty();
    assertThat(list("ds", 0).datasetExists()).isFalse();
  }

  @Test
  void unknownPoolIsNotFound() {
    assertThatThrownBy(() -> sync.describeDataset(d -> d.identityPoolId("us-east-1:0000").identityId(IDENTITY)
        .datasetName("ds"))).isInstanceOf(ResourceNotFoundException.class);
  }

  @Test
  void dataSurvivesARestart() {
    update("ds", put("a", "1", 0));
    String token = list("ds", 0).syncSessionToken();
    restart();
    sync = developer();
    assertThat(list("ds", 0).records()).extracting(Record::value).containsExactly("1");
    // the HMAC key lives in the data directory: tokens issued before the restart stay valid
    assertThat(sync.updateRecords(r -> r.identityPoolId(POOL).identityId(IDENTITY).datasetName("ds")
        .syncSessionToken(token).recordPatches(put("a", "2", 1))).records().get(0).syncCount()).isEqualTo(2);
  }
}
