package dev.offsync.app.internal.awscli;

import java.util.Objects;

/**
 * One operation of the service model.
 *
 * @param name the PascalCase operation name, e.g. {@code UpdateRecords}
 * @param documentation the operation's documentation, HTML stripped
 * @param inputShape the input shape name
 * @param outputShape the output shape name, or {@code null} when the operation returns nothing
 */
public record OperationModel(String name, String documentation, String inputShape, String outputShape) {
  /** Rejects nulls where they are not allowed. */
  public OperationModel {
    Objects.requireNonNull(name, "name == null");
    Objects.requireNonNull(documentation, "documentation == null");
    Objects.requireNonNull(inputShape, "inputShape == null");
  }

  /** Returns the AWS CLI command name, e.g. {@code update-records}. */
  public String commandName() {
    return Names.kebab(name);
  }
}
