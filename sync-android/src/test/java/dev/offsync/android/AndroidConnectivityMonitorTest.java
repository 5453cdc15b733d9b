package dev.offsync.android;

import static org.assertj.core.api.Assertions.assertThat;

import android.content.Context;
import android.net.ConnectivityManager;
import android.net.Network;
import android.net.NetworkCapabilities;
import android.net.NetworkInfo;
import dev.offsync.Dataset;
import dev.offsync.IdentityProviders;
import dev.offsync.SyncClient;
import dev.offsync.SyncReport;
import dev.offsync.testing.FakeRemoteStore;
import dev.offsync.testing.InMemoryLocalStore;
import io.reactivex.rxjava3.observers.TestObserver;
import io.reactivex.rxjava3.plugins.RxJavaPlugins;
import io.reactivex.rxjava3.schedulers.Schedulers;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.After;
import org.junit.Before;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.robolectric.RobolectricTestRunner;
import org.robolectric.RuntimeEnvironment;
import org.robolectric.shadow.api.Shadow;
import org.robolectric.shadows.ShadowConnectivityManager;
import org.robolectric.shadows.ShadowNetwork;
import org.robolectric.shadows.ShadowNetworkCapabilities;
import org.robolectric.shadows.ShadowNetworkInfo;

/**
 * {@link AndroidConnectivityMonitor} driven as the system drives it: Robolectric's {@link ShadowConnectivityManager}
 * holds the networks and their capabilities, and the test invokes the registered default network callback.
 */
@RunWith(RobolectricTestRunner.class)
public class AndroidConnectivityMonitorTest {
  private static final Network WIFI = ShadowNetwork.newInstance(100);
  private static final Network MOBILE = ShadowNetwork.newInstance(101);

  private final List<Throwable> rxErrors = Collections.synchronizedList(new ArrayList<>());
  private Context context;
  private ConnectivityManager manager;
  private ShadowConnectivityManager shadow;
  private AndroidConnectivityMonitor monitor;

  @Before
  public void setUp() {
    RxJavaPlugins.setErrorHandler(rxErrors::add);
    context = RuntimeEnvironment.getApplication();
    manager = (ConnectivityManager) context.getSystemService(Context.CONNECTIVITY_SERVICE);
    shadow = Shadow.extract(manager); // Shadows.shadowOf's overloads need newer APIs than 26
    shadow.clearAllNetworks(); // offline until a test says otherwise
  }

  @After
  public void tearDown() {
    if (monitor != null) {
      monitor.close();
    }
    RxJavaPlugins.reset();
    assertThat(rxErrors).isEmpty();
  }

  private static NetworkCapabilities capabilities(int... capabilities) {
    NetworkCapabilities nc = ShadowNetworkCapabilities.newInstance();
    for (int c : capabilities) {
      Shadow.<ShadowNetworkCapabilities>extract(nc).addCapability(c);
    }
    return nc;
  }

  private static NetworkCapabilities validated(boolean unmetered) {
    return unmetered
        ? capabilities(NetworkCapabilities.NET_CAPABILITY_INTERNET, NetworkCapabilities.NET_CAPABILITY_VALIDATED,
            NetworkCapabilities.NET_CAPABILITY_NOT_METERED)
        : capabilities(NetworkCapabilities.NET_CAPABILITY_INTERNET, NetworkCapabilities.NET_CAPABILITY_VALIDATED);
  }

  private ConnectivityManager.NetworkCallback callback() {
    assertThat(shadow.getNetworkCallbacks()).hasSize(1);
    return shadow.getNetworkCallbacks().iterator().next();
  }

  /** What the system does when {@code network} becomes the default with {@code nc}. */
  private void becomesDefault(Network network, NetworkCapabilities nc) {
    shadow.setNetworkCapabilities(network, nc);
    callback().onAvailable(network);
    callback().onCapabilitiesChanged(network, nc);
  }

