package dev.offsync.server.internal.service;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.offsync.server.internal.http.ApiException;
import dev.offsync.server.internal.json.Json;
import dev.offsync.server.spi.PoolUsage;
import java.io.IOException;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * The pool-level (developer-only) operations: usage, push/streams configuration and Cognito events. Configuration
 * is stored as two JSON documents per pool: {@code configuration} ({@code PushSync}, {@code CognitoStreams}) and
 * {@code events} (the Events map).
 */
final class PoolOperations {
  static final String CONFIGURATION = "configuration";
  static final String EVENTS = "events";
  /** Default and cap of ListIdentityPoolUsage's maxResults. */
  static final int POOLS_PAGE = 60;

  private final Settings settings;
  private final PageTokens pageTokens;

  PoolOperations(Settings settings, PageTokens pageTokens) {
    this.settings = settings;
    this.pageTokens = pageTokens;
  }

  private static ObjectNode usageJson(PoolUsage u) {
    ObjectNode n = Json.MAPPER.createObjectNode();
    n.put("IdentityPoolId", u.poolId());
    n.put("SyncSessionsCount", u.syncSessionsCount());
    n.put("DataStorage", u.dataStorage());
    Json.putTime(n, "LastModifiedDate", u.lastModifiedDate());
    return n;
  }

  byte[] listIdentityPoolUsage(ApiCall call) {
    int max = Fields.maxResults("MaxResults", call.query().get("maxResults"), POOLS_PAGE, POOLS_PAGE);
    String after = pageTokens.decode("pools", call.query().get("nextToken"));
    List<PoolUsage> page = settings.store().read(tx -> tx.listPoolUsage(after, max + 1));
    ObjectNode out = Json.MAPPER.createObjectNode();
    ArrayNode arr = out.putArray("IdentityPoolUsages");
    for (int i = 0; i < Math.min(max, page.size()); i++) {
      arr.add(usageJson(page.get(i)));
    }
    out.put("MaxResults", max);
    out.put("Count", arr.size());
    if (page.size() > max) {
      out.put("NextToken", pageTokens.encode("pools", page.get(max - 1).poolId()));
    }
    return DatasetOperations.bytes(out);
  }

  byte[] describeIdentityPoolUsage(ApiCall call) {
    String poolId = Fields.poolId(call.path("IdentityPoolId"));
    PoolUsage u = settings.store().read(tx -> tx.poolUsage(poolId))
        .orElseThrow(() -> ApiException.notFound("IdentityPool '" + poolId + "' not found"));
    ObjectNode out = Json.MAPPER.createObjectNode();
    out.set("IdentityPoolUsage", usageJson(u));
    return DatasetOperations.bytes(out);
  }

  private static ObjectNode parse(String json) {
    try {
      return (ObjectNode) Json.MAPPER.readTree(json);
    } catch (IOException e) {
      throw new IllegalStateException("stored configuration is not JSON", e);
    }
  }

  private ObjectNode configurationResponse(String poolId, ObjectNode config) {
    ObjectNode out = Json.MAPPER.createObjectNode();
    out.put("IdentityPoolId", poolId);
    if (config.has("PushSync")) {
      out.set("PushSync", config.get("PushSync"));
    }
    if (config.has("CognitoStreams")) {
      out.set("CognitoStreams", config.get("CognitoStreams"));
    }
    return out;
  }

  byte[] getIdentityPoolConfiguration(ApiCall call) {
    String poolId = Fields.poolId(call.path("IdentityPoolId"));
    ObjectNode config = settings.store().read(tx -> {
      DatasetOperations.requirePool(tx, poolId);
      return tx.poolDocument(poolId, CONFIGURATION).map(PoolOperations::parse)
          .orElseGet(Json.MAPPER::createObjectNode);
    });
    return DatasetOperations.bytes(configurationResponse(poolId, config));
  }

  private static ObjectNode pushSync(ObjectNode in) {
    ObjectNode out = Json.MAPPER.createObjectNode();
    JsonNode arns = in.get("ApplicationArns");
    if (arns != null && !arns.isNull()) {
      if (!arns.isArray()) {
        throw ApiException.invalid("Invalid type for 'PushSync.ApplicationArns': expected a list");
      }
      ArrayNode list = out.putArray("ApplicationArns");
      for (int i = 0; i < arns.size(); i++) {
        JsonNode a = arns.get(i);
        String field = "PushSync.ApplicationArns." + (i + 1);
        if (!a.isTextual()) {
          throw ApiException.invalid("Invalid type for '" + field + "': expected a string");
        }
        list.add(Fields.applicationArn(field, a.textValue()));
      }
    }
    String role = Fields.string(in, "RoleArn", "PushSync.RoleArn", false);
    if (role != null) {
      out.put("RoleArn", Fields.roleArn("PushSync.RoleArn", role));
    }
    return out;
  }

