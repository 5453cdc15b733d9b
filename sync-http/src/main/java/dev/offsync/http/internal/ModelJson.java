package dev.offsync.http.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import dev.offsync.http.model.BulkPublishRequest;
import dev.offsync.http.model.BulkPublishResponse;
import dev.offsync.http.model.BulkPublishStatus;
import dev.offsync.http.model.CognitoStreams;
import dev.offsync.http.model.Dataset;
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
import dev.offsync.http.model.IdentityPoolUsage;
import dev.offsync.http.model.IdentityUsage;
import dev.offsync.http.model.ListDatasetsRequest;
import dev.offsync.http.model.ListDatasetsResponse;
import dev.offsync.http.model.ListIdentityPoolUsageRequest;
import dev.offsync.http.model.ListIdentityPoolUsageResponse;
import dev.offsync.http.model.ListRecordsRequest;
import dev.offsync.http.model.ListRecordsResponse;
import dev.offsync.http.model.Operation;
import dev.offsync.http.model.Platform;
import dev.offsync.http.model.PushSync;
import dev.offsync.http.model.Record;
import dev.offsync.http.model.RecordPatch;
import dev.offsync.http.model.RegisterDeviceRequest;
import dev.offsync.http.model.RegisterDeviceResponse;
import dev.offsync.http.model.SetCognitoEventsRequest;
import dev.offsync.http.model.SetCognitoEventsResponse;
import dev.offsync.http.model.SetIdentityPoolConfigurationRequest;
import dev.offsync.http.model.SetIdentityPoolConfigurationResponse;
import dev.offsync.http.model.StreamingStatus;
import dev.offsync.http.model.SubscribeToDatasetRequest;
import dev.offsync.http.model.SubscribeToDatasetResponse;
import dev.offsync.http.model.UnsubscribeFromDatasetRequest;
import dev.offsync.http.model.UnsubscribeFromDatasetResponse;
import dev.offsync.http.model.UpdateRecordsRequest;
import dev.offsync.http.model.UpdateRecordsResponse;

/**
 * Maps the model types to and from the restJson1 wire format: requests to {@link HttpRequestSpec}s (path labels,
 * camelCase query parameters, headers, PascalCase JSON bodies that omit absent members) and JSON response bodies
 * to response types. Generated from the service model; one reader per response shape, one writer per body shape.
 */
public final class ModelJson {
  private ModelJson() {}

  /**
   * Reads a {@code BulkPublishResponse} JSON object.
   *
   * @param node the JSON object
   * @return the value
   * @throws MalformedJsonException if a member has the wrong JSON type
   */
  public static BulkPublishResponse readBulkPublishResponse(JsonNode node) {
    Json.requireObject(node, "BulkPublishResponse");
    BulkPublishResponse.Builder builder = BulkPublishResponse.builder();
    ifPresent(Json.string(node, "IdentityPoolId"), builder::identityPoolId);
    return builder.build();
  }

  /**
   * Reads a {@code CognitoStreams} JSON object.
   *
   * @param node the JSON object
   * @return the value
   * @throws MalformedJsonException if a member has the wrong JSON type
   */
  public static CognitoStreams readCognitoStreams(JsonNode node) {
    Json.requireObject(node, "CognitoStreams");
    CognitoStreams.Builder builder = CognitoStreams.builder();
    ifPresent(Json.string(node, "StreamName"), builder::streamName);
    ifPresent(Json.string(node, "RoleArn"), builder::roleArn);
    ifPresent(Json.string(node, "StreamingStatus"),
        status -> builder.streamingStatus(StreamingStatus.fromValue(status)));
    return builder.build();
  }

  /**
   * Reads a {@code Dataset} JSON object.
   *
   * @param node the JSON object
   * @return the value
   * @throws MalformedJsonException if a member has the wrong JSON type
   */
  public static Dataset readDataset(JsonNode node) {
    Json.requireObject(node, "Dataset");
    Dataset.Builder builder = Dataset.builder();
    ifPresent(Json.string(node, "IdentityId"), builder::identityId);
    ifPresent(Json.string(node, "DatasetName"), builder::datasetName);
    ifPresent(Json.instant(node, "CreationDate"), builder::creationDate);
    ifPresent(Json.instant(node, "LastModifiedDate"), builder::lastModifiedDate);
    ifPresent(Json.string(node, "LastModifiedBy"), builder::lastModifiedBy);
    ifPresent(Json.longValue(node, "DataStorage"), builder::dataStorage);
    ifPresent(Json.longValue(node, "NumRecords"), builder::numRecords);
    return builder.build();
  }

