/**
 * Service provider interfaces of the sync server: the storage contract ({@link dev.offsync.server.spi.SyncStore})
 * that the embedded SQLite store and the PostgreSQL store implement with the same semantics, the
 * {@link dev.offsync.server.spi.PushNotifier} that delivers push-sync notifications, and the
 * {@link dev.offsync.server.spi.SyncTrigger} that stands in for a Cognito Sync Trigger Lambda function.
 */
package dev.offsync.server.spi;
