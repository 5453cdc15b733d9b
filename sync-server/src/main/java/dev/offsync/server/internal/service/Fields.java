package dev.offsync.server.internal.service;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.offsync.server.internal.http.ApiException;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Validation of every constrained input of the model. Messages follow AWS's wording and always name the field:
 * {@code 1 validation error detected: Value 'x' at 'DatasetName' failed to satisfy constraint: ...}.
 */
public final class Fields {
  /** Pattern of IdentityPoolId and IdentityId. */
  public static final Pattern ID_PATTERN = Pattern.compile("[\\w-]+:[0-9a-f-]+");
  private static final Pattern DATASET_PATTERN = Pattern.compile("[a-zA-Z0-9_.:-]+");
  private static final Pattern APPLICATION_ARN = Pattern.compile("arn:aws:sns:[-0-9a-z]+:\\d+:app/[A-Z_]+/[a-zA-Z0-9_.-]+");
  private static final Pattern ROLE_ARN = Pattern.compile("arn:aws:iam::\\d+:role/.*", Pattern.DOTALL);
  /** Values of the Platform enum. */
  public static final List<String> PLATFORMS = List.of("APNS", "APNS_SANDBOX", "GCM", "ADM");
  /** Values of the StreamingStatus enum. */
  public static final List<String> STREAMING_STATUSES = List.of("ENABLED", "DISABLED");
  /** Values of the Operation enum. */
  public static final List<String> OPERATIONS = List.of("replace", "remove");

  /** Bound on the magnitude of a timestamp in milliseconds (what a long holds). */
  private static final BigDecimal MAX_EPOCH_MILLIS = BigDecimal.valueOf(Long.MAX_VALUE);

  private Fields() {}

  static ApiException violation(String field, String value, String constraint) {
    String shown = value == null ? "null" : value.length() > 64
        ? value.substring(0, Character.isHighSurrogate(value.charAt(63)) ? 63 : 64) + "..." : value;
    shown = shown.replace("\u0000", "\\u0000");
    return ApiException.invalid(
        "1 validation error detected: Value '"
            + shown
            + "' at '"
            + field
            + "' failed to satisfy constraint: "
            + constraint);
  }

