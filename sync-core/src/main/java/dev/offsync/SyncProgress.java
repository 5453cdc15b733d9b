package dev.offsync;

import static dev.offsync.internal.Preconditions.checkArgument;
import static dev.offsync.internal.Preconditions.checkNotNull;

import java.util.Objects;

/**
 * Progress of one dataset's sync: the phase, and records completed out of the total known so far for the
 * pull and the push. Within one sync no figure ever decreases, completed never exceeds total, and when the
 * sync ends (phase {@link Phase#DONE} or {@link Phase#FAILED}) completed equals total. A total grows as
 * pages arrive and as conflict retries push again; 0 means nothing (yet) to do. Records are "completed"
 * when processed: applied, skipped as already known, or given up on when the sync failed. Immutable.
 */
public final class SyncProgress {
  /** Phases of a sync. */
  public enum Phase {
    /** Resolving the identity and reading local state. */
    STARTING,
    /** Deleting a locally deleted dataset on the server. */
    DELETING,
    /** Pulling and merging remote changes. */
    PULLING,
    /** Pushing local changes. */
    PUSHING,
    /** The sync succeeded. */
    DONE,
    /** The sync failed. */
    FAILED
  }

  private final String datasetName;
  private final Phase phase;
  private final long pullCompleted;
  private final long pullTotal;
  private final long pushCompleted;
  private final long pushTotal;

  /**
   * Creates a progress snapshot.
   *
   * @param datasetName the dataset
   * @param phase the phase
   * @param pullCompleted pulled records processed
   * @param pullTotal pulled records received
   * @param pushCompleted local changes processed by the push
   * @param pushTotal local changes to push
   */
  public SyncProgress(String datasetName, Phase phase, long pullCompleted, long pullTotal, long pushCompleted,
      long pushTotal) {
    this.datasetName = checkNotNull(datasetName, "datasetName");
    this.phase = checkNotNull(phase, "phase");
    checkArgument(0 <= pullCompleted && pullCompleted <= pullTotal, "pull " + pullCompleted + "/" + pullTotal);
    checkArgument(0 <= pushCompleted && pushCompleted <= pushTotal, "push " + pushCompleted + "/" + pushTotal);
    this.pullCompleted = pullCompleted;
    this.pullTotal = pullTotal;
    this.pushCompleted = pushCompleted;
    this.pushTotal = pushTotal;
  }

  /** @return the dataset */
  public String datasetName() {
    return datasetName;
  }

  /** @return the phase */
  public Phase phase() {
    return phase;
  }

  /** @return pulled records processed so far */
  public long pullCompleted() {
    return pullCompleted;
  }

  /** @return pulled records received so far */
  public long pullTotal() {
    return pullTotal;
  }

  /** @return pushed records processed so far */
  public long pushCompleted() {
    return pushCompleted;
  }

  /** @return records to push, known so far */
  public long pushTotal() {
    return pushTotal;
  }

  /** @return whether the sync has ended ({@link Phase#DONE} or {@link Phase#FAILED}) */
  public boolean isFinished() {
    return phase == Phase.DONE || phase == Phase.FAILED;
  }

  @Override
  public boolean equals(Object o) {
    if (!(o instanceof SyncProgress)) {
      return false;
    }
    SyncProgress p = (SyncProgress) o;
    return phase == p.phase && pullCompleted == p.pullCompleted && pullTotal == p.pullTotal
        && pushCompleted == p.pushCompleted && pushTotal == p.pushTotal && datasetName.equals(p.datasetName);
  }

  @Override
  public int hashCode() {
    return Objects.hash(datasetName, phase, pullCompleted, pullTotal, pushCompleted, pushTotal);
  }

  @Override
  public String toString() {
    return "SyncProgress{" + datasetName + " " + phase + ", pull " + pullCompleted + "/" + pullTotal
        + ", push " + pushCompleted + "/" + pushTotal + "}";
  }
}
