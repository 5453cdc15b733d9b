package dev.offsync.app.internal.awscli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Objects;

/**
 * Generates the sample documents of {@code --generate-cli-skeleton} from the model's shapes, as the AWS CLI does:
 * every member present, strings empty (enums their first value), numbers 0, booleans true, timestamps the epoch,
 * lists with one sample element, maps with one {@code KeyName} entry.
 */
public final class Skeletons {
  private final ServiceModel model;

  /**
   * Creates a generator for a model.
   *
   * @param model the service model
   */
  public Skeletons(ServiceModel model) {
    this.model = Objects.requireNonNull(model, "model == null");
  }

  /**
   * Returns the skeleton of a shape.
   *
   * @param shape the shape
   * @return a sample value
   */
  public JsonNode skeleton(Shape shape) {
    Objects.requireNonNull(shape, "shape == null");
    JsonNodeFactory f = JsonNodeFactory.instance;
    switch (shape.type()) {
      case "structure": {
        ObjectNode out = f.objectNode();
        for (MemberRef member : shape.members().values()) {
          out.set(member.name(), skeleton(model.shape(member.shapeName())));
        }
        return out;
      }
      case "list":
        return f.arrayNode().add(skeleton(model.shape(shape.listMember())));
      case "map":
        return f.objectNode().set("KeyName", skeleton(model.shape(shape.mapValue())));
      case "long":
      case "integer":
        return f.numberNode(0);
      case "boolean":
        return f.booleanNode(true);
      case "timestamp":
        return f.textNode("1970-01-01T00:00:00");
      default:
        return f.textNode(shape.enumValues().isEmpty() ? "" : shape.enumValues().get(0));
    }
  }
}