  /**
   * Reads a {@code DeleteDatasetResponse} JSON object.
   *
   * @param node the JSON object
   * @return the value
   * @throws MalformedJsonException if a member has the wrong JSON type
   */
  public static DeleteDatasetResponse readDeleteDatasetResponse(JsonNode node) {
    Json.requireObject(node, "DeleteDatasetResponse");
    DeleteDatasetResponse.Builder builder = DeleteDatasetResponse.builder();
    ifPresent(Json.object(node, "Dataset", ModelJson::readDataset), builder::dataset);
    return builder.build();
  }

  /**
   * Reads a {@code DescribeDatasetResponse} JSON object.
   *
   * @param node the JSON object
   * @return the value
   * @throws MalformedJsonException if a member has the wrong JSON type
   */
  public static DescribeDatasetResponse readDescribeDatasetResponse(JsonNode node) {
    Json.requireObject(node, "DescribeDatasetResponse");
    DescribeDatasetResponse.Builder builder = DescribeDatasetResponse.builder();
    ifPresent(Json.object(node, "Dataset", ModelJson::readDataset), builder::dataset);
    return builder.build();
  }

  /**
   * Reads a {@code DescribeIdentityPoolUsageResponse} JSON object.
   *
   * @param node the JSON object
   * @return the value
   * @throws MalformedJsonException if a member has the wrong JSON type
   */
  public static DescribeIdentityPoolUsageResponse readDescribeIdentityPoolUsageResponse(JsonNode node) {
    Json.requireObject(node, "DescribeIdentityPoolUsageResponse");
    DescribeIdentityPoolUsageResponse.Builder builder = DescribeIdentityPoolUsageResponse.builder();
    ifPresent(Json.object(node, "IdentityPoolUsage", ModelJson::readIdentityPoolUsage), builder::identityPoolUsage);
    return builder.build();
  }

  /**
   * Reads a {@code DescribeIdentityUsageResponse} JSON object.
   *
   * @param node the JSON object
   * @return the value
   * @throws MalformedJsonException if a member has the wrong JSON type
   */
  public static DescribeIdentityUsageResponse readDescribeIdentityUsageResponse(JsonNode node) {
    Json.requireObject(node, "DescribeIdentityUsageResponse");
    DescribeIdentityUsageResponse.Builder builder = DescribeIdentityUsageResponse.builder();
    ifPresent(Json.object(node, "IdentityUsage", ModelJson::readIdentityUsage), builder::identityUsage);
    return builder.build();
  }

  /**
   * Reads a {@code GetBulkPublishDetailsResponse} JSON object.
   *
   * @param node the JSON object
   * @return the value
   * @throws MalformedJsonException if a member has the wrong JSON type
   */
  public static GetBulkPublishDetailsResponse readGetBulkPublishDetailsResponse(JsonNode node) {
    Json.requireObject(node, "GetBulkPublishDetailsResponse");
    GetBulkPublishDetailsResponse.Builder builder = GetBulkPublishDetailsResponse.builder();
    ifPresent(Json.string(node, "IdentityPoolId"), builder::identityPoolId);
    ifPresent(Json.instant(node, "BulkPublishStartTime"), builder::bulkPublishStartTime);
    ifPresent(Json.instant(node, "BulkPublishCompleteTime"), builder::bulkPublishCompleteTime);
    ifPresent(Json.string(node, "BulkPublishStatus"),
        status -> builder.bulkPublishStatus(BulkPublishStatus.fromValue(status)));
    ifPresent(Json.string(node, "FailureMessage"), builder::failureMessage);
    return builder.build();
  }

  /**
   * Reads a {@code GetCognitoEventsResponse} JSON object.
   *
   * @param node the JSON object
   * @return the value
   * @throws MalformedJsonException if a member has the wrong JSON type
   */
  public static GetCognitoEventsResponse readGetCognitoEventsResponse(JsonNode node) {
    Json.requireObject(node, "GetCognitoEventsResponse");
    GetCognitoEventsResponse.Builder builder = GetCognitoEventsResponse.builder();
    ifPresent(Json.stringMap(node, "Events"), builder::events);
    return builder.build();
  }

