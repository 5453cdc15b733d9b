package dev.offsync.app.internal.migrate;

import static org.assertj.core.api.Assertions.assertThat;

import dev.offsync.SyncClient;
import dev.offsync.SyncReport;
import dev.offsync.app.internal.TestServer;
import dev.offsync.http.CognitoIdentityCredentialsProvider;
import dev.offsync.http.CognitoIdentityProvider;
import dev.offsync.http.CognitoSyncClient;
import dev.offsync.http.CognitoSyncRemoteStore;
import dev.offsync.http.RetryPolicy;
import dev.offsync.http.StaticCredentialsProvider;
import dev.offsync.http.migration.IdentitySource;
import dev.offsync.http.migration.ImportClient;
import dev.offsync.http.migration.MigrationReport;
import dev.offsync.http.migration.PoolMigration;
import dev.offsync.sqlite.SqliteLocalStore;
import io.reactivex.rxjava3.schedulers.Schedulers;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 14 item 4: devices (sync-core over a SQLite store and the HTTP client, Cognito Identity credentials) sync
 * against a source server, keep edits pending, one keeps writing during the migration; then they switch to the
 * target (same local store, new endpoint) and converge with incremental pulls only.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class ServerMigrationEndToEndTest {
  private static final String POOL = TestServer.POOL;

  @TempDir Path dir;
  private final List<AutoCloseable> open = new ArrayList<>();

  @AfterEach
  void close() throws Exception {
    for (int i = open.size() - 1; i >= 0; i--) {
      open.get(i).close();
    }
  }

  /** A device on a SQLite file, signed in as {@code identityId} (null: a new identity) at {@code endpoint}. */
  private SyncClient device(Path db, String endpoint, String identityId) {
    CognitoIdentityCredentialsProvider.Builder cb = CognitoIdentityCredentialsProvider.builder().endpoint(endpoint)
        .identityPoolId(POOL);
    if (identityId != null) {
      cb.identityId(identityId);
    }
    CognitoIdentityCredentialsProvider credentials = cb.build();
    CognitoSyncClient http = CognitoSyncClient.builder().endpoint(endpoint).credentialsProvider(credentials)
        .retryPolicy(RetryPolicy.none()).callTimeout(Duration.ofSeconds(20)).build();
    open.add(http);
    SyncClient client = SyncClient.builder()
        .localStore(SqliteLocalStore.builder().file(db).build())
        .remoteStore(CognitoSyncRemoteStore.create(http, POOL))
        .identityProvider(CognitoIdentityProvider.create(credentials, Schedulers.trampoline()))
        .ioScheduler(Schedulers.trampoline())
        .build();
    open.add(client);
    return client;
  }

  /** Copies a closed SQLite store (and any side file) to a new name. */
  private Path copy(Path db, String name) throws java.io.IOException {
    Path to = dir.resolve(name);
    Files.copy(db, to);
    for (String side : List.of("-wal", "-shm", "-journal")) {
      Path f = db.resolveSibling(db.getFileName() + side);
      if (Files.exists(f)) {
        Files.copy(f, to.resolveSibling(name + side));
      }
    }
    return to;
  }

  private static SyncReport sync(SyncClient c, String dataset) {
    return c.dataset(dataset).sync().blockingGet();
  }

  @Test
  void devicesSwitchToTheTargetAndPullOnlyWhatTheyMissed() throws Exception {
    TestServer sourceServer = TestServer.start(Files.createDirectories(dir.resolve("source")));
    open.add(sourceServer);
    TestServer targetServer = TestServer.start(Files.createDirectories(dir.resolve("target")));
    open.add(targetServer);
    String src = sourceServer.endpoint();
    Path dbA = dir.resolve("a.db");
    Path dbB = dir.resolve("b.db");
    Path dbC = dir.resolve("c.db");

    // devices A and B share an identity; C has its own
    SyncClient a = device(dbA, src, null);
    for (int i = 0; i < 20; i++) {
      a.dataset("settings").put("k" + i, "v" + i);
    }
    assertThat(sync(a, "settings").recordsPushed()).isEqualTo(20);
    String shared = a.ownerId();
    SyncClient b = device(dbB, src, shared);
    assertThat(sync(b, "settings").recordsPulled()).isEqualTo(20);
    a.dataset("settings").remove("k3");
    a.dataset("settings").put("k4", "v4'");
    sync(a, "settings");
    assertThat(sync(b, "settings").recordsPulled()).isEqualTo(2);
    SyncClient c = device(dbC, src, null);
    c.dataset("notes").put("n1", "hello");
    sync(c, "notes");
    String other = c.ownerId();
    assertThat(other).isNotEqualTo(shared);

    // pending edits that never reach the source
    a.dataset("settings").put("pending-a", "from A");
    c.dataset("notes").put("pending-c", "from C");

    // the migration runs while B keeps writing to the source
    Path ids = dir.resolve("ids.txt");
    Files.write(ids, List.of(shared, other));
    int[] written = {0};
    try (CognitoSyncClient source = CognitoSyncClient.builder().endpoint(src)
            .credentialsProvider(StaticCredentialsProvider.create(TestServer.ACCESS_KEY, TestServer.SECRET)).build();
        CognitoSyncClient target = CognitoSyncClient.builder().endpoint(targetServer.endpoint())
            .credentialsProvider(StaticCredentialsProvider.create(TestServer.ACCESS_KEY, TestServer.SECRET)).build();
        ImportClient importer = ImportClient.builder().endpoint(targetServer.endpoint())
            .credentialsProvider(StaticCredentialsProvider.create(TestServer.ACCESS_KEY, TestServer.SECRET))
            .build()) {
      MigrationReport report = PoolMigration.builder().source(source).target(target).importer(importer)
          .sourcePoolId(POOL).identities(IdentitySource.fromFile(ids)).checkpointDirectory(dir.resolve("ckpt"))
          .pageSize(8).progressInterval(Duration.ZERO)
          .progress(p -> {
            if (p.pass().equals("copy")) {
              b.dataset("settings").put("during-" + written[0], "written by B during the copy");
              written[0]++;
              assertThat(sync(b, "settings").recordsPushed()).isEqualTo(1);
            }
          })
          .build().run();
      assertThat(written[0]).isGreaterThanOrEqualTo(2);
      assertThat(report.verification().differences()).isEmpty();
      assertThat(report.incrementalRecords()).isEqualTo(written[0]);
    }
    a.close();
    b.close();
    c.close();

    // the control: copies of A's and B's stores sync against the source, as if nothing had moved
    SyncClient aSource = device(copy(dbA, "a-control.db"), src, shared);
    SyncClient bSource = device(copy(dbB, "b-control.db"), src, shared);
    SyncReport raSource = sync(aSource, "settings");
    SyncReport rbSource = sync(bSource, "settings");

    // switch endpoints: same local stores, the target's URL, the same identities
    String tgt = targetServer.endpoint();
    SyncClient a2 = device(dbA, tgt, shared);
    SyncClient b2 = device(dbB, tgt, shared);
    SyncClient c2 = device(dbC, tgt, other);
    SyncReport ra = sync(a2, "settings");
    // A missed only B's writes made during the copy, and pushes its pending edit: nothing is downloaded again
    assertThat(ra.recordsPulled()).isEqualTo(written[0]);
    assertThat(ra.recordsApplied()).isEqualTo(written[0]);
    assertThat(ra.recordsPushed()).isEqualTo(1);
    assertThat(ra.conflicts()).isEmpty();
    SyncReport rb = sync(b2, "settings");
    // B applies A's edit only (what it pulls besides is its own last write coming back, as the source does too)
    assertThat(rb.recordsApplied()).isEqualTo(1);
    assertThat(rb.recordsPushed()).isZero();
    assertThat(rb.conflicts()).isEmpty();
    // the target serves exactly the incremental pulls the source would have served
    assertThat(ra.recordsPulled()).isEqualTo(raSource.recordsPulled());
    assertThat(ra.recordsPushed()).isEqualTo(raSource.recordsPushed());
    assertThat(rb.recordsPulled()).as(rb + " vs " + rbSource).isEqualTo(rbSource.recordsPulled());
    assertThat(rb.recordsApplied()).isEqualTo(rbSource.recordsApplied());
    assertThat(ra.syncCount()).isEqualTo(raSource.syncCount());
    SyncReport rc = sync(c2, "notes");
    // C applies nothing: at most its own last write comes back, as it would from the source
    assertThat(rc.recordsPulled()).isLessThanOrEqualTo(1);
    assertThat(rc.recordsApplied()).isZero();
    assertThat(rc.recordsPushed()).isEqualTo(1);
    assertThat(sync(a2, "settings").recordsApplied()).isZero();

    Map<String, String> all = a2.dataset("settings").getAll();
    assertThat(b2.dataset("settings").getAll()).isEqualTo(all);
    assertThat(all).hasSize(20 - 1 + 1 + written[0]).containsEntry("k4", "v4'").containsEntry("pending-a", "from A")
        .doesNotContainKey("k3");
    assertThat(c2.dataset("notes").getAll()).containsOnlyKeys("n1", "pending-c");
  }
}
