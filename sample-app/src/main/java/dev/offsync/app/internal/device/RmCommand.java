package dev.offsync.app.internal.device;

import dev.offsync.app.internal.CliFailure;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code offsync device rm KEY}: deletes a key locally, pending the next sync. Works offline. */
@Command(name = "rm", mixinStandardHelpOptions = true,
    description = "Deletes KEY locally (works offline); the next sync pushes the removal.")
public final class RmCommand implements Callable<Integer> {
  @ParentCommand private DeviceCommand parent;
  @Spec private CommandSpec spec;

  @Parameters(index = "0", paramLabel = "KEY", description = "The key.")
  private String key;

  /** Creates the command; picocli fills it. */
  public RmCommand() {}

  @Override
  public Integer call() {
    boolean removed = parent.run(spec, DeviceCommand.Needs.LOCAL, DeviceCommand.deferring(), session -> {
      if (session.dataset().get(key) == null) {
        return false;
      }
      session.dataset().remove(key);
      return true;
    });
    if (!removed) {
      throw new CliFailure("no value for key '" + key + "' in dataset '" + parent.datasetName() + "'");
    }
    spec.commandLine().getOut().println("removed " + key + " (pending sync)");
    return 0;
  }
}
