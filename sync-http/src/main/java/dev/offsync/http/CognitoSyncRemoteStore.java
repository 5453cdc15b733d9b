package dev.offsync.http;

import dev.offsync.ConflictException;
import dev.offsync.DatasetMetadata;
import dev.offsync.DatasetNotFoundException;
import dev.offsync.DeviceNotRegisteredException;
import dev.offsync.NetworkException;
import dev.offsync.Platform;
import dev.offsync.ServiceException;
import dev.offsync.ThrottledException;
import dev.offsync.http.model.Dataset;
import dev.offsync.http.model.DeleteDatasetRequest;
import dev.offsync.http.model.DescribeDatasetRequest;
import dev.offsync.http.model.ListDatasetsRequest;
import dev.offsync.http.model.ListDatasetsResponse;
import dev.offsync.http.model.ListRecordsRequest;
import dev.offsync.http.model.ListRecordsResponse;
import dev.offsync.http.model.Operation;
import dev.offsync.http.model.Record;
import dev.offsync.http.model.RegisterDeviceRequest;
import dev.offsync.http.model.SubscribeToDatasetRequest;
import dev.offsync.http.model.UnsubscribeFromDatasetRequest;
import dev.offsync.http.model.UpdateRecordsRequest;
import dev.offsync.spi.DatasetPage;
import dev.offsync.spi.RecordPage;
import dev.offsync.spi.RecordPatch;
import dev.offsync.spi.RemoteRecord;
import dev.offsync.spi.RemoteStore;
import io.reactivex.rxjava3.core.Completable;
import io.reactivex.rxjava3.core.Scheduler;
import io.reactivex.rxjava3.core.Single;
import io.reactivex.rxjava3.functions.Function;
import io.reactivex.rxjava3.schedulers.Schedulers;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.Callable;

/**
 * sync-core's {@link RemoteStore} over a {@link CognitoSyncClient}: the engine's five calls become
 * {@code ListRecords}, {@code UpdateRecords}, {@code DescribeDataset}, {@code DeleteDataset} and
 * {@code ListDatasets}, and its push-sync calls {@code RegisterDevice}, {@code SubscribeToDataset} and
 * {@code UnsubscribeFromDataset} (which the service accepts only with the identity's own credentials, e.g. a
 * {@link CognitoIdentityCredentialsProvider}), on one identity pool, each performed on the configured I/O {@link Scheduler}
 * ({@link Schedulers#io()} by default) when subscribed, and cancelled when disposed.
 *
 * <p>Errors become sync-core's typed errors as the SPI demands: I/O failures {@link NetworkException};
 * {@code TooManyRequestsException}/{@code LambdaThrottledException} (429) {@link ThrottledException} with the
 * {@code Retry-After} hint; {@code ResourceConflictException} (409, or a 400 whose message starts with
 * {@code "Current SyncCount for:"}) {@link ConflictException}; {@code LimitExceededException}
 * {@link dev.offsync.LimitExceededException}; 403s (signature and credential failures included)
 * {@link dev.offsync.NotAuthorizedException}; 404 {@link DatasetNotFoundException} ({@link DeviceNotRegisteredException}
 * for {@code SubscribeToDataset} and {@code UnsubscribeFromDataset}: the device is unknown); other 400
 * {@code InvalidParameterException}s, and arguments the model's constraints reject before sending,
 * {@link dev.offsync.InvalidParameterException}; everything else {@link ServiceException} (retryable for 5xx).
 * The service's message is kept; secrets never appear. Transient failures are first retried inside the client per
 * its {@link RetryPolicy}; replaying {@code UpdateRecords} is safe because a replay of an applied request fails
 * with a conflict. Thread-safe.
 */
public final class CognitoSyncRemoteStore implements RemoteStore {
  private final CognitoSyncClient client;
  private final String identityPoolId;
  private final Scheduler scheduler;

  private CognitoSyncRemoteStore(CognitoSyncClient client, String identityPoolId, Scheduler scheduler) {
    this.client = client;
    this.identityPoolId = identityPoolId;
    this.scheduler = scheduler;
  }

  /**
   * Returns a store for one identity pool whose calls run on {@link Schedulers#io()}.
   *
   * @param client the client, not null
   * @param identityPoolId the pool, e.g. {@code us-east-1:0f1e...}, not null
   * @return the store
   */
  public static CognitoSyncRemoteStore create(CognitoSyncClient client, String identityPoolId) {
    return create(client, identityPoolId, Schedulers.io());
  }

  /**
   * Returns a store for one identity pool whose calls run on {@code scheduler}.
   *
   * @param client the client, not null
   * @param identityPoolId the pool, not null
   * @param scheduler where the blocking HTTP calls run, not null
   * @return the store
   */
  public static CognitoSyncRemoteStore create(
      CognitoSyncClient client, String identityPoolId, Scheduler scheduler) {
    return new CognitoSyncRemoteStore(
        Objects.requireNonNull(client, "client == null"),
        Objects.requireNonNull(identityPoolId, "identityPoolId == null"),
        Objects.requireNonNull(scheduler, "scheduler == null"));
  }

