/** Implementation of the sync server; nothing here is public API and it may change without notice. */
package dev.offsync.server.internal;
