package dev.offsync.http.internal;

import okhttp3.Call;

/** Lets another thread cancel a call in flight (used by the RxJava variants on dispose). Thread-safe. */
public final class Cancellation {
  private volatile boolean cancelled;
  private volatile Call call;

  /** Cancels the current attempt and prevents further ones. */
  public void cancel() {
    cancelled = true;
    Call current = call;
    if (current != null) {
      current.cancel();
    }
  }

  /**
   * Returns whether {@link #cancel()} was called.
   *
   * @return whether cancelled
   */
  public boolean isCancelled() {
    return cancelled;
  }

  void attach(Call call) {
    this.call = call;
    if (cancelled) {
      call.cancel();
    }
  }
}
