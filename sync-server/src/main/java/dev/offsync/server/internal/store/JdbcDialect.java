package dev.offsync.server.internal.store;

/**
 * The statements in which SQLite's and PostgreSQL's SQL differ, for the operations whose logic
 * {@link JdbcTransaction} shares. Parameters are in the same order in both dialects.
 *
 * @param live the predicate "the row is live" on an unqualified {@code datasets.live} column
 * @param poolUsage {@code SELECT} of pool id, sync sessions, live data storage and last modification from
 *     {@code pools p}, to be followed by a {@code WHERE} clause on {@code p.pool_id}
 * @param identityUsage live dataset count, live data storage and last modification of (pool, identity)
 * @param insertPool insert (pool, created) unless the pool exists
 * @param insertIdentity insert (pool, identity, created) unless the identity exists
 * @param upsertPoolDocument insert or replace (pool, kind, body)
 * @param upsertDataset insert or replace a row of {@link JdbcRows#DATASET_COLUMNS}
 * @param keyIn the predicate "{@code key} is one of the keys bound to the one parameter"
 * @param upsertDevice insert or replace a row of {@link JdbcRows#DEVICE_COLUMNS} plus {@code created_ms}
 * @param insertSubscription insert (pool, identity, dataset, device, created) unless it exists
 */
public record JdbcDialect(
    String live,
    String poolUsage,
    String identityUsage,
    String insertPool,
    String insertIdentity,
    String upsertPoolDocument,
    String upsertDataset,
    String keyIn,
    String upsertDevice,
    String insertSubscription) {}
