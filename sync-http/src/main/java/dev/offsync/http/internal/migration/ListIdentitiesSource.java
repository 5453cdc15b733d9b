package dev.offsync.http.internal.migration;

import com.fasterxml.jackson.databind.JsonNode;
import dev.offsync.http.CognitoSyncClient;
import dev.offsync.http.RetryPolicy;
import dev.offsync.http.internal.RequestRunner;
import dev.offsync.http.internal.SigV4Signer;
import dev.offsync.http.migration.IdentitySource;
import dev.offsync.http.spi.CredentialsProvider;
import java.time.Clock;
import java.util.Objects;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import okhttp3.HttpUrl;
import okhttp3.OkHttpClient;

/** Identities from Cognito Identity's {@code ListIdentities}, one page (60) at a time. */
public final class ListIdentitiesSource implements IdentitySource {
  private final HttpUrl endpoint;
  private final String region;
  private final CredentialsProvider credentials;
  private final String poolId;

  /**
   * Creates the source.
   *
   * @param endpoint Cognito Identity endpoint
   * @param region signing region
   * @param credentials developer credentials
   * @param poolId the pool
   */
  public ListIdentitiesSource(String endpoint, String region, CredentialsProvider credentials, String poolId) {
    this.endpoint = HttpUrl.get(Objects.requireNonNull(endpoint, "endpoint == null"));
    this.region = Objects.requireNonNull(region, "region == null");
    this.credentials = Objects.requireNonNull(credentials, "credentials == null");
    this.poolId = Objects.requireNonNull(poolId, "identityPoolId == null");
  }

  @Override
  public void forEach(Consumer<String> sink) {
    OkHttpClient http = new OkHttpClient.Builder().callTimeout(120, TimeUnit.SECONDS).build();
    try {
      RequestRunner runner = new RequestRunner(http, endpoint, new SigV4Signer("cognito-identity", region),
          credentials, Clock.systemUTC(), RetryPolicy.defaults(), d -> Thread.sleep(d.toMillis()),
          CognitoSyncClient.DEFAULT_USER_AGENT, 16L * 1024 * 1024, () -> ThreadLocalRandom.current().nextDouble());
      String token = null;
      do {
        JsonNode page = runner.execute(ImportWire.marshalListIdentities(poolId, token), n -> n, null);
        JsonNode ids = page.get("Identities");
        if (ids != null && ids.isArray()) {
          for (JsonNode i : ids) {
            JsonNode id = i.get("IdentityId");
            if (id != null && id.isTextual()) {
              sink.accept(id.asText());
            }
          }
        }
        JsonNode next = page.get("NextToken");
        token = next != null && next.isTextual() && !next.asText().isEmpty() ? next.asText() : null;
      } while (token != null);
    } finally {
      http.dispatcher().executorService().shutdown();
      http.connectionPool().evictAll();
    }
  }
}
