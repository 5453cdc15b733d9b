/**
 * A Cognito-Sync-compatible server: all 17 operations with the real wire format and semantics, SigV4 and a
 * Cognito-Identity-compatible credentials endpoint, on an embedded SQLite store (one process) or on PostgreSQL
 * (any number of instances sharing one database).
 */
package dev.offsync.server;
