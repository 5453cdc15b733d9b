/**
 * The Cognito Sync API's shapes as immutable Java types, named after the service model's shapes
 * ({@code ListRecordsRequest}, {@link dev.offsync.http.model.Record}, {@link dev.offsync.http.model.RecordPatch},
 * {@link dev.offsync.http.model.Dataset}, ...). Each is built with a {@code Builder}; request types validate the
 * model's constraints when built. Timestamps are {@link java.time.Instant}s (epoch seconds with fractions on the
 * wire); list and map members are never null (empty when absent); other optional members are {@code null} when
 * absent.
 */
package dev.offsync.http.model;
