package dev.offsync.app.internal.awscli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * AWS's service model of Cognito Sync (2014-06-30), loaded from a copy bundled as a resource. It drives the
 * {@code cognito-sync} commands: their options, parsing, validation, skeletons and output.
 */
public final class ServiceModel {
  private static final String RESOURCE = "cognito-sync-2014-06-30.json";

  private final Map<String, OperationModel> operations;
  private final Map<String, Shape> shapes;

  private ServiceModel(Map<String, OperationModel> operations, Map<String, Shape> shapes) {
    this.operations = Collections.unmodifiableMap(operations);
    this.shapes = Collections.unmodifiableMap(shapes);
  }

  /**
   * Loads the bundled Cognito Sync model.
   *
   * @return the model
   */
  public static ServiceModel cognitoSync() {
    try (InputStream in = ServiceModel.class.getResourceAsStream(RESOURCE)) {
      if (in == null) {
        throw new IllegalStateException("missing resource " + RESOURCE);
      }
      return parse(new ObjectMapper().readTree(in));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + RESOURCE, e);
    }
  }

  static ServiceModel parse(JsonNode root) {
    Map<String, Shape> shapes = new LinkedHashMap<>();
    Iterator<Map.Entry<String, JsonNode>> shapeNodes = root.path("shapes").fields();
    while (shapeNodes.hasNext()) {
      Map.Entry<String, JsonNode> e = shapeNodes.next();
      shapes.put(e.getKey(), shape(e.getKey(), e.getValue()));
    }
    Map<String, OperationModel> operations = new LinkedHashMap<>();
    Iterator<Map.Entry<String, JsonNode>> opNodes = root.path("operations").fields();
    while (opNodes.hasNext()) {
      Map.Entry<String, JsonNode> e = opNodes.next();
      JsonNode op = e.getValue();
      String output = op.path("output").path("shape").asText(null);
      operations.put(
          e.getKey(),
          new OperationModel(
              e.getKey(),
              stripHtml(op.path("documentation").asText("")),
              op.path("input").path("shape").asText(),
              output));
    }
    return new ServiceModel(operations, shapes);
  }

  private static Shape shape(String name, JsonNode node) {
    Map<String, MemberRef> members = new LinkedHashMap<>();
    Iterator<Map.Entry<String, JsonNode>> it = node.path("members").fields();
    while (it.hasNext()) {
      Map.Entry<String, JsonNode> m = it.next();
      JsonNode ref = m.getValue();
      members.put(
          m.getKey(),
          new MemberRef(
              m.getKey(),
              ref.path("shape").asText(),
              stripHtml(ref.path("documentation").asText("")),
              ref.path("location").asText("")));
    }
    Set<String> required = new HashSet<>();
    node.path("required").forEach(r -> required.add(r.asText()));
    List<String> enumValues = new ArrayList<>();
    node.path("enum").forEach(v -> enumValues.add(v.asText()));
    return new Shape(
        name,
        node.path("type").asText(),
        members,
        required,
        node.path("member").path("shape").asText(null),
        node.path("key").path("shape").asText(null),
        node.path("value").path("shape").asText(null),
        enumValues,
        node.has("min") ? node.get("min").asLong() : null,
        node.has("max") ? node.get("max").asLong() : null,
        node.path("pattern").asText(null));
  }

  /**
   * Removes HTML tags and collapses whitespace, for help text.
   *
   * @param html documentation from the model
   * @return plain text
   */
  static String stripHtml(String html) {
    return html.replaceAll("<[^>]*>", " ").replaceAll("\\s+", " ").trim();
  }

  /** Returns the operations in model order (alphabetical). */
  public List<OperationModel> operations() {
    return List.copyOf(operations.values());
  }

  /**
   * Returns an operation by its PascalCase name.
   *
   * @param name e.g. {@code UpdateRecords}
   * @return the operation
   * @throws IllegalArgumentException if the model has no such operation
   */
  public OperationModel operation(String name) {
    Objects.requireNonNull(name, "name == null");
    OperationModel op = operations.get(name);
    if (op == null) {
      throw new IllegalArgumentException("no operation " + name);
    }
    return op;
  }

  /**
   * Returns a shape by name.
   *
   * @param name e.g. {@code RecordPatch}
   * @return the shape
   * @throws IllegalArgumentException if the model has no such shape
   */
  public Shape shape(String name) {
    Objects.requireNonNull(name, "name == null");
    Shape shape = shapes.get(name);
    if (shape == null) {
      throw new IllegalArgumentException("no shape " + name);
    }
    return shape;
  }
}