  /**
   * Reads a {@code GetIdentityPoolConfigurationResponse} JSON object.
   *
   * @param node the JSON object
   * @return the value
   * @throws MalformedJsonException if a member has the wrong JSON type
   */
  public static GetIdentityPoolConfigurationResponse readGetIdentityPoolConfigurationResponse(JsonNode node) {
    Json.requireObject(node, "GetIdentityPoolConfigurationResponse");
    GetIdentityPoolConfigurationResponse.Builder builder = GetIdentityPoolConfigurationResponse.builder();
    ifPresent(Json.string(node, "IdentityPoolId"), builder::identityPoolId);
    ifPresent(Json.object(node, "PushSync", ModelJson::readPushSync), builder::pushSync);
    ifPresent(Json.object(node, "CognitoStreams", ModelJson::readCognitoStreams), builder::cognitoStreams);
    return builder.build();
  }

  /**
   * Reads a {@code IdentityPoolUsage} JSON object.
   *
   * @param node the JSON object
   * @return the value
   * @throws MalformedJsonException if a member has the wrong JSON type
   */
  public static IdentityPoolUsage readIdentityPoolUsage(JsonNode node) {
    Json.requireObject(node, "IdentityPoolUsage");
    IdentityPoolUsage.Builder builder = IdentityPoolUsage.builder();
    ifPresent(Json.string(node, "IdentityPoolId"), builder::identityPoolId);
    ifPresent(Json.longValue(node, "SyncSessionsCount"), builder::syncSessionsCount);
    ifPresent(Json.longValue(node, "DataStorage"), builder::dataStorage);
    ifPresent(Json.instant(node, "LastModifiedDate"), builder::lastModifiedDate);
    return builder.build();
  }

  /**
   * Reads a {@code IdentityUsage} JSON object.
   *
   * @param node the JSON object
   * @return the value
   * @throws MalformedJsonException if a member has the wrong JSON type
   */
  public static IdentityUsage readIdentityUsage(JsonNode node) {
    Json.requireObject(node, "IdentityUsage");
    IdentityUsage.Builder builder = IdentityUsage.builder();
    ifPresent(Json.string(node, "IdentityId"), builder::identityId);
    ifPresent(Json.string(node, "IdentityPoolId"), builder::identityPoolId);
    ifPresent(Json.instant(node, "LastModifiedDate"), builder::lastModifiedDate);
    ifPresent(Json.intValue(node, "DatasetCount"), builder::datasetCount);
    ifPresent(Json.longValue(node, "DataStorage"), builder::dataStorage);
    return builder.build();
  }

  /**
   * Reads a {@code ListDatasetsResponse} JSON object.
   *
   * @param node the JSON object
   * @return the value
   * @throws MalformedJsonException if a member has the wrong JSON type
   */
  public static ListDatasetsResponse readListDatasetsResponse(JsonNode node) {
    Json.requireObject(node, "ListDatasetsResponse");
    ListDatasetsResponse.Builder builder = ListDatasetsResponse.builder();
    ifPresent(Json.list(node, "Datasets", ModelJson::readDataset), builder::datasets);
    ifPresent(Json.intValue(node, "Count"), builder::count);
    ifPresent(Json.string(node, "NextToken"), builder::nextToken);
    return builder.build();
  }

  /**
   * Reads a {@code ListIdentityPoolUsageResponse} JSON object.
   *
   * @param node the JSON object
   * @return the value
   * @throws MalformedJsonException if a member has the wrong JSON type
   */
  public static ListIdentityPoolUsageResponse readListIdentityPoolUsageResponse(JsonNode node) {
    Json.requireObject(node, "ListIdentityPoolUsageResponse");
    ListIdentityPoolUsageResponse.Builder builder = ListIdentityPoolUsageResponse.builder();
    ifPresent(Json.list(node, "IdentityPoolUsages", ModelJson::readIdentityPoolUsage), builder::identityPoolUsages);
    ifPresent(Json.intValue(node, "MaxResults"), builder::maxResults);
    ifPresent(Json.intValue(node, "Count"), builder::count);
    ifPresent(Json.string(node, "NextToken"), builder::nextToken);
    return builder.build();
  }

