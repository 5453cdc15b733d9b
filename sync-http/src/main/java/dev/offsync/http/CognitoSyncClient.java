package dev.offsync.http;

import com.fasterxml.jackson.databind.JsonNode;
import dev.offsync.http.internal.Cancellation;
import dev.offsync.http.internal.HttpRequestSpec;
import dev.offsync.http.internal.ModelJson;
import dev.offsync.http.internal.RequestRunner;
import dev.offsync.http.internal.SigV4Signer;
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
import dev.offsync.http.spi.CredentialsProvider;
import io.reactivex.rxjava3.core.Single;
import java.io.Closeable;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.function.DoubleSupplier;
import java.util.function.Function;
import okhttp3.HttpUrl;
import okhttp3.OkHttpClient;

/**
 * A client for Amazon Cognito Sync (API 2014-06-30) over OkHttp: all 17 operations of the service model, blocking,
 * plus RxJava {@link Single} variants through {@link #rx()}.
 *
 * <p>Requests go out in the service's restJson1 wire format (percent-encoded path labels, camelCase query
 * parameters, PascalCase JSON, epoch-second timestamps) signed with SigV4 for the service {@code cognito-sync}. The
 * client works unchanged against AWS and against offsync's {@code sync-server}. Errors become typed exceptions (see
 * {@link CognitoSyncServiceException}); I/O failures, 5xx and 429 responses are retried per the {@link RetryPolicy};
 * a request rejected because its credentials expired is repeated once with refreshed credentials.
 *
 * <pre>{@code
 * CognitoSyncClient client = CognitoSyncClient.builder()
 *     .region("eu-west-1")
 *     .credentialsProvider(CognitoIdentityCredentialsProvider.builder()
 *         .region("eu-west-1").identityPoolId("eu-west-1:...").build())
 *     .build();
 * ListRecordsResponse page = client.listRecords(ListRecordsRequest.builder()
 *     .identityPoolId(pool).identityId(identity).datasetName("settings").lastSyncCount(0L).build());
 * }</pre>
 *
 * <p>Thread-safe; share one instance. {@link #close()} releases the threads and connections of an
 * {@link OkHttpClient} this client created itself (an injected one is left alone).
 */
public final class CognitoSyncClient implements Closeable {
  /** The SigV4 signing name of the service. */
  public static final String SIGNING_NAME = "cognito-sync";

  /** The default {@code User-Agent}. */
  public static final String DEFAULT_USER_AGENT = "offsync-http/0.1.0";

  private final RequestRunner runner;
  private final OkHttpClient http;
  private final boolean ownsHttpClient;
  private final HttpUrl endpoint;
  private final String region;
  private final RxCognitoSyncClient rx;

  private CognitoSyncClient(Builder builder) {
    this.region = builder.region;
    this.endpoint =
        builder.endpoint != null
            ? builder.endpoint
            : HttpUrl.get("https://cognito-sync." + builder.region + ".amazonaws.com/");
    OkHttpClient base = builder.okHttpClient != null ? builder.okHttpClient : new OkHttpClient();
    this.ownsHttpClient = builder.okHttpClient == null;
    OkHttpClient.Builder configured = base.newBuilder();
    if (builder.connectTimeout != null) {
      configured.connectTimeout(builder.connectTimeout.toMillis(), TimeUnit.MILLISECONDS);
    } else if (ownsHttpClient) {
      configured.connectTimeout(10, TimeUnit.SECONDS);
    }
    if (builder.readTimeout != null) {
      configured.readTimeout(builder.readTimeout.toMillis(), TimeUnit.MILLISECONDS);
    } else if (ownsHttpClient) {
      configured.readTimeout(30, TimeUnit.SECONDS);
    }
    if (builder.writeTimeout != null) {
      configured.writeTimeout(builder.writeTimeout.toMillis(), TimeUnit.MILLISECONDS);
    } else if (ownsHttpClient) {
      configured.writeTimeout(30, TimeUnit.SECONDS);
    }
    if (builder.callTimeout != null) {
      configured.callTimeout(builder.callTimeout.toMillis(), TimeUnit.MILLISECONDS);
    } else if (ownsHttpClient) {
      configured.callTimeout(60, TimeUnit.SECONDS);
    }
    this.http = configured.build();
    this.runner =
        new RequestRunner(
            http,
            endpoint,
            new SigV4Signer(SIGNING_NAME, builder.region),
            builder.credentialsProvider,
            builder.clock,
            builder.retryPolicy,
            builder.sleeper,
            builder.userAgent,
            builder.maxResponseBytes,
            builder.random);
    this.rx = new RxCognitoSyncClient(this);
  }

