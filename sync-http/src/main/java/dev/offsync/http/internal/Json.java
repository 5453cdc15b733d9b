package dev.offsync.http.internal;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.StreamWriteFeature;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * JSON helpers: one shared, immutable-configured {@link ObjectMapper}; lenient-to-absence but strict-to-type member
 * readers; epoch-second timestamps read with fractions and written as plain decimals (never exponent notation).
 */
public final class Json {
  private static final BigInteger NANOS_PER_SECOND = BigInteger.valueOf(1_000_000_000L);
  private static final ObjectMapper MAPPER =
      new ObjectMapper(
              JsonFactory.builder().enable(StreamWriteFeature.WRITE_BIGDECIMAL_AS_PLAIN).build())
          .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
          .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
          .setNodeFactory(JsonNodeFactory.withExactBigDecimals(true));

  private Json() {}

  /**
   * Returns a new empty JSON object.
   *
   * @return the object
   */
  public static ObjectNode newObject() {
    return MAPPER.createObjectNode();
  }

  /**
   * Serializes a node to UTF-8 bytes.
   *
   * @param node the node
   * @return the JSON bytes
   */
  public static byte[] toBytes(JsonNode node) {
    try {
      return MAPPER.writeValueAsBytes(node);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot serialize JSON", e);
    }
  }

  /**
   * Parses bytes into a tree; an empty body reads as {@code {}}.
   *
   * @param bytes the UTF-8 JSON
   * @return the tree
   * @throws MalformedJsonException if the bytes are not one JSON value
   */
  public static JsonNode parse(byte[] bytes) {
    if (isBlank(bytes)) {
      return newObject();
    }
    try (JsonParser parser = MAPPER.createParser(bytes)) {
      JsonNode node = MAPPER.readTree(parser);
      if (node == null) {
        return newObject();
      }
      return node;
    } catch (JsonProcessingException e) {
      throw new MalformedJsonException("response body is not valid JSON: " + e.getOriginalMessage(), e);
    } catch (IOException e) {
      throw new MalformedJsonException("response body is not valid JSON: " + e.getMessage(), e);
    }
  }

  private static boolean isBlank(byte[] bytes) {
    for (byte b : bytes) {
      if (b != ' ' && b != '\n' && b != '\r' && b != '\t') {
        return false;
      }
    }
    return true;
  }

  /**
   * Fails unless {@code node} is a JSON object.
   *
   * @param node the node
   * @param shape the shape name, for the message
   */
  public static void requireObject(JsonNode node, String shape) {
    if (node == null || !node.isObject()) {
      throw new MalformedJsonException(
          shape + " must be a JSON object but is " + (node == null ? "missing" : node.getNodeType()), null);
    }
  }

  private static JsonNode member(JsonNode node, String name) {
    JsonNode value = node.get(name);
    return value == null || value.isNull() ? null : value;
  }

  private static MalformedJsonException wrongType(String name, String expected, JsonNode value) {
    return new MalformedJsonException(
        "member " + name + " must be " + expected + " but is " + value.getNodeType(), null);
  }

  /**
   * Reads a string member.
   *
   * @param node the object
   * @param name the member name
   * @return the value, or {@code null} if absent or JSON null
   */
  public static String string(JsonNode node, String name) {
    JsonNode value = member(node, name);
    if (value == null) {
      return null;
    }
    if (!value.isTextual()) {
      throw wrongType(name, "a string", value);
    }
    return value.textValue();
  }

  /**
   * Converts a list element to a string.
   *
   * @param element the element
   * @return the string
   */
  public static String asString(JsonNode element) {
    if (!element.isTextual()) {
      throw wrongType("element", "a string", element);
    }
    return element.textValue();
  }

  /**
   * Reads an integral member as a long.
   *
   * @param node the object
   * @param name the member name
   * @return the value, or {@code null} if absent
   */
  public static Long longValue(JsonNode node, String name) {
    JsonNode value = member(node, name);
    if (value == null) {
      return null;
    }
    if (!value.isIntegralNumber() || !value.canConvertToLong()) {
      throw wrongType(name, "an integer", value);
    }
    return value.longValue();
  }

  /**
   * Reads an integral member as an int.
   *
   * @param node the object
   * @param name the member name
   * @return the value, or {@code null} if absent
   */
  public static Integer intValue(JsonNode node, String name) {
    JsonNode value = member(node, name);
    if (value == null) {
      return null;
    }
    if (!value.isIntegralNumber() || !value.canConvertToInt()) {
      throw wrongType(name, "a 32-bit integer", value);
    }
    return value.intValue();
  }

  /**
   * Reads a boolean member.
   *
   * @param node the object
   * @param name the member name
   * @return the value, or {@code null} if absent
   */
  public static Boolean bool(JsonNode node, String name) {
    JsonNode value = member(node, name);
    if (value == null) {
      return null;
    }
    if (!value.isBoolean()) {
      throw wrongType(name, "a boolean", value);
    }
    return value.booleanValue();
  }

