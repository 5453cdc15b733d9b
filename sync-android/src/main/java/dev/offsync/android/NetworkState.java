package dev.offsync.android;

/**
 * The state of the device's default network, as {@link AndroidConnectivityMonitor} sees it: offline, online on a
 * metered network (typically mobile data), or online on an unmetered one (typically Wi-Fi or Ethernet). Online means
 * the network has {@code NET_CAPABILITY_INTERNET} and the system {@code NET_CAPABILITY_VALIDATED} it (it reached the
 * internet; a captive portal or a network still being checked is offline); unmetered means
 * {@code NET_CAPABILITY_NOT_METERED}.
 */
public enum NetworkState {
  /** No default network, or one without validated internet access. */
  OFFLINE,
  /** Online on a network the user may pay for by volume (mobile data, a metered hotspot). */
  METERED,
  /** Online on a network without volume charges. */
  UNMETERED;

  /**
   * Whether the network is usable.
   *
   * @return {@code true} for {@link #METERED} and {@link #UNMETERED}
   */
  public boolean isConnected() {
    return this != OFFLINE;
  }

  /**
   * Whether the network is usable and unmetered.
   *
   * @return {@code true} for {@link #UNMETERED} only
   */
  public boolean isUnmetered() {
    return this == UNMETERED;
  }
}
