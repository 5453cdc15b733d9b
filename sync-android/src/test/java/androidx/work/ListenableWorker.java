package androidx.work;

import android.content.Context;

/**
 * Compile-time stand-in for WorkManager's {@code androidx.work.ListenableWorker} (see {@link WorkerParameters}): the
 * constructor, {@code getApplicationContext()} and the nested {@code Result} with the same signatures. Never shipped.
 */
public abstract class ListenableWorker {
  private final Context context;

  protected ListenableWorker(Context context, WorkerParameters params) {
    this.context = context;
  }

  /** @return the application context */
  public final Context getApplicationContext() {
    return context.getApplicationContext();
  }

  /** The outcome of a unit of work, as WorkManager's. */
  public abstract static class Result {
    private final String name;

    Result(String name) {
      this.name = name;
    }

    /** @return success */
    public static Result success() {
      return new Result("success") { };
    }

    /** @return retry with the request's backoff */
    public static Result retry() {
      return new Result("retry") { };
    }

    /** @return failure, no retry */
    public static Result failure() {
      return new Result("failure") { };
    }

    @Override
    public String toString() {
      return name;
    }
  }
}
