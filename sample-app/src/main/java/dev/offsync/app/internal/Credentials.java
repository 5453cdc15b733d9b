package dev.offsync.app.internal;

import dev.offsync.http.CognitoIdentityCredentialsProvider;
import dev.offsync.http.EnvironmentCredentialsProvider;
import dev.offsync.http.spi.CredentialsProvider;
import java.util.Objects;

/**
 * Where the commands get signing credentials: the environment ({@code AWS_ACCESS_KEY_ID},
 * {@code AWS_SECRET_ACCESS_KEY}, optionally {@code AWS_SESSION_TOKEN}) when set, otherwise temporary credentials
 * for an identity from Cognito Identity (AWS's, or the one {@code offsync server} serves on its own port).
 */
public final class Credentials {
  private Credentials() {}

  /**
   * Whether the environment holds an access key pair.
   *
   * @param context the environment
   * @return {@code true} when both {@code AWS_ACCESS_KEY_ID} and {@code AWS_SECRET_ACCESS_KEY} are set
   */
  public static boolean inEnvironment(CliContext context) {
    Objects.requireNonNull(context, "context == null");
    return context.env(EnvironmentCredentialsProvider.ACCESS_KEY_ID) != null
        && context.env(EnvironmentCredentialsProvider.SECRET_ACCESS_KEY) != null;
  }

  /**
   * Returns the environment's credentials.
   *
   * @param context the environment
   * @return a provider reading them
   */
  public static CredentialsProvider fromEnvironment(CliContext context) {
    Objects.requireNonNull(context, "context == null");
    return EnvironmentCredentialsProvider.fromMap(context.environment());
  }

  /**
   * Returns a Cognito Identity provider for a pool, optionally for a known identity.
   *
   * @param identityEndpoint the Cognito Identity endpoint, or {@code null} for AWS's in {@code region}
   * @param region the region
   * @param identityPoolId the pool
   * @param identityId the identity, or {@code null} to create one with {@code GetId}
   * @return the provider
   */
  public static CognitoIdentityCredentialsProvider cognitoIdentity(
      String identityEndpoint, String region, String identityPoolId, String identityId) {
    Objects.requireNonNull(region, "region == null");
    Objects.requireNonNull(identityPoolId, "identityPoolId == null");
    CognitoIdentityCredentialsProvider.Builder builder = CognitoIdentityCredentialsProvider.builder()
        .region(region)
        .identityPoolId(identityPoolId);
    if (identityEndpoint != null) {
      builder.endpoint(identityEndpoint);
    }
    if (identityId != null) {
      builder.identityId(identityId);
    }
    return builder.build();
  }
}
