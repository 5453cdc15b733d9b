package dev.offsync.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.offsync.server.testing.RawClient;
import dev.offsync.server.testing.ServerTestSupport;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.MethodSource;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.services.cognitosync.CognitoSyncClient;
import software.amazon.awssdk.services.cognitosync.model.Dataset;
import software.amazon.awssdk.services.cognitosync.model.ListRecordsResponse;
import software.amazon.awssdk.services.cognitosync.model.Operation;
import software.amazon.awssdk.services.cognitosync.model.Record;

/**
 * offsync's ImportRecords extension: verbatim sync counts, dates, writers and tombstones; idempotent; never backwards;
 * developer credentials only; on both stores.
 */
@ParameterizedClass(name = "[{index}] {0}")
@MethodSource("dev.offsync.server.testing.StoreFactories#all")
class ImportRecordsTest extends ServerTestSupport {
  private static final String IDENTITY = "us-east-1:11111111-2222-3333-4444-555555555555";
  private static final String PATH = "/identitypools/" + POOL.replace(":", "%3A") + "/identities/"
      + IDENTITY.replace(":", "%3A") + "/datasets/settings/import";

  private static final String PAGE = "{\"Dataset\":{\"SyncCount\":7,\"CreationDate\":1600000000.5,"
      + "\"LastModifiedDate\":1600000700.25,\"LastModifiedBy\":\"device-b\"},\"Records\":["
      + "{\"Key\":\"theme\",\"Value\":\"dark\",\"SyncCount\":3,\"LastModifiedDate\":1600000300.125,"
      + "\"LastModifiedBy\":\"device-a\",\"DeviceLastModifiedDate\":1600000299}," 
      + "{\"Key\":\"gone\",\"SyncCount\":7,\"LastModifiedDate\":1600000700.25,\"LastModifiedBy\":\"device-b\"}]}";

  private RawClient.Reply importAsDeveloper(String body) {
    return raw().signed(AwsBasicCredentials.create(DEV_KEY, DEV_SECRET), clock, "POST", PATH, body);
  }

  private ListRecordsResponse records(long lastSyncCount) {
    return developer().listRecords(r -> r.identityPoolId(POOL).identityId(IDENTITY).datasetName("settings")
        .lastSyncCount(lastSyncCount));
  }

  @Test
  void importWritesCountsDatesWritersAndTombstonesVerbatim() {
    RawClient.Reply r = importAsDeveloper(PAGE);
    assertThat(r.status()).as(r.body()).isEqualTo(200);
    assertThat(r.body()).contains("\"Imported\":2").contains("\"Unchanged\":0").contains("\"DatasetSyncCount\":7");

    ListRecordsResponse all = records(0);
    assertThat(all.datasetSyncCount()).isEqualTo(7L);
    assertThat(all.lastModifiedBy()).isEqualTo("device-b");
    Map<String, Record> byKey = all.records().stream().collect(Collectors.toMap(Record::key, x -> x));
    Record theme = byKey.get("theme");
    assertThat(theme.value()).isEqualTo("dark");
    assertThat(theme.syncCount()).isEqualTo(3L);
    assertThat(theme.lastModifiedDate()).isEqualTo(Instant.ofEpochMilli(1600000300125L));
    assertThat(theme.lastModifiedBy()).isEqualTo("device-a");
    assertThat(theme.deviceLastModifiedDate()).isEqualTo(Instant.ofEpochSecond(1600000299L));
    Record gone = byKey.get("gone");
    assertThat(gone.value()).isNull();
    assertThat(gone.syncCount()).isEqualTo(7L);

    // a device that had synced through count 3 at the source pulls only what came after
    assertThat(records(3).records()).extracting(Record::key).containsExactly("gone");
    Dataset d = developer().describeDataset(x -> x.identityPoolId(POOL).identityId(IDENTITY).datasetName("settings"))
        .dataset();
    assertThat(d.creationDate()).isEqualTo(Instant.ofEpochMilli(1600000000500L));
    assertThat(d.lastModifiedDate()).isEqualTo(Instant.ofEpochMilli(1600000700250L));
    assertThat(d.numRecords()).isEqualTo(1L);
    assertThat(d.dataStorage()).isEqualTo("theme".length() + "dark".length());

    // and writes on top of the imported counts continue the numbering
    String token = records(7).syncSessionToken();
    CognitoSyncClient dev = developer();
    var updated = dev.updateRecords(u -> u.identityPoolId(POOL).identityId(IDENTITY).datasetName("settings")
        .syncSessionToken(token).recordPatches(p -> p.op(Operation.REPLACE).key("theme").value("light")
            .syncCount(3L)));
    assertThat(updated.records().get(0).syncCount()).isEqualTo(8L);
  }

  @Test
  void reimportingTheSamePageChangesNothing() {
    assertThat(importAsDeveloper(PAGE).status()).isEqualTo(200);
    ListRecordsResponse before = records(0);
    Dataset d1 = developer().describeDataset(x -> x.identityPoolId(POOL).identityId(IDENTITY).datasetName("settings"))
        .dataset();
    RawClient.Reply again = importAsDeveloper(PAGE);
    assertThat(again.status()).as(again.body()).isEqualTo(200);
    assertThat(again.body()).contains("\"Imported\":0").contains("\"Unchanged\":2");
    assertThat(records(0).records()).isEqualTo(before.records());
    assertThat(developer().describeDataset(x -> x.identityPoolId(POOL).identityId(IDENTITY).datasetName("settings"))
        .dataset()).isEqualTo(d1);
  }

