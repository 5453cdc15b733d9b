package dev.offsync.http.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.offsync.http.spi.AwsCredentials;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.AbstractMap;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.auth.signer.Aws4Signer;
import software.amazon.awssdk.auth.signer.params.Aws4SignerParams;
import software.amazon.awssdk.http.SdkHttpFullRequest;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.regions.Region;

/** Our SigV4 against AWS's published vector and, byte for byte, against the AWS SDK for Java v2's signer. */
@SuppressWarnings("deprecation")
class SigV4SignerTest {
  private static final Instant NOW = Instant.parse("2015-08-30T12:36:00Z");
  private static final String SECRET = "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY";
  private static final String[] ALPHABETS = {
    "abcdefghijklmnopqrstuvwxyz0123456789",
    "ABCXYZ-_.~",
    ":/?#[]@!$&'()*+,;= %",
    "äöüßé€✓日本語",
    "\uD83D\uDE00\uD83C\uDF89",
  };

  @Test
  void getVanillaFromAwsTestSuite() {
    SigV4Signer signer = new SigV4Signer("service", "us-east-1");
    Map<String, String> headers =
        signer.sign(
            "GET",
            "/",
            Collections.<Map.Entry<String, String>>emptyList(),
            Collections.singletonList(entry("Host", "example.amazonaws.com")),
            null,
            AwsCredentials.create("AKIDEXAMPLE", SECRET),
            NOW);
    assertThat(headers.get("X-Amz-Date")).isEqualTo("20150830T123600Z");
    assertThat(headers.get("Authorization"))
        .isEqualTo(
            "AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20150830/us-east-1/service/aws4_request, "
                + "SignedHeaders=host;x-amz-date, "
                + "Signature=5fa00fa31553b73ebf1942676e86291e8372ff2a2260956d9b8aae1d763fbf31");
  }

  @Test
  void randomizedRequestsMatchTheAwsSdkSigner() {
    long seed = new Random().nextLong();
    Random random = new Random(seed);
    for (int i = 0; i < 200; i++) {
      RandomRequest request = RandomRequest.next(random);
      String ours = ourAuthorization(request);
      String theirs = sdkAuthorization(request);
      assertThat(ours)
          .as("seed %d, case %d: %s", seed, i, request)
          .isEqualTo(theirs);
    }
  }

  @Test
  void doubleEncodesPathLabelsAndSignsTheSessionToken() {
    RandomRequest request = new RandomRequest();
    request.method = "GET";
    request.host = "cognito-sync.us-east-1.amazonaws.com";
    request.port = 443;
    request.path =
        "/identitypools/"
            + AwsUriEncoding.encode("us-east-1:0f0e")
            + "/identities/"
            + AwsUriEncoding.encode("us-east-1:abcd")
            + "/datasets/d/records";
    request.query.add(entry("lastSyncCount", "0"));
    request.sessionToken = "token/with+special=chars";
    assertThat(request.path).contains("%3A");
    assertThat(ourAuthorization(request)).isEqualTo(sdkAuthorization(request));
    assertThat(SigV4Signer.canonicalUri(request.path))
        .isEqualTo("/identitypools/us-east-1%253A0f0e/identities/us-east-1%253Aabcd/datasets/d/records");
    assertThat(ourAuthorization(request)).contains("SignedHeaders=host;x-amz-date;x-amz-security-token,");
  }

  private static String ourAuthorization(RandomRequest request) {
    AwsCredentials.Builder credentials = AwsCredentials.builder().accessKeyId(request.accessKeyId).secretAccessKey(SECRET);
    if (request.sessionToken != null) {
      credentials.sessionToken(request.sessionToken);
    }
    List<Map.Entry<String, String>> headers = new ArrayList<>();
    headers.add(entry("Host", request.port == 443 ? request.host : request.host + ":" + request.port));
    headers.addAll(request.headers);
    return new SigV4Signer("cognito-sync", request.region)
        .sign(
            request.method,
            request.path,
            request.query,
            headers,
            request.body,
            credentials.build(),
            NOW)
        .get("Authorization");
  }

  private static String sdkAuthorization(RandomRequest request) {
    SdkHttpFullRequest.Builder sdk =
        SdkHttpFullRequest.builder()
            .method(SdkHttpMethod.fromValue(request.method))
            .protocol("https")
            .host(request.host)
            .port(request.port)
            .encodedPath(request.path);
    for (Map.Entry<String, String> parameter : request.query) {
      sdk.appendRawQueryParameter(parameter.getKey(), parameter.getValue());
    }
    for (Map.Entry<String, String> header : request.headers) {
      sdk.appendHeader(header.getKey(), header.getValue());
    }
    if (request.body != null) {
      byte[] body = request.body;
      sdk.contentStreamProvider(() -> new ByteArrayInputStream(body));
    }
    software.amazon.awssdk.auth.credentials.AwsCredentials credentials =
        request.sessionToken == null
            ? AwsBasicCredentials.create(request.accessKeyId, SECRET)
            : AwsSessionCredentials.create(request.accessKeyId, SECRET, request.sessionToken);
    Aws4SignerParams params =
        Aws4SignerParams.builder()
            .awsCredentials(credentials)
            .signingName("cognito-sync")
            .signingRegion(Region.of(request.region))
            .doubleUrlEncode(true)
            .signingClockOverride(Clock.fixed(NOW, ZoneOffset.UTC))
            .build();
    return Aws4Signer.create().sign(sdk.build(), params).firstMatchingHeader("Authorization").get();
  }