  /**
   * Reads a {@code ListRecordsResponse} JSON object.
   *
   * @param node the JSON object
   * @return the value
   * @throws MalformedJsonException if a member has the wrong JSON type
   */
  public static ListRecordsResponse readListRecordsResponse(JsonNode node) {
    Json.requireObject(node, "ListRecordsResponse");
    ListRecordsResponse.Builder builder = ListRecordsResponse.builder();
    ifPresent(Json.list(node, "Records", ModelJson::readRecord), builder::records);
    ifPresent(Json.string(node, "NextToken"), builder::nextToken);
    ifPresent(Json.intValue(node, "Count"), builder::count);
    ifPresent(Json.longValue(node, "DatasetSyncCount"), builder::datasetSyncCount);
    ifPresent(Json.string(node, "LastModifiedBy"), builder::lastModifiedBy);
    ifPresent(Json.list(node, "MergedDatasetNames", Json::asString), builder::mergedDatasetNames);
    ifPresent(Json.bool(node, "DatasetExists"), builder::datasetExists);
    ifPresent(Json.bool(node, "DatasetDeletedAfterRequestedSyncCount"), builder::datasetDeletedAfterRequestedSyncCount);
    ifPresent(Json.string(node, "SyncSessionToken"), builder::syncSessionToken);
    return builder.build();
  }

  /**
   * Reads a {@code PushSync} JSON object.
   *
   * @param node the JSON object
   * @return the value
   * @throws MalformedJsonException if a member has the wrong JSON type
   */
  public static PushSync readPushSync(JsonNode node) {
    Json.requireObject(node, "PushSync");
    PushSync.Builder builder = PushSync.builder();
    ifPresent(Json.list(node, "ApplicationArns", Json::asString), builder::applicationArns);
    ifPresent(Json.string(node, "RoleArn"), builder::roleArn);
    return builder.build();
  }

  /**
   * Reads a {@code Record} JSON object.
   *
   * @param node the JSON object
   * @return the value
   * @throws MalformedJsonException if a member has the wrong JSON type
   */
  public static Record readRecord(JsonNode node) {
    Json.requireObject(node, "Record");
    Record.Builder builder = Record.builder();
    ifPresent(Json.string(node, "Key"), builder::key);
    ifPresent(Json.string(node, "Value"), builder::value);
    ifPresent(Json.longValue(node, "SyncCount"), builder::syncCount);
    ifPresent(Json.instant(node, "LastModifiedDate"), builder::lastModifiedDate);
    ifPresent(Json.string(node, "LastModifiedBy"), builder::lastModifiedBy);
    ifPresent(Json.instant(node, "DeviceLastModifiedDate"), builder::deviceLastModifiedDate);
    return builder.build();
  }

  /**
   * Reads a {@code RegisterDeviceResponse} JSON object.
   *
   * @param node the JSON object
   * @return the value
   * @throws MalformedJsonException if a member has the wrong JSON type
   */
  public static RegisterDeviceResponse readRegisterDeviceResponse(JsonNode node) {
    Json.requireObject(node, "RegisterDeviceResponse");
    RegisterDeviceResponse.Builder builder = RegisterDeviceResponse.builder();
    ifPresent(Json.string(node, "DeviceId"), builder::deviceId);
    return builder.build();
  }

  /**
   * Reads a {@code SetCognitoEventsResponse} JSON object.
   *
   * @param node the JSON object
   * @return the value
   * @throws MalformedJsonException if a member has the wrong JSON type
   */
  public static SetCognitoEventsResponse readSetCognitoEventsResponse(JsonNode node) {
    Json.requireObject(node, "SetCognitoEventsResponse");
    SetCognitoEventsResponse.Builder builder = SetCognitoEventsResponse.builder();
    return builder.build();
  }

  /**
   * Reads a {@code SetIdentityPoolConfigurationResponse} JSON object.
   *
   * @param node the JSON object
   * @return the value
   * @throws MalformedJsonException if a member has the wrong JSON type
   */
  public static SetIdentityPoolConfigurationResponse readSetIdentityPoolConfigurationResponse(JsonNode node) {
    Json.requireObject(node, "SetIdentityPoolConfigurationResponse");
    SetIdentityPoolConfigurationResponse.Builder builder = SetIdentityPoolConfigurationResponse.builder();
    ifPresent(Json.string(node, "IdentityPoolId"), builder::identityPoolId);
    ifPresent(Json.object(node, "PushSync", ModelJson::readPushSync), builder::pushSync);
    ifPresent(Json.object(node, "CognitoStreams", ModelJson::readCognitoStreams), builder::cognitoStreams);
    return builder.build();
  }

