package dev.offsync.app.internal;

import dev.offsync.app.internal.awscli.InputException;
import java.io.PrintWriter;
import picocli.CommandLine;

/**
 * Turns what a command throws into one line on stderr and an exit code: {@link CliFailure} exits 1,
 * {@link InputException} (bad parameter values) is a usage error and exits 2, anything unexpected exits 1 with its
 * type named. Set {@code OFFSYNC_DEBUG=1} to also get the stack trace.
 */
final class FailureHandler implements CommandLine.IExecutionExceptionHandler {
  private final boolean debug;

  FailureHandler(boolean debug) {
    this.debug = debug;
  }

  @Override
  public int handleExecutionException(
      Exception ex, CommandLine cmd, CommandLine.ParseResult parseResult) {
    PrintWriter err = cmd.getErr();
    String name = cmd.getCommandSpec().qualifiedName();
    int code;
    if (ex instanceof InputException) {
      err.println(name + ": " + UsageErrorHandler.firstLine(ex.getMessage()) + " (see '" + name + " --help')");
      code = ExitCodes.USAGE;
    } else if (ex instanceof CliFailure) {
      err.println(name + ": " + UsageErrorHandler.firstLine(ex.getMessage()));
      code = ExitCodes.FAILURE;
    } else {
      err.println(name + ": unexpected error: " + ex.getClass().getSimpleName() + ": "
          + UsageErrorHandler.firstLine(ex.getMessage()));
      code = ExitCodes.FAILURE;
    }
    if (debug) {
      ex.printStackTrace(err);
    }
    err.flush();
    return code;
  }
}
