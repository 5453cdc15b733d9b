package dev.offsync.http.model;

import java.util.Objects;
import java.util.regex.Pattern;

/**
 * Configuration options for configure Cognito streams.
 *
 * <p>Immutable; create one with {@link #builder()} and derive a modified copy with {@link #newBuilder()}. Its
 * constraints are validated when a request containing it is built (not here, so that whatever the service
 * returns can be read).
 */
public final class CognitoStreams {
  private static final Pattern ASSUME_ROLE_ARN_PATTERN = Pattern.compile("arn:aws:iam::\\d+:role/.*");

  private final String streamName;
  private final String roleArn;
  private final StreamingStatus streamingStatus;

  private CognitoStreams(Builder builder) {
    this.streamName = builder.streamName;
    this.roleArn = builder.roleArn;
    this.streamingStatus = builder.streamingStatus;
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
   * The name of the Cognito stream to receive updates. This stream must be in the developers account and in
   * the same region as the identity pool.
   *
   * @return the streamName member (wire name {@code StreamName}), or {@code null} when absent
   */
  public String streamName() {
    return streamName;
  }

  /**
   * The ARN of the role Amazon Cognito can assume in order to publish to the stream. This role must grant
   * access to Amazon Cognito (cognito-sync) to invoke PutRecord on your Cognito stream.
   *
   * @return the roleArn member (wire name {@code RoleArn}), or {@code null} when absent
   */
  public String roleArn() {
    return roleArn;
  }

  /**
   * Status of the Cognito streams. Valid values are: ENABLED - Streaming of updates to identity pool is
   * enabled.
   *
   * @return the streamingStatus member (wire name {@code StreamingStatus}), or {@code null} when absent
   */
  public StreamingStatus streamingStatus() {
    return streamingStatus;
  }

  void validate(String path) {
    if (streamName != null) {
      Validation.checkLength(streamName, 1, 128, path + ".streamName");
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
    if (!(other instanceof CognitoStreams)) {
      return false;
    }
    CognitoStreams that = (CognitoStreams) other;
    return Objects.equals(streamName, that.streamName)
        && Objects.equals(roleArn, that.roleArn)
        && Objects.equals(streamingStatus, that.streamingStatus);
  }

  @Override
  public int hashCode() {
    return Objects.hash(streamName, roleArn, streamingStatus);
  }

  @Override
  public String toString() {
    return "CognitoStreams{"
        + "streamName=" + streamName
        + ", roleArn=" + roleArn
        + ", streamingStatus=" + streamingStatus
        + "}";
  }

  /** Builds {@link CognitoStreams} values; not thread-safe. */
  public static final class Builder {
    private String streamName;
    private String roleArn;
    private StreamingStatus streamingStatus;

    private Builder() {}

    private Builder(CognitoStreams value) {
      this.streamName = value.streamName;
      this.roleArn = value.roleArn;
      this.streamingStatus = value.streamingStatus;
    }

    /**
     * Sets the streamName member (wire name {@code StreamName}). The name of the Cognito stream to receive
     * updates. This stream must be in the developers account and in the same region as the identity pool.
     *
     * @param streamName the new value, not null
     * @return this builder
     */
    public Builder streamName(String streamName) {
      Objects.requireNonNull(streamName, "streamName == null");
      this.streamName = streamName;
      return this;
    }

    /**
     * Sets the roleArn member (wire name {@code RoleArn}). The ARN of the role Amazon Cognito can assume in
     * order to publish to the stream. This role must grant access to Amazon Cognito (cognito-sync) to invoke
     * PutRecord on your Cognito stream.
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
     * Sets the streamingStatus member (wire name {@code StreamingStatus}). Status of the Cognito streams.
     * Valid values are: ENABLED - Streaming of updates to identity pool is enabled.
     *
     * @param streamingStatus the new value, not null
     * @return this builder
     */
    public Builder streamingStatus(StreamingStatus streamingStatus) {
      Objects.requireNonNull(streamingStatus, "streamingStatus == null");
      this.streamingStatus = streamingStatus;
      return this;
    }

    /**
     * Builds the value.
     *
     * @return the immutable value
     */
    public CognitoStreams build() {
      CognitoStreams value = new CognitoStreams(this);
      return value;
    }
  }
}