  @Test
  void aCountGoingBackwardsIsRefusedAndNothingOfTheRequestIsWritten() {
    assertThat(importAsDeveloper(PAGE).status()).isEqualTo(200);
    // the dataset's count back from 7 to 5
    RawClient.Reply older = importAsDeveloper("{\"Dataset\":{\"SyncCount\":5,\"CreationDate\":1600000000,"
        + "\"LastModifiedDate\":1600000500},\"Records\":[{\"Key\":\"fresh\",\"Value\":\"x\",\"SyncCount\":5,"
        + "\"LastModifiedDate\":1600000500}]}");
    assertThat(older.status()).isEqualTo(409);
    assertThat(older.header("x-amzn-ErrorType")).isEqualTo("ResourceConflictException");
    assertThat(older.body()).contains("back to 5");
    // a record's count back from 7 to 6 under a newer dataset count
    RawClient.Reply record = importAsDeveloper("{\"Dataset\":{\"SyncCount\":9,\"CreationDate\":1600000000,"
        + "\"LastModifiedDate\":1600000900},\"Records\":[{\"Key\":\"fresh\",\"Value\":\"x\",\"SyncCount\":9,"
        + "\"LastModifiedDate\":1600000900},{\"Key\":\"gone\",\"Value\":\"y\",\"SyncCount\":6,"
        + "\"LastModifiedDate\":1600000600}]}");
    assertThat(record.status()).isEqualTo(409);
    assertThat(record.body()).contains("record gone");
    // the same count with other content is a conflict too, not an overwrite
    RawClient.Reply other = importAsDeveloper(PAGE.replace("\"dark\"", "\"light\""));
    assertThat(other.status()).isEqualTo(409);
    ListRecordsResponse after = records(0);
    assertThat(after.datasetSyncCount()).isEqualTo(7L);
    assertThat(after.records()).extracting(Record::key).containsExactlyInAnyOrder("theme", "gone");
    assertThat(after.records()).filteredOn(x -> x.key().equals("theme")).extracting(Record::value)
        .containsExactly("dark");
  }

  @Test
  void aNewerPageAdvancesTheDataset() {
    assertThat(importAsDeveloper(PAGE).status()).isEqualTo(200);
    RawClient.Reply newer = importAsDeveloper("{\"Dataset\":{\"SyncCount\":9,\"CreationDate\":1600000000.5,"
        + "\"LastModifiedDate\":1600000900,\"LastModifiedBy\":\"device-c\"},\"Records\":[{\"Key\":\"gone\","
        + "\"Value\":\"back\",\"SyncCount\":9,\"LastModifiedDate\":1600000900,\"LastModifiedBy\":\"device-c\"}]}");
    assertThat(newer.status()).as(newer.body()).isEqualTo(200);
    ListRecordsResponse after = records(7);
    assertThat(after.datasetSyncCount()).isEqualTo(9L);
    assertThat(after.records()).extracting(Record::key, Record::value, Record::syncCount)
        .containsExactly(org.assertj.core.groups.Tuple.tuple("gone", "back", 9L));
    assertThat(developer().describeDataset(x -> x.identityPoolId(POOL).identityId(IDENTITY).datasetName("settings"))
        .dataset().numRecords()).isEqualTo(2L);
  }

  @Test
  void identityCredentialsGetNotAuthorizedEvenOnTheirOwnIdentity() {
    Identity me = newIdentity(POOL);
    String own = "/identitypools/" + POOL.replace(":", "%3A") + "/identities/" + me.identityId().replace(":", "%3A")
        + "/datasets/settings/import";
    RawClient.Reply r = raw().signed(me.credentials(), Clock.systemUTC(), "POST", own, PAGE);
    assertThat(r.status()).isEqualTo(403);
    assertThat(r.header("x-amzn-ErrorType")).isEqualTo("NotAuthorizedException");
    assertThat(r.body()).contains("ImportRecords requires developer credentials");
    var listed = developer().listRecords(x -> x.identityPoolId(POOL).identityId(me.identityId())
        .datasetName("settings").lastSyncCount(0L));
    assertThat(listed.datasetExists()).isFalse();
  }

  @Test
  void invalidPagesAre400() {
    RawClient.Reply above = importAsDeveloper("{\"Dataset\":{\"SyncCount\":2,\"CreationDate\":1,"
        + "\"LastModifiedDate\":2},\"Records\":[{\"Key\":\"k\",\"Value\":\"v\",\"SyncCount\":3,"
        + "\"LastModifiedDate\":2}]}");
    assertThat(above.status()).isEqualTo(400);
    assertThat(above.body()).contains("above the dataset's SyncCount");
    assertThat(importAsDeveloper("{\"Records\":[]}").status()).isEqualTo(400);
    RawClient.Reply noDate = importAsDeveloper("{\"Dataset\":{\"SyncCount\":2,\"CreationDate\":1}}");
    assertThat(noDate.status()).isEqualTo(400);
    assertThat(noDate.body()).contains("Dataset.LastModifiedDate");
  }
}
