package dev.offsync.android;

import android.app.job.JobInfo;
import android.app.job.JobParameters;
import android.os.PersistableBundle;
import java.lang.reflect.Constructor;

/**
 * Real {@link JobParameters}, as the system hands them to a job: Robolectric has no shadow for them, so the
 * framework's own (hidden) constructor of SDK 34 is called reflectively with the job's id and extras.
 */
final class JobParams {
  private JobParams() {}

  static JobParameters of(JobInfo job) {
    return of(job.getId(), job.getExtras());
  }

  static JobParameters of(int jobId, PersistableBundle extras) {
    try {
      // JobParameters(IBinder callback, String namespace, int jobId, PersistableBundle extras, Bundle transientExtras,
      //     ClipData clipData, int clipGrantFlags, boolean overrideDeadlineExpired, boolean isExpedited,
      //     boolean isUserInitiated, Uri[] triggeredContentUris, String[] triggeredContentAuthorities, Network network)
      for (Constructor<?> c : JobParameters.class.getConstructors()) {
        if (c.getParameterCount() == 13) {
          return (JobParameters) c.newInstance(null, null, jobId, extras, null, null, 0, false, false, false, null,
              null, null);
        }
      }
      throw new AssertionError("no 13-argument JobParameters constructor at this SDK");
    } catch (ReflectiveOperationException e) {
      throw new AssertionError(e);
    }
  }
}
