package dev.offsync.server.cors;

import dev.offsync.server.spi.StoreWork;
import dev.offsync.server.spi.SyncStore;
import java.util.concurrent.atomic.AtomicInteger;

/** A store that counts the transactions HTTP worker threads open (background pollers are not counted). */
final class CountingStore implements SyncStore {
  private final SyncStore delegate;
  final AtomicInteger httpCalls = new AtomicInteger();

  CountingStore(SyncStore delegate) {
    this.delegate = delegate;
  }

  private void count() {
    if (Thread.currentThread().getName().startsWith("offsync-http")) {
      httpCalls.incrementAndGet();
    }
  }

  @Override
  public <T> T read(StoreWork<T> work) {
    count();
    return delegate.read(work);
  }

  @Override
  public <T> T write(StoreWork<T> work) {
    count();
    return delegate.write(work);
  }

  @Override
  public java.util.Optional<byte[]> sharedSecret(String name, int length) {
    return delegate.sharedSecret(name, length);
  }

  @Override
  public void close() {
    delegate.close();
  }
}
