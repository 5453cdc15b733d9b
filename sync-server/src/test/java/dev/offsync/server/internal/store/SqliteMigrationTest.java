package dev.offsync.server.internal.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.offsync.server.SyncServer;
import dev.offsync.server.spi.DatasetId;
import dev.offsync.server.spi.DatasetState;
import dev.offsync.server.spi.StoreException;
import dev.offsync.server.testing.OutboxChecks;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.cognitosync.CognitoSyncClient;
import software.amazon.awssdk.services.cognitosync.model.ListRecordsResponse;
import software.amazon.awssdk.services.cognitosync.model.Record;

/** Opening databases written by older (and newer) schema versions. */
class SqliteMigrationTest {
  private static final String POOL = "us-east-1:0d3b5a52-5d1f-4c1b-9a4e-3c1f0e0c2a11";
  private static final String IDENTITY = "us-east-1:aaaaaaaa-0000-0000-0000-000000000001";

  @TempDir Path dir;

  private static void load(Path db, String resource) throws Exception {
    String sql;
    try (InputStream in = SqliteMigrationTest.class.getResourceAsStream(resource)) {
      sql = new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
    try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + db);
        Statement s = c.createStatement()) {
      for (String stmt : sql.split(";\\s*\\n")) {
        String trimmed = stmt.lines().filter(l -> !l.startsWith("--")).reduce("", (a, b) -> a + "\n" + b).trim();
        if (!trimmed.isEmpty()) {
          s.execute(trimmed);
        }
      }
    }
  }

  private static int userVersion(Path db) throws Exception {
    try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + db);
        Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("PRAGMA user_version")) {
      return rs.getInt(1);
    }
  }

  @Test
  void aVersionOneDatabaseIsUpgradedWithEveryRecordKept() throws Exception {
    Path db = dir.resolve(SqliteSyncStore.FILE_NAME);
    load(db, "/fixtures/schema-v1.sql");
    assertThat(userVersion(db)).isEqualTo(1);

    try (SyncServer server = SyncServer.builder().port(0).dataDirectory(dir).developerKey("AK", "SK")
        .identityPool(POOL).build().start();
        CognitoSyncClient sync = CognitoSyncClient.builder().endpointOverride(server.baseUri())
            .region(Region.US_EAST_1).httpClient(UrlConnectionHttpClient.create())
            .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("AK", "SK")))
            .overrideConfiguration(o -> o.retryStrategy(AwsRetryStrategy.doNotRetry())).build()) {
      ListRecordsResponse r = sync.listRecords(q -> q.identityPoolId(POOL).identityId(IDENTITY)
          .datasetName("settings"));
      assertThat(r.datasetSyncCount()).isEqualTo(7);
      assertThat(r.records()).extracting(Record::key).containsExactly("theme", "gone", "volume");
      assertThat(r.records().get(1).value()).isNull();
      assertThat(r.records().get(0).deviceLastModifiedDate().toEpochMilli()).isEqualTo(1700000299000L);
      // the deleted dataset's watermark is still detected
      ListRecordsResponse old = sync.listRecords(q -> q.identityPoolId(POOL).identityId(IDENTITY)
          .datasetName("old").lastSyncCount(3L));
      assertThat(old.datasetDeletedAfterRequestedSyncCount()).isTrue();
      // version-2 features work on the upgraded file
      assertThat(sync.describeIdentityPoolUsage(q -> q.identityPoolId(POOL)).identityPoolUsage()
          .syncSessionsCount()).isZero();
      sync.setCognitoEvents(q -> q.identityPoolId(POOL).events(java.util.Map.of("SyncTrigger", "arn")));
      sync.updateRecords(q -> q.identityPoolId(POOL).identityId(IDENTITY).datasetName("settings")
          .syncSessionToken(r.syncSessionToken()).recordPatches(p -> p.op("replace").key("volume").value("3")
              .syncCount(7L)));
    }
    assertThat(userVersion(db)).isEqualTo(SqliteMigrations.CURRENT_VERSION);
  }

  @Test
  void migratingTwiceIsANoOpAndANewerSchemaIsRefused() throws Exception {
    Path db = dir.resolve("x.db");
    SqliteSyncStore.open(db).close();
    SqliteSyncStore.open(db).close();
    assertThat(userVersion(db)).isEqualTo(SqliteMigrations.CURRENT_VERSION);
    try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + db);
        Statement s = c.createStatement()) {
      s.execute("PRAGMA user_version = " + (SqliteMigrations.CURRENT_VERSION + 1));
    }
    assertThatThrownBy(() -> SqliteSyncStore.open(db)).isInstanceOf(StoreException.class)
        .hasMessageContaining("newer");
  }

  @Test
  void aVersionTwoDatabaseGainsTheStreamOutboxKeepingItsData() throws Exception {
    Path db = dir.resolve("v2.db");
    try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + db);
        Statement s = c.createStatement()) {
      SqliteMigrations.migrate(c, 2);
      s.execute("INSERT INTO pools (pool_id, created_ms, sync_sessions) VALUES ('" + POOL + "', 1, 3)");
      s.execute("INSERT INTO datasets VALUES ('" + POOL + "', '" + IDENTITY + "', 'd', 1, 7, 0, 1, 2, 'dev', 1, 5)");
      s.execute("INSERT INTO records VALUES ('" + POOL + "', '" + IDENTITY + "', 'd', 'k', 'vvvv', 7, 2, 'dev', NULL)");
      s.execute("INSERT INTO pool_documents VALUES ('" + POOL + "', 'configuration',"
          + " '{\"CognitoStreams\":{\"StreamName\":\"s\",\"StreamingStatus\":\"ENABLED\"}}')");
    }
    assertThat(userVersion(db)).isEqualTo(2);
    try (SqliteSyncStore store = SqliteSyncStore.open(db)) {
      DatasetId id = new DatasetId(POOL, IDENTITY, "d");
      assertThat(store.<java.util.Optional<DatasetState>>read(tx -> tx.dataset(id))).get().extracting(DatasetState::syncCount).isEqualTo(7L);
      assertThat(store.<java.util.Map<String, dev.offsync.server.spi.StoredRecord>>read(tx -> tx.records(id, java.util.List.of("k"))).get("k").value()).isEqualTo("vvvv");
      assertThat(store.<java.util.Optional<dev.offsync.server.spi.PoolUsage>>read(tx -> tx.poolUsage(POOL))).get().extracting(u -> u.syncSessionsCount()).isEqualTo(3L);
      assertThat(store.<java.util.Optional<String>>read(tx -> tx.readPoolDocument(POOL, "configuration"))).get().asString()
          .contains("ENABLED");
      OutboxChecks.roundTrip(store, POOL);
    }
    assertThat(userVersion(db)).isEqualTo(SqliteMigrations.CURRENT_VERSION);
  }
}
