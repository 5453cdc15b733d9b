package dev.offsync.awscompat;

import static org.assertj.core.api.Assertions.assertThat;

import dev.offsync.ConflictResolvers;
import dev.offsync.Dataset;
import dev.offsync.Record;
import dev.offsync.SyncClient;
import dev.offsync.SyncReport;
import dev.offsync.http.CognitoIdentityCredentialsProvider;
import dev.offsync.http.CognitoIdentityProvider;
import dev.offsync.http.CognitoSyncClient;
import dev.offsync.http.CognitoSyncRemoteStore;
import dev.offsync.server.SyncServer;
import dev.offsync.spi.LocalStore;
import dev.offsync.sqlite.SqliteLocalStore;
import dev.offsync.testing.NoUndeliverableErrors;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * After the import, a sync against a real sync-server (127.0.0.1, real HTTP) pushes the AWS device's unsynced edits
 * and pulls incrementally: only what changed on the server since the device's last AWS sync is downloaded.
 */
@ExtendWith(NoUndeliverableErrors.class)
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class ImportThenSyncTest {
  private static final String POOL = "us-east-1:0d3b5a52-5d1f-4c1b-9a4e-3c1f0e0c2a11";
  private static final String DS = "settings";

  @TempDir Path dir;
  private SyncServer server;
  private final List<AutoCloseable> closeables = new ArrayList<>();

  @BeforeEach
  void start() {
    server = SyncServer.builder().host("127.0.0.1").port(0).dataDirectory(dir.resolve("server"))
        .identityPool(POOL).build().start();
  }

  @AfterEach
  void stop() throws Exception {
    for (int i = closeables.size() - 1; i >= 0; i--) {
      closeables.get(i).close();
    }
    server.close();
  }

  @Test
  void importedDevicePushesItsEditsAndPullsOnlyWhatIsNew() throws Exception {
    // another device fills the server: 3 records, as the AWS device last saw them
    SyncClient seeder = client(SqliteLocalStore.builder().inMemory().build(), null);
    Dataset seed = seeder.dataset(DS);
    seed.put("theme", "dark");
    seed.put("lang", "en");
    seed.put("font", "small");
    sync(seed);
    String identity = seeder.ownerId();
    long watermark = seed.lastSyncCount();

    // the AWS device's cache at that point, plus offline edits: font changed, lang deleted, one new key
    Path legacy = FixtureDb.create(dir.resolve("cognito_dataset_cache.db"), "android-schema.sql");
    try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + legacy)) {
      insertDataset(c, identity, DS, watermark);
      for (Record r : seed.records()) {
        boolean edited = !r.key().equals("theme");
        String value = r.key().equals("font") ? "big" : r.key().equals("lang") ? null : r.value();
        insertRecord(c, identity, DS, r.key(), value, r.syncCount(), edited);
      }
      insertRecord(c, identity, DS, "new", "x", 0, true);
    }
    // meanwhile the other device adds one record after the AWS device's last sync
    seed.put("extra", "1");
    sync(seed);

    SqliteLocalStore store = SqliteLocalStore.builder().file(dir.resolve("offsync.db")).build();
    closeables.add(store);
    try (JdbcAwsCacheSource src = JdbcAwsCacheSource.open(legacy)) {
      AwsCacheImportReport report = AwsCacheImporter.builder().currentIdentityId(identity).build()
          .importInto(src, store);
      assertThat(report.records()).isEqualTo(4);
      assertThat(report.dirtyRecords()).isEqualTo(3);
    }

    SyncClient migrated = client(store, identity);
    Dataset ds = migrated.dataset(DS);
    SyncReport report = sync(ds);

    assertThat(report.recordsPulled()).as("records downloaded").isEqualTo(1);
    assertThat(report.recordsPushed()).isEqualTo(3);
    assertThat(report.conflicts()).isEmpty();
    assertThat(ds.getAll()).containsOnly(
        java.util.Map.entry("theme", "dark"), java.util.Map.entry("font", "big"),
        java.util.Map.entry("new", "x"), java.util.Map.entry("extra", "1"));
    assertThat(ds.pendingKeys()).isEmpty();

    sync(seed);
    assertThat(seed.getAll()).isEqualTo(ds.getAll());
  }

  private SyncClient client(LocalStore store, String identityId) {
    CognitoIdentityCredentialsProvider.Builder cb = CognitoIdentityCredentialsProvider.builder()
        .endpoint(server.baseUri().toString()).identityPoolId(POOL);
    if (identityId != null) {
      cb.identityId(identityId);
    }
    CognitoIdentityCredentialsProvider credentials = cb.build();
    CognitoSyncClient http = CognitoSyncClient.builder().endpoint(server.baseUri().toString())
        .credentialsProvider(credentials).build();
    SyncClient client = SyncClient.builder()
        .localStore(store)
        .remoteStore(CognitoSyncRemoteStore.create(http, POOL))
        .identityProvider(CognitoIdentityProvider.create(credentials))
        .conflictResolver(ConflictResolvers.deferAll())
        .build();
    closeables.add(http);
    closeables.add(client);
    if (identityId == null) {
      // the seeder: get an identity now, so ownerId() is the identity id
      client.dataset(DS).sync().timeout(30, TimeUnit.SECONDS).blockingGet();
    }
    return client;
  }

  private static SyncReport sync(Dataset ds) {
    return ds.sync().timeout(30, TimeUnit.SECONDS).blockingGet();
  }

  private static void insertDataset(Connection c, String id, String name, long lastSyncCount) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement(
        "INSERT INTO datasets(identity_id, dataset_name, last_sync_count) VALUES (?, ?, ?)")) {
      ps.setString(1, id);
      ps.setString(2, name);
      ps.setLong(3, lastSyncCount);
      ps.executeUpdate();
    }
  }

  private static void insertRecord(Connection c, String id, String ds, String key, String value, long syncCount,
      boolean modified) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement("INSERT INTO records(identity_id, dataset_name, key, value,"
        + " sync_count, modified) VALUES (?, ?, ?, ?, ?, ?)")) {
      ps.setString(1, id);
      ps.setString(2, ds);
      ps.setString(3, key);
      ps.setString(4, value);
      ps.setLong(5, syncCount);
      ps.setInt(6, modified ? 1 : 0);
      ps.executeUpdate();
    }
  }
}
