package dev.offsync.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.nimbusds.jwt.JWTClaimsSet;
import dev.offsync.server.testing.LocalOidcIssuer;
import dev.offsync.server.testing.ServerTestSupport;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.MethodSource;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.cognitoidentity.CognitoIdentityClient;
import software.amazon.awssdk.services.cognitoidentity.model.Credentials;
import software.amazon.awssdk.services.cognitoidentity.model.NotAuthorizedException;
import software.amazon.awssdk.services.cognitoidentity.model.ResourceConflictException;

/**
 * Logins verified against a local OpenID Connect issuer (keys generated per test, JWKS served on 127.0.0.1), driven
 * by the AWS SDK's {@code CognitoIdentityClient}: same login, same identity; a linked identity needs its login; every
 * kind of bad token refused.
 */
@ParameterizedClass(name = "[{index}] {0}")
@MethodSource("dev.offsync.server.testing.StoreFactories#all")
class VerifiedLoginsTest extends ServerTestSupport {
  private final LocalOidcIssuer issuer = LocalOidcIssuer.start();
  /** A second provider whose keys the server reads from a JWKS file, never from its URL. */
  private final LocalOidcIssuer fileIssuer = LocalOidcIssuer.start();
  private final List<AutoCloseable> clients = new ArrayList<>();
  private String pool;

  @Override
  protected void configure(SyncServer.Builder b) {
    b.openIdConnectProvider(issuer.issuer(), issuer.jwksUrl(), List.of(LocalOidcIssuer.CLIENT_ID));
    try {
      java.nio.file.Path jwks = dataDir.resolve("file-issuer-jwks.json");
      java.nio.file.Files.writeString(jwks, fileIssuer.jwksJson());
      b.openIdConnectProvider(fileIssuer.issuer(), jwks.toString(), List.of(LocalOidcIssuer.CLIENT_ID));
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  @AfterEach
  void closeAll() throws Exception {
    for (AutoCloseable c : clients) {
      c.close();
    }
    issuer.close();
    fileIssuer.close();
  }

  private CognitoIdentityClient admin() {
    CognitoIdentityClient c = CognitoIdentityClient.builder().endpointOverride(endpoint()).region(Region.US_EAST_1)
        .httpClient(UrlConnectionHttpClient.create())
        .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(DEV_KEY, DEV_SECRET)))
        .overrideConfiguration(o -> o.retryStrategy(AwsRetryStrategy.doNotRetry())).build();
    clients.add(c);
    return c;
  }

  private String pool(boolean allowUnauthenticated) {
    return admin().createIdentityPool(r -> r.identityPoolName("logins")
        .allowUnauthenticatedIdentities(allowUnauthenticated)
        .openIdConnectProviderARNs("arn:aws:iam::123456789012:oidc-provider/" + issuer.name())).identityPoolId();
  }

  private Map<String, String> login(String token) {
    return Map.of(issuer.name(), token);
  }

