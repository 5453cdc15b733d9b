package dev.offsync.app.internal;

import dev.offsync.app.internal.awscli.CognitoSyncInvoker;
import dev.offsync.app.internal.awscli.OperationCommands;
import dev.offsync.app.internal.awscli.OperationInvoker;
import dev.offsync.app.internal.awscli.ServiceModel;
import java.io.PrintWriter;
import java.util.Objects;
import picocli.CommandLine;

/**
 * Assembles the {@code offsync} command line: the annotated commands, the {@code cognito-sync} operations from the
 * service model, one-line error reporting and the exit codes of {@link ExitCodes}.
 */
public final class OffsyncCli {
  private OffsyncCli() {}

  /**
   * Creates the command line with the real Cognito Sync client.
   *
   * @param context the environment
   * @param out standard output
   * @param err standard error
   * @return a command line ready to {@link CommandLine#execute(String...) execute}
   */
  public static CommandLine create(CliContext context, PrintWriter out, PrintWriter err) {
    return create(context, out, err, new CognitoSyncInvoker(context));
  }

  /**
   * Creates the command line with a given way of sending {@code cognito-sync} requests.
   *
   * @param context the environment
   * @param out standard output
   * @param err standard error
   * @param invoker sends {@code cognito-sync} requests
   * @return a command line ready to {@link CommandLine#execute(String...) execute}
   */
  public static CommandLine create(CliContext context, PrintWriter out, PrintWriter err, OperationInvoker invoker) {
    Objects.requireNonNull(context, "context == null");
    Objects.requireNonNull(out, "out == null");
    Objects.requireNonNull(err, "err == null");
    Objects.requireNonNull(invoker, "invoker == null");
    CommandLine cli = new CommandLine(new RootCommand(), new ContextFactory(context));
    new OperationCommands(ServiceModel.cognitoSync(), invoker, context)
        .addTo(cli.getSubcommands().get("cognito-sync"));
    cli.setOut(out);
    cli.setErr(err);
    cli.setExpandAtFiles(false);
    cli.setCaseInsensitiveEnumValuesAllowed(true);
    cli.setParameterExceptionHandler(new UsageErrorHandler());
    cli.setExecutionExceptionHandler(new FailureHandler(context.env("OFFSYNC_DEBUG") != null));
    return cli;
  }
}
