package dev.offsync.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.offsync.spi.IdentityChange;
import io.reactivex.rxjava3.observers.TestObserver;
import io.reactivex.rxjava3.schedulers.Schedulers;
import java.net.InetAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The bounds of replacing a vanished identity, which the real sync-server cannot produce on demand (a new identity
 * that vanishes too, a pool gone with it): one {@code GetId}, one retry, then the error. The successful paths run
 * against the real server in {@code e2e.IdentityRenewalEndToEndTest}.
 */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class IdentityRenewalTest {
  private static final String OLD_ID = "us-east-1:00000000-0000-0000-0000-00000000000a";
  private static final String NEW_ID = "us-east-1:00000000-0000-0000-0000-00000000000b";

  private final MockWebServer server = new MockWebServer();

  @BeforeEach
  void start() throws Exception {
    server.start(InetAddress.getLoopbackAddress(), 0);
  }

  @AfterEach
  void stop() {
    server.close();
  }

  private CognitoIdentityCredentialsProvider.Builder provider() {
    return CognitoIdentityCredentialsProvider.builder()
        .endpoint(server.url("/").toString())
        .identityPoolId(Fixtures.POOL)
        .clock(Fixtures.CLOCK)
        .retryPolicy(RetryPolicy.none())
        .callTimeout(Duration.ofSeconds(10));
  }


  private void enqueueNotFound() {
    server.enqueue(Fixtures.error(400, "ResourceNotFoundException", "Identity not found"));
  }

  private void enqueueGetId(String id) {
    server.enqueue(Fixtures.json(200, "{\"IdentityId\":\"" + id + "\"}"));
  }

  private List<String> targets() throws InterruptedException {
    List<String> targets = new ArrayList<>();
    for (int i = server.getRequestCount(); i > 0; i--) {
      RecordedRequest r = server.takeRequest(5, TimeUnit.SECONDS);
      targets.add(r.getHeaders().get("X-Amz-Target").replace("AWSCognitoIdentityService.", "")
          + (r.getBody() != null && r.getBody().utf8().contains(OLD_ID) ? "(old)" : "")
          + (r.getBody() != null && r.getBody().utf8().contains(NEW_ID) ? "(new)" : ""));
    }
    return targets;
  }

  @Test
  void aNewIdentityThatIsNotFoundEitherFailsAfterOneRetryWithoutLooping() throws Exception {
    CognitoIdentityCredentialsProvider credentials = provider().identityId(OLD_ID).renewMissingIdentityId(true).build();
    CognitoIdentityProvider identity = CognitoIdentityProvider.create(credentials, Schedulers.trampoline());
    TestObserver<IdentityChange> changes = identity.changes().test();
    enqueueNotFound();
    enqueueGetId(NEW_ID);
    enqueueNotFound();
    enqueueGetId("us-east-1:00000000-0000-0000-0000-00000000000c"); // must never be asked for

    assertThatThrownBy(credentials::credentials)
        .isInstanceOf(CredentialsException.class)
        .hasCauseInstanceOf(ResourceNotFoundException.class);

    assertThat(targets()).containsExactly(
        "GetCredentialsForIdentity(old)", "GetId", "GetCredentialsForIdentity(new)");
    // the identity was replaced all the same, and the change reported once, as a merge of the vanished identity
    assertThat(credentials.cachedIdentityId()).isEqualTo(NEW_ID);
    changes.assertValuesOnly(new IdentityChange(OLD_ID, NEW_ID, true));
  }

  @Test
  void aFailingGetIdSurfacesWithTheNotFoundAttachedAndKeepsTheIdentity() throws Exception {
    CognitoIdentityCredentialsProvider credentials = provider().identityId(OLD_ID).renewMissingIdentityId(true).build();
    TestObserver<IdentityChange> changes =
        CognitoIdentityProvider.create(credentials, Schedulers.trampoline()).changes().test();
    enqueueNotFound();
    server.enqueue(Fixtures.error(400, "ResourceNotFoundException", "IdentityPool not found"));

    assertThatThrownBy(credentials::credentials)
        .isInstanceOf(CredentialsException.class)
        .hasMessageContaining("GetId")
        .satisfies(e -> assertThat(e.getSuppressed()).singleElement()
            .satisfies(s -> assertThat(s).hasMessageContaining("GetCredentialsForIdentity")));

    assertThat(targets()).containsExactly("GetCredentialsForIdentity(old)", "GetId");
    assertThat(credentials.cachedIdentityId()).isEqualTo(OLD_ID);
    changes.assertEmpty();
  }

  @Test
  void otherErrorsNeverRenewTheIdentity() throws Exception {
    CognitoIdentityCredentialsProvider credentials = provider().identityId(OLD_ID).renewMissingIdentityId(true).build();
    server.enqueue(Fixtures.error(400, "NotAuthorizedException", "Access to Identity is forbidden"));

    assertThatThrownBy(credentials::credentials)
        .isInstanceOf(CredentialsException.class)
        .hasCauseInstanceOf(NotAuthorizedException.class);

    assertThat(targets()).containsExactly("GetCredentialsForIdentity(old)");
    assertThat(credentials.cachedIdentityId()).isEqualTo(OLD_ID);
  }
}