  @Test
  void sameLoginSameIdentityAndALinkedIdentityNeedsItsLogin() {
    pool = pool(true);
    CognitoIdentityClient id = identityClient();
    Instant now = clock.instant();
    String alice = id.getId(r -> r.identityPoolId(pool).logins(login(issuer.token("alice", now)))).identityId();
    // a fresh token of the same user, later, ES256 this time: same identity
    clock.advance(Duration.ofMinutes(2)); // within SigV4's 5-minute skew of the SDK's real clock
    JWTClaimsSet later = issuer.claims("alice", clock.instant()).build();
    assertThat(id.getId(r -> r.identityPoolId(pool).logins(login(issuer.es256(later)))).identityId())
        .isEqualTo(alice);
    String bob = id.getId(r -> r.identityPoolId(pool).logins(login(issuer.token("bob", clock.instant()))))
        .identityId();
    assertThat(bob).isNotEqualTo(alice);

    Credentials c = id.getCredentialsForIdentity(r -> r.identityId(alice)
        .logins(login(issuer.token("alice", clock.instant())))).credentials();
    // the credentials work for alice's data
    var sync = syncClient(AwsSessionCredentials.create(c.accessKeyId(), c.secretKey(), c.sessionToken()));
    assertThat(sync.listDatasets(r -> r.identityPoolId(pool).identityId(alice)).datasets()).isEmpty();

    // knowing the identity id is not enough any more
    assertThatThrownBy(() -> id.getCredentialsForIdentity(r -> r.identityId(alice)))
        .isInstanceOf(NotAuthorizedException.class).hasMessageContaining("Logins don't match");
    // bob's login is linked to bob, not to alice
    assertThatThrownBy(() -> id.getCredentialsForIdentity(r -> r.identityId(alice)
        .logins(login(issuer.token("bob", clock.instant()))))).isInstanceOf(ResourceConflictException.class);

    // an unauthenticated identity that logs in gets the login linked (the unauthenticated -> authenticated switch)
    String anon = id.getId(r -> r.identityPoolId(pool)).identityId();
    id.getCredentialsForIdentity(r -> r.identityId(anon).logins(login(issuer.token("carol", clock.instant()))));
    assertThat(id.getId(r -> r.identityPoolId(pool).logins(login(issuer.token("carol", clock.instant()))))
        .identityId()).isEqualTo(anon);
    assertThatThrownBy(() -> id.getCredentialsForIdentity(r -> r.identityId(anon)))
        .isInstanceOf(NotAuthorizedException.class);

    // the links survive a restart
    restart();
    assertThat(identityClient().getId(r -> r.identityPoolId(pool)
        .logins(login(issuer.token("alice", clock.instant())))).identityId()).isEqualTo(alice);
  }

  @Test
  void keysFromAJwksFileAndTheUrlFetchedOnceForManyTokens() {
    String both = admin().createIdentityPool(r -> r.identityPoolName("two-providers")
        .allowUnauthenticatedIdentities(false)
        .openIdConnectProviderARNs("arn:aws:iam::123456789012:oidc-provider/" + issuer.name(),
            "arn:aws:iam::123456789012:oidc-provider/" + fileIssuer.name())).identityPoolId();
    CognitoIdentityClient id = identityClient();
    String viaFile = id.getId(r -> r.identityPoolId(both)
        .logins(Map.of(fileIssuer.name(), fileIssuer.token("dave", clock.instant())))).identityId();
    assertThat(fileIssuer.jwksFetches()).isZero();
    // the same subject at another provider is another login, hence another identity
    String viaUrl = id.getId(r -> r.identityPoolId(both).logins(login(issuer.token("dave", clock.instant()))))
        .identityId();
    assertThat(viaUrl).isNotEqualTo(viaFile);
    for (int i = 0; i < 5; i++) {
      id.getId(r -> r.identityPoolId(both).logins(login(issuer.token("dave", clock.instant()))));
    }
    // cached: one fetch; and a token of an unknown kid refetches at most once per rate-limit interval
    assertThat(issuer.jwksFetches()).isEqualTo(1);
    for (int i = 0; i < 3; i++) {
      assertThatThrownBy(() -> id.getId(r -> r.identityPoolId(both).logins(login(
          LocalOidcIssuer.foreignKey(issuer.claims("dave", clock.instant()).build())))))
          .isInstanceOf(NotAuthorizedException.class);
    }
    assertThat(issuer.jwksFetches()).isBetween(1, 2);
  }

  @Test
  void authenticatedOnlyPoolsServeLoginsOnly() {
    pool = pool(false);
    CognitoIdentityClient id = identityClient();
    assertThatThrownBy(() -> id.getId(r -> r.identityPoolId(pool))).isInstanceOf(NotAuthorizedException.class);
    String alice = id.getId(r -> r.identityPoolId(pool).logins(login(issuer.token("alice", clock.instant()))))
        .identityId();
    assertThat(id.getCredentialsForIdentity(r -> r.identityId(alice)
        .logins(login(issuer.token("alice", clock.instant())))).identityId()).isEqualTo(alice);
    assertThatThrownBy(() -> id.getCredentialsForIdentity(r -> r.identityId(alice)))
        .isInstanceOf(NotAuthorizedException.class);
  }