  /**
   * Reads a {@code SubscribeToDatasetResponse} JSON object.
   *
   * @param node the JSON object
   * @return the value
   * @throws MalformedJsonException if a member has the wrong JSON type
   */
  public static SubscribeToDatasetResponse readSubscribeToDatasetResponse(JsonNode node) {
    Json.requireObject(node, "SubscribeToDatasetResponse");
    SubscribeToDatasetResponse.Builder builder = SubscribeToDatasetResponse.builder();
    return builder.build();
  }

  /**
   * Reads a {@code UnsubscribeFromDatasetResponse} JSON object.
   *
   * @param node the JSON object
   * @return the value
   * @throws MalformedJsonException if a member has the wrong JSON type
   */
  public static UnsubscribeFromDatasetResponse readUnsubscribeFromDatasetResponse(JsonNode node) {
    Json.requireObject(node, "UnsubscribeFromDatasetResponse");
    UnsubscribeFromDatasetResponse.Builder builder = UnsubscribeFromDatasetResponse.builder();
    return builder.build();
  }

  /**
   * Reads a {@code UpdateRecordsResponse} JSON object.
   *
   * @param node the JSON object
   * @return the value
   * @throws MalformedJsonException if a member has the wrong JSON type
   */
  public static UpdateRecordsResponse readUpdateRecordsResponse(JsonNode node) {
    Json.requireObject(node, "UpdateRecordsResponse");
    UpdateRecordsResponse.Builder builder = UpdateRecordsResponse.builder();
    ifPresent(Json.list(node, "Records", ModelJson::readRecord), builder::records);
    return builder.build();
  }

  /**
   * Writes a {@code CognitoStreams} as a JSON object, omitting absent members.
   *
   * @param value the value
   * @return the JSON object
   */
  public static ObjectNode writeCognitoStreams(CognitoStreams value) {
    ObjectNode node = Json.newObject();
    ifPresent(value.streamName(), v -> node.put("StreamName", v));
    ifPresent(value.roleArn(), v -> node.put("RoleArn", v));
    ifPresent(value.streamingStatus(), v -> node.put("StreamingStatus", v.value()));
    return node;
  }

  /**
   * Writes a {@code PushSync} as a JSON object, omitting absent members.
   *
   * @param value the value
   * @return the JSON object
   */
  public static ObjectNode writePushSync(PushSync value) {
    ObjectNode node = Json.newObject();
    if (value.applicationArns() != null) {
      ArrayNode applicationArnsArray = node.putArray("ApplicationArns");
      for (String element : value.applicationArns()) {
        applicationArnsArray.add(element);
      }
    }
    ifPresent(value.roleArn(), v -> node.put("RoleArn", v));
    return node;
  }

  /**
   * Writes a {@code RecordPatch} as a JSON object, omitting absent members.
   *
   * @param value the value
   * @return the JSON object
   */
  public static ObjectNode writeRecordPatch(RecordPatch value) {
    ObjectNode node = Json.newObject();
    ifPresent(value.op(), v -> node.put("Op", v.value()));
    ifPresent(value.key(), v -> node.put("Key", v));
    ifPresent(value.value(), v -> node.put("Value", v));
    ifPresent(value.syncCount(), v -> node.put("SyncCount", v));
    ifPresent(value.deviceLastModifiedDate(), v -> node.set("DeviceLastModifiedDate", Json.epochSeconds(v)));
    return node;
  }

  /**
   * Marshals a {@code BulkPublish} request: {@code POST /identitypools/{IdentityPoolId}/bulkpublish}.
   *
   * @param request the validated request
   * @return the HTTP request description
   */
  public static HttpRequestSpec marshalBulkPublish(BulkPublishRequest request) {
    HttpRequestSpec.Builder builder = HttpRequestSpec.builder("BulkPublish", "POST");
    builder.pathLiteral("identitypools");
    builder.pathLabel(request.identityPoolId());
    builder.pathLiteral("bulkpublish");
    return builder.build();
  }