  /**
   * Refuses U+0000 in any string the server may store or look up. PostgreSQL's text type cannot hold it, so a store
   * could not keep such a key, value, device id or token; refusing it here makes every store behave alike.
   */
  private static String withoutNul(String field, String value) {
    if (value.indexOf('\u0000') >= 0) {
      throw violation(field, value, "Member must not contain U+0000");
    }
    // JSON's \\uD800 escapes can carry an unpaired surrogate, which UTF-8 (the wire and both stores) cannot encode:
    // it would be acknowledged as sent but stored and returned as '?' (a different key or value)
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      if (Character.isSurrogate(c)) {
        if (Character.isHighSurrogate(c) && i + 1 < value.length() && Character.isLowSurrogate(value.charAt(i + 1))) {
          i++;
        } else {
          throw violation(field, value.replaceAll("\\p{Cs}", "?"), "Member must not contain an unpaired surrogate");
        }
      }
    }
    return value;
  }

  private static int length(String s) {
    return s.codePointCount(0, s.length());
  }

  /**
   * Checks a string's length (in characters) and, when given, its pattern.
   *
   * @param field the field name for messages
   * @param value the value
   * @param min minimum length
   * @param max maximum length
   * @param pattern full-match pattern or null
   * @return the value
   */
  public static String check(String field, String value, int min, int max, Pattern pattern) {
    if (value == null) {
      throw ApiException.invalid("1 validation error detected: Value null at '" + field
          + "' failed to satisfy constraint: Member must not be null");
    }
    withoutNul(field, value);
    int len = length(value);
    if (len < min || len > max) {
      throw violation(
          field,
          value,
          "Member must have length " + (len < min ? "greater than or equal to " + min : "less than or equal to " + max));
    }
    if (pattern != null && !pattern.matcher(value).matches()) {
      throw violation(field, value, "Member must satisfy regular expression pattern: " + pattern.pattern());
    }
    return value;
  }

  /**
   * Validates an identity pool id.
   *
   * @param v the value
   * @return the value
   */
  public static String poolId(String v) {
    return check("IdentityPoolId", v, 1, 55, ID_PATTERN);
  }

  /**
   * Validates an identity id.
   *
   * @param v the value
   * @return the value
   */
  public static String identityId(String v) {
    return check("IdentityId", v, 1, 55, ID_PATTERN);
  }

  /**
   * Validates a dataset name.
   *
   * @param v the value
   * @return the value
   */
  public static String datasetName(String v) {
    return check("DatasetName", v, 1, 128, DATASET_PATTERN);
  }

  /**
   * Validates a device id.
   *
   * @param field the field name
   * @param v the value
   * @return the value
   */
  public static String deviceId(String field, String v) {
    return check(field, v, 1, 256, null);
  }

  /**
   * Validates a value against an enum.
   *
   * @param field the field name
   * @param v the value
   * @param allowed the allowed values
   * @return the value
   */
  public static String oneOf(String field, String v, List<String> allowed) {
    if (v == null) {
      return check(field, null, 0, 0, null);
    }
    if (!allowed.contains(v)) {
      throw violation(field, v, "Member must satisfy enum value set: " + allowed);
    }
    return v;
  }

  /**
   * Validates an SNS platform application ARN.
   *
   * @param field the field name
   * @param v the value
   * @return the value
   */
  public static String applicationArn(String field, String v) {
    return check(field, v, 0, Integer.MAX_VALUE, APPLICATION_ARN);
  }

  /**
   * Validates an IAM role ARN.
   *
   * @param field the field name
   * @param v the value
   * @return the value
   */
  public static String roleArn(String field, String v) {
    return check(field, v, 20, 2048, ROLE_ARN);
  }

  /**
   * Parses an integer query parameter such as {@code maxResults}.
   *
   * @param field the field name
   * @param raw the raw value or null
   * @param dflt the value when absent
   * @param cap values above are clamped to this
   * @return the value
   */
  public static int maxResults(String field, String raw, int dflt, int cap) {
    if (raw == null) {
      return dflt;
    }
    int v;
    try {
      v = Integer.parseInt(raw.trim());
    } catch (NumberFormatException e) {
      throw violation(field, raw, "Member must be an integer");
    }
    if (v < 1) {
      throw violation(field, raw, "Member must have value greater than or equal to 1");
    }
    return Math.min(v, cap);
  }

  /**
   * Parses a non-negative long query parameter such as {@code lastSyncCount}.
   *
   * @param field the field name
   * @param raw the raw value or null
   * @return the value, 0 when absent
   */
  public static long nonNegativeLong(String field, String raw) {
    if (raw == null || raw.isEmpty()) {
      return 0;
    }
    long v;
    try {
      v = Long.parseLong(raw.trim());
    } catch (NumberFormatException e) {
      throw violation(field, raw, "Member must be a long integer");
    }
    if (v < 0) {
      throw violation(field, raw, "Member must have value greater than or equal to 0");
    }
    return v;
  }

  // ---- JSON body members

  /**
   * A string member of a JSON object; a string containing U+0000 is refused.
   *
   * @param o the object
   * @param name member name
   * @param field field name for messages
   * @param required whether it must be present
   * @return the string or null
   */
  public static String string(ObjectNode o, String name, String field, boolean required) {
    JsonNode n = o.get(name);
    if (n == null || n.isNull()) {
      if (required) {
        throw ApiException.invalid("1 validation error detected: Value null at '" + field
            + "' failed to satisfy constraint: Member must not be null");
      }
      return null;
    }
    if (!n.isTextual()) {
      throw ApiException.invalid("Invalid type for '" + field + "': expected a string, found " + n.getNodeType());
    }
    return withoutNul(field, n.textValue());
  }

  /**
   * A long member of a JSON object.
   *
   * @param o the object
   * @param name member name
   * @param field field name for messages
   * @return the value
   */
  public static long requiredLong(ObjectNode o, String name, String field) {
    JsonNode n = o.get(name);
    if (n == null || n.isNull()) {
      throw ApiException.invalid("1 validation error detected: Value null at '" + field
          + "' failed to satisfy constraint: Member must not be null");
    }
    if (!n.isIntegralNumber() || !n.canConvertToLong()) {
      throw ApiException.invalid("Invalid type for '" + field + "': expected a long integer, found " + n);
    }
    return n.longValue();
  }

  /**
   * An epoch-seconds timestamp member (number, possibly fractional).
   *
   * @param o the object
   * @param name member name
   * @param field field name for messages
   * @return the instant or null
   */
  public static Instant time(ObjectNode o, String name, String field) {
    JsonNode n = o.get(name);
    if (n == null || n.isNull()) {
      return null;
    }
    if (!n.isNumber()) {
      throw ApiException.invalid("Invalid type for '" + field + "': expected epoch seconds, found " + n);
    }
    try {
      // scaleByPowerOfTen keeps the exponent (movePointRight would expand 1e300000000 to all of its digits), and
      // rescaling such a number, or 1e-300000000, would compute a power of ten with hundreds of millions of digits,
      // pinning a request thread for minutes: settle those by magnitude first.
      BigDecimal ms = n.decimalValue().scaleByPowerOfTen(3);
      if (ms.abs().compareTo(MAX_EPOCH_MILLIS) > 0) {
        throw new ArithmeticException("out of range");
      }
      if (ms.abs().compareTo(BigDecimal.ONE) < 0) {
        return Instant.ofEpochMilli(ms.signum() < 0 ? -1 : 0);
      }
      return Instant.ofEpochMilli(ms.setScale(0, java.math.RoundingMode.FLOOR).longValueExact());
    } catch (ArithmeticException | java.time.DateTimeException e) {
      throw violation(field, n.toString(), "Member must be a valid timestamp");
    }
  }

  /**
   * An object member.
   *
   * @param o the object
   * @param name member name
   * @param field field name for messages
   * @return the member or null
   */
  public static ObjectNode object(ObjectNode o, String name, String field) {
    JsonNode n = o.get(name);
    if (n == null || n.isNull()) {
      return null;
    }
    if (!n.isObject()) {
      throw ApiException.invalid("Invalid type for '" + field + "': expected an object, found " + n.getNodeType());
    }
    return (ObjectNode) n;
  }
}
