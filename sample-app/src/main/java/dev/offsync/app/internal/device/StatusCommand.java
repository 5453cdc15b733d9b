package dev.offsync.app.internal.device;

import dev.offsync.InactiveIdentity;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code offsync device status}: identity, pending keys, last sync, deferred conflicts. Works offline. */
@Command(name = "status", mixinStandardHelpOptions = true,
    description = "Shows the device's identity, the keys pending a sync, the last sync and deferred conflicts.")
public final class StatusCommand implements Callable<Integer> {
  @ParentCommand private DeviceCommand parent;
  @Spec private CommandSpec spec;

  /** Creates the command; picocli fills it. */
  public StatusCommand() {}

  @Override
  public Integer call() {
    List<String> lines = parent.run(spec, DeviceCommand.Needs.LOCAL, DeviceCommand.deferring(), session -> {
      List<String> out = new ArrayList<>();
      DeviceSettings s = session.device().settings();
      out.add("dataset:   " + session.dataset().name() + " in " + s.db());
      out.add("server:    " + (s.endpoint() == null ? "(none yet)" : s.endpoint() + " (region " + s.region() + ")"));
      out.add("identity:  " + (s.identityId() == null ? "(none yet: the first sync gets one)" : s.identityId())
          + (s.identityPoolId() == null ? "" : " in pool " + s.identityPoolId()));
      List<String> pending = new ArrayList<>(session.dataset().pendingKeys());
      out.add("pending:   " + (pending.isEmpty() ? "nothing" : pending.size() + " key" + (pending.size() == 1 ? "" : "s")
          + ": " + String.join(", ", pending)));
      List<InactiveIdentity> inactive = session.device().client().inactiveIdentities().blockingGet();
      for (InactiveIdentity other : inactive) {
        // never invisible: edits kept under an identity this file no longer syncs as (another --identity-id)
        out.add("elsewhere: " + other.pendingCount() + " pending record" + (other.pendingCount() == 1 ? "" : "s")
            + " under identity " + other.identityId() + ", not synced as " + (s.identityId() == null ? "this device"
            : s.identityId()) + " (sync them with --identity-id " + other.identityId() + ")");
      }
      LastSync last = session.state().lastSync(session.dataset().name());
      out.add("last sync: " + (last == null ? "never"
          : last.at() + " (pulled " + last.pulled() + ", pushed " + last.pushed() + ", sync count "
              + last.syncCount() + ")"));
      int conflicts = session.dataset().conflicts().size();
      out.add("conflicts: " + (conflicts == 0 ? "none" : conflicts + " deferred (see 'offsync device conflicts')"));
      return out;
    });
    PrintWriter out = spec.commandLine().getOut();
    lines.forEach(out::println);
    return 0;
  }
}
