package dev.offsync.http;

import dev.offsync.http.spi.AwsCredentials;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;

/** Shared constants and builders for the MockWebServer tests. */
final class Fixtures {
  static final Instant NOW = Instant.parse("2026-03-01T10:00:00Z");
  static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);
  static final String POOL = "us-east-1:0f0e4a7c-1111-2222-3333-444455556666";
  static final String IDENTITY = "us-east-1:9a8b7c6d-aaaa-bbbb-cccc-ddddeeeeffff";
  static final String ACCESS_KEY = "AKIDTESTACCESSKEY";
  static final String SECRET = "s3cr3t/Key+WithSpecials=xyz0123456789";
  static final String SESSION_TOKEN = "FwoGZXIvYXdzEXAMPLE//SESSION+TOKEN=value0123456789";
  static final AwsCredentials CREDENTIALS =
      AwsCredentials.builder().accessKeyId(ACCESS_KEY).secretAccessKey(SECRET).sessionToken(SESSION_TOKEN).build();

  private Fixtures() {}

  static CognitoSyncClient.Builder client(MockWebServer server, Sleeper sleeper) {
    return CognitoSyncClient.builder()
        .endpoint(server.url("/").toString())
        .region("us-east-1")
        .credentialsProvider(StaticCredentialsProvider.create(CREDENTIALS))
        .clock(CLOCK)
        .sleeper(sleeper)
        .connectTimeout(Duration.ofSeconds(5))
        .readTimeout(Duration.ofSeconds(5))
        .writeTimeout(Duration.ofSeconds(5))
        .callTimeout(Duration.ofSeconds(10));
  }

  static MockResponse json(int code, String body) {
    return new MockResponse.Builder()
        .code(code)
        .addHeader("Content-Type", "application/json")
        .addHeader("x-amzn-RequestId", "req-" + code)
        .body(body)
        .build();
  }

  static MockResponse error(int code, String type, String message) {
    return new MockResponse.Builder()
        .code(code)
        .addHeader("Content-Type", "application/json")
        .addHeader("x-amzn-ErrorType", type + ":http://internal.amazon.com/coral/com.amazonaws.cognito.sync/")
        .addHeader("x-amzn-RequestId", "req-err")
        .body("{\"message\":\"" + message + "\"}")
        .build();
  }
}