  /**
   * Returns the identity pool this store works on.
   *
   * @return the pool id
   */
  public String identityPoolId() {
    return identityPoolId;
  }

  @Override
  public Single<RecordPage> listRecords(
      String identityId,
      String datasetName,
      long lastSyncCount,
      String nextToken,
      int maxResults,
      String syncSessionToken) {
    Objects.requireNonNull(identityId, "identityId == null");
    Objects.requireNonNull(datasetName, "datasetName == null");
    return call(
            () -> {
              ListRecordsRequest.Builder request =
                  ListRecordsRequest.builder()
                      .identityPoolId(identityPoolId)
                      .identityId(identityId)
                      .datasetName(datasetName)
                      .lastSyncCount(lastSyncCount)
                      .maxResults(maxResults);
              if (nextToken != null) {
                request.nextToken(nextToken);
              }
              if (syncSessionToken != null) {
                request.syncSessionToken(syncSessionToken);
              }
              return client.rx().listRecords(request.build());
            },
        CognitoSyncRemoteStore::toPage);
  }

  @Override
  public Single<List<RemoteRecord>> updateRecords(
      String identityId,
      String datasetName,
      List<RecordPatch> patches,
      String syncSessionToken,
      String deviceId) {
    Objects.requireNonNull(identityId, "identityId == null");
    Objects.requireNonNull(datasetName, "datasetName == null");
    Objects.requireNonNull(patches, "patches == null");
    Objects.requireNonNull(syncSessionToken, "syncSessionToken == null");
    return call(
            () -> {
              List<dev.offsync.http.model.RecordPatch> wire = new ArrayList<>(patches.size());
              for (RecordPatch patch : patches) {
                wire.add(toWire(patch));
              }
              UpdateRecordsRequest.Builder request =
                  UpdateRecordsRequest.builder()
                      .identityPoolId(identityPoolId)
                      .identityId(identityId)
                      .datasetName(datasetName)
                      .recordPatches(wire)
                      .syncSessionToken(syncSessionToken);
              if (deviceId != null) {
                request.deviceId(deviceId);
              }
              return client.rx().updateRecords(request.build());
            },
        response -> toRemoteRecords(response.records()));
  }

  @Override
  public Single<DatasetMetadata> describeDataset(String identityId, String datasetName) {
    Objects.requireNonNull(identityId, "identityId == null");
    Objects.requireNonNull(datasetName, "datasetName == null");
    return call(
            () ->
                client
                    .rx()
                    .describeDataset(
                        DescribeDatasetRequest.builder()
                            .identityPoolId(identityPoolId)
                            .identityId(identityId)
                            .datasetName(datasetName)
                            .build()),
        response -> toMetadata(response.dataset(), "DescribeDataset"));
  }

  @Override
  public Single<DatasetMetadata> deleteDataset(String identityId, String datasetName) {
    Objects.requireNonNull(identityId, "identityId == null");
    Objects.requireNonNull(datasetName, "datasetName == null");
    return call(
            () ->
                client
                    .rx()
                    .deleteDataset(
                        DeleteDatasetRequest.builder()
                            .identityPoolId(identityPoolId)
                            .identityId(identityId)
                            .datasetName(datasetName)
                            .build()),
        response -> toMetadata(response.dataset(), "DeleteDataset"));
  }

  @Override
  public Single<DatasetPage> listDatasets(String identityId, String nextToken, int maxResults) {
    Objects.requireNonNull(identityId, "identityId == null");
    return call(
            () -> {
              ListDatasetsRequest.Builder request =
                  ListDatasetsRequest.builder()
                      .identityPoolId(identityPoolId)
                      .identityId(identityId)
                      .maxResults(maxResults);
              if (nextToken != null) {
                request.nextToken(nextToken);
              }
              return client.rx().listDatasets(request.build());
            },
        CognitoSyncRemoteStore::toDatasetPage);
  }

  @Override
  public Single<String> registerDevice(String identityId, Platform platform, String token) {
    Objects.requireNonNull(identityId, "identityId == null");
    Objects.requireNonNull(platform, "platform == null");
    Objects.requireNonNull(token, "token == null");
    return call(
        () -> {
          if (token.isEmpty()) {
            throw new IllegalArgumentException("token must not be empty");
          }
          return client.rx().registerDevice(
              RegisterDeviceRequest.builder()
                  .identityPoolId(identityPoolId)
                  .identityId(identityId)
                  .platform(dev.offsync.http.model.Platform.fromValue(platform.name()))
                  .token(token)
                  .build());
        },
        response -> {
          if (response.deviceId() == null || response.deviceId().isEmpty()) {
            throw new MalformedResponseException("RegisterDevice returned no DeviceId", 200, null, null);
          }
          return response.deviceId();
        });
  }

  @Override
  public Completable subscribe(String identityId, String datasetName, String deviceId) {
    Objects.requireNonNull(identityId, "identityId == null");
    Objects.requireNonNull(datasetName, "datasetName == null");
    Objects.requireNonNull(deviceId, "deviceId == null");
    return deviceCall(
        () ->
            client.rx().subscribeToDataset(
                SubscribeToDatasetRequest.builder()
                    .identityPoolId(identityPoolId)
                    .identityId(identityId)
                    .datasetName(datasetName)
                    .deviceId(deviceId)
                    .build()));
  }

