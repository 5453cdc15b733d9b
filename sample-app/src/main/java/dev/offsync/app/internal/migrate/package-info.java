/**
 * {@code offsync migrate}: copies an identity pool's data from a Cognito-Sync-compatible endpoint into an offsync
 * server with sync-http's {@code PoolMigration}. Not an API.
 */
package dev.offsync.app.internal.migrate;
