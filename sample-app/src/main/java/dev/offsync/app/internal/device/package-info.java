/**
 * {@code offsync device}: one offline-first device on a SQLite file, synced with a Cognito-Sync-compatible
 * endpoint through sync-core, sync-sqlite and sync-http. Also the building block of {@code offsync demo}. Not an API.
 */
package dev.offsync.app.internal.device;
