package dev.offsync.server.internal.service;

import dev.offsync.server.spi.StreamOutboxEntry;
import dev.offsync.server.spi.StreamSink;
import dev.offsync.server.spi.SyncStore;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
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
 * the lease back. A batch is bounded by rows ({@link #BATCH}) and by bytes ({@link #BATCH_BYTES}): the store stops
 * adding entries once their lines reach the budget, and a sink call carries at most the budget, or one longer line
 * alone; a batch cut by either bound is never taken for the last one. Failures are isolated per stream: when the sink fails for a stream, that stream's entries stay in the
 * outbox and the stream is skipped (by this pass, and by later ones until its back-off, doubling up to a cap, has
 * passed), while the other streams' entries keep going out; commits do not cut a stream's back-off short. A store
 * failure ends the pass and the next one starts after the same kind of back-off. Delivery is at least once: a stop or
 * crash between the sink's acknowledgement and the delete publishes those entries again at the next pass.
 */
public final class StreamPublisher implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(StreamPublisher.class);
  /** Entries read per transaction. */
  static final int BATCH = 64;
  /**
   * The default byte budget of a batch (UTF-8 bytes of its lines): a batch stops taking entries once its lines reach
   * it, and one sink call carries at most this much, except a single longer line alone.
   */
  public static final long BATCH_BYTES = 8L * 1024 * 1024;

  private final SyncStore store;
  private final StreamSink sink;
  private final Clock clock;
  private final Duration pollInterval;
  private final Duration firstBackoff;
  private final Duration maxBackoff;
  private final Duration lease;
  private final long batchBytes;
  private final Runnable onFailure;
  private final String owner = "publisher-" + UUID.randomUUID();
  private final ReentrantLock lock = new ReentrantLock();
  private final Condition signal = lock.newCondition();
  /** The streams whose last sink call failed, by name; only the publisher thread touches it. */
  private final Map<String, StreamBackoff> failing = new HashMap<>();
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
   * @param batchBytes the byte budget of a batch and of a sink call ({@link #BATCH_BYTES} unless testing); positive
   * @param onFailure called once per failed attempt (a stream's sink call, or a pass the store failed); must not block
   */
  public StreamPublisher(SyncStore store, StreamSink sink, Clock clock, Duration pollInterval, Duration firstBackoff,
      Duration maxBackoff, Duration lease, long batchBytes, Runnable onFailure) {
    this.onFailure = Objects.requireNonNull(onFailure, "onFailure == null");
    this.store = Objects.requireNonNull(store, "store == null");
    this.sink = Objects.requireNonNull(sink, "sink == null");
    this.clock = Objects.requireNonNull(clock, "clock == null");
    this.pollInterval = Objects.requireNonNull(pollInterval, "pollInterval == null");
    this.firstBackoff = Objects.requireNonNull(firstBackoff, "firstBackoff == null");
    this.maxBackoff = Objects.requireNonNull(maxBackoff, "maxBackoff == null");
    this.lease = Objects.requireNonNull(lease, "lease == null");
    if (batchBytes < 1) {
      throw new IllegalArgumentException("batchBytes must be positive: " + batchBytes);
    }
    this.batchBytes = batchBytes;
  }

  /**
   * The outbox lag: seconds since the oldest entry waiting in the outbox was committed (whichever instance wrote it).
   *
   * @param store the store
   * @param clock the clock
   * @return the lag, 0 when nothing waits, NaN when the store cannot be read
   */
  public static double outboxLagSeconds(SyncStore store, Clock clock) {
    try {
      List<StreamOutboxEntry> oldest = store.read(tx -> tx.streamOutbox(1, Long.MAX_VALUE, Set.of()));
      if (oldest.isEmpty()) {
        return 0;
      }
      return Math.max(0, Duration.between(oldest.get(0).created(), clock.instant()).toMillis() / 1000.0);
    } catch (RuntimeException e) {
      return Double.NaN;
    }
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

  /** A failing stream: its consecutive failures and when it may be tried again ({@link System#nanoTime}). */
  private static final class StreamBackoff {
    int failures;
    long retryAt;
  }

  private void run() {
    int failures = 0;
    while (!closed) {
      try {
        drain();
        failures = 0;
        await(untilNextRetry(), true);
      } catch (Exception | Error e) {
        // an Error too (NoClassDefFoundError, ...): it would otherwise end the thread, and with it every later
        // publishing, until a restart. Sink failures are handled per stream in drain(); this is the store's.
        failures++;
        onFailure.run();
        Duration wait = backoff(failures);
        // one line per failure; the message of the store, never a line's content
        LOG.warn("stream publishing failed (attempt {}), retrying in {} ms: {}", failures, wait.toMillis(),
            e.toString());
        await(wait, false);
      }
    }
  }

  /**
   * The idle wait: the poll interval, or less when a failing stream's back-off ends before it. A back-off already over
   * does not shorten it (e.g. when the pass ended because another instance holds the lease: no busy loop).
   */
  private Duration untilNextRetry() {
    Duration wait = pollInterval;
    long now = System.nanoTime();
    for (StreamBackoff b : failing.values()) {
      Duration left = Duration.ofNanos(b.retryAt - now);
      if (!left.isNegative() && !left.isZero() && left.compareTo(wait) < 0) {
        wait = left;
      }
    }
    return wait;
  }

  /** The streams still in their back-off, to leave out of the outbox reads. */
  private Set<String> backedOff() {
    Set<String> out = new HashSet<>();
    long now = System.nanoTime();
    failing.forEach((stream, b) -> {
      if (b.retryAt - now > 0) {
        out.add(stream);
      }
    });
    return out;
  }

  private void streamFailed(String stream, int lines, Throwable e) {
    onFailure.run();
    StreamBackoff b = failing.computeIfAbsent(stream, s -> new StreamBackoff());
    b.failures++;
    Duration wait = backoff(b.failures);
    b.retryAt = System.nanoTime() + wait.toNanos();
    // one line per failure of the stream; the sink's message, never a line's content
    LOG.warn("publishing {} lines to stream {} failed (attempt {}); the stream's lines wait, retrying it in {} ms: {}",
        lines, stream, b.failures, wait.toMillis(), e.toString());
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

  /**
   * One pass: publishes batches until the outbox holds nothing but rows of streams in their back-off, the lease is
   * elsewhere, or the publisher closes. A stream whose sink call fails is skipped for the rest of the pass.
   */
  private void drain() throws Exception {
    Set<String> skipped = backedOff();
    // a read first, so an idle server (or one whose only rows wait for a failing stream) never writes
    if (store.read(tx -> tx.streamOutbox(1, batchBytes, Set.copyOf(skipped))).isEmpty()) {
      failing.keySet().retainAll(skipped); // streams whose back-off is over have no rows left: forget them
      return;
    }
    while (true) {
      if (closed) {
        releaseQuietly();
        return;
      }
      Set<String> skip = Set.copyOf(skipped);
      List<StreamOutboxEntry> batch = store.write(tx -> {
        Instant now = clock.instant();
        return tx.acquireStreamLease(owner, now, now.plus(lease)) ? tx.streamOutbox(BATCH, batchBytes, skip) : null;
      });
      if (batch == null) {
        return; // another instance is publishing; the timer looks again
      }
      List<StreamOutboxEntry> acknowledged = new ArrayList<>(batch.size());
      long[] sizes = new long[batch.size()];
      long total = 0;
      for (int k = 0; k < sizes.length; k++) {
        sizes[k] = DatasetOperations.utf8Length(batch.get(k).jsonLine());
        total += sizes[k];
      }
      boolean stop = false;
      int i = 0;
      while (i < batch.size() && !stop) {
        // one call: consecutive entries of one stream, in outbox order, within the byte budget (a longer line alone)
        String stream = batch.get(i).streamName();
        int j = i;
        long bytes = 0;
        List<String> lines = new ArrayList<>();
        while (j < batch.size() && batch.get(j).streamName().equals(stream)
            && (j == i || bytes + sizes[j] <= batchBytes)) {
          lines.add(batch.get(j).jsonLine());
          bytes += sizes[j];
          j++;
        }
        // a stream that failed earlier in this pass keeps its later entries back too (its order)
        if (!skipped.contains(stream)) {
          try {
            sink.publish(stream, lines);
            acknowledged.addAll(batch.subList(i, j));
            failing.remove(stream);
          } catch (Exception | Error e) {
            // an Error too (a sink's ExceptionInInitializerError, ...): handled like any failure of this stream
            skipped.add(stream);
            streamFailed(stream, lines.size(), e);
          }
        }
        stop = closed;
        i = j;
      }
      // a batch cut by the row limit or by the byte budget (its lines then reach the budget) may have a successor
      boolean last = (batch.size() < BATCH && total < batchBytes) || stop;
      finishBatch(acknowledged, last);
      if (last) {
        if (!stop) {
          // every stream not skipped had all its rows tried: forget those whose back-off is over (they had none)
          failing.keySet().retainAll(skipped);
        }
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
