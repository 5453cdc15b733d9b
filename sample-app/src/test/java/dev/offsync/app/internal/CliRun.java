package dev.offsync.app.internal;

import dev.offsync.app.internal.awscli.OperationInvoker;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.Map;

/** Runs the {@code offsync} command line in-process and captures its exit code, stdout and stderr. */
public final class CliRun {
  /** The exit code. */
  public final int exitCode;
  /** Everything printed to stdout. */
  public final String out;
  /** Everything printed to stderr. */
  public final String err;

  private CliRun(int exitCode, String out, String err) {
    this.exitCode = exitCode;
    this.out = out;
    this.err = err;
  }

  /** Runs with an empty environment and the real Cognito Sync client. */
  public static CliRun run(String... args) {
    return run(Map.of(), args);
  }

  /** Runs with the given environment and the real Cognito Sync client. */
  public static CliRun run(Map<String, String> env, String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    CliContext context = new CliContext(env);
    int code = OffsyncCli.create(context, new PrintWriter(out, true), new PrintWriter(err, true)).execute(args);
    return new CliRun(code, out.toString(), err.toString());
  }

  /** Runs with an empty environment and the given request sender. */
  public static CliRun run(OperationInvoker invoker, String... args) {
    return run(Map.of(), invoker, args);
  }

  /** Runs with the given environment and request sender. */
  public static CliRun run(Map<String, String> env, OperationInvoker invoker, String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    CliContext context = new CliContext(env);
    int code = OffsyncCli.create(context, new PrintWriter(out, true), new PrintWriter(err, true), invoker)
        .execute(args);
    return new CliRun(code, out.toString(), err.toString());
  }

  @Override
  public String toString() {
    return "exit " + exitCode + "\n--- out\n" + out + "--- err\n" + err;
  }
}
