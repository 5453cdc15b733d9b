package dev.offsync.http.migration;

/**
 * What a migration run did.
 */
public final class MigrationReport {
  private final long identities;
  private final long identitiesSkipped;
  private final long datasets;
  private final long recordsImported;
  private final long recordsUnchanged;
  private final long incrementalRecords;
  private final int maxRecordsHeld;
  private final VerificationReport verification;

  /**
   * Creates the value.
   *
   * @param identities the identities in the source
   * @param identitiesSkipped the identities a resumed run found already copied by an earlier run
   * @param datasets the datasets copied in the copy pass
   * @param recordsImported the records written to the target in the copy pass
   * @param recordsUnchanged the records the target already had (an earlier, interrupted run had imported them)
   * @param incrementalRecords the records the final incremental pass copied (changes made during the copy)
   * @param maxRecordsHeld the most records held in memory at once (one page)
   * @param verification the verification pass
   */
  public MigrationReport(long identities, long identitiesSkipped, long datasets, long recordsImported, long recordsUnchanged, long incrementalRecords, int maxRecordsHeld, VerificationReport verification) {
    this.identities = identities;
    this.identitiesSkipped = identitiesSkipped;
    this.datasets = datasets;
    this.recordsImported = recordsImported;
    this.recordsUnchanged = recordsUnchanged;
    this.incrementalRecords = incrementalRecords;
    this.maxRecordsHeld = maxRecordsHeld;
    this.verification = verification;
  }

  /**
   * Returns the identities in the source.
   *
   * @return the value
   */
  public long identities() {
    return identities;
  }

  /**
   * Returns the identities a resumed run found already copied by an earlier run.
   *
   * @return the value
   */
  public long identitiesSkipped() {
    return identitiesSkipped;
  }

  /**
   * Returns the datasets copied in the copy pass.
   *
   * @return the value
   */
  public long datasets() {
    return datasets;
  }

  /**
   * Returns the records written to the target in the copy pass.
   *
   * @return the value
   */
  public long recordsImported() {
    return recordsImported;
  }

  /**
   * Returns the records the target already had (an earlier, interrupted run had imported them).
   *
   * @return the value
   */
  public long recordsUnchanged() {
    return recordsUnchanged;
  }

  /**
   * Returns the records the final incremental pass copied (changes made during the copy).
   *
   * @return the value
   */
  public long incrementalRecords() {
    return incrementalRecords;
  }

  /**
   * Returns the most records held in memory at once (one page).
   *
   * @return the value
   */
  public int maxRecordsHeld() {
    return maxRecordsHeld;
  }

  /**
   * Returns the verification pass.
   *
   * @return the value
   */
  public VerificationReport verification() {
    return verification;
  }


  @Override
  public String toString() {
    return "MigrationReport{" + "identities=" + identities + ", " + "identitiesSkipped=" + identitiesSkipped + ", " + "datasets=" + datasets + ", " + "recordsImported=" + recordsImported + ", " + "recordsUnchanged=" + recordsUnchanged + ", " + "incrementalRecords=" + incrementalRecords + ", " + "maxRecordsHeld=" + maxRecordsHeld + ", " + "verification=" + verification + "}";
  }
}
