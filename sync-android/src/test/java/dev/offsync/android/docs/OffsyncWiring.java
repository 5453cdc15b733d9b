package dev.offsync.android.docs;

import android.content.Context;
import dev.offsync.ConflictResolvers;
import dev.offsync.SyncClient;
import dev.offsync.android.AndroidConnectivityMonitor;
import dev.offsync.android.AndroidSqliteLocalStore;
import dev.offsync.android.SharedPreferencesIdentityCache;
import dev.offsync.http.CognitoIdentityCredentialsProvider;
import dev.offsync.http.CognitoIdentityProvider;
import dev.offsync.http.CognitoSyncClient;
import dev.offsync.http.CognitoSyncRemoteStore;

/** docs/android.md, "Wiring": everything offsync needs, built once per process, on a background thread. */
public final class OffsyncWiring {
  private OffsyncWiring() {}

  /**
   * Builds the app's one sync client. Blocking (reads the identity cache): call it off the main thread.
   *
   * @param context any context of the app
   * @param endpoint the sync server (offsync's sync-server, or a Cognito-Sync-compatible endpoint)
   * @param identityPoolId the identity pool
   * @return the client
   */
  public static SyncClient buildSyncClient(Context context, String endpoint, String identityPoolId) {
    Context app = context.getApplicationContext();
    CognitoIdentityCredentialsProvider credentials = CognitoIdentityCredentialsProvider.builder()
        .endpoint(endpoint)
        .identityPoolId(identityPoolId)
        .identityCache(SharedPreferencesIdentityCache.create(app))   // same identity after a restart
        .build();
    CognitoSyncClient http = CognitoSyncClient.builder()
        .endpoint(endpoint)
        .credentialsProvider(credentials)
        .build();
    AndroidConnectivityMonitor network = AndroidConnectivityMonitor.create(app);
    return SyncClient.builder()
        .localStore(AndroidSqliteLocalStore.builder(app).databaseName("offsync.db").build())
        .remoteStore(CognitoSyncRemoteStore.create(http, identityPoolId))
        .identityProvider(CognitoIdentityProvider.create(credentials))
        .connectivityMonitor(network)          // or network.unmeteredOnly(): sync on Wi-Fi only
        .conflictResolver("notes", ConflictResolvers.deferAll())   // the app's conflict UI decides
        .build();
  }
}
