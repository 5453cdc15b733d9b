package dev.offsync.http.internal.migration;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.offsync.http.internal.HttpRequestSpec;
import dev.offsync.http.internal.Json;
import dev.offsync.http.migration.DatasetImport;
import dev.offsync.http.migration.ImportResult;
import dev.offsync.http.model.Record;
import java.time.Instant;

/** The wire form of offsync's {@code ImportRecords} extension and of Cognito Identity's {@code ListIdentities}. */
public final class ImportWire {
  private ImportWire() {}

  /**
   * Marshals an import page: {@code POST /identitypools/{pool}/identities/{id}/datasets/{name}/import}.
   *
   * @param page the page
   * @return the request
   */
  public static HttpRequestSpec marshalImport(DatasetImport page) {
    HttpRequestSpec.Builder b = HttpRequestSpec.builder("ImportRecords", "POST");
    b.pathLiteral("identitypools").pathLabel(page.identityPoolId()).pathLiteral("identities")
        .pathLabel(page.identityId()).pathLiteral("datasets").pathLabel(page.datasetName()).pathLiteral("import");
    ObjectNode body = Json.newObject();
    ObjectNode ds = body.putObject("Dataset");
    ds.put("SyncCount", page.syncCount());
    ds.set("CreationDate", Json.epochSeconds(page.creationDate()));
    ds.set("LastModifiedDate", Json.epochSeconds(page.lastModifiedDate()));
    if (page.lastModifiedBy() != null) {
      ds.put("LastModifiedBy", page.lastModifiedBy());
    }
    ArrayNode records = body.putArray("Records");
    for (Record r : page.records()) {
      records.add(writeRecord(r));
    }
    return b.jsonBody(body).build();
  }

  /**
   * One record as the import carries it.
   *
   * @param r the record
   * @return its JSON
   */
  public static ObjectNode writeRecord(Record r) {
    ObjectNode o = Json.newObject();
    o.put("Key", r.key());
    if (r.value() != null) {
      o.put("Value", r.value());
    }
    o.put("SyncCount", r.syncCount());
    o.set("LastModifiedDate", Json.epochSeconds(r.lastModifiedDate()));
    if (r.lastModifiedBy() != null) {
      o.put("LastModifiedBy", r.lastModifiedBy());
    }
    Instant device = r.deviceLastModifiedDate();
    if (device != null) {
      o.set("DeviceLastModifiedDate", Json.epochSeconds(device));
    }
    return o;
  }

  /**
   * An estimate of the bytes a record adds to an import body.
   *
   * @param r the record
   * @return the estimate
   */
  public static long size(Record r) {
    return 160L + 2L * (r.key().length() + (r.value() == null ? 0 : r.value().length())
        + (r.lastModifiedBy() == null ? 0 : r.lastModifiedBy().length()));
  }

  /**
   * Reads the import response.
   *
   * @param node the JSON
   * @return the result
   */
  public static ImportResult readImport(JsonNode node) {
    Json.requireObject(node, "ImportRecordsResponse");
    Integer imported = Json.intValue(node, "Imported");
    Integer unchanged = Json.intValue(node, "Unchanged");
    Long count = Json.longValue(node, "DatasetSyncCount");
    return new ImportResult(imported == null ? 0 : imported, unchanged == null ? 0 : unchanged,
        count == null ? -1 : count);
  }

  /**
   * Marshals Cognito Identity's {@code ListIdentities} (JSON 1.1, {@code POST /}).
   *
   * @param poolId the pool
   * @param nextToken the page token or null
   * @return the request
   */
  public static HttpRequestSpec marshalListIdentities(String poolId, String nextToken) {
    ObjectNode body = Json.newObject();
    body.put("IdentityPoolId", poolId);
    body.put("MaxResults", 60);
    if (nextToken != null) {
      body.put("NextToken", nextToken);
    }
    return HttpRequestSpec.builder("ListIdentities", "POST")
        .header("X-Amz-Target", "AWSCognitoIdentityService.ListIdentities")
        .body(Json.toBytes(body), "application/x-amz-json-1.1")
        .build();
  }
}
