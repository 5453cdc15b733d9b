package dev.offsync.android;

import android.app.job.JobInfo;
import android.app.job.JobScheduler;
import android.content.ComponentName;
import android.content.Context;
import android.os.PersistableBundle;
import java.util.Objects;

/**
 * Schedules {@link SyncJobService} on {@link JobScheduler}: the app's {@link dev.offsync.SyncClient#syncAll()} runs in
 * the background, also when the app is not running, when the constraints hold.
 *
 * <pre>{@code
 * BackgroundSync.schedule(context, BackgroundSyncOptions.builder()
 *     .network(NetworkRequirement.UNMETERED).period(Duration.ofHours(6)).build());
 * ...
 * BackgroundSync.cancel(context, BackgroundSyncOptions.DEFAULT_JOB_ID);   // e.g. on sign-out
 * }</pre>
 *
 * <p>The manifest declares the service, protected by the system's job permission, and for a
 * {@linkplain BackgroundSyncOptions.Builder#persisted(boolean) persisted} job the boot permission:
 *
 * <pre>{@code
 * <uses-permission android:name="android.permission.ACCESS_NETWORK_STATE"/>
 * <uses-permission android:name="android.permission.RECEIVE_BOOT_COMPLETED"/>  <!-- persisted jobs only -->
 * <service android:name="dev.offsync.android.SyncJobService"
 *          android:permission="android.permission.BIND_JOB_SERVICE"
 *          android:exported="false"/>
 * }</pre>
 *
 * <p><b>Battery.</b> Nothing runs or wakes the device until the constraints hold: the network (any, or unmetered
 * only), optionally charging and battery not low. The system batches jobs with other apps' work; a periodic job runs
 * at most once per period, at a moment the system picks within it. A run that fails with a retryable error, or does
 * not finish within its {@linkplain BackgroundSyncOptions#runDeadline() deadline}, is retried with exponential backoff
 * (initial backoff doubled at each retry, capped by the system at 5 hours), so a server that is down costs a few
 * wake-ups, not a loop. In Doze (device idle, screen off, unplugged) and for an app in a restricted standby bucket the
 * system defers jobs to its maintenance windows, and App Standby may defer them further; network access is cut
 * outside those windows, so a sync never runs in Doze outside a window. Scheduling with the same job id replaces the
 * earlier job; an app calls {@link #schedule} at every start without piling up jobs.
 */
public final class BackgroundSync {
  /** The extra of the job carrying the run's deadline, in milliseconds. */
  static final String EXTRA_RUN_DEADLINE_MILLIS = "dev.offsync.android.runDeadlineMillis";

  private BackgroundSync() {}

  /**
   * Schedules the sync job, replacing any job of the same id. Makes no I/O of its own (JobScheduler is a system
   * service), so it may be called on the main thread.
   *
   * @param context any context of the app, not null
   * @param options the job's options, not null
   * @return {@code true} if JobScheduler accepted the job, {@code false} if it refused it (too many jobs)
   * @throws IllegalArgumentException from JobScheduler if the service is not declared in the manifest, or the job is
   *     persisted without {@code RECEIVE_BOOT_COMPLETED}
   */
  public static boolean schedule(Context context, BackgroundSyncOptions options) {
    Objects.requireNonNull(context, "context == null");
    Objects.requireNonNull(options, "options == null");
    return scheduler(context).schedule(jobInfo(context, options)) == JobScheduler.RESULT_SUCCESS;
  }

  /**
   * Cancels the sync job of {@code jobId}, stopping a run in progress (the system calls the job's
   * {@code onStopJob}; pending edits stay for the next sync). Does nothing if no such job is scheduled.
   *
   * @param context any context of the app, not null
   * @param jobId the job id of {@link BackgroundSyncOptions#jobId()}
   */
  public static void cancel(Context context, int jobId) {
    Objects.requireNonNull(context, "context == null");
    scheduler(context).cancel(jobId);
  }

  /**
   * Whether a sync job of {@code jobId} is scheduled.
   *
   * @param context any context of the app, not null
   * @param jobId the job id
   * @return whether JobScheduler holds a job of that id for {@link SyncJobService}
   */
  public static boolean isScheduled(Context context, int jobId) {
    Objects.requireNonNull(context, "context == null");
    for (JobInfo job : scheduler(context).getAllPendingJobs()) {
      if (job.getId() == jobId && SyncJobService.class.getName().equals(job.getService().getClassName())) {
        return true;
      }
    }
    return false;
  }

  static JobInfo jobInfo(Context context, BackgroundSyncOptions options) {
    PersistableBundle extras = new PersistableBundle();
    extras.putLong(EXTRA_RUN_DEADLINE_MILLIS, options.runDeadline().toMillis());
    JobInfo.Builder job = new JobInfo.Builder(options.jobId(), new ComponentName(context, SyncJobService.class))
        .setRequiredNetworkType(options.network() == NetworkRequirement.UNMETERED
            ? JobInfo.NETWORK_TYPE_UNMETERED
            : JobInfo.NETWORK_TYPE_ANY)
        .setBackoffCriteria(options.initialBackoff().toMillis(), JobInfo.BACKOFF_POLICY_EXPONENTIAL)
        .setPersisted(options.isPersisted())
        .setRequiresCharging(options.requiresCharging())
        .setRequiresBatteryNotLow(options.requiresBatteryNotLow())
        .setExtras(extras);
    if (options.isPeriodic()) {
      job.setPeriodic(options.period().toMillis());
    }
    return job.build();
  }

  private static JobScheduler scheduler(Context context) {
    JobScheduler scheduler =
        (JobScheduler) context.getApplicationContext().getSystemService(Context.JOB_SCHEDULER_SERVICE);
    if (scheduler == null) {
      throw new IllegalStateException("no JobScheduler on this device");
    }
    return scheduler;
  }
}
