package dev.offsync.app.internal.device;

import dev.offsync.SyncConflict;
import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * {@code offsync device conflicts}: the deferred conflicts, as the device's database keeps them
 * ({@code Dataset.conflicts()}). Works offline.
 */
@Command(name = "conflicts", mixinStandardHelpOptions = true,
    description = "Lists the deferred conflicts: local, remote and base values of each key.")
public final class ConflictsCommand implements Callable<Integer> {
  @ParentCommand private DeviceCommand parent;
  @Spec private CommandSpec spec;

  /** Creates the command; picocli fills it. */
  public ConflictsCommand() {}

  @Override
  public Integer call() {
    List<SyncConflict> conflicts = parent.run(spec, DeviceCommand.Needs.LOCAL, DeviceCommand.deferring(),
        session -> session.dataset().conflicts());
    PrintWriter out = spec.commandLine().getOut();
    if (conflicts.isEmpty()) {
      out.println("no deferred conflicts in '" + parent.datasetName() + "'");
      return 0;
    }
    for (SyncConflict c : conflicts) {
      out.println(c.key() + ": local " + Syncs.shown(c.local().value(), 40) + ", remote "
          + Syncs.shown(c.remote().value(), 40) + ", base "
          + (c.baseValue() == null ? "(none)" : Syncs.shown(c.baseValue(), 40)));
    }
    out.println("settle with: offsync device resolve KEY --local | --remote | --value VALUE | --delete");
    return 0;
  }
}
