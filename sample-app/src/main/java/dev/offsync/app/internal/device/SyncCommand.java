package dev.offsync.app.internal.device;

import dev.offsync.SyncReport;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code offsync device sync}: pull, merge, push; a progress bar on large datasets, then a one-line report. */
@Command(name = "sync", mixinStandardHelpOptions = true,
    description = {
        "Syncs the dataset: pulls remote changes, pushes local ones. Conflicts are deferred to you "
            + "('conflicts', 'resolve').",
        "Shows a progress bar (records completed/total) when many records move."
    })
public final class SyncCommand implements Callable<Integer> {
  @ParentCommand private DeviceCommand parent;
  @Spec private CommandSpec spec;

  @Option(names = "--progress", paramLabel = "auto|always|never", defaultValue = "auto",
      description = "When to show the progress bar: auto (from " + Syncs.PROGRESS_THRESHOLD
          + " records), always or never (default: ${DEFAULT-VALUE}).")
  private ProgressMode progress;

  /** When the progress bar is shown. */
  enum ProgressMode {
    /** From {@link Syncs#PROGRESS_THRESHOLD} records. */
    auto,
    /** Always. */
    always,
    /** Never. */
    never
  }

  /** Creates the command; picocli fills it. */
  public SyncCommand() {}

  @Override
  public Integer call() {
    long threshold = progress == ProgressMode.always ? 0
        : progress == ProgressMode.never ? Long.MAX_VALUE : Syncs.PROGRESS_THRESHOLD;
    SyncReport report = parent.run(spec, DeviceCommand.Needs.SERVER, DeviceCommand.deferring(),
        session -> Syncs.sync(parent, session, spec.commandLine().getErr(), threshold));
    spec.commandLine().getOut().println(Syncs.line(report));
    return 0;
  }
}
