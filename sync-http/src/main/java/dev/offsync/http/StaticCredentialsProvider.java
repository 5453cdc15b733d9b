package dev.offsync.http;

import dev.offsync.http.spi.AwsCredentials;
import dev.offsync.http.spi.CredentialsProvider;
import java.util.Objects;

/**
 * Always supplies the same credentials, e.g. a developer's IAM key pair for a server-side or test client. Cannot
 * refresh; {@link #invalidate(AwsCredentials)} is ignored. Immutable and thread-safe.
 */
public final class StaticCredentialsProvider implements CredentialsProvider {
  private final AwsCredentials credentials;

  private StaticCredentialsProvider(AwsCredentials credentials) {
    this.credentials = credentials;
  }

  /**
   * Returns a provider of {@code credentials}.
   *
   * @param credentials the credentials, not null
   * @return the provider
   */
  public static StaticCredentialsProvider create(AwsCredentials credentials) {
    return new StaticCredentialsProvider(Objects.requireNonNull(credentials, "credentials == null"));
  }

  /**
   * Returns a provider of long-term credentials.
   *
   * @param accessKeyId the access key id, not null
   * @param secretAccessKey the secret access key, not null
   * @return the provider
   */
  public static StaticCredentialsProvider create(String accessKeyId, String secretAccessKey) {
    Objects.requireNonNull(accessKeyId, "accessKeyId == null");
    Objects.requireNonNull(secretAccessKey, "secretAccessKey == null");
    return create(AwsCredentials.create(accessKeyId, secretAccessKey));
  }

  @Override
  public AwsCredentials credentials() {
    return credentials;
  }

  @Override
  public String toString() {
    return "StaticCredentialsProvider{" + credentials + "}";
  }
}
