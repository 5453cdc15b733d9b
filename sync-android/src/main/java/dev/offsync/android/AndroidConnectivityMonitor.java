package dev.offsync.android;

import android.content.Context;
import android.net.ConnectivityManager;
import android.net.Network;
import android.net.NetworkCapabilities;
import dev.offsync.android.internal.NetworkStates;
import dev.offsync.spi.ConnectivityMonitor;
import io.reactivex.rxjava3.core.Observable;
import io.reactivex.rxjava3.subjects.BehaviorSubject;
import java.io.Closeable;
import java.util.Objects;

/**
 * sync-core's {@link ConnectivityMonitor} on Android's {@link ConnectivityManager}: online while the default network
 * has validated internet access (see {@link NetworkState}), tracked with
 * {@link ConnectivityManager#registerDefaultNetworkCallback(ConnectivityManager.NetworkCallback) a default network
 * callback}. Give it to the client so that syncs report {@code OFFLINE} instead of failing and
 * {@link dev.offsync.Dataset#syncOnConnectivity()} and the background syncs run when the network returns:
 *
 * <pre>{@code
 * AndroidConnectivityMonitor monitor = AndroidConnectivityMonitor.create(context);
 * SyncClient client = SyncClient.builder()
 *     .connectivityMonitor(monitor)                  // or monitor.unmeteredOnly(): sync on Wi-Fi only
 *     ...
 *     .build();
 * monitor.states().subscribe(state -> ...);          // OFFLINE, METERED, UNMETERED
 * }</pre>
 *
 * <p>The app needs the {@code android.permission.ACCESS_NETWORK_STATE} permission (a normal permission, granted at
 * install: {@code <uses-permission android:name="android.permission.ACCESS_NETWORK_STATE"/>}).
 *
 * <p>The state is read from the system when the monitor is created (a binder call, no disk or network I/O), then
 * updated by the system's callbacks, which arrive on a system thread; {@link #state()} and every stream are safe to
 * use from any thread, streams emit the current state on subscription, then each change, never the same state twice
 * in a row. The callback costs nothing while nothing changes (no polling, no wake-ups). One monitor per app is
 * enough; {@link #close()} unregisters the callback (the state then stays as it was last seen).
 */
public final class AndroidConnectivityMonitor implements ConnectivityMonitor, Closeable {
  private final ConnectivityManager connectivityManager;
  private final Callback callback = new Callback();
  private final Object lock = new Object();
  private final BehaviorSubject<NetworkState> states;
  private final ConnectivityMonitor unmeteredOnly;
  /** The default network the callbacks last announced, or null (guarded by {@link #lock}). */
  private Network current;
  private boolean closed;

  private AndroidConnectivityMonitor(ConnectivityManager connectivityManager) {
    this.connectivityManager = connectivityManager;
    Network active = connectivityManager.getActiveNetwork();
    this.current = active;
    this.states = BehaviorSubject.createDefault(
        active == null ? NetworkState.OFFLINE : NetworkStates.of(connectivityManager.getNetworkCapabilities(active)));
    this.unmeteredOnly = new UnmeteredOnly(this);
    connectivityManager.registerDefaultNetworkCallback(callback);
  }

  /**
   * Creates a monitor and starts watching the default network.
   *
   * @param context any context of the app (its application context is used), not null
   * @return the monitor
   * @throws IllegalStateException if the system has no {@link ConnectivityManager}
   * @throws SecurityException if the app lacks {@code ACCESS_NETWORK_STATE}
   */
  public static AndroidConnectivityMonitor create(Context context) {
    Objects.requireNonNull(context, "context == null");
    ConnectivityManager manager =
        (ConnectivityManager) context.getApplicationContext().getSystemService(Context.CONNECTIVITY_SERVICE);
    if (manager == null) {
      throw new IllegalStateException("no ConnectivityManager on this device");
    }
    return new AndroidConnectivityMonitor(manager);
  }

  /**
   * The state of the default network now.
   *
   * @return the state
   */
  public NetworkState state() {
    return states.getValue();
  }

  /**
   * The state of the default network as a stream: the current state on subscription, then every change. Never
   * completes.
   *
   * @return the stream of states
   */
  public Observable<NetworkState> states() {
    return states.distinctUntilChanged();
  }

  /** {@inheritDoc} */
  @Override
  public boolean isConnected() {
    return state().isConnected();
  }

  /** {@inheritDoc} */
  @Override
  public Observable<Boolean> connectivity() {
    return states.map(NetworkState::isConnected).distinctUntilChanged();
  }

  /**
   * A view of this monitor that is online only on an {@link NetworkState#UNMETERED unmetered} network, for an app
   * that syncs on Wi-Fi only: {@code SyncClient.builder().connectivityMonitor(monitor.unmeteredOnly())}. On mobile
   * data the client then reports {@code OFFLINE} and waits. Closing this monitor stops the view too.
   *
   * @return the view (the same one at every call)
   */
  public ConnectivityMonitor unmeteredOnly() {
    return unmeteredOnly;
  }

  /** Unregisters the system callback; the state stops changing. Idempotent. */
  @Override
  public void close() {
    synchronized (lock) {
      if (closed) {
        return;
      }
      closed = true;
    }
    connectivityManager.unregisterNetworkCallback(callback);
  }

  private void update(Network network, NetworkState state) {
    synchronized (lock) {
      if (closed) {
        return;
      }
      current = network;
      states.onNext(state); // under the lock: callbacks of two threads never reorder their states
    }
  }

  private void lost(Network network) {
    synchronized (lock) {
      // a loss of a network that is no longer the default (the default moved on already) changes nothing
      if (closed || (current != null && !current.equals(network))) {
        return;
      }
      current = null;
      states.onNext(NetworkState.OFFLINE);
    }
  }

  @Override
  public String toString() {
    return "AndroidConnectivityMonitor{" + state() + "}";
  }

  /** The default network's callbacks, on a system thread. */
  private final class Callback extends ConnectivityManager.NetworkCallback {
    @Override
    public void onAvailable(Network network) {
      // capabilities follow in onCapabilitiesChanged; until then, what the system knows now
      update(network, NetworkStates.of(connectivityManager.getNetworkCapabilities(network)));
    }

    @Override
    public void onCapabilitiesChanged(Network network, NetworkCapabilities capabilities) {
      update(network, NetworkStates.of(capabilities));
    }

    @Override
    public void onLost(Network network) {
      lost(network);
    }
  }

  /** The unmetered-only view. */
  private static final class UnmeteredOnly implements ConnectivityMonitor {
    private final AndroidConnectivityMonitor monitor;

    UnmeteredOnly(AndroidConnectivityMonitor monitor) {
      this.monitor = monitor;
    }

    @Override
    public boolean isConnected() {
      return monitor.state().isUnmetered();
    }

    @Override
    public Observable<Boolean> connectivity() {
      return monitor.states.map(NetworkState::isUnmetered).distinctUntilChanged();
    }

    @Override
    public String toString() {
      return "AndroidConnectivityMonitor.unmeteredOnly{" + monitor.state() + "}";
    }
  }
}
