package dev.offsync.engine;

import org.junit.jupiter.api.extension.ExtendWith;
import dev.offsync.testing.NoUndeliverableErrors;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.offsync.ClientClosedException;
import dev.offsync.DatasetMetadata;
import dev.offsync.DeviceNotRegisteredException;
import dev.offsync.ManualIdentityProvider;
import dev.offsync.NetworkException;
import dev.offsync.Platform;
import dev.offsync.PushSyncNotSupportedException;
import dev.offsync.SyncClient;
import dev.offsync.SyncReport;
import dev.offsync.ValidationException;
import dev.offsync.spi.DatasetPage;
import dev.offsync.spi.RecordPage;
import dev.offsync.spi.RecordPatch;
import dev.offsync.spi.RemoteRecord;
import dev.offsync.spi.RemoteStore;
import dev.offsync.testing.FakeRemoteStore;
import dev.offsync.testing.FakeRemoteStore.Operation;
import dev.offsync.testing.InMemoryLocalStore;
import io.reactivex.rxjava3.core.Maybe;
import io.reactivex.rxjava3.core.Single;
import io.reactivex.rxjava3.observers.TestObserver;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Push sync on the fakes: device registration, subscriptions, and syncs started by push messages. */
@ExtendWith(NoUndeliverableErrors.class)
class PushSyncTest {
  private final Harness h = new Harness();
  private final FakeRemoteStore remote = h.remote;

  private static Map<String, String> payload(String identityId, String dataset, long syncCount) {
    Map<String, String> m = new LinkedHashMap<>();
    m.put("source", "cognito-sync");
    m.put("identityPoolId", "us-east-1:0000");
    m.put("identityId", identityId);
    m.put("datasetName", dataset);
    m.put("syncCount", Long.toString(syncCount));
    return m;
  }

  private <T> TestObserver<T> run(Maybe<T> maybe) {
    TestObserver<T> t = maybe.test();
    h.timer.advanceTimeBy(1, TimeUnit.HOURS);
    return t;
  }

  private <T> T await(Single<T> single) {
    TestObserver<T> t = single.test();
    h.timer.advanceTimeBy(1, TimeUnit.HOURS);
    t.assertNoErrors().assertComplete();
    return t.values().get(0);
  }

  // ---------------------------------------------------------------- registration and subscriptions

  @Test
  void registerDeviceRemembersTheDeviceIdWhichSubscribeAndUnsubscribeUse() {
    SyncClient client = h.client(new InMemoryLocalStore());
    String deviceId = await(client.registerDevice(Platform.GCM, "fcm-token"));
    assertThat(deviceId).isNotEmpty();
    assertThat(await(client.registerDevice(Platform.GCM, "fcm-token"))).isEqualTo(deviceId);

    client.dataset("settings").subscribe().test().assertComplete();
    assertThat(remote.subscribedDevices(Harness.ID, "settings")).containsExactly(deviceId);
    client.dataset("settings").unsubscribe().test().assertComplete();
    assertThat(remote.subscribedDevices(Harness.ID, "settings")).isEmpty();
  }

  @Test
  void subscribeWithoutARegisteredDeviceFailsTellingTheAppToRegisterFirst() {
    SyncClient client = h.client(new InMemoryLocalStore());
    client.dataset("settings").subscribe().test()
        .assertError(e -> e instanceof DeviceNotRegisteredException && e.getMessage().contains("registerDevice"));
    client.dataset("settings").unsubscribe().test().assertError(DeviceNotRegisteredException.class);
    assertThat(remote.calls(Operation.SUBSCRIBE) + remote.calls(Operation.UNSUBSCRIBE)).isZero();
  }

