/**
 * offsync's public API: {@code SyncClient}, {@code Dataset}, records, conflict resolution, sync reports, status and progress streams, and the typed errors. Everything here is null-hostile: a {@code null} argument fails fast with a {@link java.lang.NullPointerException} naming it, unless documented otherwise.
 */
package dev.offsync;
