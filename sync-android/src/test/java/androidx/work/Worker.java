package androidx.work;

import android.content.Context;

/** Compile-time stand-in for WorkManager's {@code androidx.work.Worker} (see {@link WorkerParameters}). Never shipped. */
public abstract class Worker extends ListenableWorker {
  public Worker(Context context, WorkerParameters params) {
    super(context, params);
  }

  /** @return the outcome; runs on WorkManager's background thread */
  public abstract Result doWork();
}