  /**
   * Returns a new builder. A credentials provider is required; everything else has defaults.
   *
   * @return a new builder
   * @throws OkHttpMissingException if OkHttp's classes are not on the class path
   */
  public static Builder builder() {
    OkHttpPresence.require();
    return new Builder();
  }

  /**
   * Returns the endpoint requests are sent to.
   *
   * @return the endpoint URL
   */
  public String endpoint() {
    return endpoint.toString();
  }

  /**
   * Returns the region requests are signed for.
   *
   * @return the region
   */
  public String region() {
    return region;
  }

  /**
   * Returns the RxJava view of this client: the same operations as cold {@link Single}s.
   *
   * @return the RxJava client, sharing this client's configuration
   */
  public RxCognitoSyncClient rx() {
    return rx;
  }

  /**
   * Calls {@code BulkPublish} ({@code POST /identitypools/{IdentityPoolId}/bulkpublish}). Initiates a bulk
   * publish of all existing datasets for an Identity Pool to the configured stream. Customers are limited to
   * one successful bulk publish per 24 hours. Bulk publish is an asynchronous request, customers can see the
   * status of the request via the GetBulkPublishDetails operation.
   *
   * @param request the request, not null
   * @return the response
   * @throws NotAuthorizedException as the model documents for this operation
   * @throws InvalidParameterException as the model documents for this operation
   * @throws ResourceNotFoundException as the model documents for this operation
   * @throws InternalErrorException as the model documents for this operation
   * @throws DuplicateRequestException as the model documents for this operation
   * @throws AlreadyStreamedException as the model documents for this operation
   * @throws CognitoSyncServiceException for any other error response
   * @throws CognitoSyncIoException if the service could not be reached after all attempts
   * @throws MalformedResponseException if the response could not be read
   */
  public BulkPublishResponse bulkPublish(BulkPublishRequest request) {
    Objects.requireNonNull(request, "request == null");
    return runner.execute(ModelJson.marshalBulkPublish(request), ModelJson::readBulkPublishResponse, null);
  }

  /**
   * Calls {@code DeleteDataset} ({@code DELETE
   * /identitypools/{IdentityPoolId}/identities/{IdentityId}/datasets/{DatasetName}}). Deletes the specific
   * dataset. The dataset will be deleted permanently, and the action can't be undone. Datasets that this
   * dataset was merged with will no longer report the merge. Any subsequent operation on this dataset will
   * result in a ResourceNotFoundException.
   *
   * @param request the request, not null
   * @return the response
   * @throws NotAuthorizedException as the model documents for this operation
   * @throws InvalidParameterException as the model documents for this operation
   * @throws ResourceNotFoundException as the model documents for this operation
   * @throws InternalErrorException as the model documents for this operation
   * @throws TooManyRequestsException as the model documents for this operation
   * @throws ResourceConflictException as the model documents for this operation
   * @throws CognitoSyncServiceException for any other error response
   * @throws CognitoSyncIoException if the service could not be reached after all attempts
   * @throws MalformedResponseException if the response could not be read
   */
  public DeleteDatasetResponse deleteDataset(DeleteDatasetRequest request) {
    Objects.requireNonNull(request, "request == null");
    return runner.execute(ModelJson.marshalDeleteDataset(request), ModelJson::readDeleteDatasetResponse, null);
  }

