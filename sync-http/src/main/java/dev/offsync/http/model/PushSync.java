package dev.offsync.http.model;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * Configuration options to be applied to the identity pool.
 *
 * <p>Immutable; create one with {@link #builder()} and derive a modified copy with {@link #newBuilder()}. Its
 * constraints are validated when a request containing it is built (not here, so that whatever the service
 * returns can be read).
 */
public final class PushSync {
  private static final Pattern APPLICATION_ARN_PATTERN = Pattern.compile("arn:aws:sns:[-0-9a-z]+:\\d+:app/[A-Z_]+/[a-zA-Z0-9_.-]+");
  private static final Pattern ASSUME_ROLE_ARN_PATTERN = Pattern.compile("arn:aws:iam::\\d+:role/.*");

  private final List<String> applicationArns;
  private final String roleArn;

  private PushSync(Builder builder) {
    this.applicationArns = builder.applicationArns == null ? Collections.<String>emptyList() : builder.applicationArns;
    this.roleArn = builder.roleArn;
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
   * List of SNS platform application ARNs that could be used by clients.
   *
   * @return the applicationArns member (wire name {@code ApplicationArns}); an unmodifiable list, empty when absent
   */
  public List<String> applicationArns() {
    return applicationArns;
  }

  /**
   * A role configured to allow Cognito to call SNS on behalf of the developer.
   *
   * @return the roleArn member (wire name {@code RoleArn}), or {@code null} when absent
   */
  public String roleArn() {
    return roleArn;
  }

  void validate(String path) {
    if (applicationArns != null) {
      for (int i = 0; i < applicationArns.size(); i++) {
        Validation.checkPattern(applicationArns.get(i), APPLICATION_ARN_PATTERN, path + ".applicationArns" + "[" + i + "]");
      }
    }
    if (roleArn != null) {
      Validation.checkLength(roleArn, 20, 2048, path + ".roleArn");
      Validation.checkPattern(roleArn, ASSUME_ROLE_ARN_PATTERN, path + ".roleArn");
    }
  }

  @Override
  public boolean equals(Object other) {
    if (this == other) {
      return true;
    }
    if (!(other instanceof PushSync)) {
      return false;
    }
    PushSync that = (PushSync) other;
    return Objects.equals(applicationArns, that.applicationArns)
        && Objects.equals(roleArn, that.roleArn);
  }

  @Override
  public int hashCode() {
    return Objects.hash(applicationArns, roleArn);
  }

  @Override
  public String toString() {
    return "PushSync{"
        + "applicationArns=" + applicationArns
        + ", roleArn=" + roleArn
        + "}";
  }

  /** Builds {@link PushSync} values; not thread-safe. */
  public static final class Builder {
    private List<String> applicationArns;
    private String roleArn;

    private Builder() {}

    private Builder(PushSync value) {
      this.applicationArns = value.applicationArns;
      this.roleArn = value.roleArn;
    }

    /**
     * Sets the applicationArns member (wire name {@code ApplicationArns}). List of SNS platform application
     * ARNs that could be used by clients.
     *
     * @param applicationArns the new value, not null
     * @return this builder
     */
    public Builder applicationArns(List<String> applicationArns) {
      Objects.requireNonNull(applicationArns, "applicationArns == null");
      List<String> copy = new ArrayList<>(applicationArns.size());
      for (String element : applicationArns) {
        copy.add(Objects.requireNonNull(element, "applicationArns element == null"));
      }
      this.applicationArns = Collections.unmodifiableList(copy);
      return this;
    }

    /**
     * Sets the applicationArns member from varargs; see {@link #applicationArns(List)}.
     *
     * @param applicationArns the elements, none null
     * @return this builder
     */
    public Builder applicationArns(String... applicationArns) {
      return applicationArns(Arrays.asList(Objects.requireNonNull(applicationArns, "applicationArns == null")));
    }

    /**
     * Sets the roleArn member (wire name {@code RoleArn}). A role configured to allow Cognito to call SNS on
     * behalf of the developer.
     *
     * @param roleArn the new value, not null
     * @return this builder
     */
    public Builder roleArn(String roleArn) {
      Objects.requireNonNull(roleArn, "roleArn == null");
      this.roleArn = roleArn;
      return this;
    }

    /**
     * Builds the value.
     *
     * @return the immutable value
     */
    public PushSync build() {
      PushSync value = new PushSync(this);
      return value;
    }
  }
}
