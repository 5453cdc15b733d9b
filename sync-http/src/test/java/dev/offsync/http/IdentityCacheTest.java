package dev.offsync.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.offsync.SyncClient;
import dev.offsync.http.spi.IdentityCache;
import dev.offsync.server.SyncServer;
import dev.offsync.spi.IdentityChange;
import dev.offsync.testing.FakeRemoteStore;
import dev.offsync.testing.InMemoryLocalStore;
import io.reactivex.rxjava3.observers.TestObserver;
import io.reactivex.rxjava3.schedulers.Schedulers;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.TimeUnit;
import okhttp3.OkHttpClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The identity cache against the real sync-server's Cognito Identity endpoint: the cache spares {@code GetId} across
 * "restarts" (a new provider), a renewal of a vanished cached identity updates it, a configured id wins over it.
 * {@code GetId} calls are counted on the wire, by an OkHttp interceptor.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class IdentityCacheTest {
  private static final String POOL = "us-east-1:4a7c0f0e-1111-2222-3333-444455556666";

  @TempDir Path dirA;
  @TempDir Path dirB;
  private final List<AutoCloseable> closeables = new ArrayList<>();
  private final List<String> targets = Collections.synchronizedList(new ArrayList<>());
  private final OkHttpClient http = new OkHttpClient.Builder()
      .addInterceptor(chain -> {
        String target = chain.request().header("X-Amz-Target");
        if (target != null) {
          targets.add(target.replace("AWSCognitoIdentityService.", ""));
        }
        return chain.proceed(chain.request());
      })
      .build();

  @AfterEach
  void stop() throws Exception {
    for (int i = closeables.size() - 1; i >= 0; i--) {
      closeables.get(i).close();
    }
  }

  private SyncServer server(Path dir) {
    SyncServer s = SyncServer.builder().host("127.0.0.1").port(0).dataDirectory(dir)
        .developerKey("AKIDOFFSYNCCACHE", "dev-secret-cache-0123456789").identityPool(POOL).build().start();
    closeables.add(s);
    return s;
  }

  private CognitoIdentityCredentialsProvider.Builder provider(SyncServer server) {
    return CognitoIdentityCredentialsProvider.builder().endpoint(server.baseUri().toString()).identityPoolId(POOL)
        .okHttpClient(http).retryPolicy(RetryPolicy.none()).callTimeout(Duration.ofSeconds(20));
  }

  private long getIdCalls() {
    return targets.stream().filter("GetId"::equals).count();
  }

  @Test
  void twoProvidersSharingOneCacheGetOneIdentityWithOneGetId() {
    SyncServer server = server(dirA);
    InMemoryIdentityCache cache = InMemoryIdentityCache.create();

    CognitoIdentityCredentialsProvider first = provider(server).identityCache(cache).build();
    String id = first.identityId();
    assertThat(cache.load(POOL)).isEqualTo(id);

    // the app restarts: a new provider on the same cache, no GetId, and the server accepts the identity
    CognitoIdentityCredentialsProvider second = provider(server).identityCache(cache).build();
    assertThat(second.cachedIdentityId()).as("known at once, without the network").isEqualTo(id);
    assertThat(targets).containsExactly("GetId");
    assertThat(second.credentials().accessKeyId()).isNotEmpty();
    assertThat(second.identityId()).isEqualTo(id);
    assertThat(getIdCalls()).isEqualTo(1);
    assertThat(targets).containsExactly("GetId", "GetCredentialsForIdentity");
  }

  @Test
  void aRestartedAppKnowsItsIdentityOfflineSoTheEngineOpensThatIdentitysData() {
    SyncServer server = server(dirA);
    InMemoryIdentityCache cache = InMemoryIdentityCache.create();
    String id = provider(server).identityCache(cache).build().identityId();
    server.close(); // offline from now on: nothing answers
    targets.clear();

    CognitoIdentityCredentialsProvider restarted = provider(server).identityCache(cache).build();
    try (SyncClient client = SyncClient.builder().localStore(new InMemoryLocalStore())
        .remoteStore(new FakeRemoteStore())
        .identityProvider(CognitoIdentityProvider.create(restarted, Schedulers.trampoline())).build()) {
      assertThat(client.ownerId()).isEqualTo(id);
    }
    assertThat(targets).isEmpty();
  }

  @Test
  void withoutACacheEveryProviderGetsANewIdentity() {
    SyncServer server = server(dirA);
    String a = provider(server).build().identityId();
    String b = provider(server).build().identityId();
    assertThat(a).isNotEqualTo(b); // what the cache is for
    assertThat(getIdCalls()).isEqualTo(2);
  }

  @Test
  void aCachedIdentityThatVanishedIsRenewedAndTheCacheUpdated() {
    InMemoryIdentityCache cache = InMemoryIdentityCache.create();
    String vanished = provider(server(dirA)).identityCache(cache).build().identityId();
    SyncServer recreated = server(dirB); // same pool id, empty: the cached identity no longer exists there
    targets.clear();

    CognitoIdentityCredentialsProvider credentials = provider(recreated).identityCache(cache).build();
    TestObserver<IdentityChange> changes =
        CognitoIdentityProvider.create(credentials, Schedulers.trampoline()).changes().test();
    assertThat(credentials.credentials().accessKeyId()).isNotEmpty();

    String renewed = credentials.identityId();
    assertThat(renewed).isNotEqualTo(vanished);
    assertThat(cache.load(POOL)).isEqualTo(renewed);
    assertThat(targets).containsExactly("GetCredentialsForIdentity", "GetId", "GetCredentialsForIdentity");
    changes.assertValuesOnly(new IdentityChange(vanished, renewed, true));

    // and the next restart keeps the renewed identity
    targets.clear();
    assertThat(provider(recreated).identityCache(cache).build().identityId()).isEqualTo(renewed);
    assertThat(targets).isEmpty();
  }

  @Test
  void aConfiguredIdentityIdWinsOverTheCacheWhichIsNeitherReadNorWritten() {
    SyncServer server = server(dirA);
    String pinned = provider(server).build().identityId();
    InMemoryIdentityCache cache = InMemoryIdentityCache.create();
    cache.save(POOL, "us-east-1:00000000-0000-0000-0000-0000000000ff");
    targets.clear();

    CognitoIdentityCredentialsProvider credentials = provider(server).identityCache(cache).identityId(pinned).build();
    assertThat(credentials.credentials().accessKeyId()).isNotEmpty();
    assertThat(credentials.identityId()).isEqualTo(pinned);
    assertThat(cache.load(POOL)).isEqualTo("us-east-1:00000000-0000-0000-0000-0000000000ff");
    assertThat(targets).containsExactly("GetCredentialsForIdentity");
  }

  @Test
  void aPinnedIdentityThatVanishedIsNotRenewedFromTheCache() {
    String vanished = provider(server(dirA)).build().identityId();
    InMemoryIdentityCache cache = InMemoryIdentityCache.create();
    CognitoIdentityCredentialsProvider credentials =
        provider(server(dirB)).identityCache(cache).identityId(vanished).build();
    assertThatThrownBy(credentials::credentials).isInstanceOf(CredentialsException.class)
        .hasCauseInstanceOf(ResourceNotFoundException.class);
    assertThat(cache.load(POOL)).isNull();
  }

  @Test
  void aFailingCacheIsACredentialsErrorAndNoNewIdentityIsTaken() {
    SyncServer server = server(dirA);
    IdentityCache broken = new IdentityCache() {
      @Override
      public String load(String identityPoolId) {
        throw new IllegalStateException("corrupted value under the identity key");
      }

      @Override
      public void save(String identityPoolId, String identityId) {
        throw new AssertionError("must not be called");
      }

      @Override
      public void clear(String identityPoolId) {}
    };
    CognitoIdentityCredentialsProvider credentials = provider(server).identityCache(broken).build();
    assertThatThrownBy(credentials::identityId).isInstanceOf(CredentialsException.class)
        .hasMessageContaining("identity cache could not be read")
        .hasMessageContaining("corrupted value");
    assertThat(targets).isEmpty();
    // mapped for sync-core as a non-retryable error
    assertThat(RemoteErrors.toSyncError(catchError(credentials))).isInstanceOf(dev.offsync.NotAuthorizedException.class);
  }

  @Test
  void aCacheThatCannotSaveFailsTheGetIdSoThatTheIdIsNeverUsedUnsaved() {
    SyncServer server = server(dirA);
    IdentityCache readOnly = new IdentityCache() {
      @Override
      public String load(String identityPoolId) {
        return null;
      }

      @Override
      public void save(String identityPoolId, String identityId) {
        throw new IllegalStateException("disk full");
      }

      @Override
      public void clear(String identityPoolId) {}
    };
    CognitoIdentityCredentialsProvider credentials = provider(server).identityCache(readOnly).build();
    assertThatThrownBy(credentials::credentials).isInstanceOf(CredentialsException.class)
        .hasMessageContaining("could not save").hasMessageContaining("disk full");
    assertThat(credentials.cachedIdentityId()).isNull();
  }

  private static Throwable catchError(CognitoIdentityCredentialsProvider credentials) {
    try {
      credentials.identityId();
      throw new AssertionError("expected a failure");
    } catch (CredentialsException e) {
      return e;
    }
  }
}