  /**
   * Calls {@code DescribeDataset} ({@code GET
   * /identitypools/{IdentityPoolId}/identities/{IdentityId}/datasets/{DatasetName}}). Gets meta data about a
   * dataset by identity and dataset name. With Amazon Cognito Sync, each identity has access only to its own
   * data. Thus, the credentials used to make this API call need to have access to the identity data.
   *
   * @param request the request, not null
   * @return the response
   * @throws NotAuthorizedException as the model documents for this operation
   * @throws InvalidParameterException as the model documents for this operation
   * @throws ResourceNotFoundException as the model documents for this operation
   * @throws InternalErrorException as the model documents for this operation
   * @throws TooManyRequestsException as the model documents for this operation
   * @throws CognitoSyncServiceException for any other error response
   * @throws CognitoSyncIoException if the service could not be reached after all attempts
   * @throws MalformedResponseException if the response could not be read
   */
  public DescribeDatasetResponse describeDataset(DescribeDatasetRequest request) {
    Objects.requireNonNull(request, "request == null");
    return runner.execute(ModelJson.marshalDescribeDataset(request), ModelJson::readDescribeDatasetResponse, null);
  }

  /**
   * Calls {@code DescribeIdentityPoolUsage} ({@code GET /identitypools/{IdentityPoolId}}). Gets usage details
   * (for example, data storage) about a particular identity pool.
   *
   * @param request the request, not null
   * @return the response
   * @throws NotAuthorizedException as the model documents for this operation
   * @throws InvalidParameterException as the model documents for this operation
   * @throws ResourceNotFoundException as the model documents for this operation
   * @throws InternalErrorException as the model documents for this operation
   * @throws TooManyRequestsException as the model documents for this operation
   * @throws CognitoSyncServiceException for any other error response
   * @throws CognitoSyncIoException if the service could not be reached after all attempts
   * @throws MalformedResponseException if the response could not be read
   */
  public DescribeIdentityPoolUsageResponse describeIdentityPoolUsage(DescribeIdentityPoolUsageRequest request) {
    Objects.requireNonNull(request, "request == null");
    return runner.execute(ModelJson.marshalDescribeIdentityPoolUsage(request), ModelJson::readDescribeIdentityPoolUsageResponse, null);
  }

  /**
   * Calls {@code DescribeIdentityUsage} ({@code GET
   * /identitypools/{IdentityPoolId}/identities/{IdentityId}}). Gets usage information for an identity,
   * including number of datasets and data usage.
   *
   * @param request the request, not null
   * @return the response
   * @throws NotAuthorizedException as the model documents for this operation
   * @throws InvalidParameterException as the model documents for this operation
   * @throws ResourceNotFoundException as the model documents for this operation
   * @throws InternalErrorException as the model documents for this operation
   * @throws TooManyRequestsException as the model documents for this operation
   * @throws CognitoSyncServiceException for any other error response
   * @throws CognitoSyncIoException if the service could not be reached after all attempts
   * @throws MalformedResponseException if the response could not be read
   */
  public DescribeIdentityUsageResponse describeIdentityUsage(DescribeIdentityUsageRequest request) {
    Objects.requireNonNull(request, "request == null");
    return runner.execute(ModelJson.marshalDescribeIdentityUsage(request), ModelJson::readDescribeIdentityUsageResponse, null);
  }

  /**
   * Calls {@code GetBulkPublishDetails} ({@code POST /identitypools/{IdentityPoolId}/getBulkPublishDetails}).
   * Get the status of the last BulkPublish operation for an identity pool.
   *
   * @param request the request, not null
   * @return the response
   * @throws NotAuthorizedException as the model documents for this operation
   * @throws InvalidParameterException as the model documents for this operation
   * @throws ResourceNotFoundException as the model documents for this operation
   * @throws InternalErrorException as the model documents for this operation
   * @throws CognitoSyncServiceException for any other error response
   * @throws CognitoSyncIoException if the service could not be reached after all attempts
   * @throws MalformedResponseException if the response could not be read
   */
  public GetBulkPublishDetailsResponse getBulkPublishDetails(GetBulkPublishDetailsRequest request) {
    Objects.requireNonNull(request, "request == null");
    return runner.execute(ModelJson.marshalGetBulkPublishDetails(request), ModelJson::readGetBulkPublishDetailsResponse, null);
  }

