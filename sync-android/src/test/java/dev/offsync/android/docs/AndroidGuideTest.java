package dev.offsync.android.docs;

import static org.assertj.core.api.Assertions.assertThat;

import android.content.Context;
import android.net.ConnectivityManager;
import android.net.Network;
import android.net.NetworkCapabilities;
import android.net.NetworkInfo;
import dev.offsync.ConflictResolvers;
import dev.offsync.Dataset;
import dev.offsync.IdentityProviders;
import dev.offsync.SyncClient;
import dev.offsync.SyncConflict;
import dev.offsync.android.BackgroundSync;
import dev.offsync.android.BackgroundSyncOptions;
import dev.offsync.http.CognitoIdentityCredentialsProvider;
import dev.offsync.http.CognitoSyncClient;
import dev.offsync.http.CognitoSyncRemoteStore;
import dev.offsync.server.SyncServer;
import dev.offsync.testing.InMemoryLocalStore;
import io.reactivex.rxjava3.plugins.RxJavaPlugins;
import io.reactivex.rxjava3.schedulers.Schedulers;
import java.nio.file.Files;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;
import org.junit.After;
import org.junit.Before;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.robolectric.Robolectric;
import org.robolectric.RuntimeEnvironment;
import org.robolectric.android.controller.ActivityController;
import org.robolectric.annotation.Config;
import org.robolectric.shadow.api.Shadow;
import org.robolectric.shadows.ShadowConnectivityManager;
import org.robolectric.shadows.ShadowLooper;
import org.robolectric.shadows.ShadowNetwork;
import org.robolectric.shadows.ShadowNetworkCapabilities;
import org.robolectric.shadows.ShadowNetworkInfo;

/**
 * The code docs/android.md shows, run as an app runs it: {@link NotesApp} (scheduling in {@code onCreate}, the client
 * built off the main thread by {@link OffsyncWiring}) and {@link NotesActivity} (status, writes, the conflict UI)
 * against a real sync-server on 127.0.0.1, with a second device of the same user writing meanwhile.
 */
@RunWith(org.robolectric.RobolectricTestRunner.class)
@Config(application = NotesApp.class)
public class AndroidGuideTest {
  private static final String POOL = NotesApp.IDENTITY_POOL_ID;
  private final List<Throwable> undeliverable = new CopyOnWriteArrayList<>();
  private SyncServer server;
  private NotesApp app;
  private NotesActivity activity;

  private List<Throwable> errorsShown() {
    return activity == null ? List.of() : activity.errors;
  }

  @Before
  public void start() throws Exception {
    RxJavaPlugins.setErrorHandler(undeliverable::add);
    app = (NotesApp) RuntimeEnvironment.getApplication();
    onValidatedWifi();
    server = SyncServer.builder().host("127.0.0.1").port(0)
        .dataDirectory(Files.createTempDirectory("offsync-guide")).identityPool(POOL).build().start();
  }

  @After
  public void stop() {
    server.close();
    RxJavaPlugins.reset();
    assertThat(undeliverable).as("errors that reached RxJavaPlugins.onError").isEmpty();
  }

  @Test
  public void onCreateSchedulesTheJobAndTouchesNoFile() {
    assertThat(BackgroundSync.isScheduled(app, BackgroundSyncOptions.DEFAULT_JOB_ID)).isTrue();
    assertThat(app.getDatabasePath("offsync.db")).doesNotExist();
    assertThat(new java.io.File(app.getApplicationInfo().dataDir, "shared_prefs")).doesNotExist();
  }

