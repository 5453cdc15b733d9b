package dev.offsync.app.bench;

import dev.offsync.spi.LocalStore;
import dev.offsync.spi.LocalTransaction;
import dev.offsync.spi.RemoteStore;
import io.reactivex.rxjava3.core.Single;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * Counts and times the engine's calls into its {@link LocalStore} (each transaction and each {@link LocalTransaction}
 * method inside it) and its {@link RemoteStore} (subscription to success), for the benchmark's per-sync breakdown.
 * Not thread-safe beyond what one sync at a time needs.
 */
final class CallTimer {
  private final Map<String, long[]> calls = new TreeMap<>();

  synchronized void add(String name, long nanos) {
    long[] c = calls.computeIfAbsent(name, k -> new long[2]);
    c[0]++;
    c[1] += nanos;
  }

  synchronized void reset() {
    calls.clear();
  }

  /** One line per call kind: count and total milliseconds. */
  synchronized String summary() {
    StringBuilder sb = new StringBuilder();
    calls.forEach((k, v) -> sb.append(String.format(Locale.ROOT, "%s %dx %.2f ms; ", k, v[0], v[1] / 1e6)));
    return sb.toString();
  }

  LocalStore local(LocalStore store) {
    return new LocalStore() {
      @Override
      public <T> T read(Work<T> work) {
        long t0 = System.nanoTime();
        try {
          return store.read(tx -> work.run(tx(tx)));
        } finally {
          add("local.read", System.nanoTime() - t0);
        }
      }

      @Override
      public <T> T write(Work<T> work) {
        long t0 = System.nanoTime();
        try {
          return store.write(tx -> work.run(tx(tx)));
        } finally {
          add("local.write", System.nanoTime() - t0);
        }
      }

      @Override
      public void close() {
        store.close();
      }
    };
  }

  private LocalTransaction tx(LocalTransaction tx) {
    return (LocalTransaction) Proxy.newProxyInstance(LocalTransaction.class.getClassLoader(),
        new Class<?>[] {LocalTransaction.class}, (proxy, method, args) -> {
          long t0 = System.nanoTime();
          try {
            return method.invoke(tx, args);
          } catch (InvocationTargetException e) {
            throw e.getCause();
          } finally {
            add("  tx." + method.getName(), System.nanoTime() - t0);
          }
        });
  }

  RemoteStore remote(RemoteStore remote) {
    return (RemoteStore) Proxy.newProxyInstance(RemoteStore.class.getClassLoader(), new Class<?>[] {RemoteStore.class},
        (proxy, method, args) -> {
          Object out;
          try {
            out = method.invoke(remote, args);
          } catch (InvocationTargetException e) {
            throw e.getCause();
          }
          if (out instanceof Single<?> single) {
            long[] start = new long[1];
            return single.doOnSubscribe(d -> start[0] = System.nanoTime())
                .doOnSuccess(x -> add("remote." + method.getName(), System.nanoTime() - start[0]));
          }
          return out;
        });
  }
}