  /**
   * Marshals a {@code DeleteDataset} request: {@code DELETE /identitypools/{IdentityPoolId}/identities/{IdentityId}/datasets/{DatasetName}}.
   *
   * @param request the validated request
   * @return the HTTP request description
   */
  public static HttpRequestSpec marshalDeleteDataset(DeleteDatasetRequest request) {
    HttpRequestSpec.Builder builder = HttpRequestSpec.builder("DeleteDataset", "DELETE");
    builder.pathLiteral("identitypools");
    builder.pathLabel(request.identityPoolId());
    builder.pathLiteral("identities");
    builder.pathLabel(request.identityId());
    builder.pathLiteral("datasets");
    builder.pathLabel(request.datasetName());
    return builder.build();
  }

  /**
   * Marshals a {@code DescribeDataset} request: {@code GET /identitypools/{IdentityPoolId}/identities/{IdentityId}/datasets/{DatasetName}}.
   *
   * @param request the validated request
   * @return the HTTP request description
   */
  public static HttpRequestSpec marshalDescribeDataset(DescribeDatasetRequest request) {
    HttpRequestSpec.Builder builder = HttpRequestSpec.builder("DescribeDataset", "GET");
    builder.pathLiteral("identitypools");
    builder.pathLabel(request.identityPoolId());
    builder.pathLiteral("identities");
    builder.pathLabel(request.identityId());
    builder.pathLiteral("datasets");
    builder.pathLabel(request.datasetName());
    return builder.build();
  }

  /**
   * Marshals a {@code DescribeIdentityPoolUsage} request: {@code GET /identitypools/{IdentityPoolId}}.
   *
   * @param request the validated request
   * @return the HTTP request description
   */
  public static HttpRequestSpec marshalDescribeIdentityPoolUsage(DescribeIdentityPoolUsageRequest request) {
    HttpRequestSpec.Builder builder = HttpRequestSpec.builder("DescribeIdentityPoolUsage", "GET");
    builder.pathLiteral("identitypools");
    builder.pathLabel(request.identityPoolId());
    return builder.build();
  }

  /**
   * Marshals a {@code DescribeIdentityUsage} request: {@code GET /identitypools/{IdentityPoolId}/identities/{IdentityId}}.
   *
   * @param request the validated request
   * @return the HTTP request description
   */
  public static HttpRequestSpec marshalDescribeIdentityUsage(DescribeIdentityUsageRequest request) {
    HttpRequestSpec.Builder builder = HttpRequestSpec.builder("DescribeIdentityUsage", "GET");
    builder.pathLiteral("identitypools");
    builder.pathLabel(request.identityPoolId());
    builder.pathLiteral("identities");
    builder.pathLabel(request.identityId());
    return builder.build();
  }

  /**
   * Marshals a {@code GetBulkPublishDetails} request: {@code POST /identitypools/{IdentityPoolId}/getBulkPublishDetails}.
   *
   * @param request the validated request
   * @return the HTTP request description
   */
  public static HttpRequestSpec marshalGetBulkPublishDetails(GetBulkPublishDetailsRequest request) {
    HttpRequestSpec.Builder builder = HttpRequestSpec.builder("GetBulkPublishDetails", "POST");
    builder.pathLiteral("identitypools");
    builder.pathLabel(request.identityPoolId());
    builder.pathLiteral("getBulkPublishDetails");
    return builder.build();
  }

  /**
   * Marshals a {@code GetCognitoEvents} request: {@code GET /identitypools/{IdentityPoolId}/events}.
   *
   * @param request the validated request
   * @return the HTTP request description
   */
  public static HttpRequestSpec marshalGetCognitoEvents(GetCognitoEventsRequest request) {
    HttpRequestSpec.Builder builder = HttpRequestSpec.builder("GetCognitoEvents", "GET");
    builder.pathLiteral("identitypools");
    builder.pathLabel(request.identityPoolId());
    builder.pathLiteral("events");
    return builder.build();
  }

  /**
   * Marshals a {@code GetIdentityPoolConfiguration} request: {@code GET /identitypools/{IdentityPoolId}/configuration}.
   *
   * @param request the validated request
   * @return the HTTP request description
   */
  public static HttpRequestSpec marshalGetIdentityPoolConfiguration(GetIdentityPoolConfigurationRequest request) {
    HttpRequestSpec.Builder builder = HttpRequestSpec.builder("GetIdentityPoolConfiguration", "GET");
    builder.pathLiteral("identitypools");
    builder.pathLabel(request.identityPoolId());
    builder.pathLiteral("configuration");
    return builder.build();
  }

