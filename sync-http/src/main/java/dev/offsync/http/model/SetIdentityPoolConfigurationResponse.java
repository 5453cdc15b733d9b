package dev.offsync.http.model;

import java.util.Objects;
import java.util.regex.Pattern;

/**
 * The output for the SetIdentityPoolConfiguration operation.
 *
 * <p>Immutable; create one with {@link #builder()} and derive a modified copy with {@link #newBuilder()}.
 */
public final class SetIdentityPoolConfigurationResponse {
  private static final Pattern IDENTITY_POOL_ID_PATTERN = Pattern.compile("[\\w-]+:[0-9a-f-]+");

  private final String identityPoolId;
  private final PushSync pushSync;
  private final CognitoStreams cognitoStreams;

  private SetIdentityPoolConfigurationResponse(Builder builder) {
    this.identityPoolId = builder.identityPoolId;
    this.pushSync = builder.pushSync;
    this.cognitoStreams = builder.cognitoStreams;
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
   * Returns a builder initialised with every member of this value.
   *
   * @return a new builder holding a copy of this value
   */
  public Builder newBuilder() {
    return new Builder(this);
  }

  /**
   * A name-spaced GUID (for example, us-east-1:23EC4050-6AEA-7089-A2DD-08002EXAMPLE) created by Amazon
   * Cognito.
   *
   * @return the identityPoolId member (wire name {@code IdentityPoolId}), or {@code null} when absent
   */
  public String identityPoolId() {
    return identityPoolId;
  }

  /**
   * Options to apply to this identity pool for push synchronization.
   *
   * @return the pushSync member (wire name {@code PushSync}), or {@code null} when absent
   */
  public PushSync pushSync() {
    return pushSync;
  }

  /**
   * Options to apply to this identity pool for Amazon Cognito streams.
   *
   * @return the cognitoStreams member (wire name {@code CognitoStreams}), or {@code null} when absent
   */
  public CognitoStreams cognitoStreams() {
    return cognitoStreams;
  }

  @Override
  public boolean equals(Object other) {
    if (this == other) {
      return true;
    }
    if (!(other instanceof SetIdentityPoolConfigurationResponse)) {
      return false;
    }
    SetIdentityPoolConfigurationResponse that = (SetIdentityPoolConfigurationResponse) other;
    return Objects.equals(identityPoolId, that.identityPoolId)
        && Objects.equals(pushSync, that.pushSync)
        && Objects.equals(cognitoStreams, that.cognitoStreams);
  }

  @Override
  public int hashCode() {
    return Objects.hash(identityPoolId, pushSync, cognitoStreams);
  }

  @Override
  public String toString() {
    return "SetIdentityPoolConfigurationResponse{"
        + "identityPoolId=" + identityPoolId
        + ", pushSync=" + pushSync
        + ", cognitoStreams=" + cognitoStreams
        + "}";
  }

  /** Builds {@link SetIdentityPoolConfigurationResponse} values; not thread-safe. */
  public static final class Builder {
    private String identityPoolId;
    private PushSync pushSync;
    private CognitoStreams cognitoStreams;

    private Builder() {}

    private Builder(SetIdentityPoolConfigurationResponse value) {
      this.identityPoolId = value.identityPoolId;
      this.pushSync = value.pushSync;
      this.cognitoStreams = value.cognitoStreams;
    }

    /**
     * Sets the identityPoolId member (wire name {@code IdentityPoolId}). A name-spaced GUID (for example,
     * us-east-1:23EC4050-6AEA-7089-A2DD-08002EXAMPLE) created by Amazon Cognito.
     *
     * @param identityPoolId the new value, not null
     * @return this builder
     */
    public Builder identityPoolId(String identityPoolId) {
      Objects.requireNonNull(identityPoolId, "identityPoolId == null");
      this.identityPoolId = identityPoolId;
      return this;
    }

    /**
     * Sets the pushSync member (wire name {@code PushSync}). Options to apply to this identity pool for push
     * synchronization.
     *
     * @param pushSync the new value, not null
     * @return this builder
     */
    public Builder pushSync(PushSync pushSync) {
      Objects.requireNonNull(pushSync, "pushSync == null");
      this.pushSync = pushSync;
      return this;
    }

    /**
     * Sets the cognitoStreams member (wire name {@code CognitoStreams}). Options to apply to this identity
     * pool for Amazon Cognito streams.
     *
     * @param cognitoStreams the new value, not null
     * @return this builder
     */
    public Builder cognitoStreams(CognitoStreams cognitoStreams) {
      Objects.requireNonNull(cognitoStreams, "cognitoStreams == null");
      this.cognitoStreams = cognitoStreams;
      return this;
    }

    /**
     * Builds the value.
     *
     * @return the immutable value
     */
    public SetIdentityPoolConfigurationResponse build() {
      SetIdentityPoolConfigurationResponse value = new SetIdentityPoolConfigurationResponse(this);
      return value;
    }
  }
}
