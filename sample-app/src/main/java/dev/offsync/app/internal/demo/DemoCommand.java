package dev.offsync.app.internal.demo;

import dev.offsync.app.internal.CliFailure;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code offsync demo}: the story of two devices and a server, with nothing to configure. */
@Command(
    name = "demo",
    mixinStandardHelpOptions = true,
    description = {
        "Starts a server in-process on a free loopback port, creates two devices (phone and laptop) with their own "
            + "SQLite files and the same identity, and plays a story: offline edits, syncs, a three-way merge, "
            + "a removal and a stale push that meets a 409. Ends with a table and 'converged: yes'.",
        "Nothing to configure; runs in seconds."
    })
public final class DemoCommand implements Callable<Integer> {
  @Spec private CommandSpec spec;

  @Option(names = "--data-dir", paramLabel = "DIR",
      description = "Keep the server data and the devices' files in DIR (default: a temporary directory, deleted "
          + "afterwards).")
  private Path dataDir;

  @Option(names = "--port", paramLabel = "PORT", defaultValue = "0",
      description = "The server's port (default: a free one).")
  private int port;

  /** Creates the command; picocli fills it. */
  public DemoCommand() {}

  @Override
  public Integer call() {
    if (port < 0 || port > 65535) {
      throw new CommandLine.ParameterException(spec.commandLine(), "--port must be 0..65535");
    }
    boolean temporary = dataDir == null;
    Path dir;
    try {
      dir = temporary ? Files.createTempDirectory("offsync-demo") : Files.createDirectories(dataDir);
    } catch (IOException e) {
      throw new CliFailure("cannot create the demo's directory: " + e.getMessage(), e);
    }
    try {
      DemoResult result = new DemoStory(dir, port, spec.commandLine().getOut()).run();
      if (!temporary) {
        spec.commandLine().getOut().println("files kept in " + dir.toAbsolutePath()
            + " (try: offsync device --db " + dir.resolve("phone.db") + " --dataset " + DemoStory.DATASET + " ls)");
      }
      return result.converged() ? 0 : 1;
    } finally {
      if (temporary) {
        deleteTree(dir);
      }
    }
  }

  private static void deleteTree(Path dir) {
    try {
      Files.walkFileTree(dir, new SimpleFileVisitor<>() {
        @Override
        public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
          Files.deleteIfExists(file);
          return FileVisitResult.CONTINUE;
        }

        @Override
        public FileVisitResult postVisitDirectory(Path d, IOException e) throws IOException {
          Files.deleteIfExists(d);
          return FileVisitResult.CONTINUE;
        }
      });
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
