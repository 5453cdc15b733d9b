package dev.offsync.http.internal;

import com.fasterxml.jackson.databind.JsonNode;
import dev.offsync.http.CognitoSyncIoException;
import dev.offsync.http.CognitoSyncServiceException;
import dev.offsync.http.CredentialsException;
import dev.offsync.http.MalformedResponseException;
import dev.offsync.http.RetryPolicy;
import dev.offsync.http.Sleeper;
import dev.offsync.http.spi.AwsCredentials;
import dev.offsync.http.spi.CredentialsProvider;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.DoubleSupplier;
import java.util.function.Function;
import okhttp3.Call;
import okhttp3.HttpUrl;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import okhttp3.ResponseBody;
import okio.BufferedSource;

/**
 * Executes {@link HttpRequestSpec}s: builds the URL, signs each attempt (fresh date, fresh credentials), reads the
 * response with a size bound, maps errors, and retries per the {@link RetryPolicy}; on an expired-credentials error
 * it invalidates the credentials and repeats the attempt once. Thread-safe. Logs nothing, so secrets cannot leak
 * into logs; every message it produces passes through a {@link Redactor}.
 */
public final class RequestRunner {
  private static final byte[] EMPTY = new byte[0];

  private final OkHttpClient http;
  private final HttpUrl endpoint;
  private final SigV4Signer signer;
  private final CredentialsProvider credentials;
  private final Clock clock;
  private final RetryPolicy retryPolicy;
  private final Sleeper sleeper;
  private final String userAgent;
  private final long maxResponseBytes;
  private final DoubleSupplier random;

  /**
   * Creates a runner.
   *
   * @param http the HTTP client (timeouts already applied)
   * @param endpoint the service endpoint
   * @param signer the signer, or {@code null} for unsigned requests
   * @param credentials the credentials, or {@code null} for unsigned requests
   * @param clock the signing clock
   * @param retryPolicy the retry policy
   * @param sleeper waits between attempts
   * @param userAgent the {@code User-Agent} header
   * @param maxResponseBytes the largest response body accepted
   * @param random uniform random numbers in {@code [0, 1)} for jitter
   */
  public RequestRunner(
      OkHttpClient http,
      HttpUrl endpoint,
      SigV4Signer signer,
      CredentialsProvider credentials,
      Clock clock,
      RetryPolicy retryPolicy,
      Sleeper sleeper,
      String userAgent,
      long maxResponseBytes,
      DoubleSupplier random) {
    this.http = Objects.requireNonNull(http, "http == null");
    this.endpoint = Objects.requireNonNull(endpoint, "endpoint == null");
    this.signer = signer;
    this.credentials = credentials;
    this.clock = Objects.requireNonNull(clock, "clock == null");
    this.retryPolicy = Objects.requireNonNull(retryPolicy, "retryPolicy == null");
    this.sleeper = Objects.requireNonNull(sleeper, "sleeper == null");
    this.userAgent = Objects.requireNonNull(userAgent, "userAgent == null");
    this.maxResponseBytes = maxResponseBytes;
    this.random = Objects.requireNonNull(random, "random == null");
  }

  /**
   * Executes a request, retrying as the policy allows.
   *
   * @param spec the request
   * @param reader reads the successful response's JSON body
   * @param cancellation cancels the call from another thread, or {@code null}
   * @param <T> the response type
   * @return the response
   */
  public <T> T execute(HttpRequestSpec spec, Function<JsonNode, T> reader, Cancellation cancellation) {
    int attempt = 0;
    boolean refreshedCredentials = false;
    while (true) {
      attempt++;
      checkCancelled(spec, cancellation);
      AwsCredentials current = resolveCredentials();
      Redactor redactor = Redactor.of(current, spec.sensitiveValues());
      Request request = buildRequest(spec, current);
      Call call = http.newCall(request);
      if (cancellation != null) {
        cancellation.attach(call);
      }
      RawResponse response;
      try {
        response = read(call);
      } catch (IOException e) {
        if (Thread.currentThread().isInterrupted()
            || (cancellation != null && cancellation.isCancelled())
            || attempt >= retryPolicy.maxAttempts()) {
          throw ioFailure(spec, attempt, e, redactor);
        }
        pause(spec, backoff(attempt));
        continue;
      }
      if (response.isSuccessful()) {
        return parse(spec, response, reader);
      }
      Duration retryAfter = retryAfter(response.headers.get("Retry-After"));
      CognitoSyncServiceException error = ErrorMapper.map(response, redactor, retryAfter);
      if (current != null && !refreshedCredentials && ErrorMapper.isExpiredCredentials(error)) {
        refreshedCredentials = true;
        credentials.invalidate(current);
        attempt--;
        continue;
      }
      if (!ErrorMapper.isRetryable(error) || attempt >= retryPolicy.maxAttempts()) {
        throw error;
      }
      Duration delay = backoff(attempt);
      if (retryPolicy.honorRetryAfter()) {
        if (retryAfter != null) {
          if (retryAfter.compareTo(retryPolicy.maxDelay()) > 0) {
            throw error;
          }
          delay = retryAfter;
        }
      }
      pause(spec, delay);
    }
  }

  private void checkCancelled(HttpRequestSpec spec, Cancellation cancellation) {
    if (cancellation != null && cancellation.isCancelled()) {
      throw new CognitoSyncIoException(
          spec.operation() + " was cancelled", new InterruptedIOException("cancelled"));
    }
  }

