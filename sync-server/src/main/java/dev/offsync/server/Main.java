package dev.offsync.server;

import picocli.CommandLine;

/** Entry point of {@code sync-server.jar}: {@code java -jar sync-server.jar --port 8080 --data ./offsync-data ...}. */
public final class Main {
  private Main() {}

  /**
   * Runs the {@link ServerCommand}.
   *
   * @param args command-line arguments; {@code --help} lists them
   */
  public static void main(String[] args) {
    int code = new CommandLine(new ServerCommand()).execute(args);
    if (code != 0) {
      System.exit(code);
    }
  }
}
