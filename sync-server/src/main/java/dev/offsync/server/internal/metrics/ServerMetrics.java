package dev.offsync.server.internal.metrics;

import dev.offsync.server.spi.StoreWork;
import dev.offsync.server.spi.SyncStore;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.binder.jvm.ClassLoaderMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.ToDoubleFunction;

/**
 * The server's meters, one registry per server instance (several instances on one database each report their own).
 * The rest of the server calls the few methods here; meters are created once per label set and cached, so recording
 * a request is two map look-ups and a timer update, and nothing is computed until someone scrapes. Labels never carry
 * client-chosen text beyond the fixed sets named here (operations, error names), nor any secret.
 *
 * <p>Names (Prometheus form; documented in docs/server.md, "Metrics"):
 * <ul>
 *   <li>{@code offsync_requests_seconds{operation,status,error}}: every request, a latency histogram;
 *   <li>{@code offsync_store_transactions_seconds{kind,outcome}}: store transaction time;
 *   <li>{@code offsync_sigv4_failures_total{reason}}: requests refused by signature verification;
 *   <li>{@code offsync_sync_trigger_calls_total}, {@code offsync_sync_trigger_failures_total{reason}};
 *   <li>{@code offsync_stream_publish_failures_total}, {@code offsync_stream_outbox_lag_seconds};
 *   <li>{@code offsync_http_body_reads}: requests whose body is still arriving;
 *   <li>the JVM binders' {@code jvm_*}, {@code process_*} and {@code system_*} meters.
 * </ul>
 */
public final class ServerMetrics implements AutoCloseable {
  /** Latency buckets of the request and transaction histograms. */
  private static final Duration[] BUCKETS = {
      Duration.ofMillis(1), Duration.ofMillis(5), Duration.ofMillis(10), Duration.ofMillis(25),
      Duration.ofMillis(50), Duration.ofMillis(100), Duration.ofMillis(250), Duration.ofMillis(500),
      Duration.ofSeconds(1), Duration.ofMillis(2500), Duration.ofSeconds(5), Duration.ofSeconds(10)};
  /** The error label of a successful request. */
  public static final String NO_ERROR = "none";

  private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
  private final JvmGcMetrics gc = new JvmGcMetrics();
  private final Map<String, Map<String, Timer>> requests = new ConcurrentHashMap<>();
  private final Map<String, Counter> sigV4Failures = new ConcurrentHashMap<>();
  private final Map<String, Counter> triggerFailures = new ConcurrentHashMap<>();
  private final Timer readOk;
  private final Timer readFailed;
  private final Timer writeOk;
  private final Timer writeFailed;
  private final Counter triggerCalls;
  private final Counter streamPublishFailures;
  private final AtomicInteger bodyReads = new AtomicInteger();

  /** Creates the registry and binds the JVM meters. */
  public ServerMetrics() {
    new JvmMemoryMetrics().bindTo(registry);
    gc.bindTo(registry);
    new JvmThreadMetrics().bindTo(registry);
    new ClassLoaderMetrics().bindTo(registry);
    new ProcessorMetrics().bindTo(registry);
    new UptimeMetrics().bindTo(registry);
    readOk = transactionTimer("read", "ok");
    readFailed = transactionTimer("read", "error");
    writeOk = transactionTimer("write", "ok");
    writeFailed = transactionTimer("write", "error");
    triggerCalls = Counter.builder("offsync.sync.trigger.calls")
        .description("Sync Trigger invocations (webhook or embedded function)").register(registry);
    streamPublishFailures = Counter.builder("offsync.stream.publish.failures")
        .description("Failed attempts to publish Cognito Streams records (a stream's batch, or a whole pass)")
        .register(registry);
    Gauge.builder("offsync.http.body.reads", bodyReads, AtomicInteger::get)
        .description("Requests whose body is still arriving (they hold a connection, no worker thread)")
        .register(registry);
  }

  private Timer transactionTimer(String kind, String outcome) {
    return Timer.builder("offsync.store.transactions").description("Store transactions, including waits for a lock")
        .tags("kind", kind, "outcome", outcome).serviceLevelObjectives(BUCKETS).register(registry);
  }

  /**
   * The registry, for meters of other server parts (e.g. the admin console).
   *
   * @return the registry
   */
  public MeterRegistry registry() {
    return registry;
  }

  /**
   * Every meter in Prometheus's text exposition format (version 0.0.4).
   *
   * @return the scrape body
   */
  public String scrape() {
    return registry.scrape();
  }