  @Test
  void aRestoredDeviceIdIsUsedWithoutRegisteringAgain() {
    String saved = remote.registerDevice(Harness.ID, Platform.APNS, "apns-token").blockingGet();
    remote.resetCounters();
    SyncClient client = h.client(new InMemoryLocalStore());
    client.restoreDeviceId(Harness.ID, saved);

    client.dataset("notes").subscribe().test().assertComplete();
    assertThat(remote.subscribedDevices(Harness.ID, "notes")).containsExactly(saved);
    assertThat(remote.calls(Operation.REGISTER_DEVICE)).isZero();
  }

  @Test
  void aDeviceIdTheServerDoesNotKnowIsNotRegistered() {
    SyncClient client = h.client(new InMemoryLocalStore());
    client.restoreDeviceId(Harness.ID, "forgotten-device");
    client.dataset("notes").subscribe().test().assertError(DeviceNotRegisteredException.class);
  }

  @Test
  void theDeviceIdBelongsToTheIdentityItWasRegisteredFor() {
    ManualIdentityProvider identity = new ManualIdentityProvider("us-east-1:first");
    SyncClient client = h.client(new InMemoryLocalStore(), identity);
    await(client.registerDevice(Platform.GCM, "fcm-token"));
    identity.switchTo("us-east-1:second", false);

    client.dataset("settings").subscribe().test().assertError(DeviceNotRegisteredException.class);
    String second = await(client.registerDevice(Platform.GCM, "fcm-token"));
    client.dataset("settings").subscribe().test().assertComplete();
    assertThat(remote.subscribedDevices("us-east-1:second", "settings")).containsExactly(second);
    assertThat(remote.subscribedDevices("us-east-1:first", "settings")).isEmpty();
  }

  @Test
  void remoteFailuresOfPushCallsArriveAsTypedErrors() {
    SyncClient client = h.client(new InMemoryLocalStore());
    remote.on(Operation.REGISTER_DEVICE).failBeforeApplying(1);
    client.registerDevice(Platform.GCM, "t").test().assertError(NetworkException.class);
    await(client.registerDevice(Platform.GCM, "t"));
    remote.on(Operation.SUBSCRIBE).failBeforeApplying(1);
    client.dataset("a").subscribe().test().assertError(NetworkException.class);
  }

  @Test
  void tokensAndDeviceIdsAreValidatedAtTheBoundary() {
    SyncClient client = h.client(new InMemoryLocalStore());
    assertThatThrownBy(() -> client.registerDevice(null, "t")).isInstanceOf(NullPointerException.class)
        .hasMessageContaining("platform");
    assertThatThrownBy(() -> client.registerDevice(Platform.GCM, null)).isInstanceOf(NullPointerException.class)
        .hasMessageContaining("token");
    assertThatThrownBy(() -> client.registerDevice(Platform.GCM, "")).isInstanceOf(ValidationException.class)
        .satisfies(e -> assertThat(((ValidationException) e).field()).isEqualTo("token"));
    assertThatThrownBy(() -> client.registerDevice(Platform.GCM, "a\u0000b")).isInstanceOf(ValidationException.class);
    assertThatThrownBy(() -> client.registerDevice(Platform.GCM, "a\ud800")).isInstanceOf(ValidationException.class);
    assertThatThrownBy(() -> client.restoreDeviceId(Harness.ID, "")).isInstanceOf(ValidationException.class);
    assertThatThrownBy(() -> client.restoreDeviceId(Harness.ID, "d".repeat(257)))
        .isInstanceOf(ValidationException.class);
    assertThatThrownBy(() -> client.restoreDeviceId("", "d")).isInstanceOf(ValidationException.class);
    assertThatThrownBy(() -> client.restoreDeviceId(null, "d")).isInstanceOf(NullPointerException.class);
    assertThat(remote.calls(Operation.REGISTER_DEVICE)).isZero();
  }

