package dev.offsync.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.offsync.server.testing.RawClient;
import dev.offsync.server.testing.ServerTestSupport;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.MethodSource;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.services.cognitoidentity.CognitoIdentityClient;
import software.amazon.awssdk.services.cognitosync.CognitoSyncClient;
import software.amazon.awssdk.services.cognitosync.model.CognitoSyncException;
import software.amazon.awssdk.services.cognitosync.model.NotAuthorizedException;
import software.amazon.awssdk.services.cognitosync.model.Platform;

/** SigV4 verification, developer vs identity credentials, identity isolation, the identity endpoint. */
@ParameterizedClass(name = "[{index}] {0}")
@MethodSource("dev.offsync.server.testing.StoreFactories#all")
class AuthorizationTest extends ServerTestSupport {
  private static final String PATH = "/identitypools/" + POOL.replace(":", "%3A")
      + "/identities/us-east-1%3A11111111-2222-3333-4444-555555555555/datasets/ds";

  private static void assert403(Throwable e, String type) {
    assertThat(e).isInstanceOf(CognitoSyncException.class);
    CognitoSyncException c = (CognitoSyncException) e;
    assertThat(c.statusCode()).isEqualTo(403);
    assertThat(c.awsErrorDetails().errorCode()).isEqualTo(type);
  }

  @Test
  void wrongSecretUnknownKeyAndMissingSignatureAre403() {
    CognitoSyncClient wrongSecret = syncClient(AwsBasicCredentials.create(DEV_KEY, "not-the-secret"));
    assertThatThrownBy(() -> wrongSecret.listIdentityPoolUsage(r -> {}))
        .satisfies(e -> assert403(e, "InvalidSignatureException"));
    CognitoSyncClient unknown = syncClient(AwsBasicCredentials.create("AKIAUNKNOWN", DEV_SECRET));
    assertThatThrownBy(() -> unknown.listIdentityPoolUsage(r -> {}))
        .satisfies(e -> assert403(e, "UnrecognizedClientException"));
    RawClient.Reply unsigned = raw().unsigned("GET", PATH, null);
    assertThat(unsigned.status()).isEqualTo(403);
    assertThat(unsigned.header("x-amzn-ErrorType")).isEqualTo("MissingAuthenticationTokenException");
    assertThat(unsigned.header("x-amzn-RequestId")).isNotBlank();
  }

  @Test
  void developerCredentialsSignedByTheCliStyleSignerWork() {
    RawClient.Reply r = raw().signed(AwsBasicCredentials.create(DEV_KEY, DEV_SECRET), Clock.systemUTC(), "GET",
        PATH + "/records?lastSyncCount=0&maxResults=10", null);
    assertThat(r.status()).as(r.body()).isEqualTo(200);
  }

  @Test
  void clockSkewBeyondFiveMinutesIsRejected() {
    AwsBasicCredentials dev = AwsBasicCredentials.create(DEV_KEY, DEV_SECRET);
    Clock late = Clock.fixed(Instant.now().minus(Duration.ofMinutes(6)), ZoneOffset.UTC);
    RawClient.Reply old = raw().signed(dev, late, "GET", PATH, null);
    assertThat(old.status()).isEqualTo(403);
    assertThat(old.body()).contains("Signature expired");
    Clock early = Clock.fixed(Instant.now().plus(Duration.ofMinutes(6)), ZoneOffset.UTC);
    assertThat(raw().signed(dev, early, "GET", PATH, null).status()).isEqualTo(403);
    Clock slightlyLate = Clock.fixed(Instant.now().minus(Duration.ofMinutes(4)), ZoneOffset.UTC);
    assertThat(raw().signed(dev, slightlyLate, "GET", PATH + "/records", null).status()).isEqualTo(200);
  }

  @Test
  void tamperedBodyOrPathFailsAndNothingIsWritten() {
    // sign one body, send another: the server hashes the body itself
    AwsBasicCredentials dev = AwsBasicCredentials.create(DEV_KEY, DEV_SECRET);
    RawClient.Reply good = raw().signed(dev, Clock.systemUTC(), "POST", "/identitypools/" + POOL.replace(":", "%3A")
        + "/events", "{\"Events\":{\"SyncTrigger\":\"arn:aws:lambda:us-east-1:1:function:f\"}}");
    assertThat(good.status()).as(good.body()).isEqualTo(200);
    RawClient.Reply wrongService = raw().unsigned("GET", PATH, null, "Authorization",
        "AWS4-HMAC-SHA256 Credential=" + DEV_KEY + "/20260101/us-east-1/s3/aws4_request, SignedHeaders=host,"
            + " Signature=00", "X-Amz-Date", "20260101T000000Z");
    assertThat(wrongService.status()).isEqualTo(403);
    RawClient.Reply garbage = raw().unsigned("GET", PATH, null, "Authorization", "AWS4-HMAC-SHA256 nonsense");
    assertThat(garbage.status()).isEqualTo(403);
    assertThat(garbage.header("x-amzn-ErrorType")).isEqualTo("IncompleteSignatureException");
  }

