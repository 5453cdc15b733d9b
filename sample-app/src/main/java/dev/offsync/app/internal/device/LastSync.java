package dev.offsync.app.internal.device;

import dev.offsync.SyncReport;
import java.time.Instant;
import java.util.Objects;

/**
 * The outcome of a dataset's last successful sync, remembered beside the database.
 *
 * @param at when it started
 * @param pulled records pulled
 * @param pushed records pushed
 * @param conflicts conflicts met
 * @param syncCount the dataset's sync count afterwards
 */
public record LastSync(Instant at, long pulled, long pushed, int conflicts, long syncCount) {
  /** Rejects a null time. */
  public LastSync {
    Objects.requireNonNull(at, "at == null");
  }

  /**
   * Summarises a report.
   *
   * @param report the report
   * @return the summary
   */
  public static LastSync of(SyncReport report) {
    Objects.requireNonNull(report, "report == null");
    return new LastSync(
        report.startedAt(), report.recordsPulled(), report.recordsPushed(), report.conflicts().size(),
        report.syncCount());
  }
}