  /**
   * Calls {@code GetCognitoEvents} ({@code GET /identitypools/{IdentityPoolId}/events}). Gets the events and
   * the corresponding Lambda functions associated with an identity pool.
   *
   * @param request the request, not null
   * @return the response
   * @throws InvalidParameterException as the model documents for this operation
   * @throws ResourceNotFoundException as the model documents for this operation
   * @throws NotAuthorizedException as the model documents for this operation
   * @throws InternalErrorException as the model documents for this operation
   * @throws TooManyRequestsException as the model documents for this operation
   * @throws CognitoSyncServiceException for any other error response
   * @throws CognitoSyncIoException if the service could not be reached after all attempts
   * @throws MalformedResponseException if the response could not be read
   */
  public GetCognitoEventsResponse getCognitoEvents(GetCognitoEventsRequest request) {
    Objects.requireNonNull(request, "request == null");
    return runner.execute(ModelJson.marshalGetCognitoEvents(request), ModelJson::readGetCognitoEventsResponse, null);
  }

  /**
   * Calls {@code GetIdentityPoolConfiguration} ({@code GET /identitypools/{IdentityPoolId}/configuration}).
   * Gets the configuration settings of an identity pool.
   *
   * @param request the request, not null
   * @return the response
   * @throws NotAuthorizedException as the model documents for this operation
   * @throws InvalidParameterException as the model documents for this operation
   * @throws ResourceNotFoundException as the model documents for this operation
   * @throws InternalErrorException as the model documents for this operation
   * @throws TooManyRequestsException as the model documents for this operation
   * @throws CognitoSyncServiceException for any other error response
   * @throws CognitoSyncIoException if the service could not be reached after all attempts
   * @throws MalformedResponseException if the response could not be read
   */
  public GetIdentityPoolConfigurationResponse getIdentityPoolConfiguration(GetIdentityPoolConfigurationRequest request) {
    Objects.requireNonNull(request, "request == null");
    return runner.execute(ModelJson.marshalGetIdentityPoolConfiguration(request), ModelJson::readGetIdentityPoolConfigurationResponse, null);
  }

  /**
   * Calls {@code ListDatasets} ({@code GET
   * /identitypools/{IdentityPoolId}/identities/{IdentityId}/datasets}). Lists datasets for an identity. With
   * Amazon Cognito Sync, each identity has access only to its own data. Thus, the credentials used to make
   * this API call need to have access to the identity data.
   *
   * @param request the request, not null
   * @return the response
   * @throws NotAuthorizedException as the model documents for this operation
   * @throws InvalidParameterException as the model documents for this operation
   * @throws InternalErrorException as the model documents for this operation
   * @throws TooManyRequestsException as the model documents for this operation
   * @throws CognitoSyncServiceException for any other error response
   * @throws CognitoSyncIoException if the service could not be reached after all attempts
   * @throws MalformedResponseException if the response could not be read
   */
  public ListDatasetsResponse listDatasets(ListDatasetsRequest request) {
    Objects.requireNonNull(request, "request == null");
    return runner.execute(ModelJson.marshalListDatasets(request), ModelJson::readListDatasetsResponse, null);
  }

  /**
   * Calls {@code ListIdentityPoolUsage} ({@code GET /identitypools}). Gets a list of identity pools
   * registered with Cognito.
   *
   * @param request the request, not null
   * @return the response
   * @throws NotAuthorizedException as the model documents for this operation
   * @throws InvalidParameterException as the model documents for this operation
   * @throws InternalErrorException as the model documents for this operation
   * @throws TooManyRequestsException as the model documents for this operation
   * @throws CognitoSyncServiceException for any other error response
   * @throws CognitoSyncIoException if the service could not be reached after all attempts
   * @throws MalformedResponseException if the response could not be read
   */
  public ListIdentityPoolUsageResponse listIdentityPoolUsage(ListIdentityPoolUsageRequest request) {
    Objects.requireNonNull(request, "request == null");
    return runner.execute(ModelJson.marshalListIdentityPoolUsage(request), ModelJson::readListIdentityPoolUsageResponse, null);
  }

