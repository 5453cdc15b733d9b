package dev.offsync.app;

import dev.offsync.app.internal.CliContext;
import dev.offsync.app.internal.OffsyncCli;
import java.io.PrintWriter;
import java.nio.charset.Charset;

/**
 * The {@code offsync} command line ({@code java -jar offsync.jar --help}): {@code demo}, {@code device},
 * {@code cognito-sync}, {@code server} and {@code migrate}. Exit codes: 0 success, 1 failure, 2 usage error.
 */
public final class Main {
  private Main() {}

  /**
   * Runs the command line and exits the JVM with its exit code (unless a server keeps running).
   *
   * @param args the arguments, e.g. {@code demo}
   */
  public static void main(String[] args) {
    int code = run(args);
    System.exit(code);
  }

  /**
   * Runs the command line on the process's environment, stdout and stderr without exiting.
   *
   * @param args the arguments
   * @return the exit code: 0 success, 1 failure, 2 usage error
   */
  public static int run(String... args) {
    java.util.Objects.requireNonNull(args, "args == null");
    Charset charset = Charset.defaultCharset();
    PrintWriter out = new PrintWriter(new java.io.OutputStreamWriter(System.out, charset), true);
    PrintWriter err = new PrintWriter(new java.io.OutputStreamWriter(System.err, charset), true);
    try {
      return OffsyncCli.create(new CliContext(System.getenv()), out, err).execute(args);
    } finally {
      out.flush();
      err.flush();
    }
  }
}
