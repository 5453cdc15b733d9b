package dev.offsync.http.model;

import java.util.Objects;
import java.util.regex.Pattern;

/**
 * A request for a list of the configured Cognito Events.
 *
 * <p>Immutable; create one with {@link #builder()} and derive a modified copy with {@link #newBuilder()}.
 * {@link Builder#build()} validates the model's constraints (required members, lengths, patterns, sizes) and
 * throws {@link IllegalArgumentException} naming the offending field.
 */
public final class GetCognitoEventsRequest {
  private static final Pattern IDENTITY_POOL_ID_PATTERN = Pattern.compile("[\\w-]+:[0-9a-f-]+");

  private final String identityPoolId;

  private GetCognitoEventsRequest(Builder builder) {
    this.identityPoolId = builder.identityPoolId;
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
   * The Cognito Identity Pool ID for the request.
   *
   * @return the identityPoolId member (wire name {@code IdentityPoolId}), or {@code null} when absent
   */
  public String identityPoolId() {
    return identityPoolId;
  }

  void validate(String path) {
    Validation.require(identityPoolId, path + ".identityPoolId");
    if (identityPoolId != null) {
      Validation.checkLength(identityPoolId, 1, 55, path + ".identityPoolId");
      Validation.checkPattern(identityPoolId, IDENTITY_POOL_ID_PATTERN, path + ".identityPoolId");
    }
  }

  @Override
  public boolean equals(Object other) {
    if (this == other) {
      return true;
    }
    if (!(other instanceof GetCognitoEventsRequest)) {
      return false;
    }
    GetCognitoEventsRequest that = (GetCognitoEventsRequest) other;
    return Objects.equals(identityPoolId, that.identityPoolId);
  }

  @Override
  public int hashCode() {
    return Objects.hash(identityPoolId);
  }

  @Override
  public String toString() {
    return "GetCognitoEventsRequest{"
        + "identityPoolId=" + identityPoolId
        + "}";
  }

  /** Builds {@link GetCognitoEventsRequest} values; not thread-safe. */
  public static final class Builder {
    private String identityPoolId;

    private Builder() {}

    private Builder(GetCognitoEventsRequest value) {
      this.identityPoolId = value.identityPoolId;
    }

    /**
     * Sets the identityPoolId member (wire name {@code IdentityPoolId}). Required. The Cognito Identity Pool
     * ID for the request.
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
     * Builds the value after validating the model's constraints.
     *
     * @return the immutable value
     * @throws IllegalArgumentException if a required member is missing or a constraint is violated; the
     *     message names the field
     */
    public GetCognitoEventsRequest build() {
      GetCognitoEventsRequest value = new GetCognitoEventsRequest(this);
      value.validate("GetCognitoEventsRequest");
      return value;
    }
  }
}
