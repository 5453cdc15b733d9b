package dev.offsync;

import static dev.offsync.internal.Preconditions.checkNotNull;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The outcome of one successful sync of one dataset, counted across all its attempts: records pulled
 * from the server, applied locally, pushed, the conflicts met and how each was decided, the keys left
 * deferred or failed, merged dataset names the server or the local store reported, what happened to a
 * deleted dataset, the number of attempts, and timing. Immutable.
 */
public final class SyncReport {
  private final String datasetName;
  private final String identityId;
  private final Instant startedAt;
  private final Duration duration;
  private final int attempts;
  private final long recordsPulled;
  private final long recordsApplied;
  private final long recordsPushed;
  private final List<ResolvedConflict> conflicts;
  private final Set<String> deferredKeys;
  private final Set<String> failedKeys;
  private final List<String> mergedDatasetNames;
  private final boolean datasetDeleted;
  private final boolean remoteDeletionDetected;
  private final boolean recreated;
  private final long syncCount;

  private SyncReport(Builder b) {
    this.datasetName = checkNotNull(b.datasetName, "datasetName");
    this.identityId = checkNotNull(b.identityId, "identityId");
    this.startedAt = checkNotNull(b.startedAt, "startedAt");
    this.duration = checkNotNull(b.duration, "duration");
    this.attempts = b.attempts;
    this.recordsPulled = b.recordsPulled;
    this.recordsApplied = b.recordsApplied;
    this.recordsPushed = b.recordsPushed;
    this.conflicts = Collections.unmodifiableList(new ArrayList<>(b.conflicts));
    this.deferredKeys = Collections.unmodifiableSet(new LinkedHashSet<>(b.deferredKeys));
    this.failedKeys = Collections.unmodifiableSet(new LinkedHashSet<>(b.failedKeys));
    this.mergedDatasetNames = Collections.unmodifiableList(new ArrayList<>(b.mergedDatasetNames));
    this.datasetDeleted = b.datasetDeleted;
    this.remoteDeletionDetected = b.remoteDeletionDetected;
    this.recreated = b.recreated;
    this.syncCount = b.syncCount;
  }

  /**
   * Starts a builder.
   *
   * @param datasetName the dataset
   * @param identityId the identity the sync ran as
   * @return a new builder
   */
  public static Builder builder(String datasetName, String identityId) {
    return new Builder(datasetName, identityId);
  }

  /** @return a builder initialised with this report */
  public Builder newBuilder() {
    Builder b = new Builder(datasetName, identityId);
    b.startedAt = startedAt;
    b.duration = duration;
    b.attempts = attempts;
    b.recordsPulled = recordsPulled;
    b.recordsApplied = recordsApplied;
    b.recordsPushed = recordsPushed;
    b.conflicts = new ArrayList<>(conflicts);
    b.deferredKeys = new LinkedHashSet<>(deferredKeys);
    b.failedKeys = new LinkedHashSet<>(failedKeys);
    b.mergedDatasetNames = new ArrayList<>(mergedDatasetNames);
    b.datasetDeleted = datasetDeleted;
    b.remoteDeletionDetected = remoteDeletionDetected;
    b.recreated = recreated;
    b.syncCount = syncCount;
    return b;
  }

  /** @return the dataset */
  public String datasetName() {
    return datasetName;
  }

  /** @return the identity the sync ran as */
  public String identityId() {
    return identityId;
  }

  /** @return when the sync started (the client's clock) */
  public Instant startedAt() {
    return startedAt;
  }

  /** @return how long the sync took (the client's clock) */
  public Duration duration() {
    return duration;
  }

  /** @return push attempts made (1 + conflict retries); 1 if nothing needed pushing */
  public int attempts() {
    return attempts;
  }

  /** @return remote records received across all pulls of this sync */
  public long recordsPulled() {
    return recordsPulled;
  }

  /** @return remote records (pulled, or returned by a push) written to the local store */
  public long recordsApplied() {
    return recordsApplied;
  }

  /** @return local changes the server acknowledged */
  public long recordsPushed() {
    return recordsPushed;
  }

  /**
   * Every conflict met, in order, with its decision or the resolver's error. It starts with the
   * resolutions that earlier syncs of this dataset committed locally before they failed (those syncs
   * produced no report), so every decided conflict appears in exactly one report.
   *
   * @return the conflicts
   */
  public List<ResolvedConflict> conflicts() {
    return conflicts;
  }

  /** @return keys whose conflicts are deferred to the app after this sync ({@link Dataset#conflicts()}) */
  public Set<String> deferredKeys() {
    return deferredKeys;
  }

  /** @return keys left dirty and unpushed because processing them failed (for example a throwing resolver) */
  public Set<String> failedKeys() {
    return failedKeys;
  }

