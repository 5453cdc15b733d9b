package dev.offsync.android;

import android.app.Application;
import android.app.job.JobParameters;
import android.app.job.JobService;
import android.util.Log;
import dev.offsync.SyncClient;
import io.reactivex.rxjava3.core.Single;
import io.reactivex.rxjava3.disposables.SerialDisposable;
import io.reactivex.rxjava3.schedulers.Schedulers;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The JobScheduler job that {@link BackgroundSync} schedules: runs the app's {@link SyncClient#syncAll()} (from the
 * {@link SyncClientProvider} the app's {@link Application} implements) through a {@link SyncRunner}, under the job's
 * deadline, and tells the system how it went: success finishes the job; a retryable failure or a passed deadline
 * finishes it asking for a retry with backoff; a non-retryable failure finishes it without a retry (logged under the
 * tag {@code offsync}, without secrets: offsync's error messages never carry one). When the system stops the job
 * (constraints lost, the 10-minute limit, the app's standby bucket), the job's subscription to the sync is disposed and
 * the job asks to be rescheduled (see {@link SyncRunner} for what happens to a run under way). Nothing is lost either
 * way: unsynced edits stay pending for the next sync.
 *
 * <p>{@link #onStartJob} returns at once on the main thread; the sync is subscribed on {@code Schedulers.io()}. See
 * {@link BackgroundSync} for the manifest entry and the battery behaviour. An app whose {@link Application} does not
 * implement {@link SyncClientProvider} gets a {@link MissingSyncClientProviderException} from {@link #onStartJob}; the
 * provider's {@link SyncClientProvider#syncClient()} is called on {@code Schedulers.io()}.
 */
public final class SyncJobService extends JobService {
  static final String TAG = "offsync";

  private final Map<Integer, SerialDisposable> running = new ConcurrentHashMap<>();

  /** Created by the system. */
  public SyncJobService() {}

  /**
   * Starts the sync in the background and returns at once.
   *
   * @param params the job
   * @return {@code true}: the work goes on in the background
   * @throws MissingSyncClientProviderException if the app's {@link Application} does not implement
   *     {@link SyncClientProvider} (a provider returning {@code null} fails the run instead: it is called in the
   *     background, and the job finishes without a retry, logged)
   */
  @Override
  public boolean onStartJob(JobParameters params) {
    SyncClientProvider provider = providerOf(getApplication());
    long deadlineMillis = params.getExtras().getLong(BackgroundSync.EXTRA_RUN_DEADLINE_MILLIS,
        BackgroundSyncOptions.builder().build().runDeadline().toMillis());
    Duration deadline = Duration.ofMillis(deadlineMillis);
    // the app may build its client (and open its stores) in syncClient(): off the main thread too
    Single<SyncRunResult> run = Single.fromCallable(() -> clientOf(provider))
        .subscribeOn(Schedulers.io())
        .flatMap(client -> SyncRunner.create(client, deadline).run())
        .onErrorReturn(SyncRunner::classify);
    int jobId = params.getJobId();
    SerialDisposable work = new SerialDisposable();
    SerialDisposable earlier = running.put(jobId, work);
    if (earlier != null) {
      earlier.dispose(); // the system never runs one job twice at once; a stale entry is disposed all the same
    }
    work.replace(run.subscribe(
        result -> finished(params, work, result),
        error -> finished(params, work, SyncRunner.classify(error)))); // never happens: run() does not fail
    return true;
  }

  /**
   * Disposes the job's subscription to the running sync and asks to be rescheduled.
   *
   * @param params the job
   * @return {@code true}: reschedule with the job's backoff
   */
  @Override
  public boolean onStopJob(JobParameters params) {
    SerialDisposable work = running.remove(params.getJobId());
    if (work != null) {
      work.dispose();
      Log.i(TAG, "background sync stopped by the system; rescheduled");
    }
    return true;
  }

  /** Disposes the subscriptions to any sync still running. */
  @Override
  public void onDestroy() {
    for (Integer jobId : running.keySet()) {
      SerialDisposable work = running.remove(jobId);
      if (work != null) {
        work.dispose();
      }
    }
    super.onDestroy();
  }

  private void finished(JobParameters params, SerialDisposable work, SyncRunResult result) {
    // onStopJob may have taken the job already: then the system is done with it and must not hear from us again
    if (!running.remove(params.getJobId(), work)) {
      return;
    }
    switch (result.outcome()) {
      case SUCCEEDED:
        jobFinished(params, false);
        break;
      case RETRY:
        Log.i(TAG, "background sync failed, retried with backoff: " + result);
        jobFinished(params, true);
        break;
      default:
        Log.w(TAG, "background sync failed, not retried: " + result);
        jobFinished(params, false);
        break;
    }
  }

  static SyncClientProvider providerOf(Application application) {
    if (!(application instanceof SyncClientProvider)) {
      throw new MissingSyncClientProviderException("the Application ("
          + (application == null ? "none" : application.getClass().getName())
          + ") must implement dev.offsync.android.SyncClientProvider for SyncJobService to reach the SyncClient");
    }
    return (SyncClientProvider) application;
  }

  static SyncClient clientOf(SyncClientProvider provider) {
    SyncClient client = provider.syncClient();
    if (client == null) {
      throw new MissingSyncClientProviderException(provider.getClass().getName() + ".syncClient() returned null");
    }
    return client;
  }
}
