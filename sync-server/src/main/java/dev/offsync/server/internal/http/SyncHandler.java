package dev.offsync.server.internal.http;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.offsync.server.internal.auth.Principal;
import dev.offsync.server.internal.auth.SigV4Verifier;
import dev.offsync.server.internal.identity.IdentityEndpoint;
import dev.offsync.server.ServerLimits;
import dev.offsync.server.internal.json.Json;
import dev.offsync.server.internal.metrics.ServerMetrics;
import dev.offsync.server.internal.service.ApiCall;
import dev.offsync.server.internal.service.SyncService;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.eclipse.jetty.http.HttpField;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The server's only Jetty handler: {@code GET /health} (live), {@code GET /ready} (ready), {@code GET /metrics}
 * (Prometheus, unless turned off), the identity endpoint ({@code POST /} with {@code X-Amz-Target}), and the 17
 * signed Cognito Sync operations. Bodies are read without holding a worker (see {@link BodyReader}); the operation
 * then runs on a worker. Every response carries {@code x-amzn-RequestId}; every error is JSON; one access-log line
 * is written per request, and one sample recorded in {@link ServerMetrics}.
 */
public final class SyncHandler extends Handler.Abstract {
  private static final Logger ACCESS = LoggerFactory.getLogger("dev.offsync.server.access");
  private static final Logger LOG = LoggerFactory.getLogger(SyncHandler.class);
  private static final String PROMETHEUS_TYPE = "text/plain; version=0.0.4; charset=utf-8";

  private final Router router = new Router();
  private final SigV4Verifier verifier;
  private final SigV4Verifier identityVerifier;
  private final SyncService service;
  private final IdentityEndpoint identity;
  private final long maxBodyBytes;
  private final long bodyTimeoutNanos;
  private final long minBodyRate;
  private final ServerMetrics metrics;
  private final Readiness readiness;
  private final boolean serveMetrics;

  /** Work on a request's body, run on a worker. */
  private interface Work {
    byte[] run(byte[] body) throws IOException;
  }

  /** One request in flight. */
  private record Exchange(Request request, Response response, Callback callback, long start, String requestId,
      String method, String rawPath, String op) {}

  /**
   * Creates the handler.
   *
   * @param verifier SigV4 verification of Cognito Sync calls
   * @param identityVerifier SigV4 verification of signed Cognito Identity calls (service {@code cognito-identity})
   * @param service the operations
   * @param identity the identity endpoint
   * @param limits the body cap, deadline and minimum rate
   * @param metrics where requests are counted
   * @param readiness what {@code /ready} reports
   * @param serveMetrics whether {@code GET /metrics} answers (else 404 like any unknown path)
   */
  public SyncHandler(SigV4Verifier verifier, SigV4Verifier identityVerifier, SyncService service,
      IdentityEndpoint identity, ServerLimits limits, ServerMetrics metrics, Readiness readiness,
      boolean serveMetrics) {
    super(InvocationType.BLOCKING);
    this.verifier = verifier;
    this.identityVerifier = identityVerifier;
    this.service = service;
    this.identity = identity;
    this.maxBodyBytes = limits.maxRequestBodyBytes();
    this.bodyTimeoutNanos = limits.requestBodyTimeout().toNanos();
    this.minBodyRate = limits.minRequestBodyRate();
    this.metrics = metrics;
    this.readiness = readiness;
    this.serveMetrics = serveMetrics;
  }

