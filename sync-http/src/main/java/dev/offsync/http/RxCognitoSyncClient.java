package dev.offsync.http;

import dev.offsync.http.internal.ModelJson;
import dev.offsync.http.model.BulkPublishRequest;
import dev.offsync.http.model.BulkPublishResponse;
import dev.offsync.http.model.DeleteDatasetRequest;
import dev.offsync.http.model.DeleteDatasetResponse;
import dev.offsync.http.model.DescribeDatasetRequest;
import dev.offsync.http.model.DescribeDatasetResponse;
import dev.offsync.http.model.DescribeIdentityPoolUsageRequest;
import dev.offsync.http.model.DescribeIdentityPoolUsageResponse;
import dev.offsync.http.model.DescribeIdentityUsageRequest;
import dev.offsync.http.model.DescribeIdentityUsageResponse;
import dev.offsync.http.model.GetBulkPublishDetailsRequest;
import dev.offsync.http.model.GetBulkPublishDetailsResponse;
import dev.offsync.http.model.GetCognitoEventsRequest;
import dev.offsync.http.model.GetCognitoEventsResponse;
import dev.offsync.http.model.GetIdentityPoolConfigurationRequest;
import dev.offsync.http.model.GetIdentityPoolConfigurationResponse;
import dev.offsync.http.model.ListDatasetsRequest;
import dev.offsync.http.model.ListDatasetsResponse;
import dev.offsync.http.model.ListIdentityPoolUsageRequest;
import dev.offsync.http.model.ListIdentityPoolUsageResponse;
import dev.offsync.http.model.ListRecordsRequest;
import dev.offsync.http.model.ListRecordsResponse;
import dev.offsync.http.model.RegisterDeviceRequest;
import dev.offsync.http.model.RegisterDeviceResponse;
import dev.offsync.http.model.SetCognitoEventsRequest;
import dev.offsync.http.model.SetCognitoEventsResponse;
import dev.offsync.http.model.SetIdentityPoolConfigurationRequest;
import dev.offsync.http.model.SetIdentityPoolConfigurationResponse;
import dev.offsync.http.model.SubscribeToDatasetRequest;
import dev.offsync.http.model.SubscribeToDatasetResponse;
import dev.offsync.http.model.UnsubscribeFromDatasetRequest;
import dev.offsync.http.model.UnsubscribeFromDatasetResponse;
import dev.offsync.http.model.UpdateRecordsRequest;
import dev.offsync.http.model.UpdateRecordsResponse;
import io.reactivex.rxjava3.core.Single;
import java.util.Objects;

/**
 * The RxJava 3 view of a {@link CognitoSyncClient}: each operation as a cold {@link Single} that performs the
 * blocking call on the subscribing thread (use {@code subscribeOn(Schedulers.io())}) and cancels the HTTP call in
 * flight when disposed. Request validation happens when the {@code Single} is created. Obtain it with
 * {@link CognitoSyncClient#rx()}. Thread-safe.
 */
public final class RxCognitoSyncClient {
  private final CognitoSyncClient client;

  RxCognitoSyncClient(CognitoSyncClient client) {
    this.client = client;
  }

  /**
   * {@code BulkPublish} as a cold {@link Single}; see {@link CognitoSyncClient#bulkPublish(BulkPublishRequest)}.
   *
   * @param request the request, not null
   * @return a single that performs the call on subscription; disposing it cancels the call
   */
  public Single<BulkPublishResponse> bulkPublish(BulkPublishRequest request) {
    Objects.requireNonNull(request, "request == null");
    return client.single(ModelJson.marshalBulkPublish(request), ModelJson::readBulkPublishResponse);
  }

  /**
   * {@code DeleteDataset} as a cold {@link Single}; see {@link CognitoSyncClient#deleteDataset(DeleteDatasetRequest)}.
   *
   * @param request the request, not null
   * @return a single that performs the call on subscription; disposing it cancels the call
   */
  public Single<DeleteDatasetResponse> deleteDataset(DeleteDatasetRequest request) {
    Objects.requireNonNull(request, "request == null");
    return client.single(ModelJson.marshalDeleteDataset(request), ModelJson::readDeleteDatasetResponse);
  }

