/**
 * Service provider interfaces of the sync server: the storage contract ({@link dev.offsync.server.spi.SyncStore})
 * that the embedded SQLite store and the PostgreSQL store implement with the same semantics, and the
 * {@link dev.offsync.server.spi.PushNotifier} that delivers push-sync notifications.
 */
package dev.offsync.server.spi;
