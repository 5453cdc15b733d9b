package dev.offsync.http.spi;

import java.time.Instant;
import java.util.Objects;

/**
 * An AWS access key pair, optionally with a session token and an expiry (temporary credentials from Cognito
 * Identity or STS).
 *
 * <p>Immutable. {@link #toString()} never reveals the secret access key or the session token.
 */
public final class AwsCredentials {
  private final String accessKeyId;
  private final String secretAccessKey;
  private final String sessionToken;
  private final Instant expiration;

  private AwsCredentials(Builder builder) {
    this.accessKeyId = builder.accessKeyId;
    this.secretAccessKey = builder.secretAccessKey;
    this.sessionToken = builder.sessionToken;
    this.expiration = builder.expiration;
  }

  /**
   * Returns long-term credentials without session token or expiry.
   *
   * @param accessKeyId the access key id, not empty
   * @param secretAccessKey the secret access key, not empty
   * @return the credentials
   */
  public static AwsCredentials create(String accessKeyId, String secretAccessKey) {
    return builder().accessKeyId(accessKeyId).secretAccessKey(secretAccessKey).build();
  }

  /**
   * Returns a new, empty builder.
   *
   * @return a new builder
   */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * Returns a builder initialised with these credentials.
   *
   * @return a new builder
   */
  public Builder newBuilder() {
    return new Builder(this);
  }

  /**
   * Returns the access key id.
   *
   * @return the access key id, never null
   */
  public String accessKeyId() {
    return accessKeyId;
  }

  /**
   * Returns the secret access key. Keep it out of logs.
   *
   * @return the secret access key, never null
   */
  public String secretAccessKey() {
    return secretAccessKey;
  }

  /**
   * Returns the session token of temporary credentials. Keep it out of logs.
   *
   * @return the session token, or {@code null} for long-term credentials
   */
  public String sessionToken() {
    return sessionToken;
  }

  /**
   * Returns when temporary credentials expire.
   *
   * @return the expiry, or {@code null} if the credentials do not expire
   */
  public Instant expiration() {
    return expiration;
  }

  @Override
  public boolean equals(Object other) {
    if (this == other) {
      return true;
    }
    if (!(other instanceof AwsCredentials)) {
      return false;
    }
    AwsCredentials that = (AwsCredentials) other;
    return accessKeyId.equals(that.accessKeyId)
        && secretAccessKey.equals(that.secretAccessKey)
        && Objects.equals(sessionToken, that.sessionToken)
        && Objects.equals(expiration, that.expiration);
  }

  @Override
  public int hashCode() {
    return Objects.hash(accessKeyId, secretAccessKey, sessionToken, expiration);
  }

  /** Shows the access key id and expiry only; the secret and the session token are redacted. */
  @Override
  public String toString() {
    return "AwsCredentials{accessKeyId="
        + accessKeyId
        + ", secretAccessKey=<redacted>"
        + (sessionToken == null ? "" : ", sessionToken=<redacted>")
        + (expiration == null ? "" : ", expiration=" + expiration)
        + "}";
  }

  /** Builds {@link AwsCredentials}; not thread-safe. */
  public static final class Builder {
    private String accessKeyId;
    private String secretAccessKey;
    private String sessionToken;
    private Instant expiration;

    private Builder() {}

    private Builder(AwsCredentials credentials) {
      this.accessKeyId = credentials.accessKeyId;
      this.secretAccessKey = credentials.secretAccessKey;
      this.sessionToken = credentials.sessionToken;
      this.expiration = credentials.expiration;
    }

    /**
     * Sets the access key id. Required.
     *
     * @param accessKeyId the access key id, not null
     * @return this builder
     */
    public Builder accessKeyId(String accessKeyId) {
      this.accessKeyId = Objects.requireNonNull(accessKeyId, "accessKeyId == null");
      return this;
    }

    /**
     * Sets the secret access key. Required.
     *
     * @param secretAccessKey the secret access key, not null
     * @return this builder
     */
    public Builder secretAccessKey(String secretAccessKey) {
      this.secretAccessKey = Objects.requireNonNull(secretAccessKey, "secretAccessKey == null");
      return this;
    }

    /**
     * Sets the session token of temporary credentials.
     *
     * @param sessionToken the session token, not null
     * @return this builder
     */
    public Builder sessionToken(String sessionToken) {
      this.sessionToken = Objects.requireNonNull(sessionToken, "sessionToken == null");
      return this;
    }

    /**
     * Sets when temporary credentials expire.
     *
     * @param expiration the expiry, not null
     * @return this builder
     */
    public Builder expiration(Instant expiration) {
      this.expiration = Objects.requireNonNull(expiration, "expiration == null");
      return this;
    }

    /**
     * Builds the credentials.
     *
     * @return the credentials
     * @throws IllegalArgumentException if the access key id or the secret is missing or empty
     */
    public AwsCredentials build() {
      if (accessKeyId == null || accessKeyId.isEmpty()) {
        throw new IllegalArgumentException("accessKeyId is required");
      }
      if (secretAccessKey == null || secretAccessKey.isEmpty()) {
        throw new IllegalArgumentException("secretAccessKey is required");
      }
      return new AwsCredentials(this);
    }
  }
}
