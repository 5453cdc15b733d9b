package dev.offsync.spi;

import io.reactivex.rxjava3.core.Observable;

/**
 * Tells the engine whether the network is usable, so that it reports {@code OFFLINE} instead of failing
 * and syncs when connectivity returns. On Android, implement it on {@code ConnectivityManager}'s network
 * callbacks; on a desktop JVM the default assumes the network is always there.
 */
public interface ConnectivityMonitor {

  /**
   * Whether the network is usable right now.
   *
   * @return {@code true} if online
   */
  boolean isConnected();

  /**
   * Connectivity as a stream: emits the current state on subscription, then every change. Never
   * completes while the monitor is in use.
   *
   * @return the stream of states, {@code true} for online
   */
  Observable<Boolean> connectivity();
}