  @Test
  void aStoreWithoutPushSupportFailsWithATypedErrorNamingIt() {
    RemoteStore legacy = new SyncOnlyStore(remote);
    SyncClient client = h.track(h.builder(new InMemoryLocalStore()).remoteStore(legacy).build());
    client.registerDevice(Platform.GCM, "t").test().assertError(e -> e instanceof PushSyncNotSupportedException
        && !((PushSyncNotSupportedException) e).isRetryable()
        && e.getMessage().contains(SyncOnlyStore.class.getName())
        && e.getMessage().contains("RegisterDevice"));
    client.restoreDeviceId(Harness.ID, "d");
    client.dataset("a").subscribe().test().assertError(e -> e instanceof PushSyncNotSupportedException
        && e.getMessage().contains("SubscribeToDataset"));
    client.dataset("a").unsubscribe().test().assertError(e -> e instanceof PushSyncNotSupportedException
        && e.getMessage().contains("UnsubscribeFromDataset"));
    // syncing still works
    client.dataset("a").put("k", "v");
    h.sync(client.dataset("a").sync());
  }

  @Test
  void pushCallsOfAClosedClientFail() {
    SyncClient client = h.client(new InMemoryLocalStore());
    client.close();
    client.registerDevice(Platform.GCM, "t").test().assertError(ClientClosedException.class);
    client.handlePushNotification(payload(Harness.ID, "a", 1)).test().assertError(ClientClosedException.class);
  }

  // ---------------------------------------------------------------- push messages

  @Test
  void aPushMessageSyncsTheDatasetItNames() {
    SyncClient client = h.client(new InMemoryLocalStore());
    client.dataset("settings").put("mine", "1");
    h.sync(client.dataset("settings").sync());
    List<RemoteRecord> written = remote.putDirect(Harness.ID, "settings", Map.of("theirs", "2"));
    long count = written.get(0).syncCount();

    TestObserver<SyncReport> t = run(client.handlePushNotification(payload(Harness.ID, "settings", count)));

    t.assertNoErrors().assertComplete().assertValueCount(1);
    assertThat(t.values().get(0).datasetName()).isEqualTo("settings");
    assertThat(client.dataset("settings").get("theirs")).isEqualTo("2");
    assertThat(client.dataset("settings").lastSyncCount()).isEqualTo(count);
  }

  @Test
  void aPushMessageForADatasetNeverOpenedHereFetchesIt() {
    SyncClient client = h.client(new InMemoryLocalStore());
    long count = remote.putDirect(Harness.ID, "fresh", Map.of("k", "v")).get(0).syncCount();
    run(client.handlePushNotification(payload(Harness.ID, "fresh", count))).assertValueCount(1);
    assertThat(client.dataset("fresh").get("k")).isEqualTo("v");
  }

  @Test
  void aPushMessageTheWatermarkAlreadyReachedSyncsNothing() {
    SyncClient client = h.client(new InMemoryLocalStore());
    client.dataset("settings").put("k", "v");
    SyncReport synced = h.sync(client.dataset("settings").sync());
    remote.resetCounters();

    run(client.handlePushNotification(payload(Harness.ID, "settings", synced.syncCount())))
        .assertNoErrors().assertComplete().assertNoValues();
    run(client.handlePushNotification(payload(Harness.ID, "settings", synced.syncCount() - 1)))
        .assertComplete().assertNoValues();
    assertThat(remote.calls(Operation.LIST_RECORDS)).isZero();
  }

  @Test
  void messagesNotFromCognitoSyncOrForAnotherIdentityAreIgnored() {
    SyncClient client = h.client(new InMemoryLocalStore());
    remote.putDirect(Harness.ID, "settings", Map.of("k", "v"));
    Map<String, String> foreign = payload(Harness.ID, "settings", 1);
    foreign.put("source", "my-own-backend");
    Map<String, String> noSource = payload(Harness.ID, "settings", 1);
    noSource.remove("source");
    Map<String, String> chat = Map.of("message", "hello");

    run(client.handlePushNotification(foreign)).assertNoErrors().assertComplete().assertNoValues();
    run(client.handlePushNotification(noSource)).assertNoErrors().assertComplete().assertNoValues();
    run(client.handlePushNotification(chat)).assertNoErrors().assertComplete().assertNoValues();
    run(client.handlePushNotification(payload("us-east-1:someone-else", "settings", 1)))
        .assertNoErrors().assertComplete().assertNoValues();
    assertThat(remote.calls(Operation.LIST_RECORDS)).isZero();
    assertThat(client.dataset("settings").get("k")).isNull();
  }

