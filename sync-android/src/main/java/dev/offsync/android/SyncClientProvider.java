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
 *       client = SyncClient.builder()...build();   // lazily, off the main thread: not in Application.onCreate
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
   * The app's sync client. {@link SyncJobService} calls it on a background thread ({@code Schedulers.io()}), so it may
   * build the client there (open the local store, build a {@code CognitoIdentityCredentialsProvider} that reads its
   * identity cache); the same instance must be returned every time. Thread-safe.
   *
   * @return the client, not null
   */
  SyncClient syncClient();
}
