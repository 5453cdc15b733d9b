package dev.offsync.android;

import dev.offsync.SyncReport;
import java.util.Collections;
import java.util.List;
import java.util.Objects;

/**
 * How one {@link SyncRunner} run ended, for the scheduler that ran it: {@link Outcome#SUCCEEDED}, {@link Outcome#RETRY}
 * (try again later, with backoff) or {@link Outcome#FAILED} (do not retry: trying again without a change by the app or
 * the user cannot help). Immutable.
 */
public final class SyncRunResult {

  /** The classification of a run. */
  public enum Outcome {
    /** Every dataset synced. */
    SUCCEEDED,
    /** A retryable error ({@link dev.offsync.SyncException#isRetryable()}), or the deadline passed. */
    RETRY,
    /** A non-retryable error (not authorized, invalid data, the client closed, a bug). */
    FAILED
  }

  private final Outcome outcome;
  private final List<SyncReport> reports;
  private final Throwable error;

  private SyncRunResult(Outcome outcome, List<SyncReport> reports, Throwable error) {
    this.outcome = outcome;
    this.reports = reports;
    this.error = error;
  }

  /**
   * A successful run.
   *
   * @param reports the datasets' reports, not null
   * @return the result
   */
  public static SyncRunResult succeeded(List<SyncReport> reports) {
    Objects.requireNonNull(reports, "reports == null");
    return new SyncRunResult(Outcome.SUCCEEDED, Collections.unmodifiableList(reports), null);
  }

  /**
   * A failed run.
   *
   * @param outcome {@link Outcome#RETRY} or {@link Outcome#FAILED}
   * @param error the error, not null
   * @return the result
   * @throws IllegalArgumentException if {@code outcome} is {@link Outcome#SUCCEEDED}
   */
  public static SyncRunResult failed(Outcome outcome, Throwable error) {
    Objects.requireNonNull(outcome, "outcome == null");
    Objects.requireNonNull(error, "error == null");
    if (outcome == Outcome.SUCCEEDED) {
      throw new IllegalArgumentException("a failed run cannot have outcome SUCCEEDED");
    }
    return new SyncRunResult(outcome, Collections.emptyList(), error);
  }

  /** @return how the run ended */
  public Outcome outcome() {
    return outcome;
  }

  /** @return whether the scheduler should run it again later, with backoff */
  public boolean shouldRetry() {
    return outcome == Outcome.RETRY;
  }

  /** @return the reports of a successful run; empty otherwise */
  public List<SyncReport> reports() {
    return reports;
  }

  /** @return the error of a failed run, or {@code null} after success */
  public Throwable error() {
    return error;
  }

  /**
   * A one-line description safe to log: the outcome, and the error's type and, for offsync's own errors (whose
   * messages never carry a secret), its message. Other errors show their type only.
   */
  @Override
  public String toString() {
    if (error == null) {
      return outcome + " (" + reports.size() + " datasets)";
    }
    String type = error.getClass().getSimpleName();
    boolean own = error instanceof dev.offsync.SyncException || error instanceof java.util.concurrent.TimeoutException
        || error instanceof MissingSyncClientProviderException;
    return outcome + ": " + type + (own && error.getMessage() != null ? ": " + error.getMessage() : "");
  }
}