  /**
   * Calls {@code ListRecords} ({@code GET
   * /identitypools/{IdentityPoolId}/identities/{IdentityId}/datasets/{DatasetName}/records}). Gets paginated
   * records, optionally changed after a particular sync count for a dataset and identity. With Amazon Cognito
   * Sync, each identity has access only to its own data. Thus, the credentials used to make this API call
   * need to have access to the identity data.
   *
   * @param request the request, not null
   * @return the response
   * @throws InvalidParameterException as the model documents for this operation
   * @throws NotAuthorizedException as the model documents for this operation
   * @throws TooManyRequestsException as the model documents for this operation
   * @throws InternalErrorException as the model documents for this operation
   * @throws CognitoSyncServiceException for any other error response
   * @throws CognitoSyncIoException if the service could not be reached after all attempts
   * @throws MalformedResponseException if the response could not be read
   */
  public ListRecordsResponse listRecords(ListRecordsRequest request) {
    Objects.requireNonNull(request, "request == null");
    return runner.execute(ModelJson.marshalListRecords(request), ModelJson::readListRecordsResponse, null);
  }

  /**
   * Calls {@code RegisterDevice} ({@code POST /identitypools/{IdentityPoolId}/identity/{IdentityId}/device}).
   * Registers a device to receive push sync notifications.
   *
   * @param request the request, not null
   * @return the response
   * @throws NotAuthorizedException as the model documents for this operation
   * @throws InvalidParameterException as the model documents for this operation
   * @throws ResourceNotFoundException as the model documents for this operation
   * @throws InternalErrorException as the model documents for this operation
   * @throws InvalidConfigurationException as the model documents for this operation
   * @throws TooManyRequestsException as the model documents for this operation
   * @throws CognitoSyncServiceException for any other error response
   * @throws CognitoSyncIoException if the service could not be reached after all attempts
   * @throws MalformedResponseException if the response could not be read
   */
  public RegisterDeviceResponse registerDevice(RegisterDeviceRequest request) {
    Objects.requireNonNull(request, "request == null");
    return runner.execute(ModelJson.marshalRegisterDevice(request), ModelJson::readRegisterDeviceResponse, null);
  }

  /**
   * Calls {@code SetCognitoEvents} ({@code POST /identitypools/{IdentityPoolId}/events}). Sets the AWS Lambda
   * function for a given event type for an identity pool. This request only updates the key/value pair
   * specified. Other key/values pairs are not updated. To remove a key value pair, pass a empty value for the
   * particular key.
   *
   * @param request the request, not null
   * @return the response
   * @throws InvalidParameterException as the model documents for this operation
   * @throws ResourceNotFoundException as the model documents for this operation
   * @throws NotAuthorizedException as the model documents for this operation
   * @throws InternalErrorException as the model documents for this operation
   * @throws TooManyRequestsException as the model documents for this operation
   * @throws CognitoSyncServiceException for any other error response
   * @throws CognitoSyncIoException if the service could not be reached after all attempts
   * @throws MalformedResponseException if the response could not be read
   */
  public SetCognitoEventsResponse setCognitoEvents(SetCognitoEventsRequest request) {
    Objects.requireNonNull(request, "request == null");
    return runner.execute(ModelJson.marshalSetCognitoEvents(request), ModelJson::readSetCognitoEventsResponse, null);
  }

  /**
   * Calls {@code SetIdentityPoolConfiguration} ({@code POST /identitypools/{IdentityPoolId}/configuration}).
   * Sets the necessary configuration for push sync.
   *
   * @param request the request, not null
   * @return the response
   * @throws NotAuthorizedException as the model documents for this operation
   * @throws InvalidParameterException as the model documents for this operation
   * @throws ResourceNotFoundException as the model documents for this operation
   * @throws InternalErrorException as the model documents for this operation
   * @throws TooManyRequestsException as the model documents for this operation
   * @throws ConcurrentModificationException as the model documents for this operation
   * @throws CognitoSyncServiceException for any other error response
   * @throws CognitoSyncIoException if the service could not be reached after all attempts
   * @throws MalformedResponseException if the response could not be read
   */
  public SetIdentityPoolConfigurationResponse setIdentityPoolConfiguration(SetIdentityPoolConfigurationRequest request) {
    Objects.requireNonNull(request, "request == null");
    return runner.execute(ModelJson.marshalSetIdentityPoolConfiguration(request), ModelJson::readSetIdentityPoolConfigurationResponse, null);
  }

