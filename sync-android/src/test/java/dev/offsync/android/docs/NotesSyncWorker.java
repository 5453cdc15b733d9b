package dev.offsync.android.docs;

import android.content.Context;
import androidx.work.Worker;
import androidx.work.WorkerParameters;
import dev.offsync.SyncClient;
import dev.offsync.android.SyncClientProvider;
import dev.offsync.android.SyncRunResult;
import dev.offsync.android.SyncRunner;
import java.time.Duration;

/** docs/android.md, "WorkManager instead of JobScheduler": the same run as SyncJobService's, in a Worker. */
public final class NotesSyncWorker extends Worker {
  public NotesSyncWorker(Context context, WorkerParameters params) {
    super(context, params);
  }

  @Override
  public Result doWork() {   // WorkManager's background thread
    SyncClient client = ((SyncClientProvider) getApplicationContext()).syncClient();
    SyncRunResult run = SyncRunner.create(client, Duration.ofMinutes(9)).run().blockingGet();
    switch (run.outcome()) {
      case SUCCEEDED:
        return Result.success();
      case RETRY:
        return Result.retry();   // with the request's setBackoffCriteria(EXPONENTIAL, ...)
      default:
        return Result.failure();
    }
  }
}
