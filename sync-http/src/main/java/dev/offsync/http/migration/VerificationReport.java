package dev.offsync.http.migration;

import java.util.List;

/**
 * The verification pass: per dataset, the record count, the live count, the dataset sync count and a hash of
 * every record's key, value and sync count, on both sides.
 */
public final class VerificationReport {
  private final long datasets;
  private final long records;
  private final List<String> differences;

  /**
   * Creates the value.
   *
   * @param datasets the datasets compared
   * @param records the records compared (source side)
   * @param differences every difference found, one line each; empty when both sides agree
   */
  public VerificationReport(long datasets, long records, List<String> differences) {
    this.datasets = datasets;
    this.records = records;
    this.differences = java.util.Collections.unmodifiableList(new java.util.ArrayList<>(differences));
  }

  /**
   * Returns the datasets compared.
   *
   * @return the value
   */
  public long datasets() {
    return datasets;
  }

  /**
   * Returns the records compared (source side).
   *
   * @return the value
   */
  public long records() {
    return records;
  }

  /**
   * Returns every difference found, one line each; empty when both sides agree.
   *
   * @return the value
   */
  public List<String> differences() {
    return differences;
  }

  /**
   * Whether both sides agree.
   *
   * @return true when there is no difference
   */
  public boolean ok() {
    return differences.isEmpty();
  }

  @Override
  public String toString() {
    return "VerificationReport{" + "datasets=" + datasets + ", " + "records=" + records + ", " + "differences=" + differences + "}";
  }
}
