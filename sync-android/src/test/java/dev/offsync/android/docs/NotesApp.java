package dev.offsync.android.docs;

import android.app.Application;
import dev.offsync.SyncClient;
import dev.offsync.android.BackgroundSync;
import dev.offsync.android.BackgroundSyncOptions;
import dev.offsync.android.NetworkRequirement;
import dev.offsync.android.SyncClientProvider;
import io.reactivex.rxjava3.core.Single;
import io.reactivex.rxjava3.schedulers.Schedulers;
import java.time.Duration;

/** docs/android.md, "Wiring": the Application owns the one client and hands it to the background job. */
public final class NotesApp extends Application implements SyncClientProvider {
  static final String ENDPOINT = "http://10.0.2.2:8080";   // the emulator's host: a local offsync server
  static final String IDENTITY_POOL_ID = "us-east-1:0d3b5a52-5d1f-4c1b-9a4e-3c1f0e0c2a11";

  private SyncClient client;

  @Override
  public void onCreate() {
    super.onCreate();
    // no I/O here: JobScheduler is a system service, and the client is built on first use, off the main thread
    BackgroundSync.schedule(this, BackgroundSyncOptions.builder()
        .network(NetworkRequirement.ANY)
        .period(Duration.ofHours(1))
        .persisted(true)
        .build());
  }

  @Override
  public synchronized SyncClient syncClient() {   // background threads only
    if (client == null) {
      client = OffsyncWiring.buildSyncClient(this, ENDPOINT, IDENTITY_POOL_ID);
    }
    return client;
  }

  /** Tests only (not in the guide): a client on a test server instead of {@link #ENDPOINT}. */
  synchronized void useSyncClient(SyncClient testClient) {
    client = testClient;
  }

  /**
   * The client for UI code: built (the first time) on the I/O scheduler.
   *
   * @return the client, once built
   */
  public Single<SyncClient> syncClientAsync() {
    return Single.fromCallable(this::syncClient).subscribeOn(Schedulers.io());
  }
}