  @Test
  void identityCredentialsAreScopedToTheirIdentity() {
    Identity me = newIdentity(POOL);
    Identity other = newIdentity(POOL);
    assertThat(me.identityId()).startsWith("us-east-1:").isNotEqualTo(other.identityId());
    CognitoSyncClient mine = syncClient(me.credentials());

    String token = mine.listRecords(r -> r.identityPoolId(POOL).identityId(me.identityId()).datasetName("d"))
        .syncSessionToken();
    assertThat(mine.updateRecords(r -> r.identityPoolId(POOL).identityId(me.identityId()).datasetName("d")
        .syncSessionToken(token).recordPatches(RecordsApiTest.put("k", "v", 0))).records()).hasSize(1);
    assertThat(mine.describeIdentityUsage(r -> r.identityPoolId(POOL).identityId(me.identityId()))
        .identityUsage().datasetCount()).isEqualTo(1);

    assertThatThrownBy(() -> mine.listRecords(r -> r.identityPoolId(POOL).identityId(other.identityId())
        .datasetName("d"))).isInstanceOf(NotAuthorizedException.class)
        .satisfies(e -> assertThat(((NotAuthorizedException) e).statusCode()).isEqualTo(403));
    assertThatThrownBy(() -> mine.listDatasets(r -> r.identityPoolId(OTHER_POOL).identityId(me.identityId())))
        .isInstanceOf(NotAuthorizedException.class);
    assertThatThrownBy(() -> mine.listIdentityPoolUsage(r -> {})).isInstanceOf(NotAuthorizedException.class);
    assertThatThrownBy(() -> mine.bulkPublish(r -> r.identityPoolId(POOL))).isInstanceOf(NotAuthorizedException.class);
    assertThatThrownBy(() -> mine.getCognitoEvents(r -> r.identityPoolId(POOL)))
        .isInstanceOf(NotAuthorizedException.class);

    // the developer sees the identity's data
    assertThat(developer().listRecords(r -> r.identityPoolId(POOL).identityId(me.identityId()).datasetName("d"))
        .records()).hasSize(1);
  }

  @Test
  void developerCredentialsCannotUseDeviceOperations() {
    CognitoSyncClient dev = developer();
    String identity = "us-east-1:11111111-2222-3333-4444-555555555555";
    assertThatThrownBy(() -> dev.registerDevice(r -> r.identityPoolId(POOL).identityId(identity)
        .platform(Platform.GCM).token("t"))).isInstanceOf(NotAuthorizedException.class);
    assertThatThrownBy(() -> dev.subscribeToDataset(r -> r.identityPoolId(POOL).identityId(identity)
        .datasetName("d").deviceId("x"))).isInstanceOf(NotAuthorizedException.class);
    assertThatThrownBy(() -> dev.unsubscribeFromDataset(r -> r.identityPoolId(POOL).identityId(identity)
        .datasetName("d").deviceId("x"))).isInstanceOf(NotAuthorizedException.class);
  }

  @Test
  void forgedOrExpiredSessionCredentialsAre403() {
    Identity me = newIdentity(POOL);
    AwsSessionCredentials c = me.credentials();
    String token = c.sessionToken();
    String forgedToken = token.substring(0, 5) + (token.charAt(5) == 'x' ? 'y' : 'x') + token.substring(6);
    CognitoSyncClient forged = syncClient(AwsSessionCredentials.create(c.accessKeyId(), c.secretAccessKey(),
        forgedToken));
    assertThatThrownBy(() -> forged.listDatasets(r -> r.identityPoolId(POOL).identityId(me.identityId())))
        .satisfies(e -> assert403(e, "UnrecognizedClientException"));
    // another identity's token with my key id
    Identity other = newIdentity(POOL);
    CognitoSyncClient mixed = syncClient(AwsSessionCredentials.create(c.accessKeyId(), c.secretAccessKey(),
        other.credentials().sessionToken()));
    assertThatThrownBy(() -> mixed.listDatasets(r -> r.identityPoolId(POOL).identityId(me.identityId())))
        .satisfies(e -> assertThat(((CognitoSyncException) e).statusCode()).isEqualTo(403));

    Instant signingTime = Instant.now().plus(Duration.ofMinutes(61));
    clock.advance(Duration.ofMinutes(61));
    RawClient.Reply expired = raw().signed(c, Clock.fixed(signingTime, ZoneOffset.UTC), "GET",
        "/identitypools/" + POOL.replace(":", "%3A") + "/identities/" + me.identityId().replace(":", "%3A")
            + "/datasets", null);
    assertThat(expired.status()).isEqualTo(403);
    assertThat(expired.header("x-amzn-ErrorType")).isEqualTo("ExpiredTokenException");
  }

  @Test
  void identityEndpointRejectsUnknownPoolsAndLogins() {
    CognitoIdentityClient id = identityClient();
    assertThatThrownBy(() -> id.getId(r -> r.identityPoolId("us-east-1:00000000-0000-0000-0000-000000000000")))
        .isInstanceOf(software.amazon.awssdk.services.cognitoidentity.model.ResourceNotFoundException.class);
    assertThatThrownBy(() -> id.getId(r -> r.identityPoolId(POOL).logins(java.util.Map.of("graph.facebook.com", "t"))))
        .isInstanceOf(software.amazon.awssdk.services.cognitoidentity.model.NotAuthorizedException.class);
    assertThatThrownBy(() -> id.getCredentialsForIdentity(r -> r.identityId("us-east-1:0000")))
        .isInstanceOf(software.amazon.awssdk.services.cognitoidentity.model.ResourceNotFoundException.class);
    String eu = id.getId(r -> r.identityPoolId(OTHER_POOL)).identityId();
    assertThat(eu).startsWith("eu-west-1:");
    var creds = id.getCredentialsForIdentity(r -> r.identityId(eu));
    assertThat(creds.credentials().expiration()).isAfter(Instant.now().plus(Duration.ofMinutes(59)))
        .isBefore(Instant.now().plus(Duration.ofMinutes(61)));
    RawClient.Reply unknownTarget = raw().unsigned("POST", "/", "{}", "X-Amz-Target",
        "AWSCognitoIdentityService.TagResource", "Content-Type", "application/x-amz-json-1.1");
    assertThat(unknownTarget.status()).isEqualTo(400);
    assertThat(unknownTarget.body()).contains("UnknownOperationException");
  }
}