  private AwsCredentials resolveCredentials() {
    if (credentials == null) {
      return null;
    }
    AwsCredentials resolved = credentials.credentials();
    if (resolved == null) {
      throw new CredentialsException(
          credentials.getClass().getName() + " returned no credentials", null);
    }
    return resolved;
  }

  Request buildRequest(HttpRequestSpec spec, AwsCredentials current) {
    HttpUrl.Builder urlBuilder = endpoint.newBuilder();
    for (String segment : spec.encodedPathSegments()) {
      urlBuilder.addEncodedPathSegment(segment);
    }
    String query = spec.encodedQuery();
    if (query != null) {
      urlBuilder.encodedQuery(query);
    }
    HttpUrl url = urlBuilder.build();
    byte[] body = spec.body();
    List<Map.Entry<String, String>> signed = new ArrayList<>();
    signed.add(entry("Host", hostHeader(url)));
    for (Map.Entry<String, String> header : spec.headers().entrySet()) {
      signed.add(entry(header.getKey(), header.getValue()));
    }
    if (body != null) {
      signed.add(entry("Content-Type", spec.contentType()));
    }
    Request.Builder request = new Request.Builder().url(url);
    for (Map.Entry<String, String> header : signed) {
      request.header(header.getKey(), header.getValue());
    }
    request.header("User-Agent", userAgent);
    if (signer != null && current != null) {
      Map<String, String> auth =
          signer.sign(
              spec.method(),
              url.encodedPath(),
              spec.queryParameters(),
              signed,
              body,
              current,
              Instant.now(clock));
      for (Map.Entry<String, String> header : auth.entrySet()) {
        request.header(header.getKey(), header.getValue());
      }
    }
    RequestBody requestBody = null;
    if (body != null) {
      requestBody = RequestBody.create(body, MediaType.get(spec.contentType()));
    } else if (requiresBody(spec.method())) {
      requestBody = RequestBody.create(EMPTY, null);
    }
    request.method(spec.method(), requestBody);
    return request.build();
  }

  private static boolean requiresBody(String method) {
    return method.equals("POST") || method.equals("PUT") || method.equals("PATCH");
  }

  private static String hostHeader(HttpUrl url) {
    String host = url.host().contains(":") ? "[" + url.host() + "]" : url.host();
    return url.port() == HttpUrl.defaultPort(url.scheme()) ? host : host + ":" + url.port();
  }

  private static Map.Entry<String, String> entry(String name, String value) {
    return new java.util.AbstractMap.SimpleImmutableEntry<>(name, value);
  }

  private RawResponse read(Call call) throws IOException {
    try (Response response = call.execute()) {
      ResponseBody body = response.body();
      long declared = body.contentLength();
      if (declared > maxResponseBytes) {
        return new RawResponse(response.code(), response.headers(), EMPTY, true);
      }
      BufferedSource source = body.source();
      if (source.request(maxResponseBytes + 1)) {
        return new RawResponse(response.code(), response.headers(), EMPTY, true);
      }
      return new RawResponse(response.code(), response.headers(), source.readByteArray(), false);
    }
  }

  private <T> T parse(HttpRequestSpec spec, RawResponse response, Function<JsonNode, T> reader) {
    if (response.bodyTooLarge) {
      throw new MalformedResponseException(
          spec.operation() + " response body exceeds " + maxResponseBytes + " bytes",
          response.status,
          response.requestId(),
          null);
    }
    try {
      return reader.apply(Json.parse(response.body));
    } catch (MalformedJsonException | IllegalArgumentException e) {
      throw new MalformedResponseException(
          spec.operation() + " response is malformed: " + e.getMessage(),
          response.status,
          response.requestId(),
          e);
    }
  }

  private CognitoSyncIoException ioFailure(
      HttpRequestSpec spec, int attempts, IOException e, Redactor redactor) {
    String detail = redactor.redact(String.valueOf(e.getMessage()));
    return new CognitoSyncIoException(
        spec.operation()
            + " failed after "
            + attempts
            + (attempts == 1 ? " attempt: " : " attempts: ")
            + e.getClass().getSimpleName()
            + ": "
            + detail,
        e);
  }

  private Duration backoff(int attempt) {
    long ceiling = retryPolicy.backoffCeiling(attempt).toNanos();
    return Duration.ofNanos((long) (random.getAsDouble() * ceiling));
  }

  private void pause(HttpRequestSpec spec, Duration delay) {
    try {
      sleeper.sleep(delay);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      InterruptedIOException cause = new InterruptedIOException("interrupted while waiting to retry");
      cause.initCause(e);
      throw new CognitoSyncIoException(spec.operation() + " was interrupted", cause);
    }
  }

  /** Parses {@code Retry-After}: delta-seconds or an HTTP date; {@code null} if absent or unparseable. */
  Duration retryAfter(String value) {
    if (value == null) {
      return null;
    }
    String trimmed = value.trim();
    try {
      long seconds = Long.parseLong(trimmed);
      return seconds < 0 ? null : Duration.ofSeconds(seconds);
    } catch (NumberFormatException e) {
      try {
        ZonedDateTime date = ZonedDateTime.parse(trimmed, DateTimeFormatter.RFC_1123_DATE_TIME);
        Duration until = Duration.between(Instant.now(clock), date.toInstant());
        return until.isNegative() ? Duration.ZERO : until;
      } catch (DateTimeParseException e2) {
        return null;
      }
    }
  }
}
