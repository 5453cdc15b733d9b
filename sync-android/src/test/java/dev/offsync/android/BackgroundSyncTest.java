package dev.offsync.android;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import android.app.job.JobInfo;
import android.app.job.JobScheduler;
import android.content.Context;
import dev.offsync.InvalidParameterException;
import java.time.Duration;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.robolectric.RobolectricTestRunner;
import org.robolectric.RuntimeEnvironment;

/** {@link BackgroundSync} hands JobScheduler (Robolectric's ShadowJobScheduler) the job its options describe. */
@RunWith(RobolectricTestRunner.class)
public class BackgroundSyncTest {
  private final Context context = RuntimeEnvironment.getApplication();
  private final JobScheduler scheduler = (JobScheduler) context.getSystemService(Context.JOB_SCHEDULER_SERVICE);

  @Test
  public void theDefaultsAreAOneOffJobOnAnyNetworkWithExponentialBackoffNotPersisted() {
    assertThat(BackgroundSync.schedule(context, BackgroundSyncOptions.builder().build())).isTrue();

    JobInfo job = scheduler.getPendingJob(BackgroundSyncOptions.DEFAULT_JOB_ID);
    assertThat(job).isNotNull();
    assertThat(job.getService().getClassName()).isEqualTo(SyncJobService.class.getName());
    assertThat(job.getNetworkType()).isEqualTo(JobInfo.NETWORK_TYPE_ANY);
    assertThat(job.isPeriodic()).isFalse();
    assertThat(job.getBackoffPolicy()).isEqualTo(JobInfo.BACKOFF_POLICY_EXPONENTIAL);
    assertThat(job.getInitialBackoffMillis()).isEqualTo(30_000);
    assertThat(job.isPersisted()).isFalse();
    assertThat(job.isRequireCharging()).isFalse();
    assertThat(job.isRequireBatteryNotLow()).isFalse();
    assertThat(job.getExtras().getLong(BackgroundSync.EXTRA_RUN_DEADLINE_MILLIS)).isEqualTo(9 * 60_000);
    assertThat(BackgroundSync.isScheduled(context, BackgroundSyncOptions.DEFAULT_JOB_ID)).isTrue();
  }

  @Test
  public void aPeriodicUnmeteredPersistedJobOnTheChargerIsScheduledAsAsked() {
    BackgroundSync.schedule(context, BackgroundSyncOptions.builder().jobId(42).network(NetworkRequirement.UNMETERED)
        .period(Duration.ofHours(6)).initialBackoff(Duration.ofMinutes(2)).runDeadline(Duration.ofMinutes(5))
        .persisted(true).requiresCharging(true).requiresBatteryNotLow(true).build());

    JobInfo job = scheduler.getPendingJob(42);
    assertThat(job.getNetworkType()).isEqualTo(JobInfo.NETWORK_TYPE_UNMETERED);
    assertThat(job.isPeriodic()).isTrue();
    assertThat(job.getIntervalMillis()).isEqualTo(Duration.ofHours(6).toMillis());
    assertThat(job.getBackoffPolicy()).isEqualTo(JobInfo.BACKOFF_POLICY_EXPONENTIAL);
    assertThat(job.getInitialBackoffMillis()).isEqualTo(120_000);
    assertThat(job.isPersisted()).isTrue();
    assertThat(job.isRequireCharging()).isTrue();
    assertThat(job.isRequireBatteryNotLow()).isTrue();
    assertThat(job.getExtras().getLong(BackgroundSync.EXTRA_RUN_DEADLINE_MILLIS)).isEqualTo(5 * 60_000);
  }

  @Test
  public void schedulingAgainReplacesTheJobAndCancelRemovesIt() {
    BackgroundSyncOptions periodic = BackgroundSyncOptions.builder().period(Duration.ofHours(1)).build();
    BackgroundSync.schedule(context, periodic);
    BackgroundSync.schedule(context, periodic.newBuilder().oneOff().network(NetworkRequirement.UNMETERED).build());

    assertThat(scheduler.getAllPendingJobs()).singleElement()
        .satisfies(job -> assertThat(job.isPeriodic()).isFalse())
        .satisfies(job -> assertThat(job.getNetworkType()).isEqualTo(JobInfo.NETWORK_TYPE_UNMETERED));

    BackgroundSync.cancel(context, BackgroundSyncOptions.DEFAULT_JOB_ID);
    assertThat(scheduler.getAllPendingJobs()).isEmpty();
    assertThat(BackgroundSync.isScheduled(context, BackgroundSyncOptions.DEFAULT_JOB_ID)).isFalse();
  }

  @Test
  public void optionsJobSchedulerWouldRejectAreRejectedAtOnce() {
    BackgroundSyncOptions.Builder b = BackgroundSyncOptions.builder();
    assertThatThrownBy(() -> b.period(Duration.ofMinutes(14))).isInstanceOf(InvalidParameterException.class)
        .hasMessageContaining("PT15M");
    assertThatThrownBy(() -> b.initialBackoff(Duration.ofSeconds(9))).isInstanceOf(InvalidParameterException.class);
    assertThatThrownBy(() -> b.runDeadline(Duration.ofMinutes(11))).isInstanceOf(InvalidParameterException.class);
    assertThatThrownBy(() -> b.runDeadline(Duration.ZERO)).isInstanceOf(InvalidParameterException.class);
    assertThatThrownBy(() -> b.network(null)).isInstanceOf(NullPointerException.class)
        .hasMessage("network == null");
    assertThat(b.build()).isEqualTo(BackgroundSyncOptions.builder().build());
  }
}
