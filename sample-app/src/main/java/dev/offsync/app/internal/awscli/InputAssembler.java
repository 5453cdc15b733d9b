package dev.offsync.app.internal.awscli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Turns what the user typed for one operation into its input document: {@code --cli-input-json} first, then each
 * option given on the command line overriding the member of the same name. Option values may be plain text, the
 * shorthand syntax or JSON, and any of them may be {@code file://path} to read the value from a file.
 */
public final class InputAssembler {
  private static final ObjectMapper JSON = new ObjectMapper();

  private final ServiceModel model;
  private final ShapeCoercer coercer;

  /**
   * Creates an assembler for a model.
   *
   * @param model the service model
   */
  public InputAssembler(ServiceModel model) {
    this.model = Objects.requireNonNull(model, "model == null");
    this.coercer = new ShapeCoercer(model);
  }

  /**
   * Builds the input document of an operation.
   *
   * @param operation the operation
   * @param cliInputJson the {@code --cli-input-json} value, or {@code null}
   * @param options the values given per member (PascalCase member name to the option's tokens), in any order
   * @return the normalised input, required members not yet checked
   * @throws InputException if anything is malformed or not allowed by the model
   */
  public ObjectNode assemble(OperationModel operation, String cliInputJson, Map<String, List<String>> options) {
    Objects.requireNonNull(operation, "operation == null");
    Objects.requireNonNull(options, "options == null");
    Shape input = model.shape(operation.inputShape());
    ObjectNode fromJson = JsonNodeFactory.instance.objectNode();
    if (cliInputJson != null) {
      JsonNode parsed = parseJson(resolveFile(cliInputJson), "--cli-input-json");
      if (!parsed.isObject()) {
        throw new InputException("--cli-input-json must be a JSON object");
      }
      fromJson = (ObjectNode) parsed.deepCopy();
      // values the command line overrides are neither used nor checked
      fromJson.remove(options.keySet());
    }
    ObjectNode document = coercer.coerceMembers(fromJson, input, "", ShapeCoercer.Mode.JSON);
    for (MemberRef member : input.members().values()) {
      List<String> tokens = options.get(member.name());
      if (tokens != null) {
        document.set(member.name(), memberValue(member, tokens));
      }
    }
    ObjectNode ordered = JsonNodeFactory.instance.objectNode();
    for (MemberRef member : input.members().values()) {
      if (document.has(member.name())) {
        ordered.set(member.name(), document.get(member.name()));
      }
    }
    return ordered;
  }

  /**
   * Returns the command-line names of the required members missing from an input document.
   *
   * @param operation the operation
   * @param document its input
   * @return e.g. {@code [--identity-pool-id, --sync-session-token]}; empty when complete
   */
  public List<String> missingRequired(OperationModel operation, ObjectNode document) {
    Shape input = model.shape(operation.inputShape());
    List<String> missing = new ArrayList<>();
    for (MemberRef member : input.members().values()) {
      if (input.required().contains(member.name()) && !document.has(member.name())) {
        missing.add("--" + Names.kebab(member.name()));
      }
    }
    return missing;
  }

  private JsonNode memberValue(MemberRef member, List<String> tokens) {
    Shape shape = model.shape(member.shapeName());
    String path = member.name();
    List<String> values = new ArrayList<>(tokens.size());
    for (String token : tokens) {
      values.add(resolveFile(token));
    }
    if (shape.isScalar()) {
      if ("boolean".equals(shape.type()) && values.isEmpty()) {
        return coercer.coerce(TextNode.valueOf("true"), shape, path, ShapeCoercer.Mode.SHORTHAND);
      }
      return coercer.coerce(TextNode.valueOf(values.get(0)), shape, path, ShapeCoercer.Mode.SHORTHAND);
    }
    if (shape.isList()) {
      if (values.size() == 1 && values.get(0).stripLeading().startsWith("[")) {
        return coercer.coerce(parseJson(values.get(0), "--" + Names.kebab(path)), shape, path, ShapeCoercer.Mode.JSON);
      }
      Shape element = model.shape(shape.listMember());
      ArrayNode raw = JsonNodeFactory.instance.arrayNode();
      for (String value : values) {
        raw.add(element.isScalar() ? TextNode.valueOf(value) : structuredValue(value, path));
      }
      return coercer.coerce(raw, shape, path, ShapeCoercer.Mode.SHORTHAND);
    }
    String value = values.get(0);
    if (value.stripLeading().startsWith("{")) {
      return coercer.coerce(parseJson(value, "--" + Names.kebab(path)), shape, path, ShapeCoercer.Mode.JSON);
    }
    return coercer.coerce(ShorthandParser.parse(value), shape, path, ShapeCoercer.Mode.SHORTHAND);
  }

  private JsonNode structuredValue(String value, String path) {
    if (value.stripLeading().startsWith("{")) {
      return parseJson(value, "--" + Names.kebab(path));
    }
    return ShorthandParser.parse(value);
  }

  private static JsonNode parseJson(String text, String what) {
    try {
      JsonNode node = JSON.readTree(text);
      if (node == null || node.isMissingNode()) {
        throw new InputException("Invalid JSON for " + what + ": the value is empty");
      }
      return node;
    } catch (JsonProcessingException e) {
      throw new InputException("Invalid JSON for " + what + ": " + e.getOriginalMessage()
          + " at line " + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr());
    }
  }

  /**
   * Reads {@code file://path} values from the file, as the AWS CLI does; other values are returned unchanged.
   *
   * @param value an option value
   * @return the value or the file's content
   * @throws InputException if the file cannot be read
   */
  static String resolveFile(String value) {
    if (!value.startsWith("file://")) {
      return value;
    }
    Path path = Paths.get(value.substring("file://".length()));
    try {
      return Files.readString(path, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new InputException("Unable to load parameter value from " + value + ": " + e.getMessage());
    }
  }
}
