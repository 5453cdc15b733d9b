package dev.offsync.app.internal.device;

import dev.offsync.ConflictResolver;
import dev.offsync.ResolvedConflict;
import dev.offsync.Resolution;
import dev.offsync.SyncReport;
import dev.offsync.app.internal.CliFailure;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * {@code offsync device resolve KEY --local|--remote|--value V|--delete}: settles a deferred conflict. It syncs,
 * since the decision is made against the server's current record and pushed at once.
 */
@Command(name = "resolve", mixinStandardHelpOptions = true,
    description = "Settles a deferred conflict on KEY and syncs: keep the local value, take the remote one, "
        + "store a new value, or delete the key.")
public final class ResolveCommand implements Callable<Integer> {
  @ParentCommand private DeviceCommand parent;
  @Spec private CommandSpec spec;

  @Parameters(index = "0", paramLabel = "KEY", description = "The key in conflict.")
  private String key;

  @ArgGroup(exclusive = true, multiplicity = "1")
  private Choice choice;

  /** The decision. */
  static final class Choice {
    @Option(names = "--local", description = "Keep this device's value.")
    boolean local;

    @Option(names = "--remote", description = "Take the server's value.")
    boolean remote;

    @Option(names = "--value", paramLabel = "VALUE", description = "Store VALUE (e.g. a merge of both).")
    String value;

    @Option(names = "--delete", description = "Delete the key.")
    boolean delete;

    Resolution resolution() {
      if (local) {
        return Resolution.useLocal();
      }
      if (remote) {
        return Resolution.useRemote();
      }
      if (delete) {
        return Resolution.delete();
      }
      return Resolution.useValue(value);
    }
  }

  /** Creates the command; picocli fills it. */
  public ResolveCommand() {}

  @Override
  public Integer call() {
    Resolution decision = choice.resolution();
    ConflictResolver resolver = conflict -> conflict.key().equals(key) ? decision : Resolution.defer();
    SyncReport report = parent.run(spec, DeviceCommand.Needs.SERVER, resolver, session -> {
      boolean known = session.state().conflicts(session.dataset().name()).stream().anyMatch(c -> c.key().equals(key));
      if (!known) {
        throw new CommandLine.ParameterException(spec.commandLine(),
            "no deferred conflict on '" + key + "' (see 'offsync device conflicts')");
      }
      return Syncs.sync(parent, session, spec.commandLine().getErr(), Syncs.PROGRESS_THRESHOLD);
    });
    boolean settled = false;
    for (ResolvedConflict c : report.conflicts()) {
      if (c.conflict().key().equals(key) && !c.isFailed() && c.resolution().equals(decision)) {
        settled = true;
      }
    }
    spec.commandLine().getOut().println(Syncs.line(report));
    if (!settled) {
      throw new CliFailure("the server no longer holds a conflicting value for '" + key
          + "'; nothing to resolve (the sync above brought the dataset up to date)");
    }
    spec.commandLine().getOut().println("resolved " + key + ": " + describe(decision));
    return 0;
  }

  private static String describe(Resolution r) {
    switch (r.kind()) {
      case USE_LOCAL:
        return "kept the local value";
      case USE_REMOTE:
        return "took the remote value";
      case DELETE:
        return "deleted";
      default:
        return "stored " + Syncs.shown(r.value(), 60);
    }
  }
}
