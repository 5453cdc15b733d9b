package dev.offsync;

import static dev.offsync.internal.Preconditions.checkNotNull;

/**
 * A conflict met during a sync and what became of it: the {@link #resolution()} the resolver chose, or
 * the {@link #error()} it threw. Immutable.
 */
public final class ResolvedConflict {
  private final SyncConflict conflict;
  private final Resolution resolution;
  private final Throwable error;

  /**
   * Creates the outcome; exactly one of {@code resolution} and {@code error} is non-null.
   *
   * @param conflict the conflict
   * @param resolution the decision, or {@code null} if the resolver failed
   * @param error what the resolver threw, or {@code null}
   */
  public ResolvedConflict(SyncConflict conflict, Resolution resolution, Throwable error) {
    this.conflict = checkNotNull(conflict, "conflict");
    if ((resolution == null) == (error == null)) {
      throw new IllegalArgumentException("exactly one of resolution and error must be set");
    }
    this.resolution = resolution;
    this.error = error;
  }

  /** @return the conflict */
  public SyncConflict conflict() {
    return conflict;
  }

  /** @return the resolver's decision, or {@code null} if it failed */
  public Resolution resolution() {
    return resolution;
  }

  /** @return what the resolver threw, or {@code null} if it decided */
  public Throwable error() {
    return error;
  }

  /** @return whether the resolver failed on this conflict */
  public boolean isFailed() {
    return error != null;
  }

  @Override
  public String toString() {
    return "ResolvedConflict{key=" + conflict.key() + ", "
        + (error != null ? "error=" + error : String.valueOf(resolution)) + "}";
  }
}
