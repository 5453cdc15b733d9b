package dev.offsync.docs;

import static org.assertj.core.api.Assertions.assertThat;

import dev.offsync.InactiveIdentity;
import dev.offsync.SignOutMode;
import dev.offsync.SyncReport;
import dev.offsync.server.SyncServer;
import io.reactivex.rxjava3.plugins.RxJavaPlugins;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The identity across restarts, wired exactly as README.md's "Using the library" ({@link ReadmeExample}: a fresh
 * {@code CognitoIdentityCredentialsProvider} without an identity cache on every launch, the default schedulers, a
 * SQLite file, a real sync-server on loopback): an app restarted between an offline edit and its first sync goes on
 * as the same identity (the store remembers it; no new {@code GetId}) and pushes the edit; a vanished identity is
 * renewed and takes the edit along; an explicit sign-out keeps the old user's edits apart, counted and listed.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class ReadmeIdentityAcrossRestartsTest {
  private static final String POOL = "us-east-1:0d3b5a52-5d1f-4c1b-9a4e-3c1f0e0c2a11";

  @TempDir Path dir;
  private SyncServer server;
  private final List<Throwable> undeliverable = Collections.synchronizedList(new ArrayList<>());

  @BeforeEach
  void start() {
    RxJavaPlugins.setErrorHandler(undeliverable::add);
    server = startServer("server");
  }

  private SyncServer startServer(String dataDir) {
    return SyncServer.builder().host("127.0.0.1").port(0).dataDirectory(dir.resolve(dataDir))
        .developerKey("AKIDOFFSYNCREADME", "dev-secret-readme-0123456789").identityPool(POOL).build().start();
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

  /** A launch of the README's app: its own first sync ("settings") is awaited. */
  private static final class Launch extends ReadmeExample {
    final CompletableFuture<SyncReport> firstSync = new CompletableFuture<>();

    @Override
    void showSynced(SyncReport report) {
      firstSync.complete(report);
    }

    @Override
    void showSyncError(Throwable error) {
      firstSync.completeExceptionally(error);
    }

    SyncReport awaitFirstSync() throws Exception {
      return firstSync.get(30, TimeUnit.SECONDS);
    }

    SyncReport sync(String dataset) {
      return client.dataset(dataset).sync().timeout(30, TimeUnit.SECONDS).blockingGet();
    }
  }

  private Launch launch(Path appDir) {
    Launch app = new Launch();
    app.start(server.baseUri().toString(), POOL, appDir);
    return app;
  }

  @Test
  void aRestartBetweenTheOfflineEditAndItsSyncGoesOnAsTheSameIdentityAndPushesIt() throws Exception {
    Path appDir = Files.createDirectories(dir.resolve("app"));
    String identity;
    try (Launch first = launch(appDir)) {
      identity = first.awaitFirstSync().identityId();
      first.client.dataset("notes").put("k", "written offline, never synced in this run");
    }

    try (Launch second = launch(appDir)) {
      assertThat(second.client.ownerId()).isEqualTo(identity); // known at once, offline too
      assertThat(second.awaitFirstSync().identityId()).isEqualTo(identity);
      SyncReport notes = second.sync("notes");
      assertThat(notes.identityId()).isEqualTo(identity);
      assertThat(notes.recordsPushed()).isEqualTo(1);
      assertThat(second.client.dataset("notes").pendingKeys()).isEmpty();
      assertThat(second.client.currentStatus().inactivePendingCount()).isZero();
    }
    try (Launch third = launch(Files.createDirectories(dir.resolve("other-device")))) {
      third.awaitFirstSync();
      assertThat(third.client.ownerId()).isNotEqualTo(identity); // another install is another identity
    }
  }

  @Test
  void anIdentityThatVanishedWhileTheAppWasStoppedIsRenewedAndTakesTheEditAlong() throws Exception {
    Path appDir = Files.createDirectories(dir.resolve("app"));
    String vanished;
    try (Launch first = launch(appDir)) {
      vanished = first.awaitFirstSync().identityId();
      first.client.dataset("notes").put("k", "edit of the vanished identity");
    }
    server.close();
    server = startServer("server-recreated"); // the pool was recreated: the identity is gone

    try (Launch second = launch(appDir)) {
      second.awaitFirstSync().identityId();
      SyncReport notes = second.sync("notes");
      assertThat(notes.identityId()).isNotEqualTo(vanished);
      assertThat(second.client.dataset("notes").get("k")).isEqualTo("edit of the vanished identity");
      assertThat(second.client.dataset("notes").pendingKeys()).isEmpty();
      assertThat(second.client.currentStatus().inactivePendingCount()).isZero();
    }
  }

  @Test
  void signingOutKeepsTheOldUsersEditsApartAcrossARestart() throws Exception {
    Path appDir = Files.createDirectories(dir.resolve("app"));
    String before;
    String after;
    try (Launch app = launch(appDir)) {
      before = app.awaitFirstSync().identityId();
      app.client.dataset("notes").put("k", "the first user's unsynced edit");

      app.client.signOut(SignOutMode.KEEP_LOCAL_DATA).blockingAwait(30, TimeUnit.SECONDS);

      assertThat(app.client.currentStatus().inactivePendingCount()).isEqualTo(1);
      SyncReport next = app.sync("notes");
      after = next.identityId();
      assertThat(after).isNotEqualTo(before);
      assertThat(next.recordsPushed()).isZero();
    }
    try (Launch restarted = launch(appDir)) {
      assertThat(restarted.client.ownerId()).isEqualTo(after);
      restarted.awaitFirstSync();
      List<InactiveIdentity> inactive = restarted.client.inactiveIdentities().blockingGet();
      assertThat(inactive).extracting(InactiveIdentity::identityId).containsExactly(before);
      assertThat(inactive.get(0).pendingCount()).isEqualTo(1);
      assertThat(restarted.client.currentStatus().inactivePendingCount()).isEqualTo(1);
    }
  }

  @Test
  void signingOutWipingDataLeavesNothingOfTheOldUserAndTheNextLaunchGetsANewIdentity() throws Exception {
    Path appDir = Files.createDirectories(dir.resolve("app"));
    String before;
    try (Launch app = launch(appDir)) {
      before = app.awaitFirstSync().identityId();
      app.client.dataset("notes").put("k", "edit");
      app.client.signOut(SignOutMode.WIPE_LOCAL_DATA).blockingAwait(30, TimeUnit.SECONDS);
      assertThat(app.client.listDatasets()).isEmpty();
      assertThat(app.client.currentStatus().pendingCount()).isZero();
    }
    try (Launch next = launch(appDir)) {
      assertThat(next.client.ownerId()).isNotEqualTo(before);
      assertThat(next.awaitFirstSync().identityId()).isNotEqualTo(before);
      assertThat(next.client.inactiveIdentities().blockingGet()).isEmpty();
    }
  }
}
