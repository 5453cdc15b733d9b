package dev.offsync.http.e2e;

import dev.offsync.SyncClient;
import dev.offsync.http.CognitoIdentityCredentialsProvider;
import dev.offsync.http.CognitoIdentityProvider;
import dev.offsync.http.CognitoSyncClient;
import dev.offsync.http.CognitoSyncRemoteStore;
import dev.offsync.http.RetryPolicy;
import dev.offsync.http.spi.CredentialsProvider;
import dev.offsync.testing.InMemoryLocalStore;
import io.reactivex.rxjava3.schedulers.Schedulers;
import java.net.URI;
import java.time.Duration;
import java.util.List;

/**
 * Devices for end-to-end tests: the sync engine over the HTTP client against a server on loopback, one in-memory
 * store each, Cognito Identity credentials, trampoline scheduling, no retries. Everything opened is added to the
 * caller's list of things to close.
 */
final class EngineDevices {
  private EngineDevices() {}

  /** An HTTP client of {@code endpoint} with {@code credentials}, no retries, bounded calls. */
  static CognitoSyncClient http(URI endpoint, CredentialsProvider credentials, List<AutoCloseable> closeables) {
    CognitoSyncClient http = CognitoSyncClient.builder()
        .endpoint(endpoint.toString())
        .credentialsProvider(credentials)
        .retryPolicy(RetryPolicy.none())
        .callTimeout(Duration.ofSeconds(20))
        .build();
    closeables.add(http);
    return http;
  }

  /** A sync client of {@code pool} signed in with {@code credentials}' identity. */
  static SyncClient device(URI endpoint, String pool, CognitoIdentityCredentialsProvider credentials,
      List<AutoCloseable> closeables) {
    SyncClient client = SyncClient.builder()
        .localStore(new InMemoryLocalStore())
        .remoteStore(CognitoSyncRemoteStore.create(http(endpoint, credentials, closeables), pool))
        .identityProvider(CognitoIdentityProvider.create(credentials, Schedulers.trampoline()))
        .ioScheduler(Schedulers.trampoline())
        .build();
    closeables.add(client);
    return client;
  }
}
