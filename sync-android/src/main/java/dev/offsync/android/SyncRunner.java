package dev.offsync.android;

import dev.offsync.SyncClient;
import dev.offsync.SyncException;
import io.reactivex.rxjava3.core.Scheduler;
import io.reactivex.rxjava3.core.Single;
import io.reactivex.rxjava3.schedulers.Schedulers;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * One background sync: {@link SyncClient#syncAll()} off the main thread, under a deadline, with the result classified
 * for a scheduler ({@link SyncRunResult}). {@link SyncJobService} uses it; so can a WorkManager worker, whose
 * {@code doWork()} already runs on a background thread:
 *
 * <pre>{@code
 * public final class SyncWorker extends Worker {
 *   public SyncWorker(Context context, WorkerParameters params) { super(context, params); }
 *
 *   public Result doWork() {
 *     SyncClient client = ((SyncClientProvider) getApplicationContext()).syncClient();
 *     SyncRunResult r = SyncRunner.create(client, Duration.ofMinutes(9)).run().blockingGet();
 *     switch (r.outcome()) {
 *       case SUCCEEDED: return Result.success();
 *       case RETRY: return Result.retry();           // WorkManager backs off as its request says
 *       default: return Result.failure();
 *     }
 *   }
 * }
 * }</pre>
 *
 * <p>The returned {@link Single} never fails: every error becomes a {@link SyncRunResult}. Disposing it (the job was
 * stopped, or the deadline passed) disposes the subscription to {@code syncAll()}: the job stops waiting at once. The
 * engine's sync runs are shared by all their callers, so a run already under way is not torn down: it goes on while
 * the process lives (bounded by the HTTP call timeouts, and by the network the system cuts off after a stopped job),
 * and its edits are either synced or still pending for the next run. Nothing is lost either way.
 */
public final class SyncRunner {
  private final SyncClient client;
  private final Duration deadline;
  private final Scheduler timer;

  private SyncRunner(SyncClient client, Duration deadline, Scheduler timer) {
    this.client = client;
    this.deadline = deadline;
    this.timer = timer;
  }

  /**
   * A runner whose deadline runs on {@link Schedulers#computation()}.
   *
   * @param client the app's client, not null
   * @param deadline how long the sync may take before it is disposed and classified {@link SyncRunResult.Outcome#RETRY}
   *     (positive; keep it under the scheduler's limit, about 10 minutes for a job)
   * @return the runner
   * @throws dev.offsync.InvalidParameterException if the deadline is not positive
   */
  public static SyncRunner create(SyncClient client, Duration deadline) {
    return create(client, deadline, Schedulers.computation());
  }

  /**
   * A runner whose deadline runs on {@code timer} (tests use a {@code TestScheduler}).
   *
   * @param client the app's client, not null
   * @param deadline how long the sync may take, positive
   * @param timer the scheduler of the deadline, not null
   * @return the runner
   * @throws dev.offsync.InvalidParameterException if the deadline is not positive
   */
  public static SyncRunner create(SyncClient client, Duration deadline, Scheduler timer) {
    Objects.requireNonNull(client, "client == null");
    Objects.requireNonNull(deadline, "deadline == null");
    Objects.requireNonNull(timer, "timer == null");
    if (deadline.isNegative() || deadline.isZero()) {
      throw new dev.offsync.InvalidParameterException("deadline must be positive: " + deadline);
    }
    return new SyncRunner(client, deadline, timer);
  }

  /**
   * Runs the sync when subscribed: {@code syncAll()} subscribed on {@link Schedulers#io()}, so that subscribing on
   * the main thread returns at once.
   *
   * @return the result; never fails
   */
  public Single<SyncRunResult> run() {
    return Single.defer(client::syncAll)
        .subscribeOn(Schedulers.io())
        .timeout(deadline.toMillis(), TimeUnit.MILLISECONDS, timer)
        .map(SyncRunResult::succeeded)
        .onErrorReturn(SyncRunner::classify);
  }

  /**
   * Classifies an error of a sync.
   *
   * @param error the error, not null
   * @return {@link SyncRunResult.Outcome#RETRY} for a retryable {@link SyncException} or a passed deadline, else
   *     {@link SyncRunResult.Outcome#FAILED}
   */
  public static SyncRunResult classify(Throwable error) {
    Objects.requireNonNull(error, "error == null");
    boolean retry = error instanceof TimeoutException
        || (error instanceof SyncException && ((SyncException) error).isRetryable());
    return SyncRunResult.failed(retry ? SyncRunResult.Outcome.RETRY : SyncRunResult.Outcome.FAILED, error);
  }

  @Override
  public String toString() {
    return "SyncRunner{deadline=" + deadline + "}";
  }
}
