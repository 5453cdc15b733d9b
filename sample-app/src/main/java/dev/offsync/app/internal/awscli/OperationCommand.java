package dev.offsync.app.internal.awscli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.offsync.app.internal.CliContext;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;

/**
 * Runs one {@code offsync cognito-sync <operation>}: prints a skeleton, or assembles the input from
 * {@code --cli-input-json} and the options, validates it against the model, sends it and prints the response as the
 * AWS CLI would.
 */
final class OperationCommand implements Callable<Integer> {
  static final String CLI_INPUT_JSON = "--cli-input-json";
  static final String GENERATE_CLI_SKELETON = "--generate-cli-skeleton";
  static final String ENDPOINT_URL = "--endpoint-url";
  static final String REGION = "--region";
  static final String QUERY = "--query";
  static final String OUTPUT = "--output";
  static final String COLOR = "--color";
  static final String NO_CLI_PAGER = "--no-cli-pager";
  static final String DEFAULT_OUTPUT_VARIABLE = "AWS_DEFAULT_OUTPUT";

  private final OperationModel operation;
  private final ServiceModel model;
  private final OperationInvoker invoker;
  private final CliContext context;
  private CommandSpec spec;

  OperationCommand(OperationModel operation, ServiceModel model, OperationInvoker invoker, CliContext context) {
    this.operation = Objects.requireNonNull(operation, "operation == null");
    this.model = Objects.requireNonNull(model, "model == null");
    this.invoker = Objects.requireNonNull(invoker, "invoker == null");
    this.context = Objects.requireNonNull(context, "context == null");
  }

  void attach(CommandSpec spec) {
    this.spec = Objects.requireNonNull(spec, "spec == null");
  }

  @Override
  public Integer call() {
    CommandLine.ParseResult parsed = spec.commandLine().getParseResult();
    PrintWriter out = spec.commandLine().getOut();
    ResponsePrinter printer = printer(parsed);
    if (parsed.hasMatchedOption(GENERATE_CLI_SKELETON)) {
      String which = parsed.matchedOptionValue(GENERATE_CLI_SKELETON, "input");
      if (!which.equals("input") && !which.equals("output")) {
        throw new CommandLine.ParameterException(
            spec.commandLine(), "argument --generate-cli-skeleton: invalid choice: '" + which + "' (choose from 'input', 'output')");
      }
      Skeletons skeletons = new Skeletons(model);
      String shape = which.equals("input") ? operation.inputShape() : operation.outputShape();
      JsonNode skeleton = shape == null
          ? JsonNodeFactory.instance.objectNode()
          : skeletons.skeleton(model.shape(shape));
      out.println(JsonOutput.format(skeleton));
      out.flush();
      return 0;
    }

    Map<String, List<String>> options = new LinkedHashMap<>();
    Shape input = model.shape(operation.inputShape());
    for (MemberRef member : input.members().values()) {
      OptionSpec option = parsed.matchedOption("--" + Names.kebab(member.name()));
      if (option == null) {
        continue;
      }
      Object value = option.getValue();
      List<String> tokens = new ArrayList<>();
      if (value instanceof List<?>) {
        for (Object o : (List<?>) value) {
          tokens.add(String.valueOf(o));
        }
      } else if (value instanceof Boolean) {
        tokens.add(String.valueOf(value));
      } else if (value != null) {
        tokens.add(String.valueOf(value));
      }
      options.put(member.name(), tokens);
    }
    InputAssembler assembler = new InputAssembler(model);
    ObjectNode document = assembler.assemble(operation, parsed.matchedOptionValue(CLI_INPUT_JSON, null), options);
    List<String> missing = assembler.missingRequired(operation, document);
    if (!missing.isEmpty()) {
      throw new CommandLine.ParameterException(
          spec.commandLine(), "the following arguments are required: " + String.join(", ", missing));
    }
    Object request = new ModelBinder(model).toModel(input, document);
    ClientSettings settings = new ClientSettings(
        parsed.matchedOptionValue(ENDPOINT_URL, null), region(parsed, document));
    Object response = invoker.invoke(operation, request, settings);
    ObjectNode json = operation.outputShape() != null && response != null
        ? new ModelBinder(model).toJson(model.shape(operation.outputShape()), response)
        : JsonNodeFactory.instance.objectNode();
    printer.print(operation.name(), json, out);
    out.flush();
    return 0;
  }

  /**
   * Reads the global output options, so that a bad one is a usage error before anything is sent: {@code --output}
   * (else {@code AWS_DEFAULT_OUTPUT}, else json), {@code --query}, and {@code --color}, which is only checked.
   */
  private ResponsePrinter printer(CommandLine.ParseResult parsed) {
    String color = parsed.matchedOptionValue(COLOR, null);
    if (color != null && !color.equals("on") && !color.equals("off") && !color.equals("auto")) {
      throw new CommandLine.ParameterException(
          spec.commandLine(), "argument --color: invalid choice: '" + color + "' (choose from 'on', 'off', 'auto')");
    }
    String flag = parsed.matchedOptionValue(OUTPUT, null);
    String output = flag != null ? flag : context.env(DEFAULT_OUTPUT_VARIABLE);
    OutputFormat format = output == null ? OutputFormat.JSON : OutputFormat.named(output).orElseThrow(() ->
        new CommandLine.ParameterException(spec.commandLine(), (flag != null ? "argument " + OUTPUT
            : DEFAULT_OUTPUT_VARIABLE) + ": invalid choice: '" + output + "' (choose from " + OutputFormat.CHOICES
            + ")"));
    String query = parsed.matchedOptionValue(QUERY, null);
    return new ResponsePrinter(format, query == null ? null : ResponseQuery.compile(query));
  }

  private String region(CommandLine.ParseResult parsed, ObjectNode document) {
    String region = parsed.matchedOptionValue(REGION, null);
    if (region == null) {
      region = context.env("AWS_REGION");
    }
    if (region == null) {
      region = context.env("AWS_DEFAULT_REGION");
    }
    if (region == null && document.has("IdentityPoolId")) {
      String pool = document.get("IdentityPoolId").asText();
      int colon = pool.indexOf(':');
      if (colon > 0) {
        region = pool.substring(0, colon);
      }
    }
    if (region == null) {
      throw new CommandLine.ParameterException(
          spec.commandLine(), "You must specify a region: pass --region or set AWS_REGION");
    }
    if (!region.matches("[a-z0-9-]+")) {
      throw new CommandLine.ParameterException(
          spec.commandLine(), "Invalid region \"" + region + "\": expected something like us-east-1");
    }
    return region;
  }
}