  @Test
  void aProviderThePoolDoesNotListIsRefused() {
    // the configured pools list no OpenID Connect provider
    CognitoIdentityClient id = identityClient();
    assertThatThrownBy(() -> id.getId(r -> r.identityPoolId(POOL)
        .logins(login(issuer.token("alice", clock.instant()))))).isInstanceOf(NotAuthorizedException.class);
    assertThatThrownBy(() -> id.getId(r -> r.identityPoolId(POOL)
        .logins(Map.of("accounts.google.com", issuer.token("alice", clock.instant())))))
        .isInstanceOf(NotAuthorizedException.class);
  }

  @Test
  void hostileTokensAreRefusedAndLinkNothing() {
    pool = pool(false);
    CognitoIdentityClient id = identityClient();
    Instant now = clock.instant();
    JWTClaimsSet good = issuer.claims("mallory", now).build();
    String valid = issuer.token("mallory", now);
    Map<String, String> hostile = new LinkedHashMap<>();
    hostile.put("alg none", LocalOidcIssuer.none(good));
    hostile.put("HS256 keyed with the public key", issuer.hs256WithPublicKey(good));
    hostile.put("unknown kid", LocalOidcIssuer.foreignKey(good));
    hostile.put("known kid, other key", issuer.rs256(good, "ec-1"));
    hostile.put("expired beyond the skew", issuer.token("mallory", now, b -> b
        .expirationTime(Date.from(now.minus(Duration.ofMinutes(2))))));
    hostile.put("no exp", issuer.token("mallory", now, b -> b.expirationTime(null)));
    hostile.put("nbf in the future", issuer.token("mallory", now, b -> b
        .notBeforeTime(Date.from(now.plus(Duration.ofMinutes(5))))));
    hostile.put("wrong issuer", issuer.token("mallory", now, b -> b.issuer("http://evil.example.com")));
    hostile.put("wrong audience", issuer.token("mallory", now, b -> b.audience("another-app")));
    hostile.put("no audience", issuer.token("mallory", now, b -> b.audience((String) null)));
    hostile.put("no sub", issuer.token("mallory", now, b -> b.subject(null)));
    hostile.put("truncated", valid.substring(0, valid.length() - 10));
    hostile.put("signature of another token", valid.substring(0, valid.lastIndexOf('.'))
        + issuer.token("other", now).substring(issuer.token("other", now).lastIndexOf('.')));
    hostile.put("oversized", issuer.token("mallory", now, b -> b.claim("pad", "x".repeat(20_000))));
    hostile.put("not a JWT", "hello");
    for (Map.Entry<String, String> e : hostile.entrySet()) {
      assertThatThrownBy(() -> id.getId(r -> r.identityPoolId(pool).logins(login(e.getValue()))))
          .as(e.getKey()).isInstanceOf(NotAuthorizedException.class);
    }
    // a skew within the tolerance is accepted: the first valid login creates mallory's identity only now
    String slightlyExpired = issuer.token("mallory", now, b -> b
        .expirationTime(Date.from(now.minus(Duration.ofSeconds(30)))));
    String mallory = id.getId(r -> r.identityPoolId(pool).logins(login(slightlyExpired))).identityId();
    // and nothing was linked before: an anonymous identity of a pool allowing them cannot be hijacked either
    for (Map.Entry<String, String> e : hostile.entrySet()) {
      assertThatThrownBy(() -> id.getCredentialsForIdentity(r -> r.identityId(mallory).logins(login(e.getValue()))))
          .as(e.getKey()).isInstanceOf(NotAuthorizedException.class);
    }
    assertThat(id.getCredentialsForIdentity(r -> r.identityId(mallory).logins(login(valid))).identityId())
        .isEqualTo(mallory);
  }
}