  /**
   * {@code DescribeDataset} as a cold {@link Single}; see {@link CognitoSyncClient#describeDataset(DescribeDatasetRequest)}.
   *
   * @param request the request, not null
   * @return a single that performs the call on subscription; disposing it cancels the call
   */
  public Single<DescribeDatasetResponse> describeDataset(DescribeDatasetRequest request) {
    Objects.requireNonNull(request, "request == null");
    return client.single(ModelJson.marshalDescribeDataset(request), ModelJson::readDescribeDatasetResponse);
  }

  /**
   * {@code DescribeIdentityPoolUsage} as a cold {@link Single}; see {@link CognitoSyncClient#describeIdentityPoolUsage(DescribeIdentityPoolUsageRequest)}.
   *
   * @param request the request, not null
   * @return a single that performs the call on subscription; disposing it cancels the call
   */
  public Single<DescribeIdentityPoolUsageResponse> describeIdentityPoolUsage(DescribeIdentityPoolUsageRequest request) {
    Objects.requireNonNull(request, "request == null");
    return client.single(ModelJson.marshalDescribeIdentityPoolUsage(request), ModelJson::readDescribeIdentityPoolUsageResponse);
  }

  /**
   * {@code DescribeIdentityUsage} as a cold {@link Single}; see {@link CognitoSyncClient#describeIdentityUsage(DescribeIdentityUsageRequest)}.
   *
   * @param request the request, not null
   * @return a single that performs the call on subscription; disposing it cancels the call
   */
  public Single<DescribeIdentityUsageResponse> describeIdentityUsage(DescribeIdentityUsageRequest request) {
    Objects.requireNonNull(request, "request == null");
    return client.single(ModelJson.marshalDescribeIdentityUsage(request), ModelJson::readDescribeIdentityUsageResponse);
  }

  /**
   * {@code GetBulkPublishDetails} as a cold {@link Single}; see {@link CognitoSyncClient#getBulkPublishDetails(GetBulkPublishDetailsRequest)}.
   *
   * @param request the request, not null
   * @return a single that performs the call on subscription; disposing it cancels the call
   */
  public Single<GetBulkPublishDetailsResponse> getBulkPublishDetails(GetBulkPublishDetailsRequest request) {
    Objects.requireNonNull(request, "request == null");
    return client.single(ModelJson.marshalGetBulkPublishDetails(request), ModelJson::readGetBulkPublishDetailsResponse);
  }

  /**
   * {@code GetCognitoEvents} as a cold {@link Single}; see {@link CognitoSyncClient#getCognitoEvents(GetCognitoEventsRequest)}.
   *
   * @param request the request, not null
   * @return a single that performs the call on subscription; disposing it cancels the call
   */
  public Single<GetCognitoEventsResponse> getCognitoEvents(GetCognitoEventsRequest request) {
    Objects.requireNonNull(request, "request == null");
    return client.single(ModelJson.marshalGetCognitoEvents(request), ModelJson::readGetCognitoEventsResponse);
  }

  /**
   * {@code GetIdentityPoolConfiguration} as a cold {@link Single}; see {@link CognitoSyncClient#getIdentityPoolConfiguration(GetIdentityPoolConfigurationRequest)}.
   *
   * @param request the request, not null
   * @return a single that performs the call on subscription; disposing it cancels the call
   */
  public Single<GetIdentityPoolConfigurationResponse> getIdentityPoolConfiguration(GetIdentityPoolConfigurationRequest request) {
    Objects.requireNonNull(request, "request == null");
    return client.single(ModelJson.marshalGetIdentityPoolConfiguration(request), ModelJson::readGetIdentityPoolConfigurationResponse);
  }

  /**
   * {@code ListDatasets} as a cold {@link Single}; see {@link CognitoSyncClient#listDatasets(ListDatasetsRequest)}.
   *
   * @param request the request, not null
   * @return a single that performs the call on subscription; disposing it cancels the call
   */
  public Single<ListDatasetsResponse> listDatasets(ListDatasetsRequest request) {
    Objects.requireNonNull(request, "request == null");
    return client.single(ModelJson.marshalListDatasets(request), ModelJson::readListDatasetsResponse);
  }

  /**
   * {@code ListIdentityPoolUsage} as a cold {@link Single}; see {@link CognitoSyncClient#listIdentityPoolUsage(ListIdentityPoolUsageRequest)}.
   *
   * @param request the request, not null
   * @return a single that performs the call on subscription; disposing it cancels the call
   */
  public Single<ListIdentityPoolUsageResponse> listIdentityPoolUsage(ListIdentityPoolUsageRequest request) {
    Objects.requireNonNull(request, "request == null");
    return client.single(ModelJson.marshalListIdentityPoolUsage(request), ModelJson::readListIdentityPoolUsageResponse);
  }

