package dev.offsync.http.e2e;

import dev.offsync.http.CognitoIdentityCredentialsProvider;
import dev.offsync.http.CognitoSyncClient;
import dev.offsync.http.CognitoSyncRemoteStore;
import dev.offsync.http.RetryPolicy;
import dev.offsync.http.StaticCredentialsProvider;
import dev.offsync.server.SyncServer;
import dev.offsync.spi.RemoteStore;
import dev.offsync.testing.RemoteStoreContract;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;

/** sync-core's RemoteStore contract, run against CognitoSyncRemoteStore and a real in-process sync-server. */
class CognitoSyncRemoteStoreContractTest extends RemoteStoreContract {
  private static final String POOL = "us-east-1:0c0a7c0f-5555-6666-7777-888899990000";

  @TempDir static Path data;
  private static SyncServer server;
  private static CognitoSyncClient client;
  private final List<CognitoSyncClient> identityClients = new ArrayList<>();

  @BeforeAll
  static void startServer() {
    server =
        SyncServer.builder()
            .host("127.0.0.1")
            .port(0)
            .dataDirectory(data)
            .developerKey("AKIDCONTRACT", "contract-secret")
            .identityPool(POOL)
            .build()
            .start();
    client =
        CognitoSyncClient.builder()
            .endpoint(server.baseUri().toString())
            .credentialsProvider(StaticCredentialsProvider.create("AKIDCONTRACT", "contract-secret"))
            .retryPolicy(RetryPolicy.builder().maxAttempts(2).baseDelay(Duration.ofMillis(10)).build())
            .callTimeout(Duration.ofSeconds(20))
            .build();
  }

  @AfterAll
  static void stopServer() {
    client.close();
    server.close();
  }

  @AfterEach
  void closeIdentityClients() {
    identityClients.forEach(CognitoSyncClient::close);
  }

  /** The push operations need the identity's own credentials: a fresh identity from the server's GetId. */
  @Override
  protected PushTarget newPushTarget() {
    CognitoIdentityCredentialsProvider credentials = CognitoIdentityCredentialsProvider.builder()
        .endpoint(server.baseUri().toString())
        .identityPoolId(POOL)
        .retryPolicy(RetryPolicy.none())
        .build();
    CognitoSyncClient identityClient = CognitoSyncClient.builder()
        .endpoint(server.baseUri().toString())
        .credentialsProvider(credentials)
        .retryPolicy(RetryPolicy.builder().maxAttempts(2).baseDelay(Duration.ofMillis(10)).build())
        .callTimeout(Duration.ofSeconds(20))
        .build();
    identityClients.add(identityClient);
    return new PushTarget(CognitoSyncRemoteStore.create(identityClient, POOL), credentials.identityId());
  }

  @Override
  protected RemoteStore createStore() {
    return CognitoSyncRemoteStore.create(client, POOL);
  }

  @Override
  protected String newIdentityId() {
    return "us-east-1:" + UUID.randomUUID();
  }
}
