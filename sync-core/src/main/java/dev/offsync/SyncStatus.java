package dev.offsync;

import static dev.offsync.internal.Preconditions.checkArgument;
import static dev.offsync.internal.Preconditions.checkNotNull;

import java.time.Instant;
import java.util.Objects;

/**
 * A snapshot of the sync state of a client or of one dataset: the {@link State}, when a sync last
 * succeeded, how many records await a push, and the last error. Immutable.
 */
public final class SyncStatus {
  /** Sync activity states. */
  public enum State {
    /** The client is closed. */
    STOPPED,
    /** The network is unavailable; local reads and writes still work. */
    OFFLINE,
    /** A sync is starting: resolving the identity and contacting the server. */
    CONNECTING,
    /** No sync is running. */
    IDLE,
    /** A sync is pulling, resolving or pushing. */
    BUSY
  }

  private final State state;
  private final Instant lastSyncedAt;
  private final boolean hasSynced;
  private final long pendingCount;
  private final long inactivePendingCount;
  private final SyncException lastError;

  private SyncStatus(Builder b) {
    this.state = checkNotNull(b.state, "state");
    this.lastSyncedAt = b.lastSyncedAt;
    this.hasSynced = b.hasSynced;
    this.pendingCount = b.pendingCount;
    this.inactivePendingCount = b.inactivePendingCount;
    this.lastError = b.lastError;
  }

  /**
   * Starts a builder.
   *
   * @param state the state
   * @return a new builder
   */
  public static Builder builder(State state) {
    return new Builder().state(state);
  }

  /** @return a builder initialised with this status */
  public Builder newBuilder() {
    return new Builder(this);
  }

  /** @return the state */
  public State state() {
    return state;
  }

  /** @return when a sync last succeeded, or {@code null} if none has in this process and none is recorded */
  public Instant lastSyncedAt() {
    return lastSyncedAt;
  }

  /** @return whether a sync has ever succeeded */
  public boolean hasSynced() {
    return hasSynced;
  }

  /** @return records with local changes not yet acknowledged by the server (tombstones included) */
  public long pendingCount() {
    return pendingCount;
  }

  /**
   * Records with local changes held under identities other than the current one: edits made as a user who signed
   * out with {@code KEEP_LOCAL_DATA}, or as an identity the app's provider switched away from. They are never
   * synced as another identity and never dropped silently; {@code SyncClient.inactiveIdentities()} lists them, and
   * the app adopts or discards them. Always 0 in a dataset's status (a client-wide figure).
   *
   * @return pending records of inactive identities
   */
  public long inactivePendingCount() {
    return inactivePendingCount;
  }

  /** @return the error of the last sync if it failed, or {@code null} if it succeeded or none ran */
  public SyncException lastError() {
    return lastError;
  }

  @Override
  public boolean equals(Object o) {
    if (!(o instanceof SyncStatus)) {
      return false;
    }
    SyncStatus s = (SyncStatus) o;
    return state == s.state && hasSynced == s.hasSynced && pendingCount == s.pendingCount
        && inactivePendingCount == s.inactivePendingCount && Objects.equals(lastSyncedAt, s.lastSyncedAt) && Objects.equals(lastError, s.lastError);
  }

  @Override
  public int hashCode() {
    return Objects.hash(state, lastSyncedAt, hasSynced, pendingCount, inactivePendingCount, lastError);
  }

  @Override
  public String toString() {
    return "SyncStatus{" + state + ", lastSyncedAt=" + lastSyncedAt + ", pending=" + pendingCount
        + (inactivePendingCount != 0 ? ", inactivePending=" + inactivePendingCount : "")
        + (lastError != null ? ", lastError=" + lastError : "") + "}";
  }

  /** Builds {@link SyncStatus}. */
  public static final class Builder {
    private State state;
    private Instant lastSyncedAt;
    private boolean hasSynced;
    private long pendingCount;
    private long inactivePendingCount;
    private SyncException lastError;

    Builder() {}

    Builder(SyncStatus s) {
      state = s.state;
      lastSyncedAt = s.lastSyncedAt;
      hasSynced = s.hasSynced;
      pendingCount = s.pendingCount;
      inactivePendingCount = s.inactivePendingCount;
      lastError = s.lastError;
    }

    /**
     * @param state the state
     * @return this builder
     */
    public Builder state(State state) {
      this.state = checkNotNull(state, "state");
      return this;
    }

    /**
     * @param at last successful sync, or {@code null}
     * @return this builder
     */
    public Builder lastSyncedAt(Instant at) {
      this.lastSyncedAt = at;
      return this;
    }

    /**
     * @param hasSynced whether a sync ever succeeded
     * @return this builder
     */
    public Builder hasSynced(boolean hasSynced) {
      this.hasSynced = hasSynced;
      return this;
    }

    /**
     * @param count pending records, not negative
     * @return this builder
     */
    public Builder pendingCount(long count) {
      checkArgument(count >= 0, "pendingCount < 0: " + count);
      this.pendingCount = count;
      return this;
    }

    /**
     * @param count pending records of inactive identities, not negative
     * @return this builder
     */
    public Builder inactivePendingCount(long count) {
      checkArgument(count >= 0, "inactivePendingCount < 0: " + count);
      this.inactivePendingCount = count;
      return this;
    }

    /**
     * @param error the last sync's error, or {@code null}
     * @return this builder
     */
    public Builder lastError(SyncException error) {
      this.lastError = error;
      return this;
    }

    /** @return the status */
    public SyncStatus build() {
      return new SyncStatus(this);
    }
  }
}
