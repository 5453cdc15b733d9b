package dev.offsync.http.migration;

/**
 * What an {@code ImportRecords} call did.
 */
public final class ImportResult {
  private final int imported;
  private final int unchanged;
  private final long datasetSyncCount;

  /**
   * Creates the value.
   *
   * @param imported the records written
   * @param unchanged the records already stored with the same sync count and content
   * @param datasetSyncCount the dataset's sync count after the call
   */
  public ImportResult(int imported, int unchanged, long datasetSyncCount) {
    this.imported = imported;
    this.unchanged = unchanged;
    this.datasetSyncCount = datasetSyncCount;
  }

  /**
   * Returns the records written.
   *
   * @return the value
   */
  public int imported() {
    return imported;
  }

  /**
   * Returns the records already stored with the same sync count and content.
   *
   * @return the value
   */
  public int unchanged() {
    return unchanged;
  }

  /**
   * Returns the dataset's sync count after the call.
   *
   * @return the value
   */
  public long datasetSyncCount() {
    return datasetSyncCount;
  }


  @Override
  public String toString() {
    return "ImportResult{" + "imported=" + imported + ", " + "unchanged=" + unchanged + ", " + "datasetSyncCount=" + datasetSyncCount + "}";
  }
}