  @Test
  public void theGuidesActivityShowsStatusSyncsAndSettlesAConflict() throws Exception {
    SyncClient phone = io(() -> OffsyncWiring.buildSyncClient(app, server.baseUri().toString(), POOL));
    app.useSyncClient(phone);
    ActivityController<NotesActivity> controller = Robolectric.buildActivity(NotesActivity.class).setup();
    activity = controller.get();
    await(() -> !activity.shown.isEmpty());

    activity.saveNote("groceries", "milk");
    await(() -> activity.synced.size() == 1);
    assertThat(activity.synced.get(0).recordsPushed()).isEqualTo(1);

    // the same user on a tablet edits the note meanwhile
    String identity = phone.ownerId();
    try (CognitoSyncClient http = CognitoSyncClient.builder().endpoint(server.baseUri().toString())
            .credentialsProvider(CognitoIdentityCredentialsProvider.builder()
                .endpoint(server.baseUri().toString()).identityPoolId(POOL).identityId(identity).build())
            .build();
        SyncClient tablet = SyncClient.builder().localStore(new InMemoryLocalStore())
            .remoteStore(CognitoSyncRemoteStore.create(http, POOL))
            .identityProvider(IdentityProviders.fixed(identity))
            .conflictResolver(ConflictResolvers.remoteWins()).build()) {
      Dataset tabletNotes = tablet.dataset("notes");
      tabletNotes.sync().timeout(30, TimeUnit.SECONDS).blockingGet();
      tabletNotes.put("groceries", "milk, eggs");
      tabletNotes.sync().timeout(30, TimeUnit.SECONDS).blockingGet();

      activity.saveNote("groceries", "milk, bread");
      await(() -> activity.synced.size() == 2);
      assertThat(activity.synced.get(1).deferredKeys()).containsExactly("groceries");

      activity.askAboutConflicts();
      await(() -> activity.asked.size() == 1);
      SyncConflict conflict = activity.asked.get(0);
      assertThat(conflict.local().value()).isEqualTo("milk, bread");
      assertThat(conflict.remote().value()).isEqualTo("milk, eggs");

      activity.keepBoth(conflict);
      await(() -> activity.synced.size() == 3);
      assertThat(activity.synced.get(2).recordsPushed()).isEqualTo(1);
      tabletNotes.sync().timeout(30, TimeUnit.SECONDS).blockingGet();
      assertThat(tabletNotes.get("groceries")).isEqualTo("milk, bread\nmilk, eggs");
    }
    assertThat(activity.errors).isEmpty();

    int shownBeforeStop = activity.shown.size();
    controller.pause().stop();
    io(() -> {
      phone.dataset("notes").put("after", "stop");   // status changes; the stopped Activity hears nothing
      return Boolean.TRUE;
    });
    ShadowLooper.idleMainLooper();
    assertThat(activity.shown).hasSize(shownBeforeStop);
    controller.destroy();
    io(() -> {
      phone.close();
      return Boolean.TRUE;
    });
  }

  @Test
  public void theGuidesWorkerSyncsEveryDatasetAndSucceeds() {
    SyncClient client = io(() -> OffsyncWiring.buildSyncClient(app, server.baseUri().toString(), POOL));
    app.useSyncClient(client);
    io(() -> {
      client.dataset("notes").put("k", "written offline");
      return Boolean.TRUE;
    });
    String outcome = io(() -> new NotesSyncWorker(app, new androidx.work.WorkerParameters()).doWork().toString());
    assertThat(outcome).isEqualTo("success");
    assertThat(io(() -> client.dataset("notes").pendingKeys())).isEmpty();
    io(() -> {
      client.close();
      return Boolean.TRUE;
    });
  }

  /** The device is on a validated, unmetered Wi-Fi network, as the system reports it. */
  private void onValidatedWifi() {
    ConnectivityManager manager = (ConnectivityManager) app.getSystemService(Context.CONNECTIVITY_SERVICE);
    ShadowConnectivityManager shadow = Shadow.extract(manager);
    Network wifi = ShadowNetwork.newInstance(ConnectivityManager.TYPE_WIFI);
    NetworkInfo info = ShadowNetworkInfo.newInstance(NetworkInfo.DetailedState.CONNECTED,
        ConnectivityManager.TYPE_WIFI, 0, true, NetworkInfo.State.CONNECTED);
    shadow.addNetwork(wifi, info);
    shadow.setActiveNetworkInfo(info);
    shadow.setDefaultNetworkActive(true);
    NetworkCapabilities nc = ShadowNetworkCapabilities.newInstance();
    for (int c : new int[] {NetworkCapabilities.NET_CAPABILITY_INTERNET, NetworkCapabilities.NET_CAPABILITY_VALIDATED,
        NetworkCapabilities.NET_CAPABILITY_NOT_METERED}) {
      Shadow.<ShadowNetworkCapabilities>extract(nc).addCapability(c);
    }
    shadow.setNetworkCapabilities(wifi, nc);
  }

  private static <T> T io(java.util.concurrent.Callable<T> work) {
    return io.reactivex.rxjava3.core.Single.fromCallable(work).subscribeOn(Schedulers.io())
        .timeout(30, TimeUnit.SECONDS).blockingGet();
  }

  /** Runs the main looper until {@code condition} holds (bounded: 30 s). */
  private void await(BooleanSupplier condition) {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    while (!condition.getAsBoolean()) {
      assertThat(System.nanoTime()).as("condition within 30 s; errors shown: %s", errorsShown()).isLessThan(deadline);
      ShadowLooper.idleMainLooper();
      LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(2));
    }
  }
}