  /**
   * Marshals a {@code ListDatasets} request: {@code GET /identitypools/{IdentityPoolId}/identities/{IdentityId}/datasets}.
   *
   * @param request the validated request
   * @return the HTTP request description
   */
  public static HttpRequestSpec marshalListDatasets(ListDatasetsRequest request) {
    HttpRequestSpec.Builder builder = HttpRequestSpec.builder("ListDatasets", "GET");
    builder.pathLiteral("identitypools");
    builder.pathLabel(request.identityPoolId());
    builder.pathLiteral("identities");
    builder.pathLabel(request.identityId());
    builder.pathLiteral("datasets");
    ifPresent(request.nextToken(), v -> builder.query("nextToken", String.valueOf(v)));
    ifPresent(request.maxResults(), v -> builder.query("maxResults", String.valueOf(v)));
    return builder.build();
  }

  /**
   * Marshals a {@code ListIdentityPoolUsage} request: {@code GET /identitypools}.
   *
   * @param request the validated request
   * @return the HTTP request description
   */
  public static HttpRequestSpec marshalListIdentityPoolUsage(ListIdentityPoolUsageRequest request) {
    HttpRequestSpec.Builder builder = HttpRequestSpec.builder("ListIdentityPoolUsage", "GET");
    builder.pathLiteral("identitypools");
    ifPresent(request.nextToken(), v -> builder.query("nextToken", String.valueOf(v)));
    ifPresent(request.maxResults(), v -> builder.query("maxResults", String.valueOf(v)));
    return builder.build();
  }

  /**
   * Marshals a {@code ListRecords} request: {@code GET /identitypools/{IdentityPoolId}/identities/{IdentityId}/datasets/{DatasetName}/records}.
   *
   * @param request the validated request
   * @return the HTTP request description
   */
  public static HttpRequestSpec marshalListRecords(ListRecordsRequest request) {
    HttpRequestSpec.Builder builder = HttpRequestSpec.builder("ListRecords", "GET");
    builder.pathLiteral("identitypools");
    builder.pathLabel(request.identityPoolId());
    builder.pathLiteral("identities");
    builder.pathLabel(request.identityId());
    builder.pathLiteral("datasets");
    builder.pathLabel(request.datasetName());
    builder.pathLiteral("records");
    ifPresent(request.lastSyncCount(), v -> builder.query("lastSyncCount", String.valueOf(v)));
    ifPresent(request.nextToken(), v -> builder.query("nextToken", String.valueOf(v)));
    ifPresent(request.maxResults(), v -> builder.query("maxResults", String.valueOf(v)));
    ifPresent(request.syncSessionToken(), v -> builder.query("syncSessionToken", String.valueOf(v)));
    return builder.build();
  }

  /**
   * Marshals a {@code RegisterDevice} request: {@code POST /identitypools/{IdentityPoolId}/identity/{IdentityId}/device}.
   *
   * @param request the validated request
   * @return the HTTP request description
   */
  public static HttpRequestSpec marshalRegisterDevice(RegisterDeviceRequest request) {
    HttpRequestSpec.Builder builder = HttpRequestSpec.builder("RegisterDevice", "POST");
    builder.pathLiteral("identitypools");
    builder.pathLabel(request.identityPoolId());
    builder.pathLiteral("identity");
    builder.pathLabel(request.identityId());
    builder.pathLiteral("device");
    ObjectNode body = Json.newObject();
    ifPresent(request.platform(), v -> body.put("Platform", v.value()));
    if (request.token() != null) {
      body.put("Token", request.token());
      builder.sensitive(request.token());
    }
    builder.jsonBody(body);
    return builder.build();
  }

  /**
   * Marshals a {@code SetCognitoEvents} request: {@code POST /identitypools/{IdentityPoolId}/events}.
   *
   * @param request the validated request
   * @return the HTTP request description
   */
  public static HttpRequestSpec marshalSetCognitoEvents(SetCognitoEventsRequest request) {
    HttpRequestSpec.Builder builder = HttpRequestSpec.builder("SetCognitoEvents", "POST");
    builder.pathLiteral("identitypools");
    builder.pathLabel(request.identityPoolId());
    builder.pathLiteral("events");
    ObjectNode body = Json.newObject();
    if (request.events() != null) {
      ObjectNode eventsObject = body.putObject("Events");
      for (Map.Entry<String, String> entry : request.events().entrySet()) {
        eventsObject.put(entry.getKey(), entry.getValue());
      }
    }
    builder.jsonBody(body);
    return builder.build();
  }

