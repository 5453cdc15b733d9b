package dev.offsync.app.internal.device;

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
 * {@code offsync device resolve KEY --local|--remote|--value V|--delete}: settles a deferred conflict with
 * {@code Dataset.resolve}, against the remote value stored with it in the database, then syncs to push the
 * decision. If the server changed the key again meanwhile, that sync defers the new conflict and the command
 * says so.
 */
@Command(name = "resolve", mixinStandardHelpOptions = true,
    description = "Settles a deferred conflict on KEY (keep the local value, take the remote one, store a new "
        + "value, or delete the key) and syncs to push the decision.")
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
    SyncReport report = parent.run(spec, DeviceCommand.Needs.SERVER, DeviceCommand.deferring(), session -> {
      boolean known = session.dataset().conflicts().stream().anyMatch(c -> c.key().equals(key));
      if (!known) {
        throw new CommandLine.ParameterException(spec.commandLine(),
            "no deferred conflict on '" + key + "' (see 'offsync device conflicts')");
      }
      session.dataset().resolve(key, decision);
      spec.commandLine().getOut().println("resolved " + key + ": " + describe(decision));
      return Syncs.sync(parent, session, spec.commandLine().getErr(), Syncs.PROGRESS_THRESHOLD);
    });
    spec.commandLine().getOut().println(Syncs.line(report));
    if (report.deferredKeys().contains(key)) {
      throw new CliFailure("the server changed '" + key + "' again since the conflict was deferred; the new "
          + "conflict is deferred (see 'offsync device conflicts')");
    }
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
