package dev.offsync.server.internal.http;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.offsync.server.internal.auth.Principal;
import dev.offsync.server.internal.auth.SigV4Verifier;
import dev.offsync.server.internal.identity.IdentityEndpoint;
import dev.offsync.server.internal.json.Json;
import dev.offsync.server.internal.service.ApiCall;
import dev.offsync.server.internal.service.SyncService;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.eclipse.jetty.http.HttpField;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The server's only Jetty handler: {@code GET /health}, the identity endpoint ({@code POST /} with
 * {@code X-Amz-Target}), and the 17 signed Cognito Sync operations. Every response carries
 * {@code x-amzn-RequestId}; every error is JSON; one access-log line is written per request.
 */
public final class SyncHandler extends Handler.Abstract {
  private static final Logger ACCESS = LoggerFactory.getLogger("dev.offsync.server.access");
  private static final Logger LOG = LoggerFactory.getLogger(SyncHandler.class);

  private final Router router = new Router();
  private final SigV4Verifier verifier;
  private final SigV4Verifier identityVerifier;
  private final SyncService service;
  private final IdentityEndpoint identity;
  private final long maxBodyBytes;

  /**
   * Creates the handler.
   *
   * @param verifier SigV4 verification of Cognito Sync calls
   * @param identityVerifier SigV4 verification of signed Cognito Identity calls (service {@code cognito-identity})
   * @param service the operations
   * @param identity the identity endpoint
   * @param maxBodyBytes body size cap
   */
  public SyncHandler(SigV4Verifier verifier, SigV4Verifier identityVerifier, SyncService service,
      IdentityEndpoint identity, long maxBodyBytes) {
    super(InvocationType.BLOCKING);
    this.verifier = verifier;
    this.identityVerifier = identityVerifier;
    this.service = service;
    this.identity = identity;
    this.maxBodyBytes = maxBodyBytes;
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
    String op = "-";
    int status;
    byte[] body;
    String contentType = "application/json";
    String errorType = null;
    try {
      String target = request.getHeaders().get("X-Amz-Target");
      if ("/health".equals(rawPath) && ("GET".equals(method) || "HEAD".equals(method))) {
        op = "Health";
        ObjectNode h = Json.MAPPER.createObjectNode();
        h.put("status", "UP");
        body = Json.MAPPER.writeValueAsBytes(h);
      } else if ("/".equals(rawPath) && target != null) {
        op = target;
        contentType = "application/x-amz-json-1.1";
        if (!"POST".equals(method)) {
          throw new ApiException(ErrorType.MethodNotAllowedException, "Use POST for " + target);
        }
        byte[] in = readBody(request);
        Map<String, List<String>> headers = headers(request);
        String rawQuery = request.getHttpURI().getQuery();
        String path = rawPath;
        body = identity.handle(target, in, () -> identityVerifier.verify(method, path, rawQuery, headers, in),
            scopeRegion(headers));
      } else {
        Router.Match match = router.match(method, rawPath);
        op = match.operation().name();
        byte[] in = readBody(request);
        Map<String, List<String>> headers = headers(request);
        String rawQuery = request.getHttpURI().getQuery();
        Principal principal = verifier.verify(method, rawPath, rawQuery, headers, in);
        body = service.execute(
            new ApiCall(match.operation(), match.pathParams(), query(rawQuery), headers, in, principal));
      }
      status = 200;
    } catch (ApiException e) {
      status = e.status();
      errorType = e.type().name();
      body = errorBody(errorType, e.getMessage());
    } catch (RuntimeException | IOException e) {
      LOG.error("request {} {} {} failed", requestId, method, rawPath, e);
      status = 500;
      errorType = ErrorType.InternalErrorException.name();
      body = errorBody(errorType, "Internal server error (request id " + requestId + ")");
    }
    response.setStatus(status);
    response.getHeaders().put("x-amzn-RequestId", requestId);
    response.getHeaders().put(HttpHeader.CONTENT_TYPE, contentType);
    if (errorType != null) {
      response.getHeaders().put("x-amzn-ErrorType", errorType);
    }
    response.getHeaders().put(HttpHeader.CONTENT_LENGTH, body.length);
    long ms = (System.nanoTime() - start) / 1_000_000;
    ACCESS.info("method={} path={} op={} status={} ms={} requestId={}{}", method, rawPath, op, status, ms,
        requestId, errorType == null ? "" : " error=" + errorType);
    response.write(true, "HEAD".equals(method) ? ByteBuffer.allocate(0) : ByteBuffer.wrap(body), callback);
    return true;
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

  private byte[] readBody(Request request) throws IOException {
    long declared = request.getLength();
    // Bodies somewhat over the cap are read and discarded (never buffered) so the client gets the 400 on a healthy
    // connection; anything larger is refused unread and Jetty closes the connection.
    long drainLimit = Math.min(Long.MAX_VALUE / 2, maxBodyBytes) * 4 + 1024 * 1024;
    boolean expectsContinue = request.getHeaders().contains(HttpHeader.EXPECT);
    if (declared > maxBodyBytes) {
      if (declared <= drainLimit && !expectsContinue) {
        drain(request, drainLimit);
      }
      throw ApiException.invalid("Request body of " + declared + " bytes exceeds the limit of " + maxBodyBytes);
    }
    if (declared == 0) {
      return new byte[0];
    }
    if (declared > 0) {
      // the usual case, a Content-Length within the cap: read into an array of that size, then to the end
      byte[] body = new byte[(int) declared];
      int off = 0;
      try (InputStream in = Content.Source.asInputStream(request)) {
        int n;
        while (off < body.length && (n = in.read(body, off, body.length - off)) > 0) {
          off += n;
        }
        if (off == body.length && in.read() >= 0) {
          throw ApiException.invalid("Request body is longer than its Content-Length");
        }
      }
      return off == body.length ? body : Arrays.copyOf(body, off);
    }
    ByteArrayOutputStream out = new ByteArrayOutputStream(declared > 0 ? (int) declared : 1024);
    byte[] buf = new byte[16 * 1024];
    try (InputStream in = Content.Source.asInputStream(request)) {
      int n;
      long total = 0;
      while ((n = in.read(buf)) > 0) {
        total += n;
        if (total > maxBodyBytes) {
          while (total <= drainLimit && (n = in.read(buf)) > 0) {
            total += n;
          }
          throw ApiException.invalid("Request body exceeds the limit of " + maxBodyBytes + " bytes");
        }
        out.write(buf, 0, n);
      }
    }
    return out.toByteArray();
  }

  private static void drain(Request request, long limit) throws IOException {
    byte[] buf = new byte[16 * 1024];
    long total = 0;
    try (InputStream in = Content.Source.asInputStream(request)) {
      int n;
      while (total <= limit && (n = in.read(buf)) > 0) {
        total += n;
      }
    }
  }

  /** The region of a SigV4 {@code Authorization} header's credential scope ({@code Credential=AK/date/REGION/...}). */
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
