/**
 * Server data migration: copies an identity pool's datasets from any Cognito-Sync-compatible endpoint (AWS with
 * developer credentials, or another offsync server) into an offsync server through offsync's {@code ImportRecords}
 * extension, preserving every sync count, date and writer, resumably, with a verification pass. See
 * docs/migrating-server.md.
 */
package dev.offsync.http.migration;
