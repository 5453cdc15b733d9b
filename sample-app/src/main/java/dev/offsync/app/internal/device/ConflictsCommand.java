package dev.offsync.app.internal.device;

import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code offsync device conflicts}: the conflicts the last sync deferred. Works offline. */
@Command(name = "conflicts", mixinStandardHelpOptions = true,
    description = "Lists the conflicts the last sync deferred: local, remote and base values of each key.")
public final class ConflictsCommand implements Callable<Integer> {
  @ParentCommand private DeviceCommand parent;
  @Spec private CommandSpec spec;

  /** Creates the command; picocli fills it. */
  public ConflictsCommand() {}

  @Override
  public Integer call() {
    List<DeferredConflict> conflicts = parent.run(spec, DeviceCommand.Needs.LOCAL, DeviceCommand.deferring(),
        session -> session.state().conflicts(session.dataset().name()));
    PrintWriter out = spec.commandLine().getOut();
    if (conflicts.isEmpty()) {
      out.println("no deferred conflicts in '" + parent.datasetName() + "'");
      return 0;
    }
    for (DeferredConflict c : conflicts) {
      out.println(c.key() + ": local " + Syncs.shown(c.local(), 40) + ", remote " + Syncs.shown(c.remote(), 40)
          + ", base " + (c.base() == null ? "(none)" : Syncs.shown(c.base(), 40)));
    }
    out.println("settle with: offsync device resolve KEY --local | --remote | --value VALUE | --delete");
    return 0;
  }
}
