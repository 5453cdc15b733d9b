package dev.offsync.server.spi;

import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;

/**
 * The storage primitives available inside one transaction. Mutating methods may only be called inside
 * {@link SyncStore#write}. Ids are passed exactly as received (already validated by the server).
 */
public interface StoreTransaction {

  // ---- identity pools

  /**
   * Creates a pool unless it exists.
   *
   * @param poolId the pool
   * @param now creation time
   * @return true if it was created
   */
  boolean createPoolIfAbsent(String poolId, Instant now);

  /**
   * Whether a pool exists.
   *
   * @param poolId the pool
   * @return true if it exists
   */
  boolean poolExists(String poolId);

  /**
   * Lists pools' usage ordered by pool id.
   *
   * @param afterPoolId list pools strictly after this id, null for the first page
   * @param limit maximum number of entries
   * @return the page
   */
  List<PoolUsage> listPoolUsage(String afterPoolId, int limit);

  /**
   * Usage of one pool.
   *
   * @param poolId the pool
   * @return its usage, empty if the pool does not exist
   */
  Optional<PoolUsage> poolUsage(String poolId);

  /**
   * Adds to the pool's sync-session counter.
   *
   * @param poolId the pool
   * @param sessions how many sessions to add
   */
  void addSyncSessions(String poolId, long sessions);

  /**
   * A per-pool configuration document (JSON text), e.g. {@code configuration} or {@code events}.
   *
   * @param poolId the pool
   * @param kind the document kind
   * @return the document, empty if never stored
   */
  Optional<String> poolDocument(String poolId, String kind);

  /**
   * Stores a per-pool configuration document, replacing the previous one.
   *
   * @param poolId the pool
   * @param kind the document kind
   * @param body JSON text
   */
  void putPoolDocument(String poolId, String kind, String body);

  /**
   * Like {@link #poolDocument}, but without serializing with the pool's other writers: the last committed version,
   * for a write transaction on an identity that only needs to read the pool's configuration (e.g. whether Cognito
   * Streams is enabled) and must not queue behind every other writer of the pool.
   *
   * @param poolId the pool
   * @param kind the document kind
   * @return the document, empty if never stored
   */
  Optional<String> readPoolDocument(String poolId, String kind);

  // ---- identities

  /**
   * Creates an identity unless it exists.
   *
   * @param poolId the pool
   * @param identityId the identity
   * @param now creation time
   * @return true if it was created
   */
  boolean createIdentityIfAbsent(String poolId, String identityId, Instant now);

  /**
   * Whether an identity exists.
   *
   * @param poolId the pool
   * @param identityId the identity
   * @return true if it exists
   */
  boolean identityExists(String poolId, String identityId);

  /**
   * The pool an identity belongs to.
   *
   * @param identityId the identity
   * @return its pool, empty if the identity is unknown
   */
  Optional<String> poolOfIdentity(String identityId);

  /**
   * Usage of one identity over its live datasets.
   *
   * @param poolId the pool
   * @param identityId the identity
   * @return the usage (zeros if it has no dataset)
   */
  IdentityUsage identityUsage(String poolId, String identityId);

  // ---- logins linked to identities (Cognito Identity)

  /**
   * The identity a login is linked to.
   *
   * @param poolId the pool
   * @param provider the login provider name, e.g. {@code accounts.google.com}
   * @param subject the provider's user id (the token's {@code sub})
   * @return the identity, empty if the login is linked to none
   */
  Optional<String> identityOfLogin(String poolId, String provider, String subject);

  /**
   * Links a login to an identity unless the login is linked already (to any identity of the pool).
   *
   * @param poolId the pool
   * @param provider the login provider name
   * @param subject the provider's user id
   * @param identityId the identity
   * @param now link time
   * @return true if linked now, false if the login was linked already (maybe to another identity)
   */
  boolean linkLogin(String poolId, String provider, String subject, String identityId, Instant now);

  /**
   * The logins linked to an identity.
   *
   * @param poolId the pool
   * @param identityId the identity
   * @return provider name to subject, ordered by provider
   */
  Map<String, String> loginsOf(String poolId, String identityId);

  // ---- datasets

  /**
   * The state of a dataset, live or deleted.
   *
   * @param id the dataset
   * @return its state, empty if it never existed
   */
  Optional<DatasetState> dataset(DatasetId id);

  /**
   * Counts an identity's live datasets.
   *
   * @param poolId the pool
   * @param identityId the identity
   * @return the count
   */
  int countLiveDatasets(String poolId, String identityId);

  /**
   * Lists an identity's live datasets ordered by name.
   *
   * @param poolId the pool
   * @param identityId the identity
   * @param afterName list names strictly after this one, null for the first page
   * @param limit maximum number of entries
   * @return the page
   */
  List<DatasetState> listLiveDatasets(String poolId, String identityId, String afterName, int limit);

  /**
   * Streams every live dataset of a pool ordered by identity and name.
   *
   * @param poolId the pool
   * @param sink receives each dataset
   */
  void forEachLiveDataset(String poolId, Consumer<DatasetState> sink);

  /**
   * Inserts or replaces a dataset's state.
   *
   * @param state the new state
   */
  void putDataset(DatasetState state);

  // ---- records

  /**
   * Fetches the current versions (including tombstones) of the given keys in one batch.
   *
   * @param id the dataset
   * @param keys the keys
   * @return key to record for the keys that have a stored version
   */
  Map<String, StoredRecord> records(DatasetId id, Collection<String> keys);