  private static Map.Entry<String, String> entry(String name, String value) {
    return new AbstractMap.SimpleImmutableEntry<>(name, value);
  }

  /** One random request; {@link #toString()} prints everything needed to reproduce a failure. */
  static final class RandomRequest {
    String method;
    String host;
    int port;
    String region = "us-east-1";
    String path;
    String accessKeyId = "AKIDEXAMPLE";
    String sessionToken;
    final List<Map.Entry<String, String>> query = new ArrayList<>();
    final List<Map.Entry<String, String>> headers = new ArrayList<>();
    byte[] body;

    static RandomRequest next(Random random) {
      RandomRequest r = new RandomRequest();
      String[] methods = {"GET", "POST", "DELETE"};
      r.method = methods[random.nextInt(methods.length)];
      if (random.nextBoolean()) {
        r.host = "cognito-sync.eu-west-1.amazonaws.com";
        r.port = 443;
        r.region = "eu-west-1";
      } else {
        r.host = "127.0.0.1";
        r.port = 1024 + random.nextInt(60000);
      }
      String pool = "us-east-1:" + text(random, 1 + random.nextInt(12));
      String identity = "eu-west-1:" + text(random, 1 + random.nextInt(12));
      StringBuilder path = new StringBuilder("/identitypools/").append(AwsUriEncoding.encode(pool));
      int depth = random.nextInt(4);
      if (depth > 0) {
        path.append("/identities/").append(AwsUriEncoding.encode(identity));
      }
      if (depth > 1) {
        path.append("/datasets/").append(AwsUriEncoding.encode(label(random)));
      }
      if (depth > 2) {
        path.append(random.nextBoolean() ? "/records" : "/subscriptions/" + AwsUriEncoding.encode(label(random)));
      }
      r.path = path.toString();
      int parameters = random.nextInt(5);
      for (int i = 0; i < parameters; i++) {
        String[] names = {"lastSyncCount", "nextToken", "maxResults", "syncSessionToken"};
        String name = random.nextInt(4) == 0 ? text(random, 1 + random.nextInt(6)) : names[random.nextInt(names.length)];
        r.query.add(new AbstractMap.SimpleImmutableEntry<>(name, text(random, random.nextInt(20))));
      }
      if (random.nextBoolean()) {
        r.sessionToken = asciiToken(random, 20 + random.nextInt(300));
      }
      if (random.nextInt(3) == 0) {
        r.headers.add(
            new AbstractMap.SimpleImmutableEntry<>("x-amz-Client-Context", asciiToken(random, 1 + random.nextInt(40))));
      }
      if (random.nextInt(4) == 0) {
        r.headers.add(new AbstractMap.SimpleImmutableEntry<>("X-Custom", "  a   b \t c  "));
        if (random.nextBoolean()) {
          r.headers.add(new AbstractMap.SimpleImmutableEntry<>("X-Custom", "second"));
        }
      }
      if (!r.method.equals("GET") && random.nextBoolean()) {
        r.body = ("{\"SyncSessionToken\":\"" + text(random, random.nextInt(30)) + "\"}").getBytes(StandardCharsets.UTF_8);
        r.headers.add(new AbstractMap.SimpleImmutableEntry<>("Content-Type", "application/json"));
      }
      return r;
    }

    private static String label(Random random) {
      String label;
      do {
        label = text(random, 1 + random.nextInt(16));
      } while (label.equals(".") || label.equals(".."));
      return label;
    }

    private static String text(Random random, int length) {
      StringBuilder out = new StringBuilder();
      while (out.length() < length) {
        String alphabet = ALPHABETS[random.nextInt(ALPHABETS.length)];
        int at = random.nextInt(alphabet.length());
        char c = alphabet.charAt(at);
        if (Character.isHighSurrogate(c)) {
          out.append(c).append(alphabet.charAt(at + 1));
        } else if (!Character.isLowSurrogate(c)) {
          out.append(c);
        }
      }
      return out.toString();
    }

    private static String asciiToken(Random random, int length) {
      String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/=";
      StringBuilder out = new StringBuilder();
      for (int i = 0; i < length; i++) {
        out.append(alphabet.charAt(random.nextInt(alphabet.length())));
      }
      return out.toString();
    }

    @Override
    public String toString() {
      return method + " " + host + ":" + port + path + " query=" + query + " headers=" + headers
          + " token=" + (sessionToken != null) + " body=" + (body == null ? null : new String(body, StandardCharsets.UTF_8));
    }
  }
}