  @Test
  void aMalformedCognitoSyncMessageIsSignalledAsAValidationError() {
    SyncClient client = h.client(new InMemoryLocalStore());
    Map<String, String> noDataset = payload(Harness.ID, "settings", 1);
    noDataset.remove("datasetName");
    Map<String, String> badName = payload(Harness.ID, "not a name!", 1);
    Map<String, String> badCount = payload(Harness.ID, "settings", 1);
    badCount.put("syncCount", "many");
    Map<String, String> negative = payload(Harness.ID, "settings", -1);
    Map<String, String> noIdentity = payload(Harness.ID, "settings", 1);
    noIdentity.remove("identityId");

    assertMalformed(client, noDataset, "datasetName");
    assertMalformed(client, badName, "datasetName");
    assertMalformed(client, badCount, "syncCount");
    assertMalformed(client, negative, "syncCount");
    assertMalformed(client, noIdentity, "identityId");
    assertThatThrownBy(() -> client.handlePushNotification(null)).isInstanceOf(NullPointerException.class);
    assertThat(remote.calls(Operation.LIST_RECORDS)).isZero();
  }

  private void assertMalformed(SyncClient client, Map<String, String> message, String field) {
    run(client.handlePushNotification(message))
        .assertError(e -> e instanceof ValidationException && ((ValidationException) e).field().equals(field));
  }

  @Test
  void thePayloadIsCopiedWhenHandedOver() {
    SyncClient client = h.client(new InMemoryLocalStore());
    long count = remote.putDirect(Harness.ID, "settings", Map.of("k", "v")).get(0).syncCount();
    Map<String, String> message = new HashMap<>(payload(Harness.ID, "settings", count));
    Maybe<SyncReport> handled = client.handlePushNotification(message);
    message.clear();
    run(handled).assertValueCount(1);
  }

  @Test
  void aPushMessageWhileOfflineFailsLikeASync() {
    dev.offsync.ManualConnectivityMonitor monitor = new dev.offsync.ManualConnectivityMonitor(false);
    SyncClient client = h.client(new InMemoryLocalStore(), monitor, dev.offsync.SyncOptions.DEFAULT);
    run(client.handlePushNotification(payload(Harness.ID, "settings", 1))).assertError(NetworkException.class);
  }

  /** A RemoteStore written before push sync existed: it implements only the five sync operations. */
  private static final class SyncOnlyStore implements RemoteStore {
    private final RemoteStore delegate;

    SyncOnlyStore(RemoteStore delegate) {
      this.delegate = delegate;
    }

    @Override
    public Single<RecordPage> listRecords(String identityId, String datasetName, long lastSyncCount,
        String nextToken, int maxResults, String syncSessionToken) {
      return delegate.listRecords(identityId, datasetName, lastSyncCount, nextToken, maxResults, syncSessionToken);
    }

    @Override
    public Single<List<RemoteRecord>> updateRecords(String identityId, String datasetName, List<RecordPatch> patches,
        String syncSessionToken, String deviceId) {
      return delegate.updateRecords(identityId, datasetName, patches, syncSessionToken, deviceId);
    }

    @Override
    public Single<DatasetMetadata> describeDataset(String identityId, String datasetName) {
      return delegate.describeDataset(identityId, datasetName);
    }

    @Override
    public Single<DatasetMetadata> deleteDataset(String identityId, String datasetName) {
      return delegate.deleteDataset(identityId, datasetName);
    }

    @Override
    public Single<DatasetPage> listDatasets(String identityId, String nextToken, int maxResults) {
      return delegate.listDatasets(identityId, nextToken, maxResults);
    }
  }
}