  /**
   * Calls {@code SubscribeToDataset} ({@code POST
   * /identitypools/{IdentityPoolId}/identities/{IdentityId}/datasets/{DatasetName}/subscriptions/{DeviceId}}).
   * Subscribes to receive notifications when a dataset is modified by another device.
   *
   * @param request the request, not null
   * @return the response
   * @throws NotAuthorizedException as the model documents for this operation
   * @throws InvalidParameterException as the model documents for this operation
   * @throws ResourceNotFoundException as the model documents for this operation
   * @throws InternalErrorException as the model documents for this operation
   * @throws InvalidConfigurationException as the model documents for this operation
   * @throws TooManyRequestsException as the model documents for this operation
   * @throws CognitoSyncServiceException for any other error response
   * @throws CognitoSyncIoException if the service could not be reached after all attempts
   * @throws MalformedResponseException if the response could not be read
   */
  public SubscribeToDatasetResponse subscribeToDataset(SubscribeToDatasetRequest request) {
    Objects.requireNonNull(request, "request == null");
    return runner.execute(ModelJson.marshalSubscribeToDataset(request), ModelJson::readSubscribeToDatasetResponse, null);
  }

  /**
   * Calls {@code UnsubscribeFromDataset} ({@code DELETE
   * /identitypools/{IdentityPoolId}/identities/{IdentityId}/datasets/{DatasetName}/subscriptions/{DeviceId}}).
   * Unsubscribes from receiving notifications when a dataset is modified by another device.
   *
   * @param request the request, not null
   * @return the response
   * @throws NotAuthorizedException as the model documents for this operation
   * @throws InvalidParameterException as the model documents for this operation
   * @throws ResourceNotFoundException as the model documents for this operation
   * @throws InternalErrorException as the model documents for this operation
   * @throws InvalidConfigurationException as the model documents for this operation
   * @throws TooManyRequestsException as the model documents for this operation
   * @throws CognitoSyncServiceException for any other error response
   * @throws CognitoSyncIoException if the service could not be reached after all attempts
   * @throws MalformedResponseException if the response could not be read
   */
  public UnsubscribeFromDatasetResponse unsubscribeFromDataset(UnsubscribeFromDatasetRequest request) {
    Objects.requireNonNull(request, "request == null");
    return runner.execute(ModelJson.marshalUnsubscribeFromDataset(request), ModelJson::readUnsubscribeFromDatasetResponse, null);
  }

  /**
   * Calls {@code UpdateRecords} ({@code POST
   * /identitypools/{IdentityPoolId}/identities/{IdentityId}/datasets/{DatasetName}}). Posts updates to
   * records and adds and deletes records for a dataset and user.
   *
   * <p><b>Retries.</b> This call is retried like every other one (on I/O errors, 5xx and 429) even though it
   * is not idempotent in the HTTP sense. Replaying it is safe because every record patch carries the sync
   * count it was based on: if a lost response hid a write that the service did apply, the replay presents a
   * stale sync count and fails with {@link ResourceConflictException} (409), which the sync engine already
   * handles by pulling the records again and rebasing its pending changes; a replay can therefore never apply
   * the same change twice or overwrite a newer value.
   *
   * @param request the request, not null
   * @return the response
   * @throws InvalidParameterException as the model documents for this operation
   * @throws LimitExceededException as the model documents for this operation
   * @throws NotAuthorizedException as the model documents for this operation
   * @throws ResourceNotFoundException as the model documents for this operation
   * @throws ResourceConflictException as the model documents for this operation
   * @throws InvalidLambdaFunctionOutputException as the model documents for this operation
   * @throws LambdaThrottledException as the model documents for this operation
   * @throws TooManyRequestsException as the model documents for this operation
   * @throws InternalErrorException as the model documents for this operation
   * @throws CognitoSyncServiceException for any other error response
   * @throws CognitoSyncIoException if the service could not be reached after all attempts
   * @throws MalformedResponseException if the response could not be read
   */
  public UpdateRecordsResponse updateRecords(UpdateRecordsRequest request) {
    Objects.requireNonNull(request, "request == null");
    return runner.execute(ModelJson.marshalUpdateRecords(request), ModelJson::readUpdateRecordsResponse, null);
  }

