package dev.offsync.http.e2e;

import dev.offsync.testing.VirtualClock;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.offsync.Dataset;
import dev.offsync.SyncClient;
import dev.offsync.SyncReport;
import dev.offsync.http.CognitoIdentityCredentialsProvider;
import dev.offsync.http.CognitoIdentityProvider;
import dev.offsync.http.CognitoSyncClient;
import dev.offsync.http.CognitoSyncRemoteStore;
import dev.offsync.http.CredentialsException;
import dev.offsync.http.ResourceNotFoundException;
import dev.offsync.http.RetryPolicy;
import dev.offsync.http.StaticCredentialsProvider;
import dev.offsync.http.model.ListRecordsRequest;
import dev.offsync.http.model.Record;
import dev.offsync.server.SyncServer;
import dev.offsync.spi.IdentityChange;
import dev.offsync.testing.InMemoryLocalStore;
import io.reactivex.rxjava3.observers.TestObserver;
import io.reactivex.rxjava3.schedulers.Schedulers;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * An identity that no longer exists, produced for real: the identity pool is "recreated" by replacing the server with
 * a fresh one (empty data directory, same pool id, same port), so {@code GetCredentialsForIdentity} answers
 * {@code ResourceNotFoundException} for the identity the client had.
 */
@Timeout(value = 90, unit = TimeUnit.SECONDS)
class IdentityRenewalEndToEndTest {
  private static final String POOL = "us-east-1:4a7c0f0e-9999-2222-3333-444455556666";
  private static final String DEV_KEY = "AKIDOFFSYNCRENEW";
  private static final String DEV_SECRET = "dev-secret-renew-0123456789";

  @TempDir Path dirA;
  @TempDir Path dirB;
  private final VirtualClock clock = VirtualClock.startingAt(Instant.now());
  private final List<AutoCloseable> closeables = new ArrayList<>();

  @AfterEach
  void stop() throws Exception {
    for (int i = closeables.size() - 1; i >= 0; i--) {
      closeables.get(i).close();
    }
  }

  private SyncServer server(Path dir, int port) {
    SyncServer s = SyncServer.builder().host("127.0.0.1").port(port).dataDirectory(dir)
        .developerKey(DEV_KEY, DEV_SECRET).identityPool(POOL).build().start();
    closeables.add(s);
    return s;
  }

  private CognitoIdentityCredentialsProvider.Builder credentials(SyncServer server) {
    return CognitoIdentityCredentialsProvider.builder().endpoint(server.baseUri().toString()).identityPoolId(POOL)
        .clock(clock).retryPolicy(RetryPolicy.none());
  }

  private CognitoSyncClient syncClient(SyncServer server, dev.offsync.http.spi.CredentialsProvider provider) {
    CognitoSyncClient c = CognitoSyncClient.builder().endpoint(server.baseUri().toString())
        .credentialsProvider(provider).retryPolicy(RetryPolicy.none()).callTimeout(Duration.ofSeconds(20)).build();
    closeables.add(c);
    return c;
  }

  private Map<String, String> recordsOnServer(SyncServer server, String identityId, String dataset) {
    CognitoSyncClient developer = syncClient(server, StaticCredentialsProvider.create(DEV_KEY, DEV_SECRET));
    Map<String, String> values = new LinkedHashMap<>();
    for (Record r : developer.listRecords(ListRecordsRequest.builder().identityPoolId(POOL).identityId(identityId)
        .datasetName(dataset).build()).records()) {
      if (r.value() != null) {
        values.put(r.key(), r.value());
      }
    }
    return values;
  }

  private static String identityOf(SyncServer server) {
    return CognitoIdentityCredentialsProvider.builder().endpoint(server.baseUri().toString()).identityPoolId(POOL)
        .retryPolicy(RetryPolicy.none()).build().identityId();
  }

