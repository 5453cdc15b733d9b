package dev.offsync.android;

import dev.offsync.SyncClient;

/**
 * Implemented by the app's {@link android.app.Application} so that {@link SyncJobService} (which the system starts,
 * with no reference to anything of the app) reaches the app's one {@link SyncClient}:
 *
 * <pre>{@code
 * public final class MyApp extends Application implements SyncClientProvider {
 *   private SyncClient client;
 *
 *   public synchronized SyncClient syncClient() {
 *     if (client == null) {
 *       client = SyncClient.builder()...build();   // built lazily: no store I/O in Application.onCreate
 *     }
 *     return client;
 *   }
 * }
 * }</pre>
 *
 * <p>The job never closes the client: it belongs to the app, for the process's lifetime.
 */
public interface SyncClientProvider {

  /**
   * The app's sync client. Called on the main thread: it may build the client, but must not sync, open a database
   * eagerly, or do other I/O.
   *
   * @return the client, not null
   */
  SyncClient syncClient();
}