  /**
   * Records one answered request.
   *
   * @param operation one of a fixed set of names (never client text)
   * @param status the HTTP status sent
   * @param error the error name sent, or {@link #NO_ERROR}
   * @param nanos time from arrival to the answer
   */
  public void request(String operation, int status, String error, long nanos) {
    Map<String, Timer> byError = requests.get(operation);
    if (byError == null) {
      byError = requests.computeIfAbsent(operation, k -> new ConcurrentHashMap<>());
    }
    Timer t = byError.get(error);
    if (t == null) {
      t = byError.computeIfAbsent(error, e -> Timer.builder("offsync.requests")
          .description("Requests by operation and outcome")
          .tags("operation", operation, "status", Integer.toString(status), "error", e)
          .serviceLevelObjectives(BUCKETS).register(registry));
    }
    t.record(nanos, TimeUnit.NANOSECONDS);
  }

  /**
   * Counts a request refused by SigV4 verification.
   *
   * @param reason the error name (e.g. {@code InvalidSignatureException})
   */
  public void sigV4Failure(String reason) {
    Counter c = sigV4Failures.get(reason);
    if (c == null) {
      c = sigV4Failures.computeIfAbsent(reason, r -> Counter.builder("offsync.sigv4.failures")
          .description("Requests refused by signature verification, by reason").tags("reason", r).register(registry));
    }
    c.increment();
  }

  /** A request started waiting for its body. */
  public void bodyReadStarted() {
    bodyReads.incrementAndGet();
  }

  /** A request's body wait ended (complete, refused, timed out, or the client went away). */
  public void bodyReadEnded() {
    bodyReads.decrementAndGet();
  }

  /** Counts a Sync Trigger invocation. */
  public void syncTriggerCall() {
    triggerCalls.increment();
  }

  /**
   * Counts a failed Sync Trigger invocation (the function failed, timed out, or answered an invalid event).
   *
   * @param reason the error name UpdateRecords answers
   */
  public void syncTriggerFailure(String reason) {
    Counter c = triggerFailures.get(reason);
    if (c == null) {
      c = triggerFailures.computeIfAbsent(reason, r -> Counter.builder("offsync.sync.trigger.failures")
          .description("Failed Sync Trigger invocations, by the error UpdateRecords answered").tags("reason", r)
          .register(registry));
    }
    c.increment();
  }

  /** Counts a failed attempt to publish stream records. */
  public void streamPublishFailure() {
    streamPublishFailures.increment();
  }

  /**
   * Registers the stream outbox lag gauge: the age in seconds of the oldest record waiting in the (shared) outbox, 0
   * when it is empty. Computed only when scraped.
   *
   * @param <T> the state's type
   * @param state what the gauge reads (held strongly)
   * @param lagSeconds computes the lag; NaN when the store cannot be read
   */
  public <T> void streamOutboxLag(T state, ToDoubleFunction<T> lagSeconds) {
    Gauge.builder("offsync.stream.outbox.lag", state, lagSeconds).strongReference(true)
        .description("Age of the oldest Cognito Streams record not yet published (0: none waiting)")
        .baseUnit("seconds").register(registry);
  }

  /**
   * The store, with every transaction timed.
   *
   * @param store the store
   * @return a store that delegates to {@code store}
   */
  public SyncStore instrument(SyncStore store) {
    return new SyncStore() {
      @Override
      public <T> T read(StoreWork<T> work) {
        return timed(readOk, readFailed, () -> store.read(work));
      }

      @Override
      public <T> T write(StoreWork<T> work) {
        return timed(writeOk, writeFailed, () -> store.write(work));
      }

      @Override
      public Optional<byte[]> sharedSecret(String name, int length) {
        return store.sharedSecret(name, length);
      }

      @Override
      public void close() {
        store.close();
      }

      @Override
      public String toString() {
        return store.toString();
      }
    };
  }

  private interface Call<T> {
    T call();
  }

  private static <T> T timed(Timer ok, Timer failed, Call<T> call) {
    long start = System.nanoTime();
    boolean success = false;
    try {
      T result = call.call();
      success = true;
      return result;
    } finally {
      (success ? ok : failed).record(System.nanoTime() - start, TimeUnit.NANOSECONDS);
    }
  }

  /** Unbinds the GC listener and closes the registry. */
  @Override
  public void close() {
    gc.close();
    registry.close();
  }
}