  /**
   * Inserts or replaces record versions in one batch.
   *
   * @param id the dataset
   * @param records the new versions
   */
  void putRecords(DatasetId id, Collection<StoredRecord> records);

  /**
   * Deletes every record of a dataset (used when the dataset is deleted).
   *
   * @param id the dataset
   */
  void deleteRecords(DatasetId id);

  /**
   * Streams records (including tombstones) ordered by {@code (syncCount, key)}, strictly after the cursor.
   *
   * @param id the dataset
   * @param afterSyncCount cursor sync count
   * @param afterKey cursor key; null means every record with {@code syncCount > afterSyncCount}
   * @param limit maximum number of records
   * @param sink receives each record in order
   */
  void scanRecords(DatasetId id, long afterSyncCount, String afterKey, int limit, Consumer<StoredRecord> sink);

  // ---- push sync

  /**
   * Finds a device by its push token.
   *
   * @param poolId the pool
   * @param identityId the identity
   * @param platform the platform
   * @param token the push token
   * @return the device, empty if not registered
   */
  Optional<Device> deviceByToken(String poolId, String identityId, String platform, String token);

  /**
   * Finds a device by id.
   *
   * @param poolId the pool
   * @param identityId the identity
   * @param deviceId the device id
   * @return the device, empty if not registered
   */
  Optional<Device> device(String poolId, String identityId, String deviceId);

  /**
   * Registers a device.
   *
   * @param device the device
   * @param now registration time
   */
  void putDevice(Device device, Instant now);

  /**
   * Subscribes a device to a dataset (idempotent).
   *
   * @param id the dataset
   * @param deviceId the device id
   * @param now subscription time
   */
  void subscribe(DatasetId id, String deviceId, Instant now);

  /**
   * Removes a subscription (idempotent).
   *
   * @param id the dataset
   * @param deviceId the device id
   * @return true if a subscription was removed
   */
  boolean unsubscribe(DatasetId id, String deviceId);

  /**
   * The devices subscribed to a dataset.
   *
   * @param id the dataset
   * @return the devices
   */
  List<Device> subscribers(DatasetId id);

  // ---- bulk publish

  /**
   * The last bulk publish of a pool.
   *
   * @param poolId the pool
   * @return its state, empty if never requested
   */
  Optional<BulkPublishState> bulkPublish(String poolId);

  /**
   * Stores a pool's bulk-publish state.
   *
   * @param state the new state
   */
  void putBulkPublish(BulkPublishState state);

  /**
   * Lists bulk publishes in a status (used at start-up to fail publishes interrupted by a stop).
   *
   * @param status the status
   * @return the matching states
   */
  List<BulkPublishState> bulkPublishes(BulkPublishStatus status);

  // ---- Cognito Streams outbox

  /**
   * Adds a record to the stream outbox, in the transaction that commits the change it describes.
   *
   * @param entry the record
   */
  void appendStreamOutbox(StreamOutboxEntry entry);

  /**
   * The oldest records of the stream outbox whose stream is not in {@code skippedStreams}, ordered by
   * ({@code created}, pool, identity, dataset, {@code syncCount}, {@code deletion}), which keeps each dataset's commit
   * order. The publisher skips the streams whose sink is failing, so that their records do not hold back the other
   * streams'. One query that walks the outbox in that order (its index) and passes over the skipped streams' records;
   * the set is expected to be small (it is bound as one parameter per stream).
   *
   * <p>The result is bounded by bytes as well as by {@code limit}, so that a batch of large lines does not have to be
   * held in memory at once: records are taken in order while the lines taken before them amount to less than
   * {@code maxBytes} (UTF-8 bytes of {@link StreamOutboxEntry#jsonLine}, as stored: measured by the store, not
   * re-encoded), so the first record is always returned however long its line, and the result exceeds
   * {@code maxBytes} by at most its last line. A result cut by {@code maxBytes} therefore holds at least
   * {@code maxBytes}; records beyond the cut are not read into memory (not even by the driver).
   *
   * @param limit maximum number of records
   * @param maxBytes positive; no record is added once the lines returned reach it
   * @param skippedStreams stream names whose records are left out; empty for every record
   * @return the records
   */
  List<StreamOutboxEntry> streamOutbox(int limit, long maxBytes, Set<String> skippedStreams);

  /**
   * The latest {@code created} of a dataset's records still in the stream outbox, so that a new record of the dataset
   * can be given one no earlier (clocks may step back, and instances' clocks differ) and the outbox order keeps the
   * dataset's commit order.
   *
   * @param dataset the dataset
   * @return the latest {@code created}, empty if none of its records is waiting
   */
  Optional<Instant> latestStreamOutboxCreated(DatasetId dataset);

  /**
   * Removes published records from the stream outbox (records already gone are ignored).
   *
   * @param published the records, as {@link #streamOutbox} returned them
   */
  void deleteStreamOutbox(Collection<StreamOutboxEntry> published);

  /**
   * Takes or renews the one lease that lets a server instance publish the stream outbox, so that instances sharing
   * the store never publish the same record at the same time. Granted when the lease is free, held by
   * {@code owner}, or expired.
   *
   * @param owner the publishing instance's id
   * @param now the current time
   * @param expires when the lease lapses unless renewed
   * @return true if {@code owner} holds the lease until {@code expires}
   */
  boolean acquireStreamLease(String owner, Instant now, Instant expires);

  /**
   * Gives the lease back if {@code owner} holds it.
   *
   * @param owner the publishing instance's id
   */
  void releaseStreamLease(String owner);
}
