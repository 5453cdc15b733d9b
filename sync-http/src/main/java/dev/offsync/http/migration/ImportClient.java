package dev.offsync.http.migration;

import dev.offsync.http.CognitoSyncClient;
import dev.offsync.http.RetryPolicy;
import dev.offsync.http.internal.RequestRunner;
import dev.offsync.http.internal.SigV4Signer;
import dev.offsync.http.internal.migration.ImportWire;
import dev.offsync.http.spi.CredentialsProvider;
import java.io.Closeable;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import okhttp3.HttpUrl;
import okhttp3.OkHttpClient;

/**
 * The client of offsync's {@code ImportRecords} extension ({@code POST
 * /identitypools/{pool}/identities/{id}/datasets/{name}/import}), which only offsync's sync-server implements and
 * only developer credentials may call. Signed with SigV4 for {@code cognito-sync} like {@link CognitoSyncClient};
 * errors are the same typed exceptions ({@code ResourceConflictException} when the import would move a sync count
 * backwards, {@code NotAuthorizedException} for identity credentials).
 */
public final class ImportClient implements Closeable {
  private final RequestRunner runner;
  private final OkHttpClient http;

  private ImportClient(Builder b) {
    Objects.requireNonNull(b.endpoint, "endpoint == null");
    Objects.requireNonNull(b.credentialsProvider, "credentialsProvider == null");
    this.http = new OkHttpClient.Builder()
        .connectTimeout(10, TimeUnit.SECONDS)
        .readTimeout(60, TimeUnit.SECONDS)
        .writeTimeout(60, TimeUnit.SECONDS)
        .callTimeout(b.callTimeout.toMillis(), TimeUnit.MILLISECONDS)
        .build();
    this.runner = new RequestRunner(http, b.endpoint, new SigV4Signer(CognitoSyncClient.SIGNING_NAME, b.region),
        b.credentialsProvider, Clock.systemUTC(), b.retryPolicy, duration -> Thread.sleep(duration.toMillis()),
        CognitoSyncClient.DEFAULT_USER_AGENT, 1024 * 1024, () -> ThreadLocalRandom.current().nextDouble());
  }

  /**
   * Returns a new builder; endpoint and credentials are required.
   *
   * @return the builder
   */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * Imports one page of a dataset.
   *
   * @param page the page
   * @return what the server did
   * @throws dev.offsync.http.CognitoSyncServiceException for an error response
   * @throws dev.offsync.http.CognitoSyncIoException if the server could not be reached after all attempts
   */
  public ImportResult importRecords(DatasetImport page) {
    Objects.requireNonNull(page, "page == null");
    return runner.execute(ImportWire.marshalImport(page), ImportWire::readImport, null);
  }

  /** Releases the HTTP client's threads and connections. */
  @Override
  public void close() {
    http.dispatcher().executorService().shutdown();
    http.connectionPool().evictAll();
  }

  /** Builder of {@link ImportClient}. */
  public static final class Builder {
    private HttpUrl endpoint;
    private String region = "us-east-1";
    private CredentialsProvider credentialsProvider;
    private RetryPolicy retryPolicy = RetryPolicy.defaults();
    private Duration callTimeout = Duration.ofSeconds(120);

    private Builder() {}

    /**
     * Sets the offsync server's endpoint.
     *
     * @param endpoint e.g. {@code http://127.0.0.1:8080/}
     * @return this
     */
    public Builder endpoint(String endpoint) {
      Objects.requireNonNull(endpoint, "endpoint == null");
      HttpUrl url = HttpUrl.parse(endpoint);
      if (url == null) {
        throw new IllegalArgumentException("not an http(s) URL: " + endpoint);
      }
      this.endpoint = url;
      return this;
    }

    /**
     * Sets the signing region.
     *
     * @param region the region
     * @return this
     */
    public Builder region(String region) {
      this.region = Objects.requireNonNull(region, "region == null");
      return this;
    }

    /**
     * Sets the developer credentials.
     *
     * @param credentialsProvider the credentials
     * @return this
     */
    public Builder credentialsProvider(CredentialsProvider credentialsProvider) {
      this.credentialsProvider = Objects.requireNonNull(credentialsProvider, "credentialsProvider == null");
      return this;
    }

    /**
     * Sets the retry policy.
     *
     * @param retryPolicy the policy
     * @return this
     */
    public Builder retryPolicy(RetryPolicy retryPolicy) {
      this.retryPolicy = Objects.requireNonNull(retryPolicy, "retryPolicy == null");
      return this;
    }

    /**
     * Sets the bound of one call, retries included.
     *
     * @param callTimeout the timeout
     * @return this
     */
    public Builder callTimeout(Duration callTimeout) {
      this.callTimeout = Objects.requireNonNull(callTimeout, "callTimeout == null");
      return this;
    }

    /**
     * Builds the client.
     *
     * @return the client
     */
    public ImportClient build() {
      return new ImportClient(this);
    }
  }
}
