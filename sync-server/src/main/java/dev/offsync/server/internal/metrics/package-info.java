/** The server's metrics: one {@link dev.offsync.server.internal.metrics.ServerMetrics} per server instance. */
package dev.offsync.server.internal.metrics;
