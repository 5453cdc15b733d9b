package dev.offsync.app.internal.awscli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.core.util.Separators;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.util.RawValue;
import java.util.Objects;

/**
 * Prints JSON the way the AWS CLI does: four-space indentation, {@code "Key": value}, {@code []} when empty, and
 * floating-point numbers as Python writes them ({@code 2.5}, {@code 1e+20}).
 */
public final class JsonOutput {
  private static final ObjectWriter WRITER;

  static {
    DefaultIndenter indenter = new DefaultIndenter("    ", "\n");
    Separators separators = Separators.createDefaultInstance()
        .withObjectFieldValueSpacing(Separators.Spacing.AFTER)
        .withObjectEmptySeparator("")
        .withArrayEmptySeparator("");
    DefaultPrettyPrinter printer = new DefaultPrettyPrinter()
        .withSeparators(separators);
    printer.indentObjectsWith(indenter);
    printer.indentArraysWith(indenter);
    WRITER = new ObjectMapper().writer(printer);
  }

  private JsonOutput() {}

  /**
   * Formats a JSON value.
   *
   * @param value the value
   * @return the formatted text, without a trailing newline
   */
  public static String format(JsonNode value) {
    Objects.requireNonNull(value, "value == null");
    try {
      return WRITER.writeValueAsString(pythonFloats(value));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  private static JsonNode pythonFloats(JsonNode value) {
    if (value.isNumber() && !value.isIntegralNumber()) {
      return JsonNodeFactory.instance.rawValueNode(new RawValue(PythonText.floatRepr(value.doubleValue())));
    }
    if (value.isArray()) {
      ArrayNode copy = JsonNodeFactory.instance.arrayNode(value.size());
      value.forEach(element -> copy.add(pythonFloats(element)));
      return copy;
    }
    if (value.isObject()) {
      ObjectNode copy = JsonNodeFactory.instance.objectNode();
      value.properties().forEach(field -> copy.set(field.getKey(), pythonFloats(field.getValue())));
      return copy;
    }
    return value;
  }
}
