package androidx.work;

/**
 * Compile-time stand-in for WorkManager's {@code androidx.work.WorkerParameters} (WorkManager is published on Google's
 * Maven repository only, which this build cannot reach): just enough of its shape for docs/android.md's Worker
 * snippet to be compiled and run by a test. Never shipped.
 */
public final class WorkerParameters {}
