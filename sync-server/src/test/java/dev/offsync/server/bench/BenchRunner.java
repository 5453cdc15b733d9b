package dev.offsync.server.bench;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.atomic.LongAdder;

/** Runs N clients, each looping over its own workload, and measures completed operations per second. */
final class BenchRunner {
  /** Creates one client's workload (called on the client's thread, before timing starts). */
  @FunctionalInterface
  interface WorkloadFactory {
    BenchWorkload create() throws Exception;
  }

  private BenchRunner() {}

  /**
   * Measures throughput.
   *
   * @param clients concurrent clients
   * @param factory creates each client's workload
   * @param warmup time run before counting
   * @param measure time counted
   * @return operations per second over the measured window, summed over clients
   * @throws Exception if any client fails
   */
  static double opsPerSecond(int clients, WorkloadFactory factory, Duration warmup, Duration measure)
      throws Exception {
    CountDownLatch ready = new CountDownLatch(clients);
    CountDownLatch go = new CountDownLatch(1);
    LongAdder done = new LongAdder();
    AtomicReference<Throwable> failure = new AtomicReference<>();
    // phase: 0 warm-up, 1 counting, 2 stop
    int[] phase = {0};
    Object phaseLock = new Object();
    List<Thread> threads = new ArrayList<>();
    for (int i = 0; i < clients; i++) {
      Thread t = new Thread(() -> {
        try (BenchWorkload w = factory.create()) {
          ready.countDown();
          go.await();
          while (true) {
            int p;
            synchronized (phaseLock) {
              p = phase[0];
            }
            if (p == 2 || failure.get() != null) {
              break;
            }
            w.run();
            if (p == 1) {
              done.increment();
            }
          }
        } catch (Throwable e) {
          failure.compareAndSet(null, e);
          ready.countDown();
        }
      }, "bench-client-" + i);
      t.setDaemon(true);
      threads.add(t);
      t.start();
    }
    ready.await();
    go.countDown();
    Thread.sleep(warmup.toMillis());
    long start;
    synchronized (phaseLock) {
      phase[0] = 1;
      start = System.nanoTime();
    }
    Thread.sleep(measure.toMillis());
    long count;
    long end;
    synchronized (phaseLock) {
      phase[0] = 2;
      end = System.nanoTime();
      count = done.sum();
    }
    for (Thread t : threads) {
      t.join(60_000);
    }
    if (failure.get() != null) {
      throw new IllegalStateException("a benchmark client failed: " + failure.get(), failure.get());
    }
    return count / ((end - start) / 1e9);
  }
}
