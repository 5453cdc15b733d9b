package dev.offsync.http.migration;

import java.time.Duration;
import java.util.Locale;

/**
 * A progress report of a running migration.
 */
public final class MigrationProgress {
  private final String pass;
  private final long identitiesDone;
  private final long identitiesTotal;
  private final long records;
  private final double recordsPerSecond;
  private final Duration eta;

  /**
   * Creates the value.
   *
   * @param pass the pass: {@code copy}, {@code incremental} or {@code verify}
   * @param identitiesDone the identities finished in this pass (skipped ones included)
   * @param identitiesTotal the identities in the source
   * @param records the records imported in this pass so far (compared, in the verification pass)
   * @param recordsPerSecond the import rate of this pass
   * @param eta the estimated time left in this pass, null while unknown
   */
  public MigrationProgress(String pass, long identitiesDone, long identitiesTotal, long records, double recordsPerSecond, Duration eta) {
    this.pass = pass;
    this.identitiesDone = identitiesDone;
    this.identitiesTotal = identitiesTotal;
    this.records = records;
    this.recordsPerSecond = recordsPerSecond;
    this.eta = eta;
  }

  /**
   * Returns the pass: {@code copy}, {@code incremental} or {@code verify}.
   *
   * @return the value
   */
  public String pass() {
    return pass;
  }

  /**
   * Returns the identities finished in this pass (skipped ones included).
   *
   * @return the value
   */
  public long identitiesDone() {
    return identitiesDone;
  }

  /**
   * Returns the identities in the source.
   *
   * @return the value
   */
  public long identitiesTotal() {
    return identitiesTotal;
  }

  /**
   * Returns the records imported in this pass so far (compared, in the verification pass).
   *
   * @return the value
   */
  public long records() {
    return records;
  }

  /**
   * Returns the import rate of this pass.
   *
   * @return the value
   */
  public double recordsPerSecond() {
    return recordsPerSecond;
  }

  /**
   * Returns the estimated time left in this pass, null while unknown.
   *
   * @return the value
   */
  public Duration eta() {
    return eta;
  }

  /**
   * One line for a terminal.
   *
   * @return e.g. {@code copy: identities 10/200, records 1200 (350.0 records/s), ETA 00:00:54}
   */
  public String line() {
    String e = eta == null ? "unknown" : String.format(Locale.ROOT, "%02d:%02d:%02d", eta.toHours(),
        eta.toMinutes() % 60, eta.getSeconds() % 60);
    return String.format(Locale.ROOT, "%s: identities %d/%d, records %d (%.1f records/s), ETA %s", pass,
        identitiesDone, identitiesTotal, records, recordsPerSecond, e);
  }

  @Override
  public String toString() {
    return "MigrationProgress{" + "pass=" + pass + ", " + "identitiesDone=" + identitiesDone + ", " + "identitiesTotal=" + identitiesTotal + ", " + "records=" + records + ", " + "recordsPerSecond=" + recordsPerSecond + ", " + "eta=" + eta + "}";
  }
}
