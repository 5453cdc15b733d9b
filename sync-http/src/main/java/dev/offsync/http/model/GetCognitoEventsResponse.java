package dev.offsync.http.model;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * The response from the GetCognitoEvents request.
 *
 * <p>Immutable; create one with {@link #builder()} and derive a modified copy with {@link #newBuilder()}.
 */
public final class GetCognitoEventsResponse {
  private final Map<String, String> events;

  private GetCognitoEventsResponse(Builder builder) {
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
   * The Cognito Events returned from the GetCognitoEvents request.
   *
   * @return the events member (wire name {@code Events}); an unmodifiable map, empty when absent
   */
  public Map<String, String> events() {
    return events;
  }

  @Override
  public boolean equals(Object other) {
    if (this == other) {
      return true;
    }
    if (!(other instanceof GetCognitoEventsResponse)) {
      return false;
    }
    GetCognitoEventsResponse that = (GetCognitoEventsResponse) other;
    return Objects.equals(events, that.events);
  }

  @Override
  public int hashCode() {
    return Objects.hash(events);
  }

  @Override
  public String toString() {
    return "GetCognitoEventsResponse{"
        + "events=" + events
        + "}";
  }

  /** Builds {@link GetCognitoEventsResponse} values; not thread-safe. */
  public static final class Builder {
    private Map<String, String> events;

    private Builder() {}

    private Builder(GetCognitoEventsResponse value) {
      this.events = value.events;
    }

    /**
     * Sets the events member (wire name {@code Events}). The Cognito Events returned from the
     * GetCognitoEvents request.
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
     * Builds the value.
     *
     * @return the immutable value
     */
    public GetCognitoEventsResponse build() {
      GetCognitoEventsResponse value = new GetCognitoEventsResponse(this);
      return value;
    }
  }
}
