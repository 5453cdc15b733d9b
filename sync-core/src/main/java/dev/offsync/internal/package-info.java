/**
 * The engine's implementation. Not API: anything here may change without notice and never appears in a public signature.
 */
package dev.offsync.internal;