  @Test
  void aPinnedIdentityIdThatNoLongerExistsIsNeverReplaced() {
    String vanished = identityOf(server(dirA, 0));
    CognitoIdentityCredentialsProvider pinned = credentials(server(dirB, 0)).identityId(vanished).build();
    TestObserver<IdentityChange> changes =
        CognitoIdentityProvider.create(pinned, Schedulers.trampoline()).changes().test();

    assertThatThrownBy(pinned::credentials)
        .isInstanceOf(CredentialsException.class)
        .hasCauseInstanceOf(ResourceNotFoundException.class);
    assertThat(pinned.cachedIdentityId()).isEqualTo(vanished);
    changes.assertEmpty();
  }

  @Test
  void aSavedIdentityIdAllowedToRenewIsReplacedOnceAndTheNewCredentialsWork() {
    String vanished = identityOf(server(dirA, 0));
    SyncServer recreated = server(dirB, 0);
    CognitoIdentityCredentialsProvider saved =
        credentials(recreated).identityId(vanished).renewMissingIdentityId(true).build();
    CognitoIdentityProvider identity = CognitoIdentityProvider.create(saved, Schedulers.trampoline());
    TestObserver<IdentityChange> changes = identity.changes().test();

    CognitoSyncClient device = syncClient(recreated, saved);
    assertThat(saved.identityId()).isEqualTo(vanished); // nothing asked yet: still the saved id
    saved.credentials();

    String renewed = saved.cachedIdentityId();
    assertThat(renewed).isNotEqualTo(vanished).startsWith("us-east-1:");
    changes.assertValuesOnly(new IdentityChange(vanished, renewed, true));
    // the credentials belong to the new identity: the server lets them use its datasets
    assertThat(device.listRecords(ListRecordsRequest.builder().identityPoolId(POOL).identityId(renewed)
        .datasetName("notes").build()).records()).isEmpty();
    // asking the identity provider again announces nothing more
    assertThat(identity.identityId().blockingGet()).isEqualTo(renewed);
    changes.assertValuesOnly(new IdentityChange(vanished, renewed, true));
  }

  @Test
  void theEngineMovesTheVanishedIdentitysDataToTheNewOneAndUploadsIt() {
    SyncServer original = server(dirA, 0);
    int port = original.port();
    // the identity id comes from the provider's own GetId: it may always be renewed
    CognitoIdentityCredentialsProvider credentials = credentials(original).build();
    CognitoIdentityProvider identity = CognitoIdentityProvider.create(credentials, Schedulers.trampoline());
    TestObserver<IdentityChange> changes = identity.changes().test();
    CognitoSyncClient http = syncClient(original, credentials);
    SyncClient client = SyncClient.builder()
        .localStore(new InMemoryLocalStore())
        .remoteStore(CognitoSyncRemoteStore.create(http, POOL))
        .identityProvider(identity)
        .ioScheduler(Schedulers.trampoline())
        .build();
    closeables.add(client);
    Dataset notes = client.dataset("notes");
    notes.put("synced", "before the pool was recreated");
    notes.sync().timeout(30, TimeUnit.SECONDS).blockingGet();
    String vanished = credentials.cachedIdentityId();
    assertThat(recordsOnServer(original, vanished, "notes")).containsOnlyKeys("synced");
    notes.put("pending", "written offline");

    // the pool is recreated: same endpoint, no data; the cached credentials expire
    original.close();
    SyncServer recreated = server(dirB, port);
    clock.advance(Duration.ofHours(2));

    // the sync that meets the vanished identity: its request for the old identity is refused with the new
    // identity's credentials (or the engine sees the identity change first); the change is a merge, so the same
    // sync runs again as the new identity and uploads everything
    SyncReport report = notes.sync().timeout(30, TimeUnit.SECONDS).blockingGet();
    String renewed = credentials.cachedIdentityId();
    assertThat(renewed).isNotEqualTo(vanished);
    assertThat(report.identityId()).isEqualTo(renewed);
    assertThat(changes.values()).last().isEqualTo(new IdentityChange(vanished, renewed, true));
    Dataset again = client.dataset("notes");

    assertThat(recordsOnServer(recreated, renewed, "notes")).containsOnly(
        Map.entry("synced", "before the pool was recreated"), Map.entry("pending", "written offline"));
    assertThat(again.pendingKeys()).isEmpty();
  }
}
