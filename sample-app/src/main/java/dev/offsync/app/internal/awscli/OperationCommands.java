package dev.offsync.app.internal.awscli;

import dev.offsync.app.internal.CliContext;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Model.UsageMessageSpec;

/**
 * Builds one picocli command per operation of the service model, with the AWS CLI's options: one per input member
 * ({@code IdentityPoolId} becomes {@code --identity-pool-id}), plus {@code --cli-input-json},
 * {@code --generate-cli-skeleton}, {@code --endpoint-url}, {@code --region} and the global output options
 * {@code --query}, {@code --output}, {@code --color} and {@code --no-cli-pager}.
 */
public final class OperationCommands {
  private final ServiceModel model;
  private final OperationInvoker invoker;
  private final CliContext context;

  /**
   * Creates the factory.
   *
   * @param model the service model
   * @param invoker sends requests
   * @param context the environment
   */
  public OperationCommands(ServiceModel model, OperationInvoker invoker, CliContext context) {
    this.model = Objects.requireNonNull(model, "model == null");
    this.invoker = Objects.requireNonNull(invoker, "invoker == null");
    this.context = Objects.requireNonNull(context, "context == null");
  }

  /**
   * Adds a subcommand per operation to the {@code cognito-sync} command.
   *
   * @param parent the {@code cognito-sync} command line
   */
  public void addTo(CommandLine parent) {
    Objects.requireNonNull(parent, "parent == null");
    for (OperationModel operation : model.operations()) {
      parent.addSubcommand(operation.commandName(), command(operation));
    }
  }

  /**
   * Builds the command of one operation.
   *
   * @param operation the operation
   * @return its picocli model
   */
  public CommandSpec command(OperationModel operation) {
    Objects.requireNonNull(operation, "operation == null");
    OperationCommand runner = new OperationCommand(operation, model, invoker, context);
    CommandSpec spec = CommandSpec.wrapWithoutInspection(runner);
    runner.attach(spec);
    spec.name(operation.commandName());
    spec.mixinStandardHelpOptions(true);
    UsageMessageSpec usage = spec.usageMessage();
    usage.sortOptions(false);
    usage.sortSynopsis(false);
    usage.description(operation.documentation().isEmpty() ? operation.name() : operation.documentation());
    usage.footerHeading("%nOutput:%n");
    usage.footer(outputHelp(operation));

    Shape input = model.shape(operation.inputShape());
    for (MemberRef member : input.members().values()) {
      spec.addOption(memberOption(member, input.required().contains(member.name())));
    }
    spec.addOption(OptionSpec.builder(OperationCommand.CLI_INPUT_JSON)
        .paramLabel("<value>")
        .type(String.class)
        .description("Reads the arguments from this JSON document (or file://path), in the format of "
            + "--generate-cli-skeleton. Options given on the command line override its values.")
        .build());
    spec.addOption(OptionSpec.builder(OperationCommand.GENERATE_CLI_SKELETON)
        .paramLabel("input|output")
        .type(String.class)
        .arity("0..1")
        .fallbackValue("input")
        .description("Prints a sample input JSON for --cli-input-json (or, with 'output', a sample of the "
            + "output) and exits without calling the service.")
        .build());
    spec.addOption(OptionSpec.builder(OperationCommand.ENDPOINT_URL)
        .paramLabel("<url>")
        .type(String.class)
        .description("Sends the request to this URL instead of AWS, e.g. http://127.0.0.1:8080 for a local "
            + "'offsync server'.")
        .build());
    spec.addOption(OptionSpec.builder(OperationCommand.REGION)
        .paramLabel("<region>")
        .type(String.class)
        .description("The region to sign for (default: $AWS_REGION, $AWS_DEFAULT_REGION, or the region prefix "
            + "of --identity-pool-id).")
        .build());
    spec.addOption(OptionSpec.builder(OperationCommand.QUERY)
        .paramLabel("<expression>")
        .type(String.class)
        .description("A JMESPath expression applied to the response before it is printed, e.g. "
            + "\"Records[?Key=='theme'].Value\" or 'Datasets[].[DatasetName,NumRecords]'. A bad expression is a "
            + "usage error, found before anything is sent.")
        .build());
    spec.addOption(OptionSpec.builder(OperationCommand.OUTPUT)
        .paramLabel("json|text|table")
        .type(String.class)
        .description("The output format (default: $" + OperationCommand.DEFAULT_OUTPUT_VARIABLE + ", else json): "
            + "json as the AWS CLI prints it; text, tab-separated values (lists of objects as rows, sorted keys, "
            + "nested members on their own lines prefixed with their upper-case name); table, boxed tables titled "
            + "with the operation's name.")
        .build());
    spec.addOption(OptionSpec.builder(OperationCommand.COLOR)
        .paramLabel("on|off|auto")
        .type(String.class)
        .description("Accepted for compatibility with the AWS CLI; offsync never colours its output.")
        .build());
    spec.addOption(OptionSpec.builder(OperationCommand.NO_CLI_PAGER)
        .arity("0")
        .type(Boolean.class)
        .description("Accepted for compatibility with the AWS CLI; offsync never pipes its output to a pager.")
        .build());
    return spec;
  }

