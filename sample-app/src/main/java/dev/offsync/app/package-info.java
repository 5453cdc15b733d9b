/**
 * The {@code offsync} command line: the demo, device mode and the {@code aws cognito-sync} command syntax.
 */
package dev.offsync.app;
