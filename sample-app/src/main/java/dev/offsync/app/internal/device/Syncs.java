package dev.offsync.app.internal.device;

import dev.offsync.Dataset;
import dev.offsync.ResolvedConflict;
import dev.offsync.SyncReport;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Runs a device's sync for a command: progress bar, a summary remembered beside the file, one-line report.
 * Deferred conflicts need no remembering: sync-core keeps them in the database.
 */
final class Syncs {
  /** Totals from which the progress bar appears. */
  static final long PROGRESS_THRESHOLD = 200;

  private Syncs() {}

  /**
   * Syncs the session's dataset and remembers the outcome.
   *
   * @param parent the device command, for failure messages
   * @param session the open device
   * @param err where the progress bar is drawn
   * @param progressThreshold the total from which the bar is shown
   * @return the report
   */
  static SyncReport sync(DeviceCommand parent, DeviceCommand.Session session, PrintWriter err, long progressThreshold) {
    Dataset dataset = session.dataset();
    SyncReport report;
    try (SyncProgressBar bar = new SyncProgressBar(dataset.progress(), err, progressThreshold)) {
      report = dataset.sync().blockingGet();
    } catch (RuntimeException e) {
      throw parent.syncFailure(e, dataset.pendingKeys().size());
    }
    session.state().synced(dataset.name(), LastSync.of(report));
    return report;
  }

  /**
   * Describes a report in one line.
   *
   * @param report the report
   * @return e.g. {@code synced 'settings': pulled 3, pushed 2, 1 conflict (deferred: theme), sync count 7, 0.21 s}
   */
  static String line(SyncReport report) {
    StringBuilder line = new StringBuilder()
        .append("synced '").append(report.datasetName()).append("': pulled ").append(report.recordsPulled())
        .append(", pushed ").append(report.recordsPushed());
    int conflicts = report.conflicts().size();
    line.append(", ").append(conflicts).append(conflicts == 1 ? " conflict" : " conflicts");
    List<String> decided = new ArrayList<>();
    for (ResolvedConflict c : report.conflicts()) {
      decided.add(c.conflict().key() + ": " + (c.isFailed() ? "resolver failed"
          : c.resolution().kind().name().toLowerCase(Locale.ROOT).replace('_', ' ')));
    }
    if (!decided.isEmpty()) {
      line.append(" (").append(String.join(", ", decided)).append(')');
    }
    if (report.attempts() > 1) {
      line.append(", ").append(report.attempts()).append(" attempts");
    }
    line.append(", sync count ").append(report.syncCount());
    line.append(String.format(Locale.ROOT, ", %.2f s", report.duration().toMillis() / 1000.0));
    if (!report.deferredKeys().isEmpty()) {
      line.append("; deferred: ").append(String.join(", ", report.deferredKeys()))
          .append(" (see 'offsync device conflicts')");
    }
    return line.toString();
  }

  /**
   * Shortens a value for one-line displays.
   *
   * @param value a value, or {@code null} for deleted
   * @param max the longest text kept
   * @return the quoted value or {@code (deleted)}
   */
  static String shown(String value, int max) {
    if (value == null) {
      return "(deleted)";
    }
    String oneLine = value.replace("\n", "\\n");
    return "\"" + (oneLine.length() <= max ? oneLine : oneLine.substring(0, max - 3) + "...") + "\"";
  }
}