  @Override
  public boolean handle(Request request, Response response, Callback callback) {
    long start = System.nanoTime();
    String requestId = UUID.randomUUID().toString();
    String method = request.getMethod();
    String rawPath = request.getHttpURI().getPath();
    if (rawPath == null || rawPath.isEmpty()) {
      rawPath = "/";
    }
    boolean get = "GET".equals(method) || "HEAD".equals(method);
    String target = request.getHeaders().get("X-Amz-Target");
    if (get && "/health".equals(rawPath)) {
      Exchange x = new Exchange(request, response, callback, start, requestId, method, rawPath, "Health");
      respond(x, 200, status("UP"), "application/json", null);
    } else if (get && "/ready".equals(rawPath)) {
      Exchange x = new Exchange(request, response, callback, start, requestId, method, rawPath, "Ready");
      String problem = readiness.problem();
      respond(x, problem == null ? 200 : 503, status(problem == null ? "READY" : problem), "application/json", null);
    } else if (get && serveMetrics && "/metrics".equals(rawPath)) {
      Exchange x = new Exchange(request, response, callback, start, requestId, method, rawPath, "Metrics");
      respond(x, 200, metrics.scrape().getBytes(StandardCharsets.UTF_8), PROMETHEUS_TYPE, null);
    } else if ("/".equals(rawPath) && target != null) {
      Exchange x = new Exchange(request, response, callback, start, requestId, method, rawPath, identityOp(target));
      if (!"POST".equals(method)) {
        fail(x, new ApiException(ErrorType.MethodNotAllowedException, "Use POST for " + target),
            "application/x-amz-json-1.1");
      } else {
        withBody(x, "application/x-amz-json-1.1", in -> {
          Map<String, List<String>> headers = headers(request);
          String rawQuery = request.getHttpURI().getQuery();
          return identity.handle(target, in, () -> identityVerifier.verify(method, "/", rawQuery, headers, in),
              scopeRegion(headers));
        });
      }
    } else {
      Router.Match match;
      try {
        match = router.match(method, rawPath);
      } catch (ApiException e) {
        fail(new Exchange(request, response, callback, start, requestId, method, rawPath, "Unknown"), e,
            "application/json");
        return true;
      }
      Exchange x = new Exchange(request, response, callback, start, requestId, method, rawPath,
          match.operation().name());
      withBody(x, "application/json", in -> {
        Map<String, List<String>> headers = headers(request);
        String rawQuery = request.getHttpURI().getQuery();
        Principal principal;
        try {
          principal = verifier.verify(method, x.rawPath(), rawQuery, headers, in);
        } catch (ApiException e) {
          metrics.sigV4Failure(e.type().name());
          throw e;
        }
        return service.execute(
            new ApiCall(match.operation(), match.pathParams(), query(rawQuery), headers, in, principal));
      });
    }
    return true;
  }

  /** The metrics label of an identity call: its operation if it is one the endpoint serves, never client text. */
  private static String identityOp(String target) {
    return switch (target) {
      case IdentityEndpoint.TARGET_PREFIX + "GetId" -> "GetId";
      case IdentityEndpoint.TARGET_PREFIX + "GetCredentialsForIdentity" -> "GetCredentialsForIdentity";
      default -> "UnknownIdentityOperation";
    };
  }

  private static byte[] status(String status) {
    return ("{\"status\":\"" + status + "\"}").getBytes(StandardCharsets.UTF_8);
  }

  private void withBody(Exchange x, String contentType, Work work) {
    BodyReader.read(x.request(), maxBodyBytes, bodyTimeoutNanos, minBodyRate,
        x.request().getComponents().getExecutor(), metrics, r -> {
          if (r.clientGone() != null) {
            clientGone(x, r.clientGone());
          } else if (r.error() != null) {
            fail(x, r.error(), contentType);
          } else {
            byte[] body;
            try {
              body = work.run(r.body());
            } catch (ApiException e) {
              fail(x, e, contentType);
              return;
            } catch (RuntimeException | IOException | Error e) {
              // an Error too (InternalError, OutOfMemoryError): the operation may run on a worker after the body
              // arrived, where nothing else would answer the client; it gets a 500 naming no internals
              LOG.error("request {} {} {} failed", x.requestId(), x.method(), x.rawPath(), e);
              fail(x, new ApiException(ErrorType.InternalErrorException,
                  "Internal server error (request id " + x.requestId() + ")"), contentType);
              return;
            }
            respond(x, 200, body, contentType, null);
          }
        });
  }

