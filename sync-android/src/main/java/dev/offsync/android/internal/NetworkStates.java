package dev.offsync.android.internal;

import android.net.NetworkCapabilities;
import dev.offsync.android.NetworkState;

/** Maps a network's capabilities to a {@link NetworkState}. */
public final class NetworkStates {
  private NetworkStates() {}

  /**
   * The state of a network with {@code capabilities}.
   *
   * @param capabilities the network's capabilities, or null if unknown (then offline)
   * @return the state
   */
  public static NetworkState of(NetworkCapabilities capabilities) {
    if (capabilities == null
        || !capabilities.hasCapability(NetworkCapabilities.NET_CAPABILITY_INTERNET)
        || !capabilities.hasCapability(NetworkCapabilities.NET_CAPABILITY_VALIDATED)) {
      return NetworkState.OFFLINE;
    }
    return capabilities.hasCapability(NetworkCapabilities.NET_CAPABILITY_NOT_METERED)
        ? NetworkState.UNMETERED
        : NetworkState.METERED;
  }
}
