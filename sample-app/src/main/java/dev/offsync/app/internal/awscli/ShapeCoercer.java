package dev.offsync.app.internal.awscli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.BooleanNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.LongNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Checks a parameter value against its shape in the service model and normalises it: numbers and booleans become
 * JSON numbers and booleans, timestamps become ISO-8601 instants, and unknown members, wrong types, bad enum values,
 * lengths, sizes and patterns are rejected with the parameter's path ({@code RecordPatches[0].SyncCount}).
 *
 * <p>Values from the shorthand syntax are all strings, so they are converted ({@link Mode#SHORTHAND}); values from
 * JSON must already have the right JSON type ({@link Mode#JSON}), as in the AWS CLI.
 */
public final class ShapeCoercer {
  /** Where a value came from, which decides how strictly scalar types are checked. */
  public enum Mode {
    /** Shorthand or a plain option value: strings are converted to numbers, booleans and timestamps. */
    SHORTHAND,
    /** JSON: scalars must have the JSON type of their shape (timestamps may be strings or numbers). */
    JSON
  }

  private final ServiceModel model;

  /**
   * Creates a coercer for a model.
   *
   * @param model the service model
   */
  public ShapeCoercer(ServiceModel model) {
    this.model = Objects.requireNonNull(model, "model == null");
  }

  /**
   * Checks and normalises a value.
   *
   * @param value the raw value
   * @param shape the shape it must conform to
   * @param path the parameter path for error messages, e.g. {@code RecordPatches}
   * @param mode how strictly scalar types are checked
   * @return the normalised value
   * @throws InputException if the value does not conform
   */
  public JsonNode coerce(JsonNode value, Shape shape, String path, Mode mode) {
    Objects.requireNonNull(value, "value == null");
    Objects.requireNonNull(shape, "shape == null");
    Objects.requireNonNull(path, "path == null");
    Objects.requireNonNull(mode, "mode == null");
    if (value.isNull()) {
      throw new InputException("Invalid value for parameter " + path + ": null is not allowed");
    }
    switch (shape.type()) {
      case "structure":
        return structure(value, shape, path, mode, true);
      case "list":
        return list(value, shape, path, mode);
      case "map":
        return map(value, shape, path, mode);
      case "string":
        return string(value, shape, path, mode);
      case "long":
      case "integer":
        return number(value, shape, path, mode);
      case "boolean":
        return bool(value, path, mode);
      case "timestamp":
        return TextNode.valueOf(timestamp(value, path).toString());
      default:
        throw new InputException("Parameter " + path + " has unsupported type " + shape.type());
    }
  }

  /**
   * Checks and normalises the members of a structure without requiring its required members (the caller checks
   * those after merging every source of input).
   *
   * @param value the raw object
   * @param shape a structure shape
   * @param path the path for messages; empty for the top level
   * @param mode how strictly scalar types are checked
   * @return the normalised object
   */
  public ObjectNode coerceMembers(JsonNode value, Shape shape, String path, Mode mode) {
    return structure(value, shape, path, mode, false);
  }

  private ObjectNode structure(JsonNode value, Shape shape, String path, Mode mode, boolean checkRequired) {
    if (!value.isObject()) {
      throw typeError(path, value, "a structure");
    }
    ObjectNode out = JsonNodeFactory.instance.objectNode();
    Iterator<Map.Entry<String, JsonNode>> fields = value.fields();
    while (fields.hasNext()) {
      Map.Entry<String, JsonNode> field = fields.next();
      MemberRef member = shape.members().get(field.getKey());
      if (member == null) {
        throw new InputException(
            "Unknown parameter in " + (path.isEmpty() ? "input" : path) + ": \"" + field.getKey()
                + "\", must be one of: " + String.join(", ", shape.members().keySet()));
      }
    }
    for (MemberRef member : shape.members().values()) {
      JsonNode raw = value.get(member.name());
      if (raw == null) {
        if (checkRequired && shape.required().contains(member.name())) {
          throw new InputException(
              "Missing required parameter in " + (path.isEmpty() ? "input" : path) + ": \"" + member.name() + "\"");
        }
        continue;
      }
      String memberPath = path.isEmpty() ? member.name() : path + "." + member.name();
      out.set(member.name(), coerce(raw, model.shape(member.shapeName()), memberPath, mode));
    }
    return out;
  }

  private ArrayNode list(JsonNode value, Shape shape, String path, Mode mode) {
    List<JsonNode> elements = new ArrayList<>();
    if (value.isArray()) {
      value.forEach(elements::add);
    } else if (mode == Mode.SHORTHAND) {
      elements.add(value);
    } else {
      throw typeError(path, value, "a list");
    }
    checkRange(elements.size(), shape, path, "size");
    Shape member = model.shape(shape.listMember());
    ArrayNode out = JsonNodeFactory.instance.arrayNode();
    for (int i = 0; i < elements.size(); i++) {
      out.add(coerce(elements.get(i), member, path + "[" + i + "]", mode));
    }
    return out;
  }

  private ObjectNode map(JsonNode value, Shape shape, String path, Mode mode) {
    if (!value.isObject()) {
      throw typeError(path, value, "a map");
    }
    checkRange(value.size(), shape, path, "size");
    Shape keyShape = model.shape(shape.mapKey());
    Shape valueShape = model.shape(shape.mapValue());
    ObjectNode out = JsonNodeFactory.instance.objectNode();
    Iterator<Map.Entry<String, JsonNode>> fields = value.fields();
    while (fields.hasNext()) {
      Map.Entry<String, JsonNode> field = fields.next();
      String key = string(TextNode.valueOf(field.getKey()), keyShape, path + " key", Mode.JSON).asText();
      out.set(key, coerce(field.getValue(), valueShape, path + "." + key, mode));
    }
    return out;
  }

  private TextNode string(JsonNode value, Shape shape, String path, Mode mode) {
    if (!value.isTextual() && !(mode == Mode.SHORTHAND && value.isValueNode())) {
      throw typeError(path, value, "a string");
    }
    String text = value.asText();
    if (!shape.enumValues().isEmpty() && !shape.enumValues().contains(text)) {
      throw new InputException(
          "Invalid value for parameter " + path + ": \"" + abbreviate(text) + "\", valid choices: "
              + String.join(" | ", shape.enumValues()));
    }
    checkRange(text.codePointCount(0, text.length()), shape, path, "length");
    if (shape.pattern() != null && !shape.pattern().matcher(text).matches()) {
      throw new InputException(
          "Invalid value for parameter " + path + ": \"" + abbreviate(text) + "\" must match "
              + shape.pattern().pattern());
    }
    return TextNode.valueOf(text);
  }

  private LongNode number(JsonNode value, Shape shape, String path, Mode mode) {
    long n;
    if (value.isIntegralNumber() && value.canConvertToLong()) {
      n = value.asLong();
    } else if (mode == Mode.SHORTHAND && value.isTextual()) {
      try {
        n = Long.parseLong(value.asText().trim());
      } catch (NumberFormatException e) {
        throw typeError(path, value, "an integer");
      }
    } else {
      throw typeError(path, value, "an integer");
    }
    if ("integer".equals(shape.type()) && (n < Integer.MIN_VALUE || n > Integer.MAX_VALUE)) {
      throw new InputException("Invalid value for parameter " + path + ": " + n + " is out of the integer range");
    }
    if (shape.min() != null && n < shape.min()) {
      throw new InputException("Invalid value for parameter " + path + ": " + n + ", valid min value: " + shape.min());
    }
    if (shape.max() != null && n > shape.max()) {
      throw new InputException("Invalid value for parameter " + path + ": " + n + ", valid max value: " + shape.max());
    }
    return LongNode.valueOf(n);
  }

  private static BooleanNode bool(JsonNode value, String path, Mode mode) {
    if (value.isBoolean()) {
      return BooleanNode.valueOf(value.asBoolean());
    }
    if (mode == Mode.SHORTHAND && value.isTextual()) {
      String text = value.asText().trim();
      if (text.equalsIgnoreCase("true") || text.equalsIgnoreCase("false")) {
        return BooleanNode.valueOf(Boolean.parseBoolean(text));
      }
    }
    throw typeError(path, value, "a boolean (true or false)");
  }

  /**
   * Parses a timestamp the way the AWS CLI accepts them: ISO-8601 with or without offset (UTC assumed), or epoch
   * seconds.
   */
  static Instant timestamp(JsonNode value, String path) {
    if (value.isNumber()) {
      return epoch(value.decimalValue());
    }
    if (!value.isTextual()) {
      throw typeError(path, value, "a timestamp");
    }
    String text = value.asText().trim();
    try {
      return epoch(new BigDecimal(text));
    } catch (NumberFormatException notANumber) {
      // fall through to ISO-8601
    }
    try {
      return OffsetDateTime.parse(text).toInstant();
    } catch (DateTimeParseException withoutOffset) {
      try {
        return LocalDateTime.parse(text).toInstant(ZoneOffset.UTC);
      } catch (DateTimeParseException e) {
        throw new InputException(
            "Invalid value for parameter " + path + ": \"" + abbreviate(text)
                + "\" is not a timestamp (use ISO-8601 such as 2024-05-01T12:00:00Z, or epoch seconds)");
      }
    }
  }

  private static Instant epoch(BigDecimal seconds) {
    long whole = seconds.longValue();
    long nanos = seconds.subtract(BigDecimal.valueOf(whole)).movePointRight(9).longValue();
    return Instant.ofEpochSecond(whole, nanos);
  }

  private static void checkRange(long actual, Shape shape, String path, String what) {
    if (shape.min() != null && actual < shape.min()) {
      throw new InputException(
          "Invalid " + what + " for parameter " + path + ": " + actual + ", valid min " + what + ": " + shape.min());
    }
    if (shape.max() != null && actual > shape.max()) {
      throw new InputException(
          "Invalid " + what + " for parameter " + path + ": " + actual + ", valid max " + what + ": " + shape.max());
    }
  }

  private static InputException typeError(String path, JsonNode value, String expected) {
    String shown = value.isContainerNode() ? (value.isArray() ? "a list" : "an object")
        : "\"" + abbreviate(value.asText()) + "\"";
    return new InputException("Invalid type for parameter " + path + ": " + shown + ", expected " + expected);
  }

  private static String abbreviate(String s) {
    return s.length() <= 60 ? s : s.substring(0, 57) + "...";
  }
}
