package dev.offsync.app.internal.awscli;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Writes JSON values the way the AWS CLI's text and table output do, which is Python's {@code str()} of the parsed
 * value: {@code None}, {@code True}/{@code False}, strings as they are, {@code 2.0} and {@code 1e+16} for floats,
 * and Python's {@code repr} inside lists and objects ({@code ['a', None]}). Keys are ordered like Python's
 * {@code sorted()}: by code point.
 */
final class PythonText {
  /** Orders strings by code point, as Python compares {@code str}s. */
  static final Comparator<String> KEY_ORDER = PythonText::compareCodePoints;

  private PythonText() {}

  /**
   * Returns Python's {@code str()} of a JSON value.
   *
   * @param value the value; Java {@code null} and missing nodes count as JSON {@code null}
   * @return its text
   */
  static String str(JsonNode value) {
    if (value == null || value.isNull() || value.isMissingNode()) {
      return "None";
    }
    if (value.isTextual()) {
      return value.textValue();
    }
    return repr(value);
  }

  /**
   * Tells whether a JSON value is false in Python: {@code null}, {@code false}, zero, {@code ""}, {@code []},
   * <code>{}</code>.
   *
   * @param value the value
   * @return whether Python's {@code not value} holds
   */
  static boolean isFalsy(JsonNode value) {
    if (value == null || value.isNull() || value.isMissingNode()) {
      return true;
    }
    if (value.isBoolean()) {
      return !value.booleanValue();
    }
    if (value.isNumber()) {
      return value.decimalValue().signum() == 0;
    }
    if (value.isTextual()) {
      return value.textValue().isEmpty();
    }
    return value.isContainerNode() && value.isEmpty();
  }

  /**
   * Tells whether a value is a scalar for the AWS CLI: neither a list nor an object.
   *
   * @param value the value
   * @return whether it is a scalar
   */
  static boolean isScalar(JsonNode value) {
    return value == null || !value.isContainerNode();
  }

  /**
   * Returns the keys of an object in Python's {@code sorted()} order.
   *
   * @param object a JSON object
   * @return its keys, sorted
   */
  static List<String> sortedKeys(JsonNode object) {
    List<String> keys = new ArrayList<>();
    object.fieldNames().forEachRemaining(keys::add);
    keys.sort(KEY_ORDER);
    return keys;
  }

  private static String repr(JsonNode value) {
    if (value == null || value.isNull() || value.isMissingNode()) {
      return "None";
    }
    if (value.isBoolean()) {
      return value.booleanValue() ? "True" : "False";
    }
    if (value.isIntegralNumber()) {
      return value.bigIntegerValue().toString();
    }
    if (value.isNumber()) {
      return floatRepr(value.doubleValue());
    }
    if (value.isTextual()) {
      return stringRepr(value.textValue());
    }
    StringBuilder out = new StringBuilder();
    if (value.isArray()) {
      out.append('[');
      for (int i = 0; i < value.size(); i++) {
        out.append(i == 0 ? "" : ", ").append(repr(value.get(i)));
      }
      return out.append(']').toString();
    }
    out.append('{');
    boolean first = true;
    for (Map.Entry<String, JsonNode> field : value.properties()) {
      out.append(first ? "" : ", ").append(stringRepr(field.getKey())).append(": ").append(repr(field.getValue()));
      first = false;
    }
    return out.append('}').toString();
  }

  /** Python's shortest round-tripping float repr: positional from 1e-4 up to 1e16, else d.ddde+XX. */
  static String floatRepr(double value) {
    if (Double.isNaN(value)) {
      return "nan";
    }
    if (Double.isInfinite(value)) {
      return value > 0 ? "inf" : "-inf";
    }
    String sign = (value < 0 || (value == 0 && 1 / value < 0)) ? "-" : "";
    double magnitude = Math.abs(value);
    if (magnitude == 0) {
      return sign + "0.0";
    }
    BigDecimal decimal = shortest(magnitude);
    String digits = decimal.unscaledValue().toString();
    int point = digits.length() - decimal.scale();
    StringBuilder out = new StringBuilder(sign);
    if (point > -4 && point <= 16) {
      if (point <= 0) {
        out.append("0.").append("0".repeat(-point)).append(digits);
      } else if (point >= digits.length()) {
        out.append(digits).append("0".repeat(point - digits.length())).append(".0");
      } else {
        out.append(digits, 0, point).append('.').append(digits.substring(point));
      }
      return out.toString();
    }
    out.append(digits.charAt(0));
    if (digits.length() > 1) {
      out.append('.').append(digits.substring(1));
    }
    int exponent = point - 1;
    out.append('e').append(exponent < 0 ? '-' : '+');
    String e = Integer.toString(Math.abs(exponent));
    return out.append(e.length() < 2 ? "0" + e : e).toString();
  }

  /** The decimal with the fewest significant digits that reads back as the same double, as Python picks it. */
  private static BigDecimal shortest(double magnitude) {
    BigDecimal exact = new BigDecimal(magnitude);
    for (int digits = 1; digits < 17; digits++) {
      BigDecimal candidate = exact.round(new MathContext(digits, RoundingMode.HALF_EVEN));
      if (candidate.doubleValue() == magnitude) {
        return candidate.stripTrailingZeros();
      }
    }
    return exact.round(new MathContext(17, RoundingMode.HALF_EVEN)).stripTrailingZeros();
  }

  private static String stringRepr(String text) {
    char quote = text.indexOf('\'') >= 0 && text.indexOf('"') < 0 ? '"' : '\'';
    StringBuilder out = new StringBuilder().append(quote);
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c == quote || c == '\\') {
        out.append('\\').append(c);
      } else if (c == '\n') {
        out.append("\\n");
      } else if (c == '\r') {
        out.append("\\r");
      } else if (c == '\t') {
        out.append("\\t");
      } else if (c < 0x20 || c == 0x7f) {
        out.append(String.format("\\x%02x", (int) c));
      } else {
        out.append(c);
      }
    }
    return out.append(quote).toString();
  }

  private static int compareCodePoints(String a, String b) {
    Objects.requireNonNull(a, "a == null");
    Objects.requireNonNull(b, "b == null");
    int i = 0;
    int j = 0;
    while (i < a.length() && j < b.length()) {
      int ca = a.codePointAt(i);
      int cb = b.codePointAt(j);
      if (ca != cb) {
        return Integer.compare(ca, cb);
      }
      i += Character.charCount(ca);
      j += Character.charCount(cb);
    }
    return Boolean.compare(i < a.length(), j < b.length());
  }
}