  @Test
  public void startsOfflineWithoutADefaultNetworkAndGoesOnlineWhenOneIsValidated() {
    monitor = AndroidConnectivityMonitor.create(context);
    TestObserver<NetworkState> states = monitor.states().test();
    TestObserver<Boolean> connectivity = monitor.connectivity().test();
    assertThat(monitor.isConnected()).isFalse();

    becomesDefault(WIFI, validated(true));

    states.assertValuesOnly(NetworkState.OFFLINE, NetworkState.UNMETERED);
    connectivity.assertValuesOnly(false, true);
    assertThat(monitor.state()).isEqualTo(NetworkState.UNMETERED);
    assertThat(monitor.isConnected()).isTrue();
  }

  @Test
  public void theInitialStateIsReadFromTheSystem() {
    // the shadow finds the active network by the active NetworkInfo's type, used as the network id
    Network mobile = ShadowNetwork.newInstance(ConnectivityManager.TYPE_MOBILE);
    NetworkInfo info = ShadowNetworkInfo.newInstance(NetworkInfo.DetailedState.CONNECTED,
        ConnectivityManager.TYPE_MOBILE, 0, true, NetworkInfo.State.CONNECTED);
    shadow.addNetwork(mobile, info);
    shadow.setActiveNetworkInfo(info);
    shadow.setDefaultNetworkActive(true);
    shadow.setNetworkCapabilities(mobile, validated(false));
    assertThat(manager.getActiveNetwork()).isEqualTo(mobile);

    monitor = AndroidConnectivityMonitor.create(context);

    assertThat(monitor.state()).isEqualTo(NetworkState.METERED);
    monitor.states().test().assertValuesOnly(NetworkState.METERED);
    monitor.unmeteredOnly().connectivity().test().assertValuesOnly(false);
  }

  @Test
  public void aNetworkNotYetValidatedIsOfflineUntilItIs() {
    monitor = AndroidConnectivityMonitor.create(context);
    TestObserver<NetworkState> states = monitor.states().test();

    // a captive portal or a network being checked: internet capability, not validated
    becomesDefault(WIFI, capabilities(NetworkCapabilities.NET_CAPABILITY_INTERNET,
        NetworkCapabilities.NET_CAPABILITY_NOT_METERED));
    assertThat(monitor.isConnected()).isFalse();
    states.assertValuesOnly(NetworkState.OFFLINE); // distinct: no repeated OFFLINE

    callback().onCapabilitiesChanged(WIFI, validated(true));
    states.assertValuesOnly(NetworkState.OFFLINE, NetworkState.UNMETERED);

    // validated but without internet (e.g. a local-only network) is offline too
    callback().onCapabilitiesChanged(WIFI, capabilities(NetworkCapabilities.NET_CAPABILITY_VALIDATED));
    states.assertValuesOnly(NetworkState.OFFLINE, NetworkState.UNMETERED, NetworkState.OFFLINE);
  }

  @Test
  public void meteredAndUnmeteredNetworksAreTold() {
    monitor = AndroidConnectivityMonitor.create(context);
    TestObserver<NetworkState> states = monitor.states().test();
    TestObserver<Boolean> connectivity = monitor.connectivity().test();

    becomesDefault(MOBILE, validated(false));
    becomesDefault(WIFI, validated(true)); // Wi-Fi joins and becomes the default
    callback().onLost(MOBILE); // the old default goes away afterwards: changes nothing

    states.assertValuesOnly(NetworkState.OFFLINE, NetworkState.METERED, NetworkState.UNMETERED);
    connectivity.assertValuesOnly(false, true); // online all along
    assertThat(NetworkState.METERED.isConnected()).isTrue();
    assertThat(NetworkState.METERED.isUnmetered()).isFalse();
  }

  @Test
  public void losingTheDefaultNetworkIsOffline() {
    monitor = AndroidConnectivityMonitor.create(context);
    TestObserver<NetworkState> states = monitor.states().test();
    becomesDefault(WIFI, validated(true));

    callback().onLost(WIFI);

    states.assertValuesOnly(NetworkState.OFFLINE, NetworkState.UNMETERED, NetworkState.OFFLINE);
    assertThat(monitor.isConnected()).isFalse();
  }

