package dev.offsync.spi;

import dev.offsync.DatasetMetadata;
import dev.offsync.Platform;
import dev.offsync.PushSyncNotSupportedException;
import io.reactivex.rxjava3.core.Completable;
import io.reactivex.rxjava3.core.Single;
import java.util.List;

/**
 * The server side of a sync: the five Cognito Sync operations the engine needs, plus the three of push sync
 * ({@link #registerDevice}, {@link #subscribe}, {@link #unsubscribe}; default methods that fail, so a store
 * without push support still compiles and syncs; a decorator that wraps another store must override them too
 * and forward them, or push sync stops at the decorator). {@code sync-http}'s
 * {@code CognitoSyncRemoteStore} implements it over HTTP; the test kit's {@code FakeRemoteStore}
 * in memory. One instance is bound to one identity pool; identities are passed per call.
 *
 * <h2>Contract</h2>
 * <ul>
 *   <li>Every method is asynchronous and cold: nothing happens until the returned {@code Single} is
 *       subscribed, and each subscription performs the call again. Implementations must not block the
 *       subscribing thread for I/O longer than a bounded timeout and must honour disposal where they can.
 *   <li>Failures are signalled as {@code onError} with offsync's typed errors:
 *       {@link dev.offsync.NetworkException} (I/O, timeout), {@link dev.offsync.ThrottledException}
 *       (429, with the retry-after hint), {@link dev.offsync.ConflictException} (409
 *       {@code ResourceConflictException}, or a 400 whose message starts with
 *       {@code "Current SyncCount for:"}), {@link dev.offsync.LimitExceededException},
 *       {@link dev.offsync.NotAuthorizedException} (403, signature failures included),
 *       {@link dev.offsync.DatasetNotFoundException} (404; {@link dev.offsync.DeviceNotRegisteredException} for
 *       the push operations' 404, an unknown device), {@link dev.offsync.InvalidParameterException}
 *       (other 400 {@code InvalidParameterException}), and {@link dev.offsync.ServiceException} for
 *       anything else (5xx retryable). The server's message is kept; secrets never appear.
 *   <li>Implementations may retry transient failures internally; {@link #updateRecords} is safe to
 *       replay because a replay of an applied request fails with a conflict, which the engine handles.
 * </ul>
 */
public interface RemoteStore {

  /** The page size the engine asks for in {@link #listRecords}: the service's maximum. */
  int MAX_RECORDS_PER_PAGE = 1024;

  /** The page size the engine asks for in {@link #listDatasets}, as AWS's clients do. */
  int MAX_DATASETS_PER_PAGE = 64;

  /**
   * {@code ListRecords}: one page of the records of a dataset changed after {@code lastSyncCount}, i.e.
   * whose sync count is greater, including tombstones, ordered by sync count. A dataset that does not
   * exist yields an empty page with {@code datasetExists == false} (not an error).
   *
   * @param identityId the identity owning the dataset
   * @param datasetName the dataset
   * @param lastSyncCount the watermark: only records with a greater sync count are returned; 0 for all
   * @param nextToken the token from the previous page, or {@code null} for the first page
   * @param maxResults page size, 1..{@link #MAX_RECORDS_PER_PAGE}
   * @param syncSessionToken the token of the previous page or pull, or {@code null}
   * @return the page; fails with {@link dev.offsync.InvalidParameterException} if {@code lastSyncCount}
   *     is above the dataset's sync count
   */
  Single<RecordPage> listRecords(
      String identityId,
      String datasetName,
      long lastSyncCount,
      String nextToken,
      int maxResults,
      String syncSessionToken);

  /**
   * {@code UpdateRecords}: applies all patches atomically, or none. On success the dataset's sync count
   * rises by exactly one and every written record takes it; the dataset is created if absent.
   *
   * @param identityId the identity owning the dataset
   * @param datasetName the dataset
   * @param patches the changes, each based on the record's last known sync count; not empty
   * @param syncSessionToken the token from the {@code ListRecords} that preceded this push
   * @param deviceId the device making the change (becomes {@code LastModifiedBy}), or {@code null}
   * @return the records as written (possibly with extra keys a server-side trigger added); fails with
   *     {@link dev.offsync.ConflictException} if any patch's sync count is stale
   */
  Single<List<RemoteRecord>> updateRecords(
      String identityId,
      String datasetName,
      List<RecordPatch> patches,
      String syncSessionToken,
      String deviceId);

  /**
   * {@code DescribeDataset}.
   *
   * @param identityId the identity owning the dataset
   * @param datasetName the dataset
   * @return its metadata; fails with {@link dev.offsync.DatasetNotFoundException} if it does not exist
   */
  Single<DatasetMetadata> describeDataset(String identityId, String datasetName);

  /**
   * {@code DeleteDataset}: deletes the dataset and its records on the server.
   *
   * @param identityId the identity owning the dataset
   * @param datasetName the dataset
   * @return the deleted dataset's metadata; fails with {@link dev.offsync.DatasetNotFoundException} if it
   *     does not exist
   */
  Single<DatasetMetadata> deleteDataset(String identityId, String datasetName);

  /**
   * {@code ListDatasets}: one page of an identity's datasets.
   *
   * @param identityId the identity
   * @param nextToken the token from the previous page, or {@code null} for the first
   * @param maxResults page size, 1..{@link #MAX_DATASETS_PER_PAGE} is what the engine asks for
   * @return the page
   */
  Single<DatasetPage> listDatasets(String identityId, String nextToken, int maxResults);

  /**
   * {@code RegisterDevice}: registers a device's push token for an identity. Registering the same (identity,
   * platform, token) again answers the same device id.
   *
   * <p>The default implementation fails with {@link dev.offsync.PushSyncNotSupportedException} (not retryable,
   * naming the store class): override it to support push sync.
   *
   * @param identityId the identity
   * @param platform the push platform
   * @param token the push token the platform gave the device; not empty
   * @return the device id the server assigned
   */
  default Single<String> registerDevice(String identityId, Platform platform, String token) {
    return Single.error(() -> unsupported(this, "RegisterDevice"));
  }

  /**
   * {@code SubscribeToDataset}: the server notifies the device after every change of the dataset (which need
   * not exist yet). Subscribing again changes nothing.
   *
   * <p>The default implementation fails like {@link #registerDevice}'s.
   *
   * @param identityId the identity owning the dataset
   * @param datasetName the dataset
   * @param deviceId the id {@link #registerDevice} returned for this identity
   * @return completes when subscribed; fails with {@link dev.offsync.DeviceNotRegisteredException} if the
   *     server does not know the device for this identity
   */
  default Completable subscribe(String identityId, String datasetName, String deviceId) {
    return Completable.error(() -> unsupported(this, "SubscribeToDataset"));
  }

  /**
   * {@code UnsubscribeFromDataset}: the server stops notifying the device about the dataset. Unsubscribing a
   * device that is not subscribed changes nothing.
   *
   * <p>The default implementation fails like {@link #registerDevice}'s.
   *
   * @param identityId the identity owning the dataset
   * @param datasetName the dataset
   * @param deviceId the id {@link #registerDevice} returned for this identity
   * @return completes when unsubscribed; fails with {@link dev.offsync.DeviceNotRegisteredException} if the
   *     server does not know the device for this identity
   */
  default Completable unsubscribe(String identityId, String datasetName, String deviceId) {
    return Completable.error(() -> unsupported(this, "UnsubscribeFromDataset"));
  }

  private static PushSyncNotSupportedException unsupported(RemoteStore store, String operation) {
    return new PushSyncNotSupportedException(
        store.getClass().getName() + " does not support " + operation + " (push sync)");
  }
}