  <T> Single<T> single(HttpRequestSpec spec, Function<JsonNode, T> reader) {
    return Single.create(
        emitter -> {
          Cancellation cancellation = new Cancellation();
          emitter.setCancellable(cancellation::cancel);
          T result;
          try {
            result = runner.execute(spec, reader, cancellation);
          } catch (RuntimeException e) {
            emitter.tryOnError(e);
            return;
          }
          emitter.onSuccess(result);
        });
  }

  /**
   * Releases the dispatcher threads and pooled connections if this client created its own {@link OkHttpClient};
   * does nothing for an injected one.
   */
  @Override
  public void close() {
    if (ownsHttpClient) {
      http.dispatcher().executorService().shutdown();
      http.connectionPool().evictAll();
    }
  }

  @Override
  public String toString() {
    return "CognitoSyncClient{endpoint=" + endpoint + ", region=" + region + "}";
  }

  /** Configures a {@link CognitoSyncClient}; not thread-safe. */
  public static final class Builder {
    private HttpUrl endpoint;
    private String region = "us-east-1";
    private CredentialsProvider credentialsProvider;
    private Duration connectTimeout;
    private Duration readTimeout;
    private Duration writeTimeout;
    private Duration callTimeout;
    private String userAgent = DEFAULT_USER_AGENT;
    private RetryPolicy retryPolicy = RetryPolicy.defaults();
    private OkHttpClient okHttpClient;
    private Clock clock = Clock.systemUTC();
    private Sleeper sleeper = Sleeper.system();
    private long maxResponseBytes = 16L * 1024 * 1024;
    private DoubleSupplier random = () -> ThreadLocalRandom.current().nextDouble();

    private Builder() {}

    /**
     * Sets the endpoint, e.g. {@code http://127.0.0.1:8080/} for a local {@code sync-server}. Defaults to
     * {@code https://cognito-sync.<region>.amazonaws.com/}. A path in the endpoint prefixes every request path.
     *
     * @param endpoint an http or https URL, not null
     * @return this builder
     * @throws IllegalArgumentException if the URL is not valid
     */
    public Builder endpoint(String endpoint) {
      Objects.requireNonNull(endpoint, "endpoint == null");
      this.endpoint = HttpUrl.get(endpoint);
      return this;
    }

    /**
     * Sets the region, used for signing and for the default endpoint. Defaults to {@code us-east-1}.
     *
     * @param region e.g. {@code eu-west-1}, not null
     * @return this builder
     */
    public Builder region(String region) {
      Objects.requireNonNull(region, "region == null");
      if (!region.matches("[a-z0-9-]+")) {
        throw new IllegalArgumentException("region must match [a-z0-9-]+ but is \"" + region + "\"");
      }
      this.region = region;
      return this;
    }

    /**
     * Sets where signing credentials come from. Required.
     *
     * @param credentialsProvider the provider, not null
     * @return this builder
     */
    public Builder credentialsProvider(CredentialsProvider credentialsProvider) {
      this.credentialsProvider =
          Objects.requireNonNull(credentialsProvider, "credentialsProvider == null");
      return this;
    }

    /**
     * Sets the TCP connect timeout. Defaults to 10 s (or the injected client's).
     *
     * @param timeout not negative; zero means none
     * @return this builder
     */
    public Builder connectTimeout(Duration timeout) {
      this.connectTimeout = checkTimeout(timeout, "connectTimeout");
      return this;
    }

