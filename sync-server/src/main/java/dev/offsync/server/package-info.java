/**
 * A Cognito-Sync-compatible server: all 17 operations with the real wire format and semantics, SigV4, a Cognito-Identity-compatible credentials endpoint, on an embedded SQLite store.
 */
package dev.offsync.server;
