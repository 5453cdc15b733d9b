package dev.offsync.app.internal.device;

import dev.offsync.app.internal.CliFailure;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code offsync device get KEY}: prints a value. Works offline. */
@Command(name = "get", mixinStandardHelpOptions = true, description = "Prints the value of KEY (exit 1 if absent).")
public final class GetCommand implements Callable<Integer> {
  @ParentCommand private DeviceCommand parent;
  @Spec private CommandSpec spec;

  @Parameters(index = "0", paramLabel = "KEY", description = "The key.")
  private String key;

  /** Creates the command; picocli fills it. */
  public GetCommand() {}

  @Override
  public Integer call() {
    String value = parent.run(spec, DeviceCommand.Needs.LOCAL, DeviceCommand.deferring(),
        session -> session.dataset().get(key));
    if (value == null) {
      throw new CliFailure("no value for key '" + key + "' in dataset '" + parent.datasetName() + "'");
    }
    spec.commandLine().getOut().println(value);
    return 0;
  }
}