  private void clientGone(Exchange x, Throwable cause) {
    // not a server error: the client closed or reset its connection before its body was complete
    long nanos = System.nanoTime() - x.start();
    metrics.request(x.op(), 499, "ClientClosedRequest", nanos);
    ACCESS.info("method={} path={} op={} status=- ms={} requestId={} error=client closed the connection ({})",
        x.method(), x.rawPath(), x.op(), nanos / 1_000_000, x.requestId(), cause.toString());
    x.callback().failed(cause);
  }

  private void fail(Exchange x, ApiException e, String contentType) {
    String type = e.type().name();
    respond(x, e.status(), errorBody(type, e.getMessage()), contentType, type);
  }

  private void respond(Exchange x, int status, byte[] body, String contentType, String errorType) {
    Response response = x.response();
    response.setStatus(status);
    response.getHeaders().put("x-amzn-RequestId", x.requestId());
    response.getHeaders().put(HttpHeader.CONTENT_TYPE, contentType);
    if (errorType != null) {
      response.getHeaders().put("x-amzn-ErrorType", errorType);
    }
    if (status == 408) {
      // the rest of the body may still come (or never): the connection cannot carry another request
      response.getHeaders().put(HttpHeader.CONNECTION, "close");
    }
    response.getHeaders().put(HttpHeader.CONTENT_LENGTH, body.length);
    long nanos = System.nanoTime() - x.start();
    metrics.request(x.op(), status, errorType == null ? ServerMetrics.NO_ERROR : errorType, nanos);
    ACCESS.info("method={} path={} op={} status={} ms={} requestId={}{}", x.method(), x.rawPath(), x.op(), status,
        nanos / 1_000_000, x.requestId(), errorType == null ? "" : " error=" + errorType);
    response.write(true, "HEAD".equals(x.method()) ? ByteBuffer.allocate(0) : ByteBuffer.wrap(body), x.callback());
  }

  /**
   * The JSON error body: {@code {"__type": ..., "message": ...}}.
   *
   * @param type the error name
   * @param message the message
   * @return the bytes
   */
  public static byte[] errorBody(String type, String message) {
    ObjectNode n = Json.MAPPER.createObjectNode();
    n.put("__type", type);
    n.put("message", message == null ? type : message);
    try {
      return Json.MAPPER.writeValueAsBytes(n);
    } catch (IOException e) {
      return ("{\"message\":\"" + type + "\"}").getBytes(StandardCharsets.UTF_8);
    }
  }

  private static String scopeRegion(Map<String, List<String>> headers) {
    List<String> auth = headers.get("authorization");
    if (auth == null || auth.isEmpty()) {
      return null;
    }
    String a = auth.get(0);
    int i = a.indexOf("Credential=");
    if (i < 0) {
      return null;
    }
    String[] scope = a.substring(i + "Credential=".length()).split("[,\\s]", 2)[0].split("/");
    return scope.length >= 3 ? scope[2] : null;
  }

  private static Map<String, List<String>> headers(Request request) {
    Map<String, List<String>> out = new HashMap<>();
    for (HttpField f : request.getHeaders()) {
      out.computeIfAbsent(f.getLowerCaseName(), k -> new ArrayList<>(1)).add(f.getValue());
    }
    return out;
  }

  private static Map<String, String> query(String rawQuery) {
    Map<String, String> out = new HashMap<>();
    if (rawQuery == null || rawQuery.isEmpty()) {
      return out;
    }
    for (String p : rawQuery.split("&")) {
      if (p.isEmpty()) {
        continue;
      }
      int eq = p.indexOf('=');
      String name = SigV4Verifier.decodeQueryComponent(eq < 0 ? p : p.substring(0, eq));
      String value = eq < 0 ? "" : SigV4Verifier.decodeQueryComponent(p.substring(eq + 1));
      out.putIfAbsent(name, value);
    }
    return out;
  }
}
