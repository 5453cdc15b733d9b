package dev.offsync;

import dev.offsync.spi.ConnectivityMonitor;
import io.reactivex.rxjava3.core.Observable;

/** Ready-made {@link ConnectivityMonitor}s. */
public final class ConnectivityMonitors {
  private static final ConnectivityMonitor ALWAYS_ONLINE = new ConnectivityMonitor() {
    @Override
    public boolean isConnected() {
      return true;
    }

    @Override
    public Observable<Boolean> connectivity() {
      return Observable.<Boolean>never().startWithItem(true);
    }

    @Override
    public String toString() {
      return "ConnectivityMonitors.alwaysOnline()";
    }
  };

  private ConnectivityMonitors() {}

  /** @return a monitor that always reports the network as usable (the default on a desktop JVM) */
  public static ConnectivityMonitor alwaysOnline() {
    return ALWAYS_ONLINE;
  }

  /**
   * A monitor driven by hand.
   *
   * @param connected the initial state
   * @return the monitor
   */
  public static ManualConnectivityMonitor manual(boolean connected) {
    return new ManualConnectivityMonitor(connected);
  }
}
