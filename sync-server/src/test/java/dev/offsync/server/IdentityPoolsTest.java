package dev.offsync.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.offsync.server.testing.RawClient;
import dev.offsync.server.testing.ServerTestSupport;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.MethodSource;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.cognitoidentity.CognitoIdentityClient;
import software.amazon.awssdk.services.cognitoidentity.model.CognitoIdentityException;
import software.amazon.awssdk.services.cognitoidentity.model.CreateIdentityPoolResponse;
import software.amazon.awssdk.services.cognitoidentity.model.DescribeIdentityPoolResponse;
import software.amazon.awssdk.services.cognitoidentity.model.IdentityPoolShortDescription;
import software.amazon.awssdk.services.cognitoidentity.model.InvalidParameterException;
import software.amazon.awssdk.services.cognitoidentity.model.ListIdentityPoolsResponse;
import software.amazon.awssdk.services.cognitoidentity.model.NotAuthorizedException;
import software.amazon.awssdk.services.cognitoidentity.model.ResourceNotFoundException;
import software.amazon.awssdk.services.cognitosync.model.Dataset;

/**
 * The identity pool operations of Cognito Identity, driven by the AWS SDK's {@code CognitoIdentityClient} signed
 * with developer credentials, and their effect on unauthenticated {@code GetId} / {@code GetCredentialsForIdentity}.
 */
@ParameterizedClass(name = "[{index}] {0}")
@MethodSource("dev.offsync.server.testing.StoreFactories#all")
class IdentityPoolsTest extends ServerTestSupport {
  private final List<AutoCloseable> clients = new ArrayList<>();

  @AfterEach
  void closeClients() throws Exception {
    for (AutoCloseable c : clients) {
      c.close();
    }
  }

  private CognitoIdentityClient signed(AwsCredentialsProvider creds, Region region) {
    CognitoIdentityClient c = CognitoIdentityClient.builder()
        .endpointOverride(endpoint())
        .region(region)
        .httpClient(UrlConnectionHttpClient.create())
        .credentialsProvider(creds)
        .overrideConfiguration(o -> o.retryStrategy(AwsRetryStrategy.doNotRetry()))
        .build();
    clients.add(c);
    return c;
  }

  private CognitoIdentityClient admin() {
    return signed(StaticCredentialsProvider.create(AwsBasicCredentials.create(DEV_KEY, DEV_SECRET)), Region.US_EAST_1);
  }

  @Test
  void createDescribeUpdateDeleteRoundTrip() {
    CognitoIdentityClient admin = admin();
    CreateIdentityPoolResponse created = admin.createIdentityPool(r -> r.identityPoolName("My app pool")
        .allowUnauthenticatedIdentities(true)
        .supportedLoginProviders(Map.of("accounts.google.com", "client-1.apps.googleusercontent.com"))
        .developerProviderName("login.myapp")
        .openIdConnectProviderARNs("arn:aws:iam::123456789012:oidc-provider/issuer.example.com"));
    String poolId = created.identityPoolId();
    assertThat(poolId).matches("us-east-1:[0-9a-f-]{36}");
    assertThat(created.identityPoolName()).isEqualTo("My app pool");

    DescribeIdentityPoolResponse d = admin.describeIdentityPool(r -> r.identityPoolId(poolId));
    assertThat(d.allowUnauthenticatedIdentities()).isTrue();
    assertThat(d.supportedLoginProviders()).containsExactly(
        Map.entry("accounts.google.com", "client-1.apps.googleusercontent.com"));
    assertThat(d.developerProviderName()).isEqualTo("login.myapp");
    assertThat(d.openIdConnectProviderARNs())
        .containsExactly("arn:aws:iam::123456789012:oidc-provider/issuer.example.com");

    // a created pool is immediately usable for identities and for sync
    CognitoIdentityClient anonymous = identityClient();
    String identityId = anonymous.getId(r -> r.identityPoolId(poolId)).identityId();
    assertThat(anonymous.getCredentialsForIdentity(r -> r.identityId(identityId)).credentials()).isNotNull();

    // update: the developer provider name stays (omitted = unchanged); unauthenticated identities switched off
    admin.updateIdentityPool(r -> r.identityPoolId(poolId).identityPoolName("Renamed")
        .allowUnauthenticatedIdentities(false));
    DescribeIdentityPoolResponse u = admin.describeIdentityPool(r -> r.identityPoolId(poolId));
    assertThat(u.identityPoolName()).isEqualTo("Renamed");
    assertThat(u.allowUnauthenticatedIdentities()).isFalse();
    assertThat(u.developerProviderName()).isEqualTo("login.myapp");
    assertThat(u.supportedLoginProviders()).isEmpty();
    assertThatThrownBy(() -> anonymous.getId(r -> r.identityPoolId(poolId)))
        .isInstanceOf(NotAuthorizedException.class)
        .hasMessageContaining("Unauthenticated access is not supported for this identity pool");
    assertThatThrownBy(() -> anonymous.getCredentialsForIdentity(r -> r.identityId(identityId)))
        .isInstanceOf(NotAuthorizedException.class);
    // the developer provider name cannot change once set
    assertThatThrownBy(() -> admin.updateIdentityPool(r -> r.identityPoolId(poolId).identityPoolName("Renamed")
        .allowUnauthenticatedIdentities(false).developerProviderName("other.provider")))
        .isInstanceOf(InvalidParameterException.class);

    // settings survive a restart of the server over the same store
    restart();
    CognitoIdentityClient admin2 = admin();
    assertThat(admin2.describeIdentityPool(r -> r.identityPoolId(poolId)).identityPoolName()).isEqualTo("Renamed");

    admin2.deleteIdentityPool(r -> r.identityPoolId(poolId));
    assertThatThrownBy(() -> admin2.describeIdentityPool(r -> r.identityPoolId(poolId)))
        .isInstanceOf(ResourceNotFoundException.class);
    assertThatThrownBy(() -> admin2.deleteIdentityPool(r -> r.identityPoolId(poolId)))
        .isInstanceOf(ResourceNotFoundException.class);
    assertThatThrownBy(() -> identityClient().getId(r -> r.identityPoolId(poolId)))
        .isInstanceOf(ResourceNotFoundException.class);
    assertThatThrownBy(() -> admin2.updateIdentityPool(r -> r.identityPoolId(poolId).identityPoolName("x")
        .allowUnauthenticatedIdentities(true))).isInstanceOf(ResourceNotFoundException.class);
  }

