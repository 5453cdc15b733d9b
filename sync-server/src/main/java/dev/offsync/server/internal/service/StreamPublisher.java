package dev.offsync.server.internal.service;

import dev.offsync.server.spi.StreamOutboxEntry;
import dev.offsync.server.spi.StreamSink;
import dev.offsync.server.spi.SyncStore;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Live Cognito Streams, the delivering half: one background thread per server that drains the store's stream outbox
 * into the {@link StreamSink}. It wakes after each commit that added an entry ({@link #wakeUp}) and on a timer (for
 * entries committed by other instances, or left by a previous run).
 *
 * <p>A pass takes the store's one stream lease (so instances sharing a database never publish at the same time, and
 * each dataset's entries go out in commit order), reads the oldest entries, hands each run of entries of one stream to
 * the sink in order, and deletes entries only after the sink returned; it repeats until the outbox is empty, then gives
 * the lease back. A sink failure ends the pass (acknowledged entries are deleted, the rest stay) and the next one
 * starts after a back-off that doubles up to a cap; commits do not cut a back-off short. Delivery is at least once: a
 * stop or crash between the sink's acknowledgement and the delete publishes those entries again at the next pass.
 */
public final class StreamPublisher implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(StreamPublisher.class);
  /** Entries read per transaction. */
  static final int BATCH = 64;

  private final SyncStore store;
  private final StreamSink sink;
  private final Clock clock;
  private final Duration pollInterval;
  private final Duration firstBackoff;
  private final Duration maxBackoff;
  private final Duration lease;
  private final String owner = "publisher-" + UUID.randomUUID();
  private final ReentrantLock lock = new ReentrantLock();
  private final Condition signal = lock.newCondition();
  private boolean woken;
  private volatile boolean closed;
  private Thread thread;

  /**
   * Creates the publisher (not yet running).
   *
   * @param store the store holding the outbox
   * @param sink where entries go
   * @param clock the clock of the lease
   * @param pollInterval how often an idle publisher looks at the outbox
   * @param firstBackoff the wait after a first failure
   * @param maxBackoff the cap of the doubling wait after consecutive failures
   * @param lease how long a pass's lease lasts unless renewed (each batch renews it)
   */
  public StreamPublisher(SyncStore store, StreamSink sink, Clock clock, Duration pollInterval, Duration firstBackoff,
      Duration maxBackoff, Duration lease) {
    this.store = Objects.requireNonNull(store, "store == null");
    this.sink = Objects.requireNonNull(sink, "sink == null");
    this.clock = Objects.requireNonNull(clock, "clock == null");
    this.pollInterval = Objects.requireNonNull(pollInterval, "pollInterval == null");
    this.firstBackoff = Objects.requireNonNull(firstBackoff, "firstBackoff == null");
    this.maxBackoff = Objects.requireNonNull(maxBackoff, "maxBackoff == null");
    this.lease = Objects.requireNonNull(lease, "lease == null");
  }

  /** Starts the background thread; its first pass publishes what a previous run left. */
  public synchronized void start() {
    if (thread != null) {
      throw new IllegalStateException("already started");
    }
    thread = new Thread(this::run, "offsync-stream-publisher");
    thread.setDaemon(true);
    thread.start();
  }

  /** Asks for a pass soon (after a commit that added an entry); never blocks. */
  public void wakeUp() {
    lock.lock();
    try {
      woken = true;
      signal.signalAll();
    } finally {
      lock.unlock();
    }
  }

  private void run() {
    int failures = 0;
    while (!closed) {
      try {
        drain();
        failures = 0;
        await(pollInterval, true);
      } catch (Exception | Error e) {
        // an Error too (a sink's ExceptionInInitializerError, NoClassDefFoundError, ...): it would otherwise end the
        // thread, and with it every later publishing, until a restart
        failures++;
        Duration wait = backoff(failures);
        // one line per failure; the message of the sink or the store, never a line's content
        LOG.warn("stream publishing failed (attempt {}), retrying in {} ms: {}", failures, wait.toMillis(),
            e.toString());
        await(wait, false);
      }
    }
  }

  private Duration backoff(int failures) {
    Duration d = firstBackoff;
    for (int i = 1; i < failures && d.compareTo(maxBackoff) < 0; i++) {
      d = d.multipliedBy(2);
    }
    return d.compareTo(maxBackoff) > 0 ? maxBackoff : d;
  }

  /** Waits up to {@code timeout}, or until woken if {@code wakeable}, or until closed. */
  private void await(Duration timeout, boolean wakeable) {
    long nanos = timeout.toNanos();
    lock.lock();
    try {
      while (!closed && nanos > 0 && !(wakeable && woken)) {
        nanos = signal.awaitNanos(nanos);
      }
      woken = false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      closed = true;
    } finally {
      lock.unlock();
    }
  }

  /** One pass: publishes batches until the outbox is empty, the lease is elsewhere, or the publisher closes. */
  private void drain() throws Exception {
    // a read first, so an idle server (or one whose pools do not stream) never writes
    if (store.read(tx -> tx.streamOutbox(1)).isEmpty()) {
      return;
    }
    while (true) {
      if (closed) {
        releaseQuietly();
        return;
      }
      List<StreamOutboxEntry> batch = store.write(tx -> {
        Instant now = clock.instant();
        return tx.acquireStreamLease(owner, now, now.plus(lease)) ? tx.streamOutbox(BATCH) : null;
      });
      if (batch == null) {
        return; // another instance is publishing; the timer looks again
      }
      List<StreamOutboxEntry> acknowledged = new ArrayList<>(batch.size());
      try {
        int i = 0;
        while (i < batch.size()) {
          // a run of consecutive entries of one stream, in outbox order
          String stream = batch.get(i).streamName();
          int j = i;
          List<String> lines = new ArrayList<>();
          while (j < batch.size() && batch.get(j).streamName().equals(stream)) {
            lines.add(batch.get(j).jsonLine());
            j++;
          }
          sink.publish(stream, lines);
          acknowledged.addAll(batch.subList(i, j));
          i = j;
        }
      } catch (Exception | Error e) {
        try {
          finishBatch(acknowledged, true);
        } catch (RuntimeException suppressed) {
          e.addSuppressed(suppressed);
        }
        throw e;
      }
      boolean last = batch.size() < BATCH;
      finishBatch(acknowledged, last);
      if (last) {
        return;
      }
    }
  }

  private void finishBatch(List<StreamOutboxEntry> acknowledged, boolean release) {
    store.write(tx -> {
      tx.deleteStreamOutbox(acknowledged);
      if (release) {
        tx.releaseStreamLease(owner);
      }
      return null;
    });
  }

  private void releaseQuietly() {
    try {
      store.write(tx -> {
        tx.releaseStreamLease(owner);
        return null;
      });
    } catch (RuntimeException e) {
      LOG.warn("cannot release the stream lease: {}", e.toString());
    }
  }

  /**
   * Stops the thread after its current sink call and delete; entries not yet published stay in the outbox for the
   * next start. Waits up to {@code timeout}, then interrupts the thread.
   *
   * @param timeout how long to wait for the current pass
   */
  public void close(Duration timeout) {
    Thread t;
    synchronized (this) {
      closed = true;
      t = thread;
    }
    wakeUp();
    if (t == null) {
      return;
    }
    try {
      t.join(Math.max(1, timeout.toMillis()));
      if (t.isAlive()) {
        LOG.warn("stream publisher did not stop within {}; interrupting it", timeout);
        t.interrupt();
        t.join(TimeUnit.SECONDS.toMillis(5));
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** Stops the thread, waiting up to 30 seconds. */
  @Override
  public void close() {
    close(Duration.ofSeconds(30));
  }
}
