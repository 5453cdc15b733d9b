package dev.offsync.http;

import dev.offsync.http.spi.AwsCredentials;
import dev.offsync.http.spi.CredentialsProvider;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;

/**
 * Reads credentials from the environment variables {@code AWS_ACCESS_KEY_ID}, {@code AWS_SECRET_ACCESS_KEY} and,
 * optionally, {@code AWS_SESSION_TOKEN}, on every call (so a changed environment is picked up). Thread-safe.
 */
public final class EnvironmentCredentialsProvider implements CredentialsProvider {
  /** The variable holding the access key id. */
  public static final String ACCESS_KEY_ID = "AWS_ACCESS_KEY_ID";
  /** The variable holding the secret access key. */
  public static final String SECRET_ACCESS_KEY = "AWS_SECRET_ACCESS_KEY";
  /** The variable holding the session token of temporary credentials. */
  public static final String SESSION_TOKEN = "AWS_SESSION_TOKEN";

  private final Function<String, String> environment;

  private EnvironmentCredentialsProvider(Function<String, String> environment) {
    this.environment = environment;
  }

  /**
   * Returns a provider reading the process environment ({@link System#getenv(String)}).
   *
   * @return the provider
   */
  public static EnvironmentCredentialsProvider create() {
    return new EnvironmentCredentialsProvider(System::getenv);
  }

  /**
   * Returns a provider reading the given variables instead of the process environment (for tests and for
   * platforms without one).
   *
   * @param variables the variables, not null; copied
   * @return the provider
   */
  public static EnvironmentCredentialsProvider fromMap(Map<String, String> variables) {
    Objects.requireNonNull(variables, "variables == null");
    Map<String, String> copy = new java.util.HashMap<>(variables);
    return new EnvironmentCredentialsProvider(copy::get);
  }

  /**
   * Returns the credentials the environment holds now.
   *
   * @return the credentials
   * @throws CredentialsException if {@code AWS_ACCESS_KEY_ID} or {@code AWS_SECRET_ACCESS_KEY} is missing or empty
   */
  @Override
  public AwsCredentials credentials() {
    String accessKeyId = trimmed(environment.apply(ACCESS_KEY_ID));
    String secret = trimmed(environment.apply(SECRET_ACCESS_KEY));
    String token = trimmed(environment.apply(SESSION_TOKEN));
    if (accessKeyId == null || secret == null) {
      throw new CredentialsException(
          "environment variables " + ACCESS_KEY_ID + " and " + SECRET_ACCESS_KEY + " must both be set", null);
    }
    AwsCredentials.Builder builder =
        AwsCredentials.builder().accessKeyId(accessKeyId).secretAccessKey(secret);
    if (token != null) {
      builder.sessionToken(token);
    }
    return builder.build();
  }

  private static String trimmed(String value) {
    if (value == null) {
      return null;
    }
    String trimmed = value.trim();
    return trimmed.isEmpty() ? null : trimmed;
  }

  @Override
  public String toString() {
    return "EnvironmentCredentialsProvider";
  }
}