  @Test
  public void theUnmeteredOnlyViewIsOnlineOnAnUnmeteredNetworkOnly() {
    monitor = AndroidConnectivityMonitor.create(context);
    TestObserver<Boolean> wifiOnly = monitor.unmeteredOnly().connectivity().test();

    becomesDefault(MOBILE, validated(false));
    assertThat(monitor.unmeteredOnly().isConnected()).isFalse();
    becomesDefault(WIFI, validated(true));
    assertThat(monitor.unmeteredOnly().isConnected()).isTrue();
    callback().onLost(WIFI);
    becomesDefault(MOBILE, validated(false));

    wifiOnly.assertValuesOnly(false, true, false);
    assertThat(monitor.unmeteredOnly()).isSameAs(monitor.unmeteredOnly());
  }

  @Test
  public void closeUnregistersTheCallback() {
    monitor = AndroidConnectivityMonitor.create(context);
    ConnectivityManager.NetworkCallback registered = callback();
    TestObserver<NetworkState> states = monitor.states().test();

    monitor.close();
    monitor.close(); // idempotent

    assertThat(shadow.getNetworkCallbacks()).isEmpty();
    registered.onAvailable(WIFI); // a late callback already on its way changes nothing
    registered.onCapabilitiesChanged(WIFI, validated(true));
    states.assertValuesOnly(NetworkState.OFFLINE);
  }

  @Test
  public void callbacksFromSeveralThreadsLeaveTheLastState() throws Exception {
    monitor = AndroidConnectivityMonitor.create(context);
    ConnectivityManager.NetworkCallback cb = callback();
    NetworkCapabilities metered = validated(false);
    NetworkCapabilities unmetered = validated(true);
    TestObserver<NetworkState> states = monitor.states().test();
    CountDownLatch start = new CountDownLatch(1);
    List<Thread> threads = new ArrayList<>();
    for (int t = 0; t < 4; t++) {
      int n = t;
      Thread thread = new Thread(() -> {
        try {
          start.await();
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
        for (int i = 0; i < 500; i++) {
          cb.onCapabilitiesChanged(WIFI, (i + n) % 2 == 0 ? metered : unmetered);
        }
      });
      thread.start();
      threads.add(thread);
    }
    start.countDown();
    for (Thread thread : threads) {
      thread.join(TimeUnit.SECONDS.toMillis(30));
    }
    cb.onCapabilitiesChanged(WIFI, unmetered);

    List<NetworkState> seen = states.values();
    for (int i = 1; i < seen.size(); i++) {
      assertThat(seen.get(i)).as("distinct changes at %d", i).isNotEqualTo(seen.get(i - 1));
    }
    assertThat(seen.get(seen.size() - 1)).isEqualTo(NetworkState.UNMETERED);
    assertThat(monitor.state()).isEqualTo(NetworkState.UNMETERED);
  }

  @Test
  public void syncOnConnectivitySyncsWhenTheMonitorTurnsOnline() throws Exception {
    monitor = AndroidConnectivityMonitor.create(context);
    FakeRemoteStore remote = new FakeRemoteStore();
    try (SyncClient client = SyncClient.builder().localStore(new InMemoryLocalStore()).remoteStore(remote)
        .identityProvider(IdentityProviders.fixed("us-east-1:android-1")).connectivityMonitor(monitor)
        .ioScheduler(Schedulers.trampoline()).build()) {
      Dataset settings = client.dataset("settings");
      settings.put("theme", "dark");

      TestObserver<SyncReport> sync = settings.syncOnConnectivity().test();
      sync.assertEmpty(); // waits while offline (the I/O scheduler is the caller's thread: nothing is in flight)
      becomesDefault(WIFI, capabilities(NetworkCapabilities.NET_CAPABILITY_INTERNET)); // not validated yet
      assertThat(remote.serverValues("us-east-1:android-1", "settings")).isEmpty();

      callback().onCapabilitiesChanged(WIFI, validated(true));

      assertThat(sync.await(30, TimeUnit.SECONDS)).isTrue();
      sync.assertComplete().assertNoErrors();
      assertThat(remote.serverValues("us-east-1:android-1", "settings")).isEqualTo(Map.of("theme", "dark"));
    }
  }
}
