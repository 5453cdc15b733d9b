/** The {@code offsync} command line's implementation: command wiring, error reporting, credentials. Not an API. */
package dev.offsync.app.internal;
