package dev.offsync.server.internal.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.offsync.server.internal.http.ApiException;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The verifier against AWS's published SigV4 test suite and the canonicalisation rules. */
class SigV4VerifierTest {
  private static final Clock AT = Clock.fixed(Instant.parse("2015-08-30T12:36:00Z"), ZoneOffset.UTC);
  private static final Principal DEV = Principal.developer("AKIDEXAMPLE");

  private static SigV4Verifier verifier() {
    return new SigV4Verifier("service", AT, java.time.Duration.ofMinutes(5), (akid, token) -> {
      assertThat(akid).isEqualTo("AKIDEXAMPLE");
      return new SigV4Verifier.Resolved("wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY", DEV);
    });
  }

  private static Map<String, List<String>> headers(String signature) {
    return Map.of(
        "host", List.of("example.amazonaws.com"),
        "x-amz-date", List.of("20150830T123600Z"),
        "authorization", List.of("AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20150830/us-east-1/service/aws4_request,"
            + " SignedHeaders=host;x-amz-date, Signature=" + signature));
  }

  @Test
  void getVanillaFromTheAwsTestSuite() {
    assertThat(verifier().verify("GET", "/", null,
        headers("5fa00fa31553b73ebf1942676e86291e8372ff2a2260956d9b8aae1d763fbf31"), new byte[0])).isEqualTo(DEV);
  }

  @Test
  void anyChangeBreaksTheSignature() {
    String sig = "5fa00fa31553b73ebf1942676e86291e8372ff2a2260956d9b8aae1d763fbf31";
    assertThatThrownBy(() -> verifier().verify("POST", "/", null, headers(sig), new byte[0]))
        .isInstanceOf(ApiException.class).hasMessageContaining("signature");
    assertThatThrownBy(() -> verifier().verify("GET", "/x", null, headers(sig), new byte[0]))
        .isInstanceOf(ApiException.class);
    assertThatThrownBy(() -> verifier().verify("GET", "/", "a=b", headers(sig), new byte[0]))
        .isInstanceOf(ApiException.class);
    assertThatThrownBy(() -> verifier().verify("GET", "/", null, headers(sig), new byte[] {1}))
        .isInstanceOf(ApiException.class);
  }

  @Test
  void canonicalUriEncodesTheReceivedPathAgain() {
    assertThat(SigV4Verifier.canonicalUri("/identitypools/us-east-1%3Aabc/x", true))
        .isEqualTo("/identitypools/us-east-1%253Aabc/x");
    assertThat(SigV4Verifier.canonicalUri("/identitypools/us-east-1%3Aabc/x", false))
        .isEqualTo("/identitypools/us-east-1%3Aabc/x");
    assertThat(SigV4Verifier.canonicalUri("/identitypools/us-east-1:abc", true))
        .isEqualTo("/identitypools/us-east-1%3Aabc");
    assertThat(SigV4Verifier.canonicalQuery("maxResults=10&lastSyncCount=0&nextToken=a%2Bb"))
        .isEqualTo("lastSyncCount=0&maxResults=10&nextToken=a%2Bb");
  }
}