  /**
   * {@code ListRecords} as a cold {@link Single}; see {@link CognitoSyncClient#listRecords(ListRecordsRequest)}.
   *
   * @param request the request, not null
   * @return a single that performs the call on subscription; disposing it cancels the call
   */
  public Single<ListRecordsResponse> listRecords(ListRecordsRequest request) {
    Objects.requireNonNull(request, "request == null");
    return client.single(ModelJson.marshalListRecords(request), ModelJson::readListRecordsResponse);
  }

  /**
   * {@code RegisterDevice} as a cold {@link Single}; see {@link CognitoSyncClient#registerDevice(RegisterDeviceRequest)}.
   *
   * @param request the request, not null
   * @return a single that performs the call on subscription; disposing it cancels the call
   */
  public Single<RegisterDeviceResponse> registerDevice(RegisterDeviceRequest request) {
    Objects.requireNonNull(request, "request == null");
    return client.single(ModelJson.marshalRegisterDevice(request), ModelJson::readRegisterDeviceResponse);
  }

  /**
   * {@code SetCognitoEvents} as a cold {@link Single}; see {@link CognitoSyncClient#setCognitoEvents(SetCognitoEventsRequest)}.
   *
   * @param request the request, not null
   * @return a single that performs the call on subscription; disposing it cancels the call
   */
  public Single<SetCognitoEventsResponse> setCognitoEvents(SetCognitoEventsRequest request) {
    Objects.requireNonNull(request, "request == null");
    return client.single(ModelJson.marshalSetCognitoEvents(request), ModelJson::readSetCognitoEventsResponse);
  }

  /**
   * {@code SetIdentityPoolConfiguration} as a cold {@link Single}; see {@link CognitoSyncClient#setIdentityPoolConfiguration(SetIdentityPoolConfigurationRequest)}.
   *
   * @param request the request, not null
   * @return a single that performs the call on subscription; disposing it cancels the call
   */
  public Single<SetIdentityPoolConfigurationResponse> setIdentityPoolConfiguration(SetIdentityPoolConfigurationRequest request) {
    Objects.requireNonNull(request, "request == null");
    return client.single(ModelJson.marshalSetIdentityPoolConfiguration(request), ModelJson::readSetIdentityPoolConfigurationResponse);
  }

  /**
   * {@code SubscribeToDataset} as a cold {@link Single}; see {@link CognitoSyncClient#subscribeToDataset(SubscribeToDatasetRequest)}.
   *
   * @param request the request, not null
   * @return a single that performs the call on subscription; disposing it cancels the call
   */
  public Single<SubscribeToDatasetResponse> subscribeToDataset(SubscribeToDatasetRequest request) {
    Objects.requireNonNull(request, "request == null");
    return client.single(ModelJson.marshalSubscribeToDataset(request), ModelJson::readSubscribeToDatasetResponse);
  }

  /**
   * {@code UnsubscribeFromDataset} as a cold {@link Single}; see {@link CognitoSyncClient#unsubscribeFromDataset(UnsubscribeFromDatasetRequest)}.
   *
   * @param request the request, not null
   * @return a single that performs the call on subscription; disposing it cancels the call
   */
  public Single<UnsubscribeFromDatasetResponse> unsubscribeFromDataset(UnsubscribeFromDatasetRequest request) {
    Objects.requireNonNull(request, "request == null");
    return client.single(ModelJson.marshalUnsubscribeFromDataset(request), ModelJson::readUnsubscribeFromDatasetResponse);
  }

  /**
   * {@code UpdateRecords} as a cold {@link Single}; see {@link CognitoSyncClient#updateRecords(UpdateRecordsRequest)}.
   *
   * @param request the request, not null
   * @return a single that performs the call on subscription; disposing it cancels the call
   */
  public Single<UpdateRecordsResponse> updateRecords(UpdateRecordsRequest request) {
    Objects.requireNonNull(request, "request == null");
    return client.single(ModelJson.marshalUpdateRecords(request), ModelJson::readUpdateRecordsResponse);
  }
}