  private static ObjectNode cognitoStreams(ObjectNode in) {
    ObjectNode out = Json.MAPPER.createObjectNode();
    String name = Fields.string(in, "StreamName", "CognitoStreams.StreamName", false);
    if (name != null) {
      out.put("StreamName", Fields.check("CognitoStreams.StreamName", name, 1, 128, null));
    }
    String role = Fields.string(in, "RoleArn", "CognitoStreams.RoleArn", false);
    if (role != null) {
      out.put("RoleArn", Fields.roleArn("CognitoStreams.RoleArn", role));
    }
    String status = Fields.string(in, "StreamingStatus", "CognitoStreams.StreamingStatus", false);
    if (status != null) {
      out.put("StreamingStatus",
          Fields.oneOf("CognitoStreams.StreamingStatus", status, Fields.STREAMING_STATUSES));
    }
    return out;
  }

  byte[] setIdentityPoolConfiguration(ApiCall call) {
    String poolId = Fields.poolId(call.path("IdentityPoolId"));
    ObjectNode body = Json.parseObject(call.body());
    ObjectNode push = Fields.object(body, "PushSync", "PushSync");
    ObjectNode streams = Fields.object(body, "CognitoStreams", "CognitoStreams");
    ObjectNode newPush = push == null ? null : pushSync(push);
    ObjectNode newStreams = streams == null ? null : cognitoStreams(streams);
    ObjectNode config = settings.store().write(tx -> {
      DatasetOperations.requirePool(tx, poolId);
      ObjectNode c = tx.poolDocument(poolId, CONFIGURATION).map(PoolOperations::parse)
          .orElseGet(Json.MAPPER::createObjectNode);
      if (newPush != null) {
        c.set("PushSync", newPush);
      }
      if (newStreams != null) {
        c.set("CognitoStreams", newStreams);
      }
      tx.putPoolDocument(poolId, CONFIGURATION, c.toString());
      return c;
    });
    return DatasetOperations.bytes(configurationResponse(poolId, config));
  }

  byte[] getCognitoEvents(ApiCall call) {
    String poolId = Fields.poolId(call.path("IdentityPoolId"));
    ObjectNode events = settings.store().read(tx -> {
      DatasetOperations.requirePool(tx, poolId);
      return tx.poolDocument(poolId, EVENTS).map(PoolOperations::parse).orElseGet(Json.MAPPER::createObjectNode);
    });
    ObjectNode out = Json.MAPPER.createObjectNode();
    out.set("Events", events);
    return DatasetOperations.bytes(out);
  }

  byte[] setCognitoEvents(ApiCall call) {
    String poolId = Fields.poolId(call.path("IdentityPoolId"));
    ObjectNode body = Json.parseObject(call.body());
    ObjectNode events = Fields.object(body, "Events", "Events");
    if (events == null) {
      throw ApiException.invalid("1 validation error detected: Value null at 'Events' failed to satisfy constraint:"
          + " Member must not be null");
    }
    if (events.size() > 1) {
      throw Fields.violation("Events", events.toString(), "Member must have length less than or equal to 1");
    }
    for (Iterator<Map.Entry<String, JsonNode>> it = events.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> e = it.next();
      if (!e.getValue().isTextual()) {
        throw ApiException.invalid("Invalid type for 'Events." + e.getKey() + "': expected a string");
      }
    }
    settings.store().write(tx -> {
      DatasetOperations.requirePool(tx, poolId);
      ObjectNode stored = tx.poolDocument(poolId, EVENTS).map(PoolOperations::parse)
          .orElseGet(Json.MAPPER::createObjectNode);
      for (Iterator<Map.Entry<String, JsonNode>> it = events.fields(); it.hasNext(); ) {
        Map.Entry<String, JsonNode> e = it.next();
        if (e.getValue().textValue().isEmpty()) {
          stored.remove(e.getKey());
        } else {
          stored.put(e.getKey(), e.getValue().textValue());
        }
      }
      if (stored.size() > 1) {
        throw Fields.violation("Events", stored.toString(),
            "the identity pool's Events map may hold at most 1 entry; remove the existing one with an empty value"
                + " first");
      }
      tx.putPoolDocument(poolId, EVENTS, stored.toString());
      return null;
    });
    return DatasetOperations.emptyObject();
  }
}
