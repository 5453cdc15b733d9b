package dev.offsync.server.internal.http;

import java.net.URI;
import java.net.URISyntaxException;
import java.nio.ByteBuffer;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/**
 * CORS for browser clients, installed in front of {@link SyncHandler} only when origins are configured. A preflight
 * ({@code OPTIONS} with {@code Origin} and {@code Access-Control-Request-Method}) is answered here, on any path,
 * before SigV4 and without touching the store: 204 with the allowed origin, methods, headers and max-age when the
 * origin is allowed, 403 without any {@code Access-Control-*} header when it is not. Every other request from an
 * allowed origin gets {@code Access-Control-Allow-Origin} and {@code Access-Control-Expose-Headers} (errors
 * included); from a disallowed origin it gets none.
 */
public final class CorsHandler extends Handler.Wrapper {
  /** The methods the API uses. */
  public static final String ALLOW_METHODS = "GET, POST, DELETE";
  /**
   * Every request header the API accepts from aws-sdk v2 (browser build), v3 and amazon-cognito-js: SigV4's, the
   * Cognito Identity JSON protocol's, {@code UpdateRecords}' client context and the SDKs' telemetry headers.
   */
  public static final List<String> ALLOW_HEADERS = List.of(
      "authorization", "content-type", "x-amz-date", "x-amz-security-token", "x-amz-target", "x-amz-user-agent",
      "x-amz-content-sha256", "x-amz-client-context", "amz-sdk-invocation-id", "amz-sdk-request");
  /** The response headers a browser script may read: request id, error type and message, and Date (clock skew). */
  public static final String EXPOSE_HEADERS = "x-amzn-RequestId, x-amzn-ErrorType, x-amzn-ErrorMessage, Date";
  /** How long a browser may cache a preflight answer, in seconds (Chromium caps it at 7200). */
  public static final int MAX_AGE_SECONDS = 600;

  private static final Pattern SCHEME = Pattern.compile("[a-z][a-z0-9+.-]*");
  private static final String ALLOW_HEADERS_VALUE = String.join(", ", ALLOW_HEADERS);

  private final Set<String> origins;
  private final boolean any;

  /**
   * Creates the handler.
   *
   * @param origins normalized origins (see {@link #normalizeOrigin}), or {@code *}; not empty
   * @param next the handler that serves real requests
   */
  public CorsHandler(Set<String> origins, Handler next) {
    super(next);
    if (origins.isEmpty()) {
      throw new IllegalArgumentException("no CORS origins");
    }
    this.origins = Set.copyOf(origins);
    this.any = origins.contains("*");
  }

  /**
   * Validates and normalizes a configured origin: {@code *}, or {@code scheme://host[:port]} with no path, query or
   * user info; scheme and host are lower-cased and a default port (80 for http, 443 for https) is dropped, as
   * browsers serialize {@code Origin}.
   *
   * @param origin the configured value
   * @return the normalized origin
   * @throws IllegalArgumentException when it is not an origin
   */
  public static String normalizeOrigin(String origin) {
    String o = origin.trim();
    if (o.equals("*")) {
      return o;
    }
    URI u;
    try {
      u = new URI(o);
    } catch (URISyntaxException e) {
      throw new IllegalArgumentException("not an origin (scheme://host[:port] or *): " + origin);
    }
    String scheme = u.getScheme() == null ? null : u.getScheme().toLowerCase(Locale.ROOT);
    if (scheme == null || !SCHEME.matcher(scheme).matches() || u.getHost() == null || u.getRawUserInfo() != null
        || !(u.getRawPath() == null || u.getRawPath().isEmpty()) || u.getRawQuery() != null
        || u.getRawFragment() != null) {
      throw new IllegalArgumentException("not an origin (scheme://host[:port] or *): " + origin);
    }
    int port = u.getPort();
    if (port == 0 || port > 65535) {
      throw new IllegalArgumentException("not an origin (bad port): " + origin);
    }
    if (scheme.equals("http") && port == 80 || scheme.equals("https") && port == 443) {
      port = -1;
    }
    return scheme + "://" + u.getHost().toLowerCase(Locale.ROOT) + (port < 0 ? "" : ":" + port);
  }

  /**
   * Normalizes a set of configured origins.
   *
   * @param origins the configured values
   * @return the normalized set, in order
   */
  public static Set<String> normalizeOrigins(Iterable<String> origins) {
    Set<String> out = new LinkedHashSet<>();
    for (String o : origins) {
      out.add(normalizeOrigin(o));
    }
    return out;
  }

  @Override
  public boolean handle(Request request, Response response, Callback callback) throws Exception {
    String origin = request.getHeaders().get(HttpHeader.ORIGIN);
    boolean preflight = "OPTIONS".equals(request.getMethod()) && origin != null
        && request.getHeaders().contains(HttpHeader.ACCESS_CONTROL_REQUEST_METHOD);
    String allowed = origin == null ? null : allowedOrigin(origin);
    if (!any) {
      response.getHeaders().add(HttpHeader.VARY, "Origin");
    }
    if (preflight) {
      if (allowed == null) {
        response.setStatus(403);
      } else {
        response.setStatus(204);
        response.getHeaders().put(HttpHeader.ACCESS_CONTROL_ALLOW_ORIGIN, allowed);
        response.getHeaders().put(HttpHeader.ACCESS_CONTROL_ALLOW_METHODS, ALLOW_METHODS);
        response.getHeaders().put(HttpHeader.ACCESS_CONTROL_ALLOW_HEADERS, ALLOW_HEADERS_VALUE);
        response.getHeaders().put(HttpHeader.ACCESS_CONTROL_MAX_AGE, MAX_AGE_SECONDS);
      }
      response.getHeaders().put(HttpHeader.CONTENT_LENGTH, 0);
      response.write(true, ByteBuffer.allocate(0), callback);
      return true;
    }
    if (allowed != null) {
      response.getHeaders().put(HttpHeader.ACCESS_CONTROL_ALLOW_ORIGIN, allowed);
      response.getHeaders().put(HttpHeader.ACCESS_CONTROL_EXPOSE_HEADERS, EXPOSE_HEADERS);
    }
    return super.handle(request, response, callback);
  }

  private String allowedOrigin(String origin) {
    if (any) {
      return "*";
    }
    String normalized;
    try {
      normalized = normalizeOrigin(origin);
    } catch (IllegalArgumentException e) {
      return null; // e.g. "null" from a sandboxed page: never listed
    }
    return origins.contains(normalized) ? origin : null;
  }
}
