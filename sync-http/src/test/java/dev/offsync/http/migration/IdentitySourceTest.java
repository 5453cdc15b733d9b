package dev.offsync.http.migration;

import static org.assertj.core.api.Assertions.assertThat;

import dev.offsync.http.StaticCredentialsProvider;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Where a migration's identities come from: a file, or Cognito Identity's ListIdentities (paged, signed). */
class IdentitySourceTest {
  private final MockWebServer server = new MockWebServer();
  @TempDir Path dir;

  @BeforeEach
  void start() throws Exception {
    server.start(InetAddress.getLoopbackAddress(), 0);
  }

  @AfterEach
  void stop() {
    server.close();
  }

  private static MockResponse json(String body) {
    return new MockResponse.Builder().code(200).addHeader("Content-Type", "application/x-amz-json-1.1").body(body)
        .build();
  }

  @Test
  void listIdentitiesPagesThroughEveryIdentityWithSignedJsonRequests() throws Exception {
    server.enqueue(json("{\"IdentityPoolId\":\"p\",\"Identities\":[{\"IdentityId\":\"us-east-1:a\"},"
        + "{\"IdentityId\":\"us-east-1:b\"}],\"NextToken\":\"t2\"}"));
    server.enqueue(json("{\"IdentityPoolId\":\"p\",\"Identities\":[{\"IdentityId\":\"us-east-1:c\"}]}"));
    IdentitySource source = IdentitySource.listIdentities(server.url("/").toString(), "eu-west-1",
        StaticCredentialsProvider.create("AKIDSOURCE", "secret"), "eu-west-1:pool");
    List<String> ids = new ArrayList<>();
    source.forEach(ids::add);
    assertThat(ids).containsExactly("us-east-1:a", "us-east-1:b", "us-east-1:c");
    RecordedRequest first = server.takeRequest();
    assertThat(first.getMethod()).isEqualTo("POST");
    assertThat(first.getHeaders().get("X-Amz-Target")).isEqualTo("AWSCognitoIdentityService.ListIdentities");
    assertThat(first.getHeaders().get("Content-Type")).startsWith("application/x-amz-json-1.1");
    assertThat(first.getHeaders().get("Authorization"))
        .contains("Credential=AKIDSOURCE/").contains("/eu-west-1/cognito-identity/aws4_request");
    assertThat(first.getBody().utf8()).contains("\"IdentityPoolId\":\"eu-west-1:pool\"")
        .contains("\"MaxResults\":60").doesNotContain("NextToken");
    assertThat(server.takeRequest().getBody().utf8()).contains("\"NextToken\":\"t2\"");
  }

  @Test
  void aFileSkipsBlankLinesAndCommentsAndCounts() throws Exception {
    Path f = dir.resolve("ids.txt");
    Files.write(f, List.of("# exported 2026-12-01", "us-east-1:a", "", "  us-east-1:b  "), StandardCharsets.UTF_8);
    IdentitySource source = IdentitySource.fromFile(f);
    List<String> ids = new ArrayList<>();
    source.forEach(ids::add);
    assertThat(ids).containsExactly("us-east-1:a", "us-east-1:b");
    assertThat(source.count()).isEqualTo(2);
  }
}
