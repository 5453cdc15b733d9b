package dev.offsync.server.internal.service;

import dev.offsync.server.internal.auth.ServerKey;
import dev.offsync.server.internal.metrics.ServerMetrics;
import dev.offsync.server.spi.PushNotifier;
import dev.offsync.server.spi.SyncTrigger;
import dev.offsync.server.spi.SyncStore;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.Executor;

/**
 * Everything the operations need, fixed at start-up.
 *
 * @param store the store
 * @param key the server HMAC key
 * @param clock the clock (tokens, skew, bulk-publish window)
 * @param streamDirectory where bulk publish writes its export files
 * @param maxDatasetsPerIdentity dataset limit
 * @param maxRecordsPerDataset live-record limit
 * @param maxDatasetBytes UTF-8 key+value byte limit
 * @param syncSessionTokenTtl SyncSessionToken lifetime
 * @param credentialsTtl temporary credentials lifetime
 * @param notifier push notifier
 * @param bulkPublishExecutor runs bulk publishes
 * @param streamCommitted called after a transaction that added a Cognito Streams outbox entry committed (wakes the
 *     stream publisher); must not block
 * @param syncTrigger runs the function a pool's {@code SyncTrigger} event names
 * @param metrics the server's meters
 */
public record Settings(
    SyncStore store,
    ServerKey key,
    Clock clock,
    Path streamDirectory,
    int maxDatasetsPerIdentity,
    int maxRecordsPerDataset,
    long maxDatasetBytes,
    Duration syncSessionTokenTtl,
    Duration credentialsTtl,
    PushNotifier notifier,
    Executor bulkPublishExecutor,
    Runnable streamCommitted,
    SyncTrigger syncTrigger,
    ServerMetrics metrics) {}