  /**
   * Reads an epoch-seconds timestamp member; fractions are kept to the nanosecond.
   *
   * @param node the object
   * @param name the member name
   * @return the instant, or {@code null} if absent
   */
  public static Instant instant(JsonNode node, String name) {
    JsonNode value = member(node, name);
    if (value == null) {
      return null;
    }
    if (!value.isNumber()) {
      throw wrongType(name, "epoch seconds", value);
    }
    try {
      return fromEpochSeconds(value.decimalValue());
    } catch (ArithmeticException | java.time.DateTimeException e) {
      throw new MalformedJsonException("member " + name + " is out of range", e);
    }
  }

  /**
   * Converts epoch seconds with an optional fraction to an instant (rounded half-even to the nanosecond).
   *
   * @param seconds the seconds
   * @return the instant
   */
  public static Instant fromEpochSeconds(BigDecimal seconds) {
    // bound the magnitude before rescaling: a short number like 1e99999999 or 1e-99999999 would otherwise make
    // setScale compute a power of ten with a hundred million digits (minutes of CPU for one timestamp)
    if (seconds.signum() == 0) {
      return Instant.EPOCH;
    }
    long integerDigits = (long) seconds.precision() - seconds.scale();
    if (integerDigits > 19) {
      throw new ArithmeticException("epoch seconds out of range");
    }
    if (integerDigits < -9) {
      return Instant.EPOCH; // below 10^-10 s: rounds to no nanoseconds at all
    }
    BigInteger nanos = seconds.setScale(9, RoundingMode.HALF_EVEN).unscaledValue();
    BigInteger[] parts = nanos.divideAndRemainder(NANOS_PER_SECOND);
    if (parts[0].bitLength() > 63) {
      throw new ArithmeticException("epoch seconds out of range");
    }
    long secs = parts[0].longValue();
    long rem = parts[1].longValue();
    if (rem < 0) {
      secs -= 1;
      rem += 1_000_000_000L;
    }
    return Instant.ofEpochSecond(secs, rem);
  }

  /**
   * Returns an instant as a plain decimal number of epoch seconds, without exponent or trailing zeros.
   *
   * @param instant the instant
   * @return the number, for example {@code 1700000000.123}
   */
  public static BigDecimal toEpochSeconds(Instant instant) {
    BigDecimal value =
        BigDecimal.valueOf(instant.getEpochSecond())
            .add(BigDecimal.valueOf(instant.getNano(), 9))
            .stripTrailingZeros();
    return value.scale() < 0 ? value.setScale(0) : value;
  }

  /**
   * Returns an instant as a JSON number node of epoch seconds.
   *
   * @param instant the instant
   * @return the node
   */
  public static JsonNode epochSeconds(Instant instant) {
    return JsonNodeFactory.withExactBigDecimals(true).numberNode(toEpochSeconds(instant));
  }

  /**
   * Reads an object member with {@code reader}.
   *
   * @param node the object
   * @param name the member name
   * @param reader reads the member
   * @param <T> the member type
   * @return the value, or {@code null} if absent
   */
  public static <T> T object(JsonNode node, String name, Function<JsonNode, T> reader) {
    JsonNode value = member(node, name);
    return value == null ? null : reader.apply(value);
  }

  /**
   * Reads an array member.
   *
   * @param node the object
   * @param name the member name
   * @param reader reads one element
   * @param <T> the element type
   * @return the elements, or {@code null} if absent
   */
  public static <T> List<T> list(JsonNode node, String name, Function<JsonNode, T> reader) {
    JsonNode value = member(node, name);
    if (value == null) {
      return null;
    }
    if (!value.isArray()) {
      throw wrongType(name, "an array", value);
    }
    List<T> result = new ArrayList<>(value.size());
    for (JsonNode element : value) {
      if (!element.isNull()) {
        result.add(reader.apply(element));
      }
    }
    return result;
  }

  /**
   * Reads an object member as a string-to-string map.
   *
   * @param node the object
   * @param name the member name
   * @return the map, or {@code null} if absent
   */
  public static Map<String, String> stringMap(JsonNode node, String name) {
    JsonNode value = member(node, name);
    if (value == null) {
      return null;
    }
    if (!value.isObject()) {
      throw wrongType(name, "an object", value);
    }
    Map<String, String> result = new LinkedHashMap<>();
    for (Map.Entry<String, JsonNode> field : value.properties()) {
      if (!field.getValue().isNull()) {
        result.put(field.getKey(), asString(field.getValue()));
      }
    }
    return Collections.unmodifiableMap(result);
  }

  /**
   * Returns the UTF-8 bytes of a string.
   *
   * @param text the string
   * @return the bytes
   */
  public static byte[] utf8(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }
}
