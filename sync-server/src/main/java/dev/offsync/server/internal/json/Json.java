package dev.offsync.server.internal.json;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.offsync.server.internal.http.ApiException;
import java.io.IOException;
import java.math.BigDecimal;
import java.time.Instant;

/** The server's JSON conventions: strict parsing, plain-decimal epoch-second timestamps, no nulls. */
public final class Json {
  /** Shared mapper; thread-safe. */
  public static final ObjectMapper MAPPER = createMapper();

  private Json() {}

  private static ObjectMapper createMapper() {
    JsonFactory f =
        JsonFactory.builder()
            .enable(com.fasterxml.jackson.core.StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .streamReadConstraints(StreamReadConstraints.builder().maxStringLength(64 * 1024 * 1024).build())
            .build();
    ObjectMapper m = new ObjectMapper(f);
    m.enable(JsonGenerator.Feature.WRITE_BIGDECIMAL_AS_PLAIN);
    m.enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
    m.enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS);
    m.enable(DeserializationFeature.USE_LONG_FOR_INTS);
    m.disable(JsonParser.Feature.ALLOW_COMMENTS);
    return m;
  }

  /**
   * An epoch-seconds timestamp as a plain decimal with millisecond precision ({@code 1700000000.123}, or an integer
   * when the milliseconds are zero), never in exponent notation.
   *
   * @param t the instant
   * @return the number
   */
  public static BigDecimal epochSeconds(Instant t) {
    BigDecimal d = BigDecimal.valueOf(t.toEpochMilli(), 3).stripTrailingZeros();
    return d.scale() < 0 ? d.setScale(0) : d;
  }

  /**
   * Puts a timestamp member unless the instant is null.
   *
   * @param node target
   * @param name member name
   * @param t the instant, may be null
   */
  public static void putTime(ObjectNode node, String name, Instant t) {
    if (t != null) {
      node.put(name, epochSeconds(t));
    }
  }

  /**
   * Writes a timestamp member unless the instant is null.
   *
   * @param g the generator
   * @param name member name
   * @param t the instant, may be null
   * @throws IOException on write failure
   */
  public static void writeTime(JsonGenerator g, String name, Instant t) throws IOException {
    if (t != null) {
      g.writeFieldName(name);
      g.writeNumber(epochSeconds(t).toPlainString());
    }
  }

  /**
   * Parses a request body into an object; an empty body is an empty object.
   *
   * @param body the bytes
   * @return the object
   * @throws ApiException 400 if the body is not one JSON object
   */
  public static ObjectNode parseObject(byte[] body) {
    if (body.length == 0) {
      return MAPPER.createObjectNode();
    }
    JsonNode n;
    try {
      n = MAPPER.readTree(body);
    } catch (IOException | NumberFormatException e) {
      // Jackson reports a number BigDecimal cannot hold (1e2147483648) as a NumberFormatException, not an IOException
      throw ApiException.invalid("Malformed JSON request body: " + firstLine(e.getMessage()));
    }
    if (n == null || n.isMissingNode()) {
      return MAPPER.createObjectNode();
    }
    if (!n.isObject()) {
      throw ApiException.invalid("Request body must be a JSON object");
    }
    return (ObjectNode) n;
  }

  private static String firstLine(String s) {
    if (s == null) {
      return "unreadable";
    }
    int i = s.indexOf('\n');
    return i < 0 ? s : s.substring(0, i);
  }
}