    /**
     * Sets the socket read timeout. Defaults to 30 s (or the injected client's).
     *
     * @param timeout not negative; zero means none
     * @return this builder
     */
    public Builder readTimeout(Duration timeout) {
      this.readTimeout = checkTimeout(timeout, "readTimeout");
      return this;
    }

    /**
     * Sets the socket write timeout. Defaults to 30 s (or the injected client's).
     *
     * @param timeout not negative; zero means none
     * @return this builder
     */
    public Builder writeTimeout(Duration timeout) {
      this.writeTimeout = checkTimeout(timeout, "writeTimeout");
      return this;
    }

    /**
     * Sets the limit for one whole attempt (connect, send, wait, read). Defaults to 60 s (or the injected
     * client's). Retries get a fresh limit each.
     *
     * @param timeout not negative; zero means none
     * @return this builder
     */
    public Builder callTimeout(Duration timeout) {
      this.callTimeout = checkTimeout(timeout, "callTimeout");
      return this;
    }

    private static Duration checkTimeout(Duration timeout, String name) {
      Objects.requireNonNull(timeout, name + " == null");
      if (timeout.isNegative()) {
        throw new IllegalArgumentException(name + " < 0: " + timeout);
      }
      return timeout;
    }

    /**
     * Sets the {@code User-Agent} header. Defaults to {@link #DEFAULT_USER_AGENT}.
     *
     * @param userAgent not null
     * @return this builder
     */
    public Builder userAgent(String userAgent) {
      this.userAgent = Objects.requireNonNull(userAgent, "userAgent == null");
      return this;
    }

    /**
     * Sets the retry policy. Defaults to {@link RetryPolicy#defaults()}.
     *
     * @param retryPolicy not null
     * @return this builder
     */
    public Builder retryPolicy(RetryPolicy retryPolicy) {
      this.retryPolicy = Objects.requireNonNull(retryPolicy, "retryPolicy == null");
      return this;
    }

    /**
     * Sets the OkHttp client to use (sharing its connection pool and dispatcher). Timeouts set on this builder
     * override the injected client's. Defaults to a new client owned by the {@link CognitoSyncClient}.
     *
     * @param okHttpClient not null
     * @return this builder
     */
    public Builder okHttpClient(OkHttpClient okHttpClient) {
      this.okHttpClient = Objects.requireNonNull(okHttpClient, "okHttpClient == null");
      return this;
    }

    /**
     * Sets the clock that dates signatures. Defaults to {@link Clock#systemUTC()}.
     *
     * @param clock not null
     * @return this builder
     */
    public Builder clock(Clock clock) {
      this.clock = Objects.requireNonNull(clock, "clock == null");
      return this;
    }

    /**
     * Sets how the client waits between retries. Defaults to {@link Sleeper#system()}.
     *
     * @param sleeper not null
     * @return this builder
     */
    public Builder sleeper(Sleeper sleeper) {
      this.sleeper = Objects.requireNonNull(sleeper, "sleeper == null");
      return this;
    }

    /**
     * Sets the largest response body the client reads; a larger one fails the call with
     * {@link MalformedResponseException} without buffering it. Defaults to 16 MiB.
     *
     * @param maxResponseBytes at least 1
     * @return this builder
     */
    public Builder maxResponseBytes(long maxResponseBytes) {
      if (maxResponseBytes < 1) {
        throw new IllegalArgumentException("maxResponseBytes < 1: " + maxResponseBytes);
      }
      this.maxResponseBytes = maxResponseBytes;
      return this;
    }

    Builder random(DoubleSupplier random) {
      this.random = Objects.requireNonNull(random, "random == null");
      return this;
    }

    /**
     * Builds the client.
     *
     * @return the client
     * @throws IllegalStateException if no credentials provider was set
     */
    public CognitoSyncClient build() {
      if (credentialsProvider == null) {
        throw new IllegalStateException("credentialsProvider is required");
      }
      return new CognitoSyncClient(this);
    }
  }
}