  /**
   * Merged dataset names: those the server reported for this dataset and local ones named
   * {@code <name>.<suffix>} left by an identity merge. Fold them with {@link Dataset#foldMerged}.
   *
   * @return the names; empty if none
   */
  public List<String> mergedDatasetNames() {
    return mergedDatasetNames;
  }

  /** @return whether the app's {@link Dataset#delete()} was carried out on the server and the local copy purged */
  public boolean datasetDeleted() {
    return datasetDeleted;
  }

  /** @return whether the sync found the dataset deleted on the server by someone else */
  public boolean remoteDeletionDetected() {
    return remoteDeletionDetected;
  }

  /** @return whether local records were pushed again as a new dataset after a remote deletion */
  public boolean recreated() {
    return recreated;
  }

  /** @return the dataset's local watermark (last sync count) after the sync */
  public long syncCount() {
    return syncCount;
  }

  @Override
  public String toString() {
    return "SyncReport{" + datasetName + ", attempts=" + attempts + ", pulled=" + recordsPulled + ", applied="
        + recordsApplied + ", pushed=" + recordsPushed + ", conflicts=" + conflicts.size() + ", deferred="
        + deferredKeys + ", failed=" + failedKeys + ", merged=" + mergedDatasetNames
        + (datasetDeleted ? ", deleted" : "") + (remoteDeletionDetected ? ", remoteDeleted" : "")
        + (recreated ? ", recreated" : "") + ", syncCount=" + syncCount + ", duration=" + duration + "}";
  }

  /** Builds {@link SyncReport}. */
  public static final class Builder {
    private final String datasetName;
    private final String identityId;
    private Instant startedAt = Instant.EPOCH;
    private Duration duration = Duration.ZERO;
    private int attempts = 1;
    private long recordsPulled;
    private long recordsApplied;
    private long recordsPushed;
    private List<ResolvedConflict> conflicts = new ArrayList<>();
    private Set<String> deferredKeys = new LinkedHashSet<>();
    private Set<String> failedKeys = new LinkedHashSet<>();
    private List<String> mergedDatasetNames = new ArrayList<>();
    private boolean datasetDeleted;
    private boolean remoteDeletionDetected;
    private boolean recreated;
    private long syncCount;

    Builder(String datasetName, String identityId) {
      this.datasetName = checkNotNull(datasetName, "datasetName");
      this.identityId = checkNotNull(identityId, "identityId");
    }

    /**
     * @param at start time
     * @return this builder
     */
    public Builder startedAt(Instant at) {
      startedAt = checkNotNull(at, "at");
      return this;
    }

    /**
     * @param d duration
     * @return this builder
     */
    public Builder duration(Duration d) {
      duration = checkNotNull(d, "d");
      return this;
    }

    /**
     * @param n attempts
     * @return this builder
     */
    public Builder attempts(int n) {
      attempts = n;
      return this;
    }

    /**
     * @param n records pulled
     * @return this builder
     */
    public Builder recordsPulled(long n) {
      recordsPulled = n;
      return this;
    }

    /**
     * @param n records applied
     * @return this builder
     */
    public Builder recordsApplied(long n) {
      recordsApplied = n;
      return this;
    }

    /**
     * @param n records pushed
     * @return this builder
     */
    public Builder recordsPushed(long n) {
      recordsPushed = n;
      return this;
    }

    /**
     * @param c a conflict outcome to add
     * @return this builder
     */
    public Builder addConflict(ResolvedConflict c) {
      conflicts.add(checkNotNull(c, "c"));
      return this;
    }

    /**
     * @param keys the deferred keys
     * @return this builder
     */
    public Builder deferredKeys(Set<String> keys) {
      deferredKeys = new LinkedHashSet<>(checkNotNull(keys, "keys"));
      return this;
    }

    /**
     * @param keys the failed keys
     * @return this builder
     */
    public Builder failedKeys(Set<String> keys) {
      failedKeys = new LinkedHashSet<>(checkNotNull(keys, "keys"));
      return this;
    }

    /**
     * @param names merged dataset names
     * @return this builder
     */
    public Builder mergedDatasetNames(List<String> names) {
      mergedDatasetNames = new ArrayList<>(checkNotNull(names, "names"));
      return this;
    }

    /**
     * @param b whether the dataset was deleted
     * @return this builder
     */
    public Builder datasetDeleted(boolean b) {
      datasetDeleted = b;
      return this;
    }

    /**
     * @param b whether a remote deletion was detected
     * @return this builder
     */
    public Builder remoteDeletionDetected(boolean b) {
      remoteDeletionDetected = b;
      return this;
    }

    /**
     * @param b whether the dataset was recreated
     * @return this builder
     */
    public Builder recreated(boolean b) {
      recreated = b;
      return this;
    }

    /**
     * @param n the watermark after the sync
     * @return this builder
     */
    public Builder syncCount(long n) {
      syncCount = n;
      return this;
    }

    /** @return the report */
    public SyncReport build() {
      return new SyncReport(this);
    }
  }
}
