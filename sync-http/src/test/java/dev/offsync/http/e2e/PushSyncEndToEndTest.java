package dev.offsync.http.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.offsync.Dataset;
import dev.offsync.DeviceNotRegisteredException;
import dev.offsync.Platform;
import dev.offsync.SyncClient;
import dev.offsync.SyncReport;
import dev.offsync.http.CognitoIdentityCredentialsProvider;
import dev.offsync.http.RetryPolicy;
import dev.offsync.server.SyncServer;
import java.lang.reflect.Method;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Push sync through the engine against the real in-process sync-server on 127.0.0.1: two devices of one identity,
 * the server's {@code PushNotifier} captured in place of APNs/FCM. (sync-http's tests compile for Java 11, so the
 * server's {@code PushNotification} record is read reflectively.)
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class PushSyncEndToEndTest {
  private static final String POOL = "us-east-1:4a7c0f0e-7777-2222-3333-444455556666";
  private static final long TIMEOUT_SECONDS = 20;

  @TempDir Path data;
  private final BlockingQueue<Object> pushes = new LinkedBlockingQueue<>();
  private final List<AutoCloseable> closeables = new ArrayList<>();
  private SyncServer server;

  @BeforeEach
  void start() {
    server = SyncServer.builder()
        .host("127.0.0.1")
        .port(0)
        .dataDirectory(data)
        .developerKey("AKIDOFFSYNCPUSH", "dev-secret-push-0123456789")
        .identityPool(POOL)
        .pushNotifier(pushes::add)
        .build()
        .start();
    closeables.add(server);
  }

  @AfterEach
  void stop() throws Exception {
    for (int i = closeables.size() - 1; i >= 0; i--) {
      closeables.get(i).close();
    }
  }

  /** Credentials of a new identity (the server's GetId), or of {@code identityId} when given. */
  private CognitoIdentityCredentialsProvider credentials(String identityId) {
    CognitoIdentityCredentialsProvider.Builder b = CognitoIdentityCredentialsProvider.builder()
        .endpoint(server.baseUri().toString())
        .identityPoolId(POOL)
        .retryPolicy(RetryPolicy.none());
    if (identityId != null) {
      b.identityId(identityId);
    }
    return b.build();
  }

  private SyncClient device(CognitoIdentityCredentialsProvider credentials) {
    return EngineDevices.device(server.baseUri(), POOL, credentials, closeables);
  }

  /** A record component of one of the server's records, by name. */
  private static Object component(Object record, String name) {
    try {
      Method accessor = record.getClass().getMethod(name);
      return accessor.invoke(record);
    } catch (ReflectiveOperationException e) {
      throw new AssertionError("no component " + name + " in " + record, e);
    }
  }

  @SuppressWarnings("unchecked")
  private static Map<String, String> payloadOf(Object notification) {
    return (Map<String, String>) component(notification, "payload");
  }

  private static SyncReport sync(Dataset dataset) {
    return dataset.sync().timeout(TIMEOUT_SECONDS, TimeUnit.SECONDS).blockingGet();
  }

  @Test
  void aChangePushedByOneDeviceReachesTheOtherThroughItsPushMessage() throws InterruptedException {
    CognitoIdentityCredentialsProvider credentialsA = credentials(null);
    String identity = credentialsA.identityId();
    SyncClient a = device(credentialsA);
    SyncClient b = device(credentials(identity));

    // device B registers and subscribes
    String deviceB = b.registerDevice(Platform.GCM, "fcm-token-of-b").timeout(TIMEOUT_SECONDS, TimeUnit.SECONDS)
        .blockingGet();
    assertThat(deviceB).isNotEmpty();
    b.dataset("settings").subscribe().timeout(TIMEOUT_SECONDS, TimeUnit.SECONDS).blockingAwait();

    // device A pushes a change; the server hands the notification for B to its PushNotifier
    a.dataset("settings").put("theme", "dark");
    SyncReport pushed = sync(a.dataset("settings"));
    Object push = pushes.poll(TIMEOUT_SECONDS, TimeUnit.SECONDS);
    assertThat(push).isNotNull();
    assertThat(component(component(push, "device"), "deviceId")).isEqualTo(deviceB);
    assertThat(component(component(push, "device"), "token")).isEqualTo("fcm-token-of-b");
    Map<String, String> payload = payloadOf(push);
    assertThat(payload).containsEntry("source", "cognito-sync").containsEntry("identityPoolId", POOL)
        .containsEntry("identityId", identity).containsEntry("datasetName", "settings")
        .containsEntry("syncCount", Long.toString(pushed.syncCount()));
    assertThat(pushes).isEmpty();

    // B hands the payload to the engine, which pulls A's change
    SyncReport pulled = b.handlePushNotification(payload).timeout(TIMEOUT_SECONDS, TimeUnit.SECONDS).blockingGet();
    assertThat(pulled).isNotNull();
    assertThat(pulled.recordsApplied()).isEqualTo(1);
    assertThat(b.dataset("settings").get("theme")).isEqualTo("dark");
    assertThat(b.dataset("settings").lastSyncCount()).isEqualTo(pushed.syncCount());
    // the same message again: already up to date, nothing to do
    assertThat(b.handlePushNotification(payload).timeout(TIMEOUT_SECONDS, TimeUnit.SECONDS).blockingGet()).isNull();

    // once B unsubscribes, A's next change notifies nobody (the notifier runs before UpdateRecords answers)
    b.dataset("settings").unsubscribe().timeout(TIMEOUT_SECONDS, TimeUnit.SECONDS).blockingAwait();
    a.dataset("settings").put("theme", "light");
    sync(a.dataset("settings"));
    assertThat(pushes).isEmpty();
  }

  @Test
  void aDeviceIdTheServerDoesNotKnowMustBeRegisteredAgain() {
    CognitoIdentityCredentialsProvider credentials = credentials(null);
    SyncClient client = device(credentials);
    client.restoreDeviceId(credentials.identityId(), "device-from-another-server");

    client.dataset("settings").subscribe().test().awaitDone(TIMEOUT_SECONDS, TimeUnit.SECONDS)
        .assertError(DeviceNotRegisteredException.class);

    String registered = client.registerDevice(Platform.APNS_SANDBOX, "apns-token")
        .timeout(TIMEOUT_SECONDS, TimeUnit.SECONDS).blockingGet();
    assertThat(registered).isNotEqualTo("device-from-another-server");
    client.dataset("settings").subscribe().test().awaitDone(TIMEOUT_SECONDS, TimeUnit.SECONDS).assertComplete();
  }
}