  @Test
  void configuredPoolsHaveTheDefaultsAndCanBeUpdated() {
    CognitoIdentityClient admin = admin();
    DescribeIdentityPoolResponse d = admin.describeIdentityPool(r -> r.identityPoolId(POOL));
    assertThat(d.allowUnauthenticatedIdentities()).isTrue();
    assertThat(d.supportedLoginProviders()).isEmpty();
    assertThat(d.developerProviderName()).isNull();
    // existing identity keeps its data when the pool is switched to authenticated-only and back
    Identity id = newIdentity(POOL);
    developer().updateRecords(r -> r.identityPoolId(POOL).identityId(id.identityId()).datasetName("ds")
        .syncSessionToken(developer().listRecords(l -> l.identityPoolId(POOL).identityId(id.identityId())
            .datasetName("ds")).syncSessionToken())
        .recordPatches(p -> p.op("replace").key("k").value("v").syncCount(0L)));
    admin.updateIdentityPool(r -> r.identityPoolId(POOL).identityPoolName("configured")
        .allowUnauthenticatedIdentities(false));
    assertThatThrownBy(() -> identityClient().getCredentialsForIdentity(r -> r.identityId(id.identityId())))
        .isInstanceOf(NotAuthorizedException.class);
    admin.updateIdentityPool(r -> r.identityPoolId(POOL).identityPoolName("configured")
        .allowUnauthenticatedIdentities(true));
    assertThat(identityClient().getCredentialsForIdentity(r -> r.identityId(id.identityId())).identityId())
        .isEqualTo(id.identityId());
    List<Dataset> ds = developer().listDatasets(r -> r.identityPoolId(POOL).identityId(id.identityId())).datasets();
    assertThat(ds).extracting(Dataset::datasetName).containsExactly("ds");
  }

