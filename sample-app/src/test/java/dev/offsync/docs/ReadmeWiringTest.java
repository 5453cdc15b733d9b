package dev.offsync.docs;

import static org.assertj.core.api.Assertions.assertThat;

import dev.offsync.ConflictResolvers;
import dev.offsync.Dataset;
import dev.offsync.SyncClient;
import dev.offsync.SyncReport;
import dev.offsync.http.CognitoIdentityCredentialsProvider;
import dev.offsync.http.CognitoIdentityProvider;
import dev.offsync.http.CognitoSyncClient;
import dev.offsync.http.CognitoSyncRemoteStore;
import dev.offsync.http.InMemoryIdentityCache;
import dev.offsync.server.SyncServer;
import dev.offsync.sqlite.SqliteLocalStore;
import io.reactivex.rxjava3.plugins.RxJavaPlugins;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The first hour, as a new user wires it: 50 fresh clients each, exactly as README.md's "Using the library" (real
 * sync-server on loopback, real HTTP, a SQLite file, {@link CognitoIdentityProvider#create(CognitoIdentityCredentialsProvider)}
 * and every other default: {@code Schedulers.io()}, never trampoline), and not one first sync may fail. The same for
 * the other ways an app gets its identity: GetId with an identity cache, a cached identity after a restart, and a
 * pinned identity id. Every failure is collected and shown, and nothing may reach {@code RxJavaPlugins.onError}.
 */
@Timeout(value = 240, unit = TimeUnit.SECONDS)
class ReadmeWiringTest {
  private static final int CLIENTS = 50;
  private static final String POOL = "us-east-1:0d3b5a52-5d1f-4c1b-9a4e-3c1f0e0c2a11";

  @TempDir Path dir;
  private SyncServer server;
  private String endpoint;
  private final List<Throwable> undeliverable = Collections.synchronizedList(new ArrayList<>());

  @BeforeEach
  void start() {
    RxJavaPlugins.setErrorHandler(undeliverable::add);
    server = SyncServer.builder().host("127.0.0.1").port(0).dataDirectory(dir.resolve("server"))
        .developerKey("AKIDOFFSYNCREADME", "dev-secret-readme-0123456789").identityPool(POOL).build().start();
    endpoint = server.baseUri().toString();
  }

  @AfterEach
  void stop() {
    try {
      server.close();
    } finally {
      RxJavaPlugins.setErrorHandler(null);
    }
    assertThat(undeliverable).as("errors that reached RxJavaPlugins.onError").isEmpty();
  }

  /** One first launch of an app wired as the README says: its first sync's outcome, and then its shutdown. */
  private Throwable readmeFirstLaunch(Path appDir) throws Exception {
    CompletableFuture<SyncReport> outcome = new CompletableFuture<>();
    try (ReadmeExample app = new ReadmeExample() {
      @Override
      void showSynced(SyncReport report) {
        outcome.complete(report);
      }

      @Override
      void showSyncError(Throwable error) {
        outcome.completeExceptionally(error);
      }
    }) {
      app.start(endpoint, POOL, appDir);
      return awaitPushed(outcome);
    }
  }

  /** The README's wiring with {@code credentials} in place of the README's GetId-only provider. */
  private Throwable firstLaunch(Path appDir, CognitoIdentityCredentialsProvider credentials) throws Exception {
    CompletableFuture<SyncReport> outcome = new CompletableFuture<>();
    try (CognitoSyncClient cognitoSyncClient =
            CognitoSyncClient.builder().endpoint(endpoint).credentialsProvider(credentials).build();
        SqliteLocalStore store = SqliteLocalStore.builder().file(appDir.resolve("app.db")).build();
        SyncClient client = SyncClient.builder()
            .localStore(store)
            .remoteStore(CognitoSyncRemoteStore.create(cognitoSyncClient, POOL))
            .identityProvider(CognitoIdentityProvider.create(credentials))
            .conflictResolver(ConflictResolvers.lastWriterWins())
            .build()) {
      Dataset settings = client.dataset("settings");
      settings.put("theme", "dark");
      settings.sync().subscribe(outcome::complete, outcome::completeExceptionally);
      return awaitPushed(outcome);
    }
  }

  private static Throwable awaitPushed(CompletableFuture<SyncReport> outcome) throws Exception {
    try {
      SyncReport report = outcome.get(30, TimeUnit.SECONDS);
      return report.recordsPushed() == 1 ? null : new AssertionError("pushed " + report.recordsPushed() + ": " + report);
    } catch (java.util.concurrent.ExecutionException e) {
      return e.getCause();
    }
  }

  private CognitoIdentityCredentialsProvider.Builder credentials() {
    return CognitoIdentityCredentialsProvider.builder().endpoint(endpoint).identityPoolId(POOL);
  }

  private void assertNoFirstSyncFails(String path, Function<Path, Throwable> launch) throws Exception {
    List<String> failures = new ArrayList<>();
    for (int i = 0; i < CLIENTS; i++) {
      Path appDir = Files.createDirectories(dir.resolve(path + "-" + i));
      Throwable failure = launch.apply(appDir);
      if (failure != null) {
        failures.add("client " + i + ": " + failure);
      }
    }
    System.out.printf("%s: %d of %d first syncs failed%n", path, failures.size(), CLIENTS);
    assertThat(failures).as("failed first syncs, %s", path).isEmpty();
  }

  private Function<Path, Throwable> unchecked(CheckedLaunch launch) {
    return appDir -> {
      try {
        return launch.run(appDir);
      } catch (Exception e) {
        throw new IllegalStateException(e);
      }
    };
  }

  private interface CheckedLaunch {
    Throwable run(Path appDir) throws Exception;
  }

  @Test
  void theReadmesWiringNeverFailsAFirstSync() throws Exception {
    assertNoFirstSyncFails("readme", unchecked(this::readmeFirstLaunch));
  }

  @Test
  void getIdWithAnIdentityCacheNeverFailsAFirstSync() throws Exception {
    assertNoFirstSyncFails("getid-cache",
        unchecked(appDir -> firstLaunch(appDir, credentials().identityCache(InMemoryIdentityCache.create()).build())));
  }

  @Test
  void aCachedIdentityAfterARestartNeverFailsAFirstSync() throws Exception {
    assertNoFirstSyncFails("cached", unchecked(appDir -> {
      InMemoryIdentityCache cache = InMemoryIdentityCache.create();
      credentials().identityCache(cache).build().identityId(); // the previous run learnt it
      return firstLaunch(appDir, credentials().identityCache(cache).build());
    }));
  }

  @Test
  void aPinnedIdentityIdNeverFailsAFirstSync() throws Exception {
    assertNoFirstSyncFails("pinned", unchecked(appDir -> {
      String id = credentials().build().identityId(); // e.g. from the app's own sign-in
      return firstLaunch(appDir, credentials().identityId(id).build());
    }));
  }
}
