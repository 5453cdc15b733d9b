package dev.offsync;

/**
 * What {@link SyncClient#signOut(SignOutMode)} does with the signed-out user's local data.
 */
public enum SignOutMode {
  /**
   * Keep it on the device, apart from the next user: invisible to them, never synced as them, counted in
   * {@link SyncStatus#inactivePendingCount()} and listed by {@link SyncClient#inactiveIdentities()}. It becomes current
   * again if the same identity returns (the provider answers with it), and the app may adopt or discard it.
   */
  KEEP_LOCAL_DATA,
  /**
   * Delete it from the device, unsynced edits included (what a shared device needs when a user leaves). Data
   * already on the server stays there.
   */
  WIPE_LOCAL_DATA
}
