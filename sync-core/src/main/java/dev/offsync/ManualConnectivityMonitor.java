package dev.offsync;

import dev.offsync.spi.ConnectivityMonitor;
import io.reactivex.rxjava3.core.Observable;
import io.reactivex.rxjava3.subjects.BehaviorSubject;

/**
 * A {@link ConnectivityMonitor} the app (or a test) drives by hand with {@link #setConnected(boolean)}.
 * Thread-safe.
 */
public final class ManualConnectivityMonitor implements ConnectivityMonitor {
  private final BehaviorSubject<Boolean> state;

  /**
   * Creates the monitor.
   *
   * @param connected the initial state
   */
  public ManualConnectivityMonitor(boolean connected) {
    this.state = BehaviorSubject.createDefault(connected);
  }

  /** {@inheritDoc} */
  @Override
  public boolean isConnected() {
    return Boolean.TRUE.equals(state.getValue());
  }

  /** {@inheritDoc} */
  @Override
  public Observable<Boolean> connectivity() {
    return state.distinctUntilChanged();
  }

  /**
   * Sets the state; subscribers see it if it changed.
   *
   * @param connected whether the network is usable
   */
  public synchronized void setConnected(boolean connected) {
    state.onNext(connected);
  }
}
