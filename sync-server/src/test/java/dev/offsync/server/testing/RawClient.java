package dev.offsync.server.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.auth.credentials.AwsCredentials;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.http.ContentStreamProvider;
import software.amazon.awssdk.http.SdkHttpFullRequest;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4HttpSigner;
import software.amazon.awssdk.http.auth.spi.signer.SignedRequest;
import software.amazon.awssdk.identity.spi.AwsCredentialsIdentity;
import software.amazon.awssdk.identity.spi.AwsSessionCredentialsIdentity;

/**
 * A raw HTTP client for wire-level tests: sends exactly the bytes given, optionally SigV4-signed by the AWS SDK's own
 * signer (service cognito-sync, us-east-1), so tests can look at raw JSON and send malformed input.
 */
public final class RawClient {
  private final URI base;
  private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(5)).build();

  /**
   * Creates the client.
   *
   * @param base the server's base URI
   */
  public RawClient(URI base) {
    this.base = base;
  }

  /**
   * A response.
   *
   * @param status HTTP status
   * @param headers response headers
   * @param body body text
   */
  public record Reply(int status, Map<String, List<String>> headers, String body) {
    /**
     * First value of a header.
     *
     * @param name header name
     * @return value or null
     */
    public String header(String name) {
      return headers.entrySet().stream()
          .filter(e -> e.getKey().equalsIgnoreCase(name))
          .map(e -> e.getValue().get(0))
          .findFirst()
          .orElse(null);
    }
  }

  /**
   * Sends an unsigned request.
   *
   * @param method method
   * @param pathAndQuery raw path and query
   * @param body body or null
   * @param headers extra headers (name, value pairs)
   * @return the reply
   */
  public Reply unsigned(String method, String pathAndQuery, String body, String... headers) {
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + pathAndQuery)).timeout(Duration.ofSeconds(30));
    for (int i = 0; i < headers.length; i += 2) {
      b.header(headers[i], headers[i + 1]);
    }
    b.method(method, body == null ? HttpRequest.BodyPublishers.noBody()
        : HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
    return send(b.build());
  }

  /**
   * Sends a request signed with the given credentials at the given clock's time.
   *
   * @param creds credentials (session credentials add x-amz-security-token)
   * @param clock signing clock
   * @param method method
   * @param pathAndQuery raw path and query
   * @param body body or null
   * @return the reply
   */
  public Reply signed(AwsCredentials creds, Clock clock, String method, String pathAndQuery, String body,
      String... extraHeaders) {
    byte[] bytes = body == null ? new byte[0] : body.getBytes(StandardCharsets.UTF_8);
    URI uri = URI.create(base + pathAndQuery);
    SdkHttpFullRequest.Builder req = SdkHttpFullRequest.builder()
        .method(SdkHttpMethod.fromValue(method))
        .uri(uri)
        .putHeader("Host", uri.getHost() + ":" + uri.getPort());
    if (body != null) {
      req.putHeader("Content-Type", "application/json");
    }
    for (int i = 0; i < extraHeaders.length; i += 2) {
      req.putHeader(extraHeaders[i], extraHeaders[i + 1]);
    }
    AwsCredentialsIdentity identity = creds instanceof AwsSessionCredentials s
        ? AwsSessionCredentialsIdentity.create(s.accessKeyId(), s.secretAccessKey(), s.sessionToken())
        : AwsCredentialsIdentity.create(creds.accessKeyId(), creds.secretAccessKey());
    SdkHttpRequest built = req.build();
    SignedRequest signed = AwsV4HttpSigner.create().sign(r -> r
        .request(built)
        .payload(ContentStreamProvider.fromByteArray(bytes))
        .identity(identity)
        .putProperty(AwsV4HttpSigner.SERVICE_SIGNING_NAME, "cognito-sync")
        .putProperty(AwsV4HttpSigner.REGION_NAME, "us-east-1")
        .putProperty(AwsV4HttpSigner.SIGNING_CLOCK, clock));
    HttpRequest.Builder b = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(30));
    signed.request().headers().forEach((name, values) -> {
      if (!name.equalsIgnoreCase("host") && !name.equalsIgnoreCase("content-length")) {
        values.forEach(v -> b.header(name, v));
      }
    });
    b.method(method, bytes.length == 0 ? HttpRequest.BodyPublishers.noBody()
        : HttpRequest.BodyPublishers.ofByteArray(bytes));
    return send(b.build());
  }

  /**
   * Sends raw bytes over a socket (for requests java.net.http refuses to build) and returns the status code and body.
   *
   * @param requestText the full HTTP/1.1 request
   * @return the reply (headers not parsed)
   */
  public Reply socket(String requestText) {
    try (java.net.Socket s = new java.net.Socket(base.getHost(), base.getPort())) {
      s.setSoTimeout(30_000);
      s.getOutputStream().write(requestText.getBytes(StandardCharsets.ISO_8859_1));
      s.getOutputStream().flush();
      String all = new String(s.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      int status = Integer.parseInt(all.substring(9, 12));
      int split = all.indexOf("\r\n\r\n");
      Map<String, List<String>> headers = new java.util.HashMap<>();
      for (String line : all.substring(0, split).split("\r\n")) {
        int colon = line.indexOf(':');
        if (colon > 0) {
          headers.put(line.substring(0, colon).trim(), List.of(line.substring(colon + 1).trim()));
        }
      }
      return new Reply(status, headers, all.substring(split + 4));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private Reply send(HttpRequest request) {
    try {
      HttpResponse<String> r = http.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
      return new Reply(r.statusCode(), r.headers().map(), r.body());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
