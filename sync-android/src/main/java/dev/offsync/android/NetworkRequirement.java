package dev.offsync.android;

/** The network a {@linkplain BackgroundSync background sync} waits for. */
public enum NetworkRequirement {
  /** Any network with internet access ({@code JobInfo.NETWORK_TYPE_ANY}). */
  ANY,
  /** An unmetered network only, typically Wi-Fi ({@code JobInfo.NETWORK_TYPE_UNMETERED}). */
  UNMETERED
}