  @Test
  void listIsPagedAndSkipsDeletedPools() {
    CognitoIdentityClient admin = admin();
    List<String> created = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      int n = i;
      created.add(admin.createIdentityPool(r -> r.identityPoolName("p" + n).allowUnauthenticatedIdentities(true))
          .identityPoolId());
    }
    admin.deleteIdentityPool(r -> r.identityPoolId(created.get(1)));
    List<String> seen = new ArrayList<>();
    String token = null;
    int pages = 0;
    do {
      String t = token;
      ListIdentityPoolsResponse page = admin.listIdentityPools(r -> r.maxResults(2).nextToken(t));
      assertThat(page.identityPools()).hasSizeLessThanOrEqualTo(2);
      page.identityPools().stream().map(IdentityPoolShortDescription::identityPoolId).forEach(seen::add);
      token = page.nextToken();
      pages++;
    } while (token != null && pages < 10);
    assertThat(seen).containsExactlyInAnyOrder(POOL, OTHER_POOL, created.get(0), created.get(2));
    assertThat(seen).isSorted();
    assertThatThrownBy(() -> admin.listIdentityPools(r -> r.maxResults(0)))
        .isInstanceOf(InvalidParameterException.class);
    assertThatThrownBy(() -> admin.listIdentityPools(r -> r.maxResults(61)))
        .isInstanceOf(InvalidParameterException.class);
  }

  @Test
  void onlyDeveloperCredentialsManagePools() {
    // identity credentials are valid SigV4 credentials, but not a developer's
    Identity id = newIdentity(POOL);
    CognitoIdentityClient asIdentity = signed(StaticCredentialsProvider.create(id.credentials()), Region.US_EAST_1);
    assertThatThrownBy(() -> asIdentity.createIdentityPool(r -> r.identityPoolName("x")
        .allowUnauthenticatedIdentities(true))).isInstanceOf(NotAuthorizedException.class);
    assertThatThrownBy(() -> asIdentity.describeIdentityPool(r -> r.identityPoolId(POOL)))
        .isInstanceOf(NotAuthorizedException.class);
    // wrong secret and unsigned calls are refused before anything is read or written
    CognitoIdentityClient wrong = signed(StaticCredentialsProvider.create(
        AwsBasicCredentials.create(DEV_KEY, "not-the-secret")), Region.US_EAST_1);
    assertThatThrownBy(() -> wrong.deleteIdentityPool(r -> r.identityPoolId(POOL)))
        .isInstanceOfSatisfying(CognitoIdentityException.class, e -> {
          assertThat(e.statusCode()).isEqualTo(403);
          assertThat(e.awsErrorDetails().errorCode()).isEqualTo("InvalidSignatureException");
        });
    RawClient.Reply unsigned = raw().unsigned("POST", "/", "{\"IdentityPoolId\":\"" + POOL + "\"}", "X-Amz-Target",
        "AWSCognitoIdentityService.DeleteIdentityPool", "Content-Type", "application/x-amz-json-1.1");
    assertThat(unsigned.status()).isEqualTo(403);
    assertThat(unsigned.header("x-amzn-ErrorType")).isEqualTo("MissingAuthenticationTokenException");
    // a signature for Cognito Sync is not one for Cognito Identity
    RawClient.Reply syncScoped = raw().signed(AwsBasicCredentials.create(DEV_KEY, DEV_SECRET),
        java.time.Clock.systemUTC(), "POST", "/", "{\"IdentityPoolId\":\"" + POOL + "\"}",
        "X-Amz-Target", "AWSCognitoIdentityService.DeleteIdentityPool",
        "Content-Type", "application/x-amz-json-1.1");
    assertThat(syncScoped.status()).isEqualTo(403);
    assertThat(admin().describeIdentityPool(r -> r.identityPoolId(POOL)).identityPoolId()).isEqualTo(POOL);
  }

  @Test
  void operationsLeftOutAreUnknownOperationsNotStubs() {
    // the model's 23 operations minus the 7 implemented ones (docs/server.md lists the same 16)
    for (String op : List.of("GetOpenIdToken", "GetOpenIdTokenForDeveloperIdentity", "LookupDeveloperIdentity",
        "MergeDeveloperIdentities", "UnlinkDeveloperIdentity", "UnlinkIdentity", "DescribeIdentity", "ListIdentities",
        "DeleteIdentities", "GetIdentityPoolRoles", "SetIdentityPoolRoles", "GetPrincipalTagAttributeMap",
        "SetPrincipalTagAttributeMap", "TagResource", "UntagResource", "ListTagsForResource")) {
      RawClient.Reply r = raw().unsigned("POST", "/", "{}", "X-Amz-Target", "AWSCognitoIdentityService." + op,
          "Content-Type", "application/x-amz-json-1.1");
      assertThat(r.status()).as(op).isEqualTo(400);
      assertThat(r.header("x-amzn-ErrorType")).as(op).isEqualTo("UnknownOperationException");
    }
    assertThatThrownBy(() -> identityClient().listIdentities(r -> r.identityPoolId(POOL).maxResults(10)))
        .isInstanceOfSatisfying(CognitoIdentityException.class,
            e -> assertThat(e.awsErrorDetails().errorCode()).isEqualTo("UnknownOperationException"));
  }

  @Test
  void invalidRequestsAreTypedErrors() {
    CognitoIdentityClient admin = admin();
    assertThatThrownBy(() -> admin.createIdentityPool(r -> r.allowUnauthenticatedIdentities(true)))
        .isInstanceOf(InvalidParameterException.class);
    assertThatThrownBy(() -> admin.createIdentityPool(r -> r.identityPoolName("bad:name")
        .allowUnauthenticatedIdentities(true))).isInstanceOf(InvalidParameterException.class);
    assertThatThrownBy(() -> admin.createIdentityPool(r -> r.identityPoolName("x")
        .allowUnauthenticatedIdentities(true).developerProviderName("cognito-identity.amazonaws.com")))
        .isInstanceOf(InvalidParameterException.class);
    assertThatThrownBy(() -> admin.createIdentityPool(r -> r.identityPoolName("x")
        .allowUnauthenticatedIdentities(true).samlProviderARNs("arn:aws:iam::123456789012:saml-provider/x")))
        .isInstanceOf(InvalidParameterException.class);
    assertThatThrownBy(() -> admin.describeIdentityPool(r -> r.identityPoolId(
        "us-east-1:00000000-0000-0000-0000-000000000000"))).isInstanceOf(ResourceNotFoundException.class);
    assertThat(admin.listIdentityPools(r -> r.maxResults(60)).identityPools()).hasSize(2);
  }
}
