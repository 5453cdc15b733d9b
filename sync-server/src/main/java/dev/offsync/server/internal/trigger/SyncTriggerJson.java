package dev.offsync.server.internal.trigger;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.offsync.server.internal.json.Json;
import dev.offsync.server.spi.SyncTriggerEvent;
import dev.offsync.server.spi.SyncTriggerException;
import dev.offsync.server.spi.SyncTriggerRecord;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A Sync Trigger event as JSON, in AWS's documented format. Writing always emits every member ({@code oldValue} and
 * {@code newValue} as {@code null} when absent); reading is lenient where a Lambda function's answer may be (a
 * missing header member is taken from the sent event, a missing {@code op} stays null) and strict about types.
 */
public final class SyncTriggerJson {
  private SyncTriggerJson() {}

  /**
   * The event as a JSON document.
   *
   * @param event the event
   * @return UTF-8 JSON
   */
  public static byte[] write(SyncTriggerEvent event) {
    ObjectNode o = Json.MAPPER.createObjectNode();
    o.put("version", event.version());
    o.put("eventType", event.eventType());
    o.put("region", event.region());
    o.put("identityPoolId", event.identityPoolId());
    o.put("identityId", event.identityId());
    o.put("datasetName", event.datasetName());
    ObjectNode records = o.putObject("datasetRecords");
    event.datasetRecords().forEach((key, r) -> {
      ObjectNode n = records.putObject(key);
      n.put("oldValue", r.oldValue());
      n.put("newValue", r.newValue());
      n.put("op", r.op());
    });
    try {
      return Json.MAPPER.writeValueAsBytes(o);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * Reads a function's answer.
   *
   * @param json the answer's body
   * @param sent the event that was sent (supplies header members the answer leaves out)
   * @param functionArn the function, for messages
   * @return the returned event
   * @throws SyncTriggerException {@link SyncTriggerException.Kind#FAILED} if the body is not such an event
   */
  public static SyncTriggerEvent read(byte[] json, SyncTriggerEvent sent, String functionArn)
      throws SyncTriggerException {
    JsonNode root;
    try {
      root = Json.MAPPER.readTree(json);
    } catch (IOException e) {
      throw invalid(functionArn, "is not JSON");
    }
    if (root == null || !root.isObject()) {
      throw invalid(functionArn, "is not a JSON object");
    }
    JsonNode version = root.get("version");
    int v = sent.version();
    if (version != null && !version.isNull()) {
      if (!version.canConvertToInt() || !version.isIntegralNumber()) {
        throw invalid(functionArn, "has a 'version' that is not an integer");
      }
      v = version.intValue();
    }
    JsonNode records = root.get("datasetRecords");
    if (records == null || !records.isObject()) {
      throw invalid(functionArn, "has no 'datasetRecords' object");
    }
    Map<String, SyncTriggerRecord> out = new LinkedHashMap<>();
    for (Iterator<Map.Entry<String, JsonNode>> it = records.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> e = it.next();
      if (!e.getValue().isObject()) {
        throw invalid(functionArn, "has a record '" + e.getKey() + "' that is not an object");
      }
      ObjectNode r = (ObjectNode) e.getValue();
      out.put(e.getKey(), new SyncTriggerRecord(
          text(r, "oldValue", e.getKey(), functionArn),
          text(r, "newValue", e.getKey(), functionArn),
          text(r, "op", e.getKey(), functionArn)));
    }
    return new SyncTriggerEvent(v,
        header(root, "eventType", sent.eventType(), functionArn),
        header(root, "region", sent.region(), functionArn),
        header(root, "identityPoolId", sent.identityPoolId(), functionArn),
        header(root, "identityId", sent.identityId(), functionArn),
        header(root, "datasetName", sent.datasetName(), functionArn),
        out);
  }

  private static String header(JsonNode root, String name, String sent, String functionArn)
      throws SyncTriggerException {
    JsonNode n = root.get(name);
    if (n == null || n.isNull()) {
      return sent;
    }
    if (!n.isTextual()) {
      throw invalid(functionArn, "has a '" + name + "' that is not a string");
    }
    return n.textValue();
  }

  private static String text(ObjectNode r, String name, String key, String functionArn) throws SyncTriggerException {
    JsonNode n = r.get(name);
    if (n == null || n.isNull()) {
      return null;
    }
    if (!n.isTextual()) {
      throw invalid(functionArn, "has a '" + name + "' of record '" + key + "' that is not a string");
    }
    return n.textValue();
  }

  private static SyncTriggerException invalid(String functionArn, String what) {
    return new SyncTriggerException(SyncTriggerException.Kind.FAILED,
        "The output of Sync Trigger function " + functionArn + " " + what, null);
  }
}