  /**
   * Marshals a {@code SetIdentityPoolConfiguration} request: {@code POST /identitypools/{IdentityPoolId}/configuration}.
   *
   * @param request the validated request
   * @return the HTTP request description
   */
  public static HttpRequestSpec marshalSetIdentityPoolConfiguration(SetIdentityPoolConfigurationRequest request) {
    HttpRequestSpec.Builder builder = HttpRequestSpec.builder("SetIdentityPoolConfiguration", "POST");
    builder.pathLiteral("identitypools");
    builder.pathLabel(request.identityPoolId());
    builder.pathLiteral("configuration");
    ObjectNode body = Json.newObject();
    ifPresent(request.pushSync(), v -> body.set("PushSync", writePushSync(v)));
    ifPresent(request.cognitoStreams(), v -> body.set("CognitoStreams", writeCognitoStreams(v)));
    builder.jsonBody(body);
    return builder.build();
  }

  /**
   * Marshals a {@code SubscribeToDataset} request: {@code POST /identitypools/{IdentityPoolId}/identities/{IdentityId}/datasets/{DatasetName}/subscriptions/{DeviceId}}.
   *
   * @param request the validated request
   * @return the HTTP request description
   */
  public static HttpRequestSpec marshalSubscribeToDataset(SubscribeToDatasetRequest request) {
    HttpRequestSpec.Builder builder = HttpRequestSpec.builder("SubscribeToDataset", "POST");
    builder.pathLiteral("identitypools");
    builder.pathLabel(request.identityPoolId());
    builder.pathLiteral("identities");
    builder.pathLabel(request.identityId());
    builder.pathLiteral("datasets");
    builder.pathLabel(request.datasetName());
    builder.pathLiteral("subscriptions");
    builder.pathLabel(request.deviceId());
    return builder.build();
  }

  /**
   * Marshals a {@code UnsubscribeFromDataset} request: {@code DELETE /identitypools/{IdentityPoolId}/identities/{IdentityId}/datasets/{DatasetName}/subscriptions/{DeviceId}}.
   *
   * @param request the validated request
   * @return the HTTP request description
   */
  public static HttpRequestSpec marshalUnsubscribeFromDataset(UnsubscribeFromDatasetRequest request) {
    HttpRequestSpec.Builder builder = HttpRequestSpec.builder("UnsubscribeFromDataset", "DELETE");
    builder.pathLiteral("identitypools");
    builder.pathLabel(request.identityPoolId());
    builder.pathLiteral("identities");
    builder.pathLabel(request.identityId());
    builder.pathLiteral("datasets");
    builder.pathLabel(request.datasetName());
    builder.pathLiteral("subscriptions");
    builder.pathLabel(request.deviceId());
    return builder.build();
  }

  /**
   * Marshals a {@code UpdateRecords} request: {@code POST /identitypools/{IdentityPoolId}/identities/{IdentityId}/datasets/{DatasetName}}.
   *
   * @param request the validated request
   * @return the HTTP request description
   */
  public static HttpRequestSpec marshalUpdateRecords(UpdateRecordsRequest request) {
    HttpRequestSpec.Builder builder = HttpRequestSpec.builder("UpdateRecords", "POST");
    builder.pathLiteral("identitypools");
    builder.pathLabel(request.identityPoolId());
    builder.pathLiteral("identities");
    builder.pathLabel(request.identityId());
    builder.pathLiteral("datasets");
    builder.pathLabel(request.datasetName());
    ifPresent(request.clientContext(), v -> builder.header("x-amz-Client-Context", v));
    ObjectNode body = Json.newObject();
    ifPresent(request.deviceId(), v -> body.put("DeviceId", v));
    if (request.recordPatches() != null) {
      ArrayNode recordPatchesArray = body.putArray("RecordPatches");
      for (RecordPatch element : request.recordPatches()) {
        recordPatchesArray.add(writeRecordPatch(element));
      }
    }
    ifPresent(request.syncSessionToken(), v -> body.put("SyncSessionToken", v));
    builder.jsonBody(body);
    return builder.build();
  }

  /** Hands {@code value} to {@code sink} unless it is {@code null}: an absent member is neither read into a builder nor written. */
  private static <T> void ifPresent(T value, Consumer<? super T> sink) {
    if (value != null) {
      sink.accept(value);
    }
  }
}
