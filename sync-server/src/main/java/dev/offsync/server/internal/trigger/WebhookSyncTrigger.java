package dev.offsync.server.internal.trigger;

import dev.offsync.server.spi.SyncTrigger;
import dev.offsync.server.spi.SyncTriggerEvent;
import dev.offsync.server.spi.SyncTriggerException;
import dev.offsync.server.spi.SyncTriggerException.Kind;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Flow;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The default {@link SyncTrigger}: each Lambda function ARN is mapped to an HTTP(S) URL, and invoking the function
 * POSTs the event JSON there and reads the answer as the returned event. The whole exchange (connect, send, answer
 * headers and body) must finish within the timeout.
 *
 * <ul>
 *   <li>ARN not mapped, answer other than 2xx/429, not JSON, or not an event → {@link Kind#FAILED};</li>
 *   <li>429, or the URL cannot be reached (connection refused, reset, DNS) → {@link Kind#THROTTLED};</li>
 *   <li>no complete answer within the timeout → {@link Kind#TIMED_OUT}.</li>
 * </ul>
 */
public final class WebhookSyncTrigger implements SyncTrigger, AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(WebhookSyncTrigger.class);
  /** Largest answer accepted: AWS Lambda's limit for a synchronous response payload. */
  static final long MAX_RESPONSE_BYTES = 6L * 1024 * 1024;

  private final Map<String, URI> functions;
  private final Duration timeout;
  /** Created on the first call: a client starts a selector thread that JDK 17 cannot stop (it ends once collected). */
  private HttpClient client;
  private boolean closed;

  /**
   * Creates the trigger.
   *
   * @param functions function ARN → http or https URL
   * @param timeout the limit for one invocation (AWS: 5 seconds)
   */
  public WebhookSyncTrigger(Map<String, URI> functions, Duration timeout) {
    this.functions = new LinkedHashMap<>(functions);
    this.timeout = timeout;
  }

  private synchronized HttpClient client(String functionArn) throws SyncTriggerException {
    if (closed) {
      throw new SyncTriggerException(Kind.THROTTLED, "Sync Trigger function " + functionArn
          + " cannot be called: the server is stopping", null);
    }
    if (client == null) {
      client = HttpClient.newBuilder()
          .version(HttpClient.Version.HTTP_1_1)
          .followRedirects(HttpClient.Redirect.NEVER)
          .connectTimeout(timeout)
          .build();
    }
    return client;
  }

  /** Releases the HTTP client (closed on JDKs where it can be; otherwise left to the garbage collector). */
  @Override
  public void close() {
    HttpClient c;
    synchronized (this) {
      closed = true;
      c = client;
      client = null;
    }
    if (c instanceof AutoCloseable closeable) { // JDK 21+
      try {
        closeable.close();
      } catch (Exception e) {
        LOG.debug("closing the Sync Trigger HTTP client: {}", e.toString());
      }
    }
  }

  @Override
  public SyncTriggerEvent invoke(String functionArn, SyncTriggerEvent event) throws SyncTriggerException {
    URI url = functions.get(functionArn);
    if (url == null) {
      throw new SyncTriggerException(Kind.FAILED,
          "Sync Trigger function " + functionArn + " is not configured on this server (no --lambda mapping)", null);
    }
    HttpRequest request = HttpRequest.newBuilder(url)
        .timeout(timeout)
        .header("Content-Type", "application/json")
        .header("Accept", "application/json")
        .POST(HttpRequest.BodyPublishers.ofByteArray(SyncTriggerJson.write(event)))
        .build();
    CompletableFuture<HttpResponse<byte[]>> pending =
        client(functionArn).sendAsync(request, WebhookSyncTrigger::body);
    HttpResponse<byte[]> response;
    try {
      // the request timeout only covers the answer's headers; the future bounds the body too
      response = pending.get(timeout.toNanos(), TimeUnit.NANOSECONDS);
    } catch (TimeoutException e) {
      pending.cancel(true);
      throw timedOut(functionArn);
    } catch (InterruptedException e) {
      pending.cancel(true);
      Thread.currentThread().interrupt();
      throw new SyncTriggerException(Kind.THROTTLED, "Sync Trigger function " + functionArn + " was interrupted", e);
    } catch (ExecutionException e) {
      Throwable cause = e.getCause();
      if (causedBy(cause, HttpTimeoutException.class)) {
        throw timedOut(functionArn);
      }
      if (causedBy(cause, TooLargeException.class)) {
        throw new SyncTriggerException(Kind.FAILED, "The output of Sync Trigger function " + functionArn
            + " is larger than " + MAX_RESPONSE_BYTES + " bytes", null);
      }
      LOG.warn("Sync Trigger {} at {} unreachable: {}", functionArn, origin(url), String.valueOf(cause));
      throw new SyncTriggerException(Kind.THROTTLED,
          "Sync Trigger function " + functionArn + " could not be reached; retry later", cause);
    }
    int status = response.statusCode();
    if (status == 429) {
      throw new SyncTriggerException(Kind.THROTTLED, "Sync Trigger function " + functionArn + " was throttled", null);
    }
    if (status < 200 || status > 299) {
      LOG.warn("Sync Trigger {} at {} answered HTTP {}", functionArn, origin(url), status);
      throw new SyncTriggerException(Kind.FAILED,
          "Sync Trigger function " + functionArn + " failed (HTTP " + status + ")", null);
    }
    return SyncTriggerJson.read(response.body(), event, functionArn);
  }

  /**
   * The URL as logged: scheme, host and port only. Its user info, path and query may hold the webhook's secret (an
   * unguessable path is how docs/server.md suggests protecting it), so they never reach the log.
   */
  static String origin(URI url) {
    return url.getScheme() + "://" + url.getHost() + (url.getPort() < 0 ? "" : ":" + url.getPort());
  }

  private static SyncTriggerException timedOut(String functionArn) {
    return new SyncTriggerException(Kind.TIMED_OUT,
        "Sync Trigger function " + functionArn + " did not respond in time", null);
  }

  private static HttpResponse.BodySubscriber<byte[]> body(HttpResponse.ResponseInfo info) {
    return new LimitedBody(MAX_RESPONSE_BYTES);
  }

  private static boolean causedBy(Throwable t, Class<? extends Throwable> type) {
    for (Throwable c = t; c != null; c = c.getCause()) {
      if (type.isInstance(c)) {
        return true;
      }
    }
    return false;
  }

  /** Thrown by {@link LimitedBody} when an answer outgrows the limit. */
  private static final class TooLargeException extends IOException {
    private static final long serialVersionUID = 1L;

    TooLargeException() {
      super("response too large");
    }
  }

  /** Collects the answer's body, failing (and cancelling the download) once it passes the limit. */
  private static final class LimitedBody implements HttpResponse.BodySubscriber<byte[]> {
    private final HttpResponse.BodySubscriber<byte[]> delegate = HttpResponse.BodySubscribers.ofByteArray();
    private final CompletableFuture<byte[]> result = new CompletableFuture<>();
    private final long limit;
    private Flow.Subscription subscription;
    private long seen;
    private boolean failed;

    LimitedBody(long limit) {
      this.limit = limit;
    }

    @Override
    public CompletionStage<byte[]> getBody() {
      return result;
    }

    @Override
    public void onSubscribe(Flow.Subscription s) {
      subscription = s;
      delegate.getBody().whenComplete((b, t) -> {
        if (t != null) {
          result.completeExceptionally(t);
        } else {
          result.complete(b);
        }
      });
      delegate.onSubscribe(s);
    }

    @Override
    public void onNext(List<ByteBuffer> items) {
      if (failed) {
        return;
      }
      for (ByteBuffer b : items) {
        seen += b.remaining();
      }
      if (seen > limit) {
        failed = true;
        subscription.cancel();
        result.completeExceptionally(new TooLargeException());
        return;
      }
      delegate.onNext(items);
    }

    @Override
    public void onError(Throwable t) {
      if (!failed) {
        delegate.onError(t);
      }
    }

    @Override
    public void onComplete() {
      if (!failed) {
        delegate.onComplete();
      }
    }
  }
}
