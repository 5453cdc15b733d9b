package dev.offsync.engine;

import dev.offsync.spi.LocalStore;
import java.util.concurrent.atomic.AtomicReference;

/** A {@link LocalStore} that can run an action just before its next write transaction. */
final class HookedLocalStore implements LocalStore {
  private final LocalStore delegate;
  private final AtomicReference<Runnable> beforeNextWrite = new AtomicReference<>();

  HookedLocalStore(LocalStore delegate) {
    this.delegate = delegate;
  }

  /** Runs {@code action} once, just before the next write transaction starts (as an app thread would). */
  void beforeNextWrite(Runnable action) {
    beforeNextWrite.set(action);
  }

  @Override
  public <T> T read(Work<T> work) {
    return delegate.read(work);
  }

  @Override
  public <T> T write(Work<T> work) {
    Runnable action = beforeNextWrite.getAndSet(null);
    if (action != null) {
      action.run();
    }
    return delegate.write(work);
  }

  @Override
  public void close() {
    delegate.close();
  }
}