  private OptionSpec memberOption(MemberRef member, boolean required) {
    Shape shape = model.shape(member.shapeName());
    OptionSpec.Builder option = OptionSpec.builder("--" + Names.kebab(member.name()))
        .paramLabel("<value>");
    List<String> description = new ArrayList<>();
    String doc = member.documentation().isEmpty() ? member.name() : member.documentation();
    description.add((required ? "(required) " : "") + "(" + typeName(shape) + ") " + doc);
    if (shape.isList()) {
      option.type(List.class).auxiliaryTypes(String.class).arity("1..*");
    } else if ("boolean".equals(shape.type())) {
      option.type(Boolean.class).arity("0..1").fallbackValue("true");
    } else {
      option.type(String.class).arity("1");
    }
    if (!shape.enumValues().isEmpty()) {
      description.add("Possible values: " + String.join(", ", shape.enumValues()));
    }
    if (!shape.isScalar()) {
      description.add("Shorthand: " + shorthand(shape));
      description.add("JSON: " + JsonOutput.format(new Skeletons(model).skeleton(shape)).replaceAll("\\s+", " "));
    }
    return option.description(description.toArray(new String[0])).build();
  }

  private String shorthand(Shape shape) {
    if (shape.isList()) {
      Shape element = model.shape(shape.listMember());
      return (element.isScalar() ? typeName(element) : shorthand(element)) + " ...";
    }
    if (shape.isMap()) {
      return "KeyName1=" + typeName(model.shape(shape.mapValue())) + ",KeyName2=...";
    }
    List<String> parts = new ArrayList<>();
    for (MemberRef m : shape.members().values()) {
      Shape ms = model.shape(m.shapeName());
      String value = ms.isList() ? "[" + typeName(model.shape(ms.listMember())) + ",...]"
          : !ms.enumValues().isEmpty() ? String.join("|", ms.enumValues())
          : ms.isScalar() ? typeName(ms) : "{...}";
      parts.add(m.name() + "=" + value);
    }
    return String.join(",", parts);
  }

  private String typeName(Shape shape) {
    switch (shape.type()) {
      case "list":
        return "list";
      case "map":
        return "map";
      case "integer":
        return "integer";
      default:
        return shape.type();
    }
  }

  private String outputHelp(OperationModel operation) {
    if (operation.outputShape() == null) {
      return "None";
    }
    Shape output = model.shape(operation.outputShape());
    if (output.members().isEmpty()) {
      return "None";
    }
    return JsonOutput.format(new Skeletons(model).skeleton(output));
  }
}
