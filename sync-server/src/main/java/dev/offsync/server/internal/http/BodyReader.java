package dev.offsync.server.internal.http;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;
import dev.offsync.server.internal.metrics.ServerMetrics;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.util.thread.Scheduler;

/**
 * Reads a request body without holding a worker thread: chunks are taken as they arrive (Jetty's demand callbacks),
 * and the body deadline runs on Jetty's scheduler. The body must be complete within {@code timeout} plus one second
 * per {@code minRate} bytes received so far, which bounds both a stalled body and one that trickles in below the
 * rate. The result goes to the consumer exactly once: inline when the body was complete on arrival (the usual small
 * request), otherwise on a worker of {@code executor}.
 */
final class BodyReader implements Runnable {

  /**
   * What a read ended with: the body, or an error to answer (400, 408), or the client gone (nothing to answer).
   *
   * @param body the body when read
   * @param error the error to answer, else null
   * @param clientGone the failure of a connection the client closed or reset mid-body, else null
   */
  record Result(byte[] body, ApiException error, Throwable clientGone) {}

  private final Request request;
  private final long maxBytes;
  private final long drainLimit;
  private final long timeoutNanos;
  private final long minRate;
  private final Scheduler scheduler;
  private final Executor executor;
  private final Consumer<Result> consumer;
  private final ServerMetrics metrics;
  private final long start = System.nanoTime();
  private final ByteArrayOutputStream out;
  private volatile long received;
  private boolean discarding;
  private boolean done;
  private boolean started;
  private Result result;
  private Scheduler.Task deadline;

  private BodyReader(Request request, long maxBytes, long timeoutNanos, long minRate, Executor executor,
      ServerMetrics metrics, Consumer<Result> consumer) {
    this.metrics = metrics;
    this.request = request;
    this.maxBytes = maxBytes;
    // bodies somewhat over the cap are read and discarded (never buffered) so the client gets the 400 on a healthy
    // connection; anything larger is refused unread and Jetty closes the connection
    this.drainLimit = Math.min(Long.MAX_VALUE / 8, maxBytes) * 4 + 1024 * 1024;
    this.timeoutNanos = timeoutNanos;
    this.minRate = minRate;
    this.scheduler = request.getComponents().getScheduler();
    this.executor = executor;
    this.consumer = consumer;
    long declared = request.getLength();
    this.out = new ByteArrayOutputStream(declared > 0 && declared <= maxBytes ? (int) declared : 1024);
  }

  /**
   * Starts reading; {@code consumer} gets the result exactly once.
   *
   * @param request the request
   * @param maxBytes the body cap
   * @param timeoutNanos the deadline's grace period
   * @param minRate the minimum rate in bytes per second after it
   * @param executor runs the consumer when the body completes after this call returned
   * @param metrics counts the reads in progress
   * @param consumer receives the result
   */
  static void read(Request request, long maxBytes, long timeoutNanos, long minRate, Executor executor,
      ServerMetrics metrics, Consumer<Result> consumer) {
    long declared = request.getLength();
    if (declared == 0) {
      consumer.accept(new Result(new byte[0], null, null));
      return;
    }
    BodyReader r = new BodyReader(request, maxBytes, timeoutNanos, minRate, executor, metrics, consumer);
    if (declared > maxBytes && (declared > r.drainLimit || request.getHeaders().contains(HttpHeader.EXPECT))) {
      consumer.accept(new Result(null, tooLarge(declared, maxBytes), null));
      return;
    }
    r.begin();
  }

  private static ApiException tooLarge(long declared, long max) {
    return ApiException.invalid(declared >= 0
        ? "Request body of " + declared + " bytes exceeds the limit of " + max
        : "Request body exceeds the limit of " + max + " bytes");
  }

  private void begin() {
    metrics.bodyReadStarted();
    synchronized (this) {
      deadline = scheduler.schedule(this::checkDeadline, timeoutNanos, TimeUnit.NANOSECONDS);
    }
    run();
    Result r;
    synchronized (this) {
      started = true;
      r = result;
    }
    if (r != null) {
      consumer.accept(r);
    }
  }

  /** Takes what has arrived; asks for more when nothing is there. Jetty never runs it twice at once. */
  @Override
  public void run() {
    while (true) {
      synchronized (this) {
        if (done) {
          return;
        }
      }
      Content.Chunk chunk = request.read();
      if (chunk == null) {
        request.demand(this);
        return;
      }
      if (Content.Chunk.isFailure(chunk)) {
        Throwable failure = chunk.getFailure();
        // the connection's idle timeout inside the body: the client is there but silent, so it gets the 408
        finish(failure instanceof TimeoutException
            ? new Result(null, new ApiException(ErrorType.RequestTimeoutException,
                "Request body not received in time: idle for longer than the idle timeout"), null)
            : new Result(null, null, failure));
        return;
      }
      ByteBuffer b = chunk.getByteBuffer();
      int n = b.remaining();
      long total = received + n;
      received = total;
      if (!discarding && total > maxBytes) {
        discarding = true;
        out.reset();
      }
      if (!discarding) {
        byte[] copy = new byte[n];
        b.get(copy);
        out.write(copy, 0, n);
      }
      boolean last = chunk.isLast();
      chunk.release();
      if (discarding && (last || total > drainLimit)) {
        finish(new Result(null, tooLarge(request.getLength(), maxBytes), null));
        return;
      }
      if (last) {
        finish(new Result(out.toByteArray(), null, null));
        return;
      }
    }
  }

  private void checkDeadline() {
    long elapsed = System.nanoTime() - start;
    long allowed = timeoutNanos + (long) (received * (1e9 / minRate));
    if (elapsed >= allowed) {
      finish(new Result(null, new ApiException(ErrorType.RequestTimeoutException,
          "Request body not received in time: " + received + " bytes in " + (elapsed / 1_000_000) + " ms"), null));
      return;
    }
    synchronized (this) {
      if (!done) {
        deadline = scheduler.schedule(this::checkDeadline, allowed - elapsed, TimeUnit.NANOSECONDS);
      }
    }
  }

  private void finish(Result r) {
    boolean inline;
    synchronized (this) {
      if (done) {
        return;
      }
      done = true;
      if (deadline != null) {
        deadline.cancel();
      }
      result = r;
      inline = !started;
    }
    metrics.bodyReadEnded();
    if (!inline) {
      executor.execute(() -> consumer.accept(r));
    }
  }
}
