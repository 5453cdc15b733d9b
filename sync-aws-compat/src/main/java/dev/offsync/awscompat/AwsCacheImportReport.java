package dev.offsync.awscompat;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;

/** What {@link AwsCacheImporter#importInto} did. */
public final class AwsCacheImportReport {
  private final boolean alreadyImported;
  private final String fingerprint;
  private final int datasets;
  private final int records;
  private final int dirtyRecords;
  private final int tombstones;
  private final List<String> skippedDatasets;

  AwsCacheImportReport(boolean alreadyImported, String fingerprint, int datasets, int records, int dirtyRecords,
      int tombstones, List<String> skippedDatasets) {
    this.alreadyImported = alreadyImported;
    this.fingerprint = Objects.requireNonNull(fingerprint, "fingerprint == null");
    this.datasets = datasets;
    this.records = records;
    this.dirtyRecords = dirtyRecords;
    this.tombstones = tombstones;
    this.skippedDatasets = Collections.unmodifiableList(new ArrayList<>(skippedDatasets));
  }

  /** @return {@code true} if the store already held an import (nothing was written this time) */
  public boolean alreadyImported() {
    return alreadyImported;
  }

  /** @return SHA-256 (hex) of the legacy rows; for an earlier import, the fingerprint recorded then */
  public String fingerprint() {
    return fingerprint;
  }

  /** @return datasets written */
  public int datasets() {
    return datasets;
  }

  /** @return records written, tombstones included */
  public int records() {
    return records;
  }

  /** @return records written dirty (unsynced edits and deletes, pushed by the next sync) */
  public int dirtyRecords() {
    return dirtyRecords;
  }

  /** @return records written as deleted (clean server tombstones and dirty deletes) */
  public int tombstones() {
    return tombstones;
  }

  /** @return {@code owner/name} of datasets left alone because the store already had them */
  public List<String> skippedDatasets() {
    return skippedDatasets;
  }

  @Override
  public String toString() {
    return "AwsCacheImportReport{" + (alreadyImported ? "alreadyImported, " : "") + "datasets=" + datasets
        + ", records=" + records + ", dirty=" + dirtyRecords + ", tombstones=" + tombstones
        + ", skipped=" + skippedDatasets + "}";
  }
}
