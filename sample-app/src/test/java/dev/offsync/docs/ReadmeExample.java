package dev.offsync.docs;

import dev.offsync.ConflictResolvers;
import dev.offsync.Dataset;
import dev.offsync.SyncClient;
import dev.offsync.SyncReport;
import dev.offsync.http.CognitoIdentityCredentialsProvider;
import dev.offsync.http.CognitoIdentityProvider;
import dev.offsync.http.CognitoSyncClient;
import dev.offsync.http.CognitoSyncRemoteStore;
import dev.offsync.spi.IdentityProvider;
import dev.offsync.sqlite.SqliteLocalStore;
import java.nio.file.Path;

/**
 * README.md's "Using the library", verbatim between the markers ({@link ReadmeSnippetTest} checks it line for line);
 * compiled by the build and run against a real server by {@link ReadmeWiringTest}. The test overrides the two
 * outcome methods to count first syncs.
 */
class ReadmeExample implements AutoCloseable {
  SqliteLocalStore store;
  CognitoSyncClient cognitoSyncClient;
  SyncClient client;

  /** The README's wiring: {@code endpoint} is the server's URL, {@code appDir} where the app keeps its files. */
  void start(String endpoint, String identityPoolId, Path appDir) {
    // --- README.md "Using the library" begins
    CognitoIdentityCredentialsProvider credentials = CognitoIdentityCredentialsProvider.builder()
        .endpoint(endpoint)                      // sync-server answers Cognito Identity on its own port
        .identityPoolId(identityPoolId)          // e.g. "us-east-1:0d3b5a52-5d1f-4c1b-9a4e-3c1f0e0c2a11"
        .build();                                // on AWS: .region("us-east-1"), no endpoint
    IdentityProvider identityProvider = CognitoIdentityProvider.create(credentials);   // GetId, on Schedulers.io()
    CognitoSyncClient cognitoSyncClient = CognitoSyncClient.builder()
        .endpoint(endpoint)                      // on AWS: .region("us-east-1")
        .credentialsProvider(credentials)        // every request signed with the identity's credentials
        .build();
    SqliteLocalStore store = SqliteLocalStore.builder().file(appDir.resolve("app.db")).build();
    SyncClient client = SyncClient.builder()
        .localStore(store)
        .remoteStore(CognitoSyncRemoteStore.create(cognitoSyncClient, identityPoolId))
        .identityProvider(identityProvider)
        .conflictResolver(ConflictResolvers.lastWriterWins())
        .build();
    Dataset settings = client.dataset("settings");
    settings.put("theme", "dark");               // works offline; the record is dirty until acknowledged
    settings.sync().subscribe(this::showSynced, this::showSyncError);   // exactly one outcome per sync
    // --- README.md "Using the library" ends
    this.store = store;
    this.cognitoSyncClient = cognitoSyncClient;
    this.client = client;
  }

  /** Called once the sync succeeded. */
  void showSynced(SyncReport report) {}

  /** Called once the sync failed; the local data is intact and a later sync retries. */
  void showSyncError(Throwable error) {}

  /** What the app does on shutdown: the client first (it ends its syncs), then what it owns. */
  @Override
  public void close() {
    if (client != null) {
      client.close();
    }
    if (cognitoSyncClient != null) {
      cognitoSyncClient.close();
    }
    if (store != null) {
      store.close();
    }
  }
}