  @Override
  public Completable unsubscribe(String identityId, String datasetName, String deviceId) {
    Objects.requireNonNull(identityId, "identityId == null");
    Objects.requireNonNull(datasetName, "datasetName == null");
    Objects.requireNonNull(deviceId, "deviceId == null");
    return deviceCall(
        () ->
            client.rx().unsubscribeFromDataset(
                UnsubscribeFromDatasetRequest.builder()
                    .identityPoolId(identityPoolId)
                    .identityId(identityId)
                    .datasetName(datasetName)
                    .deviceId(deviceId)
                    .build()));
  }

  /** A subscription call: like {@link #call}, with the 404 of an unknown device as {@link DeviceNotRegisteredException}. */
  private <R> Completable deviceCall(Callable<Single<R>> request) {
    return call(request, response -> Boolean.TRUE)
        .ignoreElement()
        .onErrorResumeNext(
            e ->
                Completable.error(
                    e instanceof DatasetNotFoundException
                        ? new DeviceNotRegisteredException(e.getMessage(), e)
                        : e));
  }

  /**
   * Builds the request when subscribed (so bad arguments fail the Single), runs it on the scheduler, and converts
   * the response; the errors of all three, the conversion's included, become sync-core's typed errors.
   */
  private <R, T> Single<T> call(Callable<Single<R>> request, Function<R, T> convert) {
    return Single.defer(
            () -> {
              try {
                return request.call();
              } catch (IllegalArgumentException e) {
                return Single.error(new dev.offsync.InvalidParameterException(e.getMessage(), e));
              }
            })
        .map(convert)
        .subscribeOn(scheduler)
        .onErrorResumeNext(e -> Single.error(RemoteErrors.toSyncError(e)));
  }

  private static dev.offsync.http.model.RecordPatch toWire(RecordPatch patch) {
    dev.offsync.http.model.RecordPatch.Builder wire =
        dev.offsync.http.model.RecordPatch.builder()
            .op(patch.isRemove() ? Operation.REMOVE : Operation.REPLACE)
            .key(patch.key())
            .syncCount(patch.syncCount());
    if (!patch.isRemove() && patch.value() != null) {
      wire.value(patch.value());
    }
    if (patch.deviceLastModifiedDate() != null) {
      wire.deviceLastModifiedDate(patch.deviceLastModifiedDate());
    }
    return wire.build();
  }

  private static RecordPage toPage(ListRecordsResponse response) {
    return RecordPage.builder()
        .records(toRemoteRecords(response.records()))
        .nextToken(response.nextToken())
        .datasetSyncCount(response.datasetSyncCount() == null ? 0L : response.datasetSyncCount())
        .datasetExists(Boolean.TRUE.equals(response.datasetExists()))
        .datasetDeletedAfterRequestedSyncCount(
            Boolean.TRUE.equals(response.datasetDeletedAfterRequestedSyncCount()))
        .mergedDatasetNames(response.mergedDatasetNames())
        .syncSessionToken(response.syncSessionToken())
        .build();
  }

  private static List<RemoteRecord> toRemoteRecords(List<Record> records) {
    List<RemoteRecord> out = new ArrayList<>(records.size());
    for (Record record : records) {
      if (record.key() == null) {
        throw new MalformedResponseException("a record without Key", 200, null, null);
      }
      out.add(
          RemoteRecord.builder(record.key())
              .value(record.value())
              .syncCount(record.syncCount() == null ? 0L : record.syncCount())
              .lastModifiedDate(record.lastModifiedDate())
              .lastModifiedBy(record.lastModifiedBy())
              .deviceLastModifiedDate(record.deviceLastModifiedDate())
              .build());
    }
    return out;
  }

  private static DatasetMetadata toMetadata(Dataset dataset, String operation) {
    if (dataset == null || dataset.datasetName() == null) {
      throw new MalformedResponseException(operation + " returned no Dataset", 200, null, null);
    }
    return DatasetMetadata.builder(dataset.datasetName())
        .creationDate(dataset.creationDate())
        .lastModifiedDate(dataset.lastModifiedDate())
        .lastModifiedBy(dataset.lastModifiedBy())
        .storageSizeBytes(dataset.dataStorage() == null ? 0L : dataset.dataStorage())
        .recordCount(dataset.numRecords() == null ? 0L : dataset.numRecords())
        .build();
  }

  private static DatasetPage toDatasetPage(ListDatasetsResponse response) {
    List<DatasetMetadata> datasets = new ArrayList<>(response.datasets().size());
    for (Dataset dataset : response.datasets()) {
      datasets.add(toMetadata(dataset, "ListDatasets"));
    }
    return new DatasetPage(datasets, response.nextToken());
  }

  @Override
  public String toString() {
    return "CognitoSyncRemoteStore{identityPoolId=" + identityPoolId + ", client=" + client + "}";
  }
}
