/**
 * The durable local cache: {@code SqliteLocalStore}, sync-core's {@code LocalStore} on SQLite JDBC.
 */
package dev.offsync.sqlite;
