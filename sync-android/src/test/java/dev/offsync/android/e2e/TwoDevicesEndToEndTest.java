package dev.offsync.android.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import android.content.Context;
import dev.offsync.ConflictResolvers;
import dev.offsync.Dataset;
import dev.offsync.Resolution;
import dev.offsync.SyncClient;
import dev.offsync.SyncConflict;
import dev.offsync.SyncReport;
import dev.offsync.http.CognitoIdentityCredentialsProvider;
import dev.offsync.http.CognitoIdentityProvider;
import dev.offsync.http.CognitoSyncClient;
import dev.offsync.http.CognitoSyncRemoteStore;
import dev.offsync.server.SyncServer;
import dev.offsync.spi.LocalStore;
import io.reactivex.rxjava3.core.Single;
import io.reactivex.rxjava3.plugins.RxJavaPlugins;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.After;
import org.junit.Before;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.robolectric.RobolectricTestRunner;
import org.robolectric.RuntimeEnvironment;

/**
 * Two Android devices of one user converge through a real sync-server on 127.0.0.1: each device is the
 * documented wiring (Android SQLite store in the app's database directory, sync-http over real HTTP, Cognito
 * Identity credentials, the default schedulers), a conflict is deferred to the app and settled with
 * {@code resolve}, and pending edits survive a process death (the store reopened from its file by a new client).
 */
@RunWith(RobolectricTestRunner.class)
public class TwoDevicesEndToEndTest {
  private static final String POOL = "us-east-1:6a1f7c2e-4b0d-4e8a-9c11-2f3e4d5a6b7c";
  private static final long TIMEOUT_S = 30;

  private final List<AutoCloseable> closeables = new ArrayList<>();
  private final List<Throwable> undeliverable = new CopyOnWriteArrayList<>();
  private Path serverData;
  private SyncServer server;
  private Context context;

  @Before
  public void startServer() throws Exception {
    RxJavaPlugins.setErrorHandler(undeliverable::add);
    context = RuntimeEnvironment.getApplication();
    serverData = Files.createTempDirectory("offsync-e2e-server");
    server = SyncServer.builder().host("127.0.0.1").port(0).dataDirectory(serverData)
        .identityPool(POOL).build().start();
  }

  @After
  public void stop() throws Exception {
    List<AutoCloseable> open = new ArrayList<>(closeables);
    Collections.reverse(open);
    for (AutoCloseable c : open) {
      c.close();
    }
    server.close();
    RxJavaPlugins.reset();
    assertThat(undeliverable).as("errors that reached RxJavaPlugins.onError").isEmpty();
  }

  /** One device's parts, as docs/android.md wires them. */
  private final class Device implements AutoCloseable {
    final String databaseName;
    final CognitoIdentityCredentialsProvider credentials;
    final CognitoSyncClient http;
    final LocalStore store;
    final SyncClient client;

    Device(String databaseName, String identityId, boolean deferConflicts) {
      this.databaseName = databaseName;
      CognitoIdentityCredentialsProvider.Builder cb = CognitoIdentityCredentialsProvider.builder()
          .endpoint(server.baseUri().toString())
          .identityPoolId(POOL);
      if (identityId != null) {
        cb.identityId(identityId);
      }
      credentials = cb.build();
      http = CognitoSyncClient.builder()
          .endpoint(server.baseUri().toString())
          .credentialsProvider(credentials)
          .build();
      store = Stores.open(context, databaseName);
      client = SyncClient.builder()
          .localStore(store)
          .remoteStore(CognitoSyncRemoteStore.create(http, POOL))
          .identityProvider(CognitoIdentityProvider.create(credentials))
          .conflictResolver(deferConflicts ? ConflictResolvers.deferAll() : ConflictResolvers.lastWriterWins())
          .build();
      closeables.add(this);
    }

    Dataset list() {
      return client.dataset("shopping");
    }

    SyncReport sync() {
      return list().sync().timeout(TIMEOUT_S, TimeUnit.SECONDS).blockingGet();
    }

    String identityId() {
      return Single.fromCallable(credentials::identityId)
          .subscribeOn(io.reactivex.rxjava3.schedulers.Schedulers.io())
          .timeout(TIMEOUT_S, TimeUnit.SECONDS).blockingGet();
    }

    @Override
    public void close() {
      closeables.remove(this);
      client.close();
      store.close();
      http.close();
    }
  }

