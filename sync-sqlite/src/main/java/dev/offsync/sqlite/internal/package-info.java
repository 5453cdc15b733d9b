/**
 * Implementation of {@code dev.offsync.sqlite}: schema and migrations, connections, statements and the
 * transaction type. Not API: may change in any release.
 */
package dev.offsync.sqlite.internal;
