package dev.offsync.http.model;

import java.util.Objects;

/**
 * The (empty) result of SetCognitoEvents. The model defines no output shape for this operation; this type
 * exists so that every operation has a response type.
 *
 * <p>Immutable; create one with {@link #builder()} and derive a modified copy with {@link #newBuilder()}.
 */
public final class SetCognitoEventsResponse {
  private SetCognitoEventsResponse(Builder builder) {
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

  @Override
  public boolean equals(Object other) {
    if (this == other) {
      return true;
    }
    if (!(other instanceof SetCognitoEventsResponse)) {
      return false;
    }
    return true;
  }

  @Override
  public int hashCode() {
    return SetCognitoEventsResponse.class.getName().hashCode();
  }

  @Override
  public String toString() {
    return "SetCognitoEventsResponse{}";
  }

  /** Builds {@link SetCognitoEventsResponse} values; not thread-safe. */
  public static final class Builder {
    private Builder() {}

    private Builder(SetCognitoEventsResponse value) {
    }

    /**
     * Builds the value.
     *
     * @return the immutable value
     */
    public SetCognitoEventsResponse build() {
      SetCognitoEventsResponse value = new SetCognitoEventsResponse(this);
      return value;
    }
  }
}
