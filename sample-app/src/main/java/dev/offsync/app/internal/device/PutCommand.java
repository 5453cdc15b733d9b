package dev.offsync.app.internal.device;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code offsync device put KEY VALUE}: stores a value locally, pending the next sync. Works offline. */
@Command(name = "put", mixinStandardHelpOptions = true,
    description = "Stores VALUE under KEY locally (works offline); the next sync pushes it.")
public final class PutCommand implements Callable<Integer> {
  @ParentCommand private DeviceCommand parent;
  @Spec private CommandSpec spec;

  @Parameters(index = "0", paramLabel = "KEY", description = "The key.")
  private String key;

  @Parameters(index = "1", arity = "0..1", paramLabel = "VALUE", description = "The value.")
  private String value;

  @Option(names = "--value-file", paramLabel = "FILE", description = "Reads the value from FILE (UTF-8) instead.")
  private Path valueFile;

  /** Creates the command; picocli fills it. */
  public PutCommand() {}

  @Override
  public Integer call() {
    if ((value == null) == (valueFile == null)) {
      throw new CommandLine.ParameterException(spec.commandLine(), "give either VALUE or --value-file FILE");
    }
    String v = value;
    if (valueFile != null) {
      try {
        v = Files.readString(valueFile, StandardCharsets.UTF_8);
      } catch (IOException e) {
        throw new CommandLine.ParameterException(spec.commandLine(), "cannot read --value-file " + valueFile + ": " + e);
      }
    }
    String stored = v;
    parent.run(spec, DeviceCommand.Needs.LOCAL, DeviceCommand.deferring(), session -> {
      session.dataset().put(key, stored);
      return null;
    });
    spec.commandLine().getOut().println("put " + key + " = " + Syncs.shown(stored, 60) + " (pending sync)");
    return 0;
  }
}