  @Test
  public void twoDevicesConvergeWithAConflictSettledByTheApp() {
    Device phone = new Device("phone.db", null, false);
    phone.list().put("items", "milk");
    assertThat(phone.sync().recordsPushed()).isEqualTo(1);

    Device tablet = new Device("tablet.db", phone.identityId(), true);
    assertThat(tablet.sync().recordsApplied()).isEqualTo(1);
    assertThat(tablet.list().get("items")).isEqualTo("milk");

    // both edit the same record; the phone's edit reaches the server first
    phone.list().put("items", "milk,eggs");
    tablet.list().put("items", "milk,bread");
    assertThat(phone.sync().recordsPushed()).isEqualTo(1);

    SyncReport deferred = tablet.sync();
    assertThat(deferred.deferredKeys()).containsExactly("items");
    List<SyncConflict> conflicts = tablet.list().conflicts();
    assertThat(conflicts).hasSize(1);
    SyncConflict conflict = conflicts.get(0);
    assertThat(conflict.local().value()).isEqualTo("milk,bread");
    assertThat(conflict.remote().value()).isEqualTo("milk,eggs");
    assertThat(conflict.baseValue()).isEqualTo("milk");

    // the app's conflict UI merges both sides
    tablet.list().resolve("items", Resolution.useValue("milk,eggs,bread"));
    assertThat(tablet.sync().recordsPushed()).isEqualTo(1);
    assertThat(phone.sync().recordsApplied()).isEqualTo(1);

    assertConverged(phone, tablet, Map.of("items", "milk,eggs,bread"));
  }

  @Test
  public void pendingEditsSurviveProcessDeathAndSyncAfterRestart() {
    Device phone = new Device("phone.db", null, false);
    String identity = phone.identityId();
    phone.list().put("items", "milk");
    phone.sync();
    phone.list().put("items", "milk,tea");   // offline edit, never synced
    phone.list().put("note", "buy today");
    phone.close();                            // process dies

    Device restarted = new Device("phone.db", identity, false);
    assertThat(restarted.list().get("items")).isEqualTo("milk,tea");
    assertThat(restarted.list().pendingKeys()).containsExactlyInAnyOrder("items", "note");
    assertThat(restarted.sync().recordsPushed()).isEqualTo(2);

    Device tablet = new Device("tablet.db", identity, false);
    tablet.sync();
    assertConverged(restarted, tablet, Map.of("items", "milk,tea", "note", "buy today"));
  }

  @Test
  public void aRestartBetweenAnOfflineEditAndItsSyncGoesOnAsTheIdentityTheStoreRemembers() {
    Device phone = new Device("phone.db", null, false);   // no pinned id, no identity cache: GetId
    SyncReport first = phone.sync();
    String identity = first.identityId();
    phone.list().put("items", "written offline");
    phone.close();                                       // process dies before the edit is synced

    Device restarted = new Device("phone.db", null, false);
    assertThat(restarted.client.ownerId()).isEqualTo(identity);
    assertThat(restarted.list().pendingKeys()).containsExactly("items");
    SyncReport report = restarted.sync();
    assertThat(report.identityId()).isEqualTo(identity);
    assertThat(report.recordsPushed()).isEqualTo(1);
    assertThat(restarted.client.currentStatus().inactivePendingCount()).isZero();
  }

  @Test
  public void signingOutKeepsTheOldUsersEditsApartCountedAndListedAcrossARestart() {
    Device phone = new Device("phone.db", null, false);
    String first = phone.sync().identityId();
    phone.list().put("items", "the first user's unsynced edit");
    phone.client.signOut(dev.offsync.SignOutMode.KEEP_LOCAL_DATA).blockingAwait(TIMEOUT_S, TimeUnit.SECONDS);
    assertThat(phone.client.currentStatus().inactivePendingCount()).isEqualTo(1);
    SyncReport next = phone.sync();
    assertThat(next.identityId()).isNotEqualTo(first);
    assertThat(next.recordsPushed()).isZero();
    phone.close();

    Device restarted = new Device("phone.db", null, false);
    assertThat(restarted.client.ownerId()).isEqualTo(next.identityId());
    assertThat(restarted.client.inactiveIdentities().blockingGet())
        .extracting(dev.offsync.InactiveIdentity::identityId).containsExactly(first);
    restarted.client.adoptInactiveIdentity(first).blockingAwait(TIMEOUT_S, TimeUnit.SECONDS);
    // the adopted dataset is "shopping", or "shopping.<first>" if the current user has a "shopping" already
    List<SyncReport> reports = restarted.client.syncAll().timeout(TIMEOUT_S, TimeUnit.SECONDS).blockingGet();
    assertThat(reports.stream().mapToLong(SyncReport::recordsPushed).sum()).isEqualTo(1);
    assertThat(restarted.client.listDatasets()).anySatisfy(d -> assertThat(
        restarted.client.dataset(d.name()).get("items")).isEqualTo("the first user's unsynced edit"));
    assertThat(restarted.client.currentStatus().inactivePendingCount()).isZero();
  }

  private static void assertConverged(Device a, Device b, Map<String, String> expected) {
    assertThat(a.list().getAll()).isEqualTo(expected);
    assertThat(b.list().getAll()).isEqualTo(expected);
    assertThat(a.list().pendingKeys()).isEmpty();
    assertThat(b.list().pendingKeys()).isEmpty();
    assertThat(a.list().conflicts()).isEmpty();
    assertThat(b.list().conflicts()).isEmpty();
    assertThat(a.list().lastSyncCount()).isEqualTo(b.list().lastSyncCount()).isPositive();
  }
}
