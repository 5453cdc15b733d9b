package dev.offsync.server.testing;

import dev.offsync.testing.VirtualClock;
import dev.offsync.server.SyncServer;
import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.Parameter;
import software.amazon.awssdk.auth.credentials.AnonymousCredentialsProvider;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentials;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.cognitoidentity.CognitoIdentityClient;
import software.amazon.awssdk.services.cognitoidentity.model.Credentials;
import software.amazon.awssdk.services.cognitosync.CognitoSyncClient;

/**
 * Base of the server suites: a server on 127.0.0.1:0 over a fresh store (one per {@link StoreFactory}) in a
 * {@code @TempDir}, and real AWS SDK v2 clients pointed at it. Subclasses are {@code @ParameterizedClass} over
 * {@link StoreFactories#all()}.
 */
public abstract class ServerTestSupport {
  /** The configured identity pool. */
  public static final String POOL = "us-east-1:0d3b5a52-5d1f-4c1b-9a4e-3c1f0e0c2a11";
  /** A second configured pool. */
  public static final String OTHER_POOL = "eu-west-1:7a1c8e9f-0000-4b6a-9c3d-2e1f0a9b8c7d";
  /** Developer key id. */
  public static final String DEV_KEY = "AKIADEVELOPER0001";
  /** Developer secret. */
  public static final String DEV_SECRET = "developer-secret-key-0001";

  @Parameter protected StoreFactory storeFactory;
  @TempDir protected Path dataDir;

  protected final VirtualClock clock = VirtualClock.systemPlusOffset();
  protected SyncServer server;
  private final List<AutoCloseable> closeables = new ArrayList<>();

  /**
   * Adjusts the server before it starts.
   *
   * @param b the builder
   */
  protected void configure(SyncServer.Builder b) {}

  @BeforeEach
  void startServer() {
    SyncServer.Builder b = SyncServer.builder()
        .host("127.0.0.1")
        .port(0)
        .dataDirectory(dataDir)
        .developerKey(DEV_KEY, DEV_SECRET)
        .identityPool(POOL)
        .identityPool(OTHER_POOL)
        .clock(clock)
        .store(storeFactory.open(dataDir));
    configure(b);
    server = b.build().start();
  }

  @AfterEach
  void stopServer() throws Exception {
    for (AutoCloseable c : closeables) {
      c.close();
    }
    if (server != null) {
      server.close();
    }
  }

  /**
   * Restarts the server over the same data directory (new store instance from the same factory).
   */
  protected void restart() {
    server.close();
    SyncServer.Builder b = SyncServer.builder().host("127.0.0.1").port(0).dataDirectory(dataDir)
        .developerKey(DEV_KEY, DEV_SECRET).identityPool(POOL).identityPool(OTHER_POOL).clock(clock)
        .store(storeFactory.open(dataDir));
    configure(b);
    server = b.build().start();
  }

  protected URI endpoint() {
    return server.baseUri();
  }

  /**
   * A Cognito Sync client with the given credentials.
   *
   * @param creds credentials
   * @return the client (closed after the test)
   */
  protected CognitoSyncClient syncClient(AwsCredentials creds) {
    CognitoSyncClient c = CognitoSyncClient.builder()
        .endpointOverride(endpoint())
        .region(Region.US_EAST_1)
        .httpClient(UrlConnectionHttpClient.create())
        .credentialsProvider(StaticCredentialsProvider.create(creds))
        .overrideConfiguration(o -> o.retryStrategy(AwsRetryStrategy.doNotRetry()))
        .build();
    closeables.add(c);
    return c;
  }

  /**
   * A client with the developer key.
   *
   * @return the client
   */
  protected CognitoSyncClient developer() {
    return syncClient(AwsBasicCredentials.create(DEV_KEY, DEV_SECRET));
  }

  /**
   * A Cognito Identity client (unsigned calls).
   *
   * @return the client
   */
  protected CognitoIdentityClient identityClient() {
    CognitoIdentityClient c = CognitoIdentityClient.builder()
        .endpointOverride(endpoint())
        .region(Region.US_EAST_1)
        .httpClient(UrlConnectionHttpClient.create())
        .credentialsProvider(AnonymousCredentialsProvider.create())
        .overrideConfiguration(o -> o.retryStrategy(AwsRetryStrategy.doNotRetry()))
        .build();
    closeables.add(c);
    return c;
  }

  /** A new unauthenticated identity with its temporary credentials. */
  protected record Identity(String poolId, String identityId, AwsSessionCredentials credentials) {}

  /**
   * Creates an identity in a pool through the identity endpoint and fetches its credentials.
   *
   * @param poolId the pool
   * @return the identity
   */
  protected Identity newIdentity(String poolId) {
    CognitoIdentityClient id = identityClient();
    String identityId = id.getId(r -> r.identityPoolId(poolId).accountId("123456789012")).identityId();
    Credentials c = id.getCredentialsForIdentity(r -> r.identityId(identityId)).credentials();
    return new Identity(poolId, identityId,
        AwsSessionCredentials.create(c.accessKeyId(), c.secretKey(), c.sessionToken()));
  }

  /**
   * A raw wire client.
   *
   * @return the client
   */
  protected RawClient raw() {
    return new RawClient(endpoint());
  }
}
