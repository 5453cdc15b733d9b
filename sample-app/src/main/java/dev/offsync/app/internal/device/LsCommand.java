package dev.offsync.app.internal.device;

import dev.offsync.Record;
import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code offsync device ls}: lists the dataset's records with their sync state. Works offline. */
@Command(name = "ls", mixinStandardHelpOptions = true,
    description = "Lists the dataset's keys, values, sync counts and whether each is pending a sync.")
public final class LsCommand implements Callable<Integer> {
  @ParentCommand private DeviceCommand parent;
  @Spec private CommandSpec spec;

  @Option(names = "--all", description = "Also lists deleted keys whose removal is pending.")
  private boolean all;

  /** Creates the command; picocli fills it. */
  public LsCommand() {}

  @Override
  public Integer call() {
    List<Record> records = parent.run(spec, DeviceCommand.Needs.LOCAL, DeviceCommand.deferring(),
        session -> session.dataset().records());
    PrintWriter out = spec.commandLine().getOut();
    int width = 3;
    for (Record r : records) {
      width = Math.max(width, r.key().length());
    }
    width = Math.min(width, 40);
    String format = "%-" + width + "s  %-8s  %5s  %s%n";
    out.printf(format, "KEY", "STATE", "SYNC", "VALUE");
    for (Record r : records) {
      if (r.isDeleted() && !(all || r.isDirty())) {
        continue;
      }
      String state = r.isDirty() ? (r.isDeleted() ? "removed" : "pending") : "synced";
      out.printf(format, r.key(), state, r.syncCount(), Syncs.shown(r.value(), 60));
    }
    return 0;
  }
}
