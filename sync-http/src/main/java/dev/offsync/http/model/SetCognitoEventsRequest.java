package dev.offsync.http.model;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * A request to configure Cognito Events".
 *
 * <p>Immutable; create one with {@link #builder()} and derive a modified copy with {@link #newBuilder()}.
 * {@link Builder#build()} validates the model's constraints (required members, lengths, patterns, sizes) and
 * throws {@link IllegalArgumentException} naming the offending field.
 */
public final class SetCognitoEventsRequest {
  private static final Pattern IDENTITY_POOL_ID_PATTERN = Pattern.compile("[\\w-]+:[0-9a-f-]+");

  private final String identityPoolId;
  private final Map<String, String> events;

  private SetCognitoEventsRequest(Builder builder) {
    this.identityPoolId = builder.identityPoolId;
    this.events = builder.events == null ? Collections.<String, String>emptyMap() : builder.events;
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
   * The Cognito Identity Pool to use when configuring Cognito Events.
   *
   * @return the identityPoolId member (wire name {@code IdentityPoolId}), or {@code null} when absent
   */
  public String identityPoolId() {
    return identityPoolId;
  }

  /**
   * The events to configure.
   *
   * @return the events member (wire name {@code Events}); an unmodifiable map, empty when absent
   */
  public Map<String, String> events() {
    return events;
  }

  void validate(String path) {
    Validation.require(identityPoolId, path + ".identityPoolId");
    if (identityPoolId != null) {
      Validation.checkLength(identityPoolId, 1, 55, path + ".identityPoolId");
      Validation.checkPattern(identityPoolId, IDENTITY_POOL_ID_PATTERN, path + ".identityPoolId");
    }
    Validation.require(events, path + ".events");
    if (events != null) {
      Validation.checkSize(events.size(), 0, 1, path + ".events");
    }
  }

  @Override
  public boolean equals(Object other) {
    if (this == other) {
      return true;
    }
    if (!(other instanceof SetCognitoEventsRequest)) {
      return false;
    }
    SetCognitoEventsRequest that = (SetCognitoEventsRequest) other;
    return Objects.equals(identityPoolId, that.identityPoolId)
        && Objects.equals(events, that.events);
  }

  @Override
  public int hashCode() {
    return Objects.hash(identityPoolId, events);
  }

  @Override
  public String toString() {
    return "SetCognitoEventsRequest{"
        + "identityPoolId=" + identityPoolId
        + ", events=" + events
        + "}";
  }

  /** Builds {@link SetCognitoEventsRequest} values; not thread-safe. */
  public static final class Builder {
    private String identityPoolId;
    private Map<String, String> events;

    private Builder() {}

    private Builder(SetCognitoEventsRequest value) {
      this.identityPoolId = value.identityPoolId;
      this.events = value.events;
    }

    /**
     * Sets the identityPoolId member (wire name {@code IdentityPoolId}). Required. The Cognito Identity Pool
     * to use when configuring Cognito Events.
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
     * Sets the events member (wire name {@code Events}). Required. The events to configure.
     *
     * @param events the new value, not null
     * @return this builder
     */
    public Builder events(Map<String, String> events) {
      Objects.requireNonNull(events, "events == null");
      Map<String, String> copy = new LinkedHashMap<>();
      for (Map.Entry<String, String> entry : events.entrySet()) {
        copy.put(
            Objects.requireNonNull(entry.getKey(), "events key == null"),
            Objects.requireNonNull(entry.getValue(), "events value == null"));
      }
      this.events = Collections.unmodifiableMap(copy);
      return this;
    }

    /**
     * Builds the value after validating the model's constraints.
     *
     * @return the immutable value
     * @throws IllegalArgumentException if a required member is missing or a constraint is violated; the
     *     message names the field
     */
    public SetCognitoEventsRequest build() {
      SetCognitoEventsRequest value = new SetCognitoEventsRequest(this);
      value.validate("SetCognitoEventsRequest");
      return value;
    }
  }
}
