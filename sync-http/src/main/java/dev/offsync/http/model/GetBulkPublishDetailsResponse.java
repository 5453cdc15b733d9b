package dev.offsync.http.model;

import java.time.Instant;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * The output for the GetBulkPublishDetails operation.
 *
 * <p>Immutable; create one with {@link #builder()} and derive a modified copy with {@link #newBuilder()}.
 */
public final class GetBulkPublishDetailsResponse {
  private static final Pattern IDENTITY_POOL_ID_PATTERN = Pattern.compile("[\\w-]+:[0-9a-f-]+");

  private final String identityPoolId;
  private final Instant bulkPublishStartTime;
  private final Instant bulkPublishCompleteTime;
  private final BulkPublishStatus bulkPublishStatus;
  private final String failureMessage;

  private GetBulkPublishDetailsResponse(Builder builder) {
    this.identityPoolId = builder.identityPoolId;
    this.bulkPublishStartTime = builder.bulkPublishStartTime;
    this.bulkPublishCompleteTime = builder.bulkPublishCompleteTime;
    this.bulkPublishStatus = builder.bulkPublishStatus;
    this.failureMessage = builder.failureMessage;
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
   * Cognito. GUID generation is unique within a region.
   *
   * @return the identityPoolId member (wire name {@code IdentityPoolId}), or {@code null} when absent
   */
  public String identityPoolId() {
    return identityPoolId;
  }

  /**
   * The date/time at which the last bulk publish was initiated.
   *
   * @return the bulkPublishStartTime member (wire name {@code BulkPublishStartTime}), or {@code null} when absent
   */
  public Instant bulkPublishStartTime() {
    return bulkPublishStartTime;
  }

  /**
   * If BulkPublishStatus is SUCCEEDED, the time the last bulk publish operation completed.
   *
   * @return the bulkPublishCompleteTime member (wire name {@code BulkPublishCompleteTime}), or {@code null} when absent
   */
  public Instant bulkPublishCompleteTime() {
    return bulkPublishCompleteTime;
  }

  /**
   * Status of the last bulk publish operation, valid values are: NOT_STARTED - No bulk publish has been
   * requested for this identity pool.
   *
   * @return the bulkPublishStatus member (wire name {@code BulkPublishStatus}), or {@code null} when absent
   */
  public BulkPublishStatus bulkPublishStatus() {
    return bulkPublishStatus;
  }

  /**
   * If BulkPublishStatus is FAILED this field will contain the error message that caused the bulk publish to
   * fail.
   *
   * @return the failureMessage member (wire name {@code FailureMessage}), or {@code null} when absent
   */
  public String failureMessage() {
    return failureMessage;
  }

  @Override
  public boolean equals(Object other) {
    if (this == other) {
      return true;
    }
    if (!(other instanceof GetBulkPublishDetailsResponse)) {
      return false;
    }
    GetBulkPublishDetailsResponse that = (GetBulkPublishDetailsResponse) other;
    return Objects.equals(identityPoolId, that.identityPoolId)
        && Objects.equals(bulkPublishStartTime, that.bulkPublishStartTime)
        && Objects.equals(bulkPublishCompleteTime, that.bulkPublishCompleteTime)
        && Objects.equals(bulkPublishStatus, that.bulkPublishStatus)
        && Objects.equals(failureMessage, that.failureMessage);
  }

  @Override
  public int hashCode() {
    return Objects.hash(identityPoolId, bulkPublishStartTime, bulkPublishCompleteTime, bulkPublishStatus, failureMessage);
  }

  @Override
  public String toString() {
    return "GetBulkPublishDetailsResponse{"
        + "identityPoolId=" + identityPoolId
        + ", bulkPublishStartTime=" + bulkPublishStartTime
        + ", bulkPublishCompleteTime=" + bulkPublishCompleteTime
        + ", bulkPublishStatus=" + bulkPublishStatus
        + ", failureMessage=" + failureMessage
        + "}";
  }

  /** Builds {@link GetBulkPublishDetailsResponse} values; not thread-safe. */
  public static final class Builder {
    private String identityPoolId;
    private Instant bulkPublishStartTime;
    private Instant bulkPublishCompleteTime;
    private BulkPublishStatus bulkPublishStatus;
    private String failureMessage;

    private Builder() {}

    private Builder(GetBulkPublishDetailsResponse value) {
      this.identityPoolId = value.identityPoolId;
      this.bulkPublishStartTime = value.bulkPublishStartTime;
      this.bulkPublishCompleteTime = value.bulkPublishCompleteTime;
      this.bulkPublishStatus = value.bulkPublishStatus;
      this.failureMessage = value.failureMessage;
    }

    /**
     * Sets the identityPoolId member (wire name {@code IdentityPoolId}). A name-spaced GUID (for example,
     * us-east-1:23EC4050-6AEA-7089-A2DD-08002EXAMPLE) created by Amazon Cognito. GUID generation is unique
     * within a region.
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
     * Sets the bulkPublishStartTime member (wire name {@code BulkPublishStartTime}). The date/time at which
     * the last bulk publish was initiated.
     *
     * @param bulkPublishStartTime the new value, not null
     * @return this builder
     */
    public Builder bulkPublishStartTime(Instant bulkPublishStartTime) {
      Objects.requireNonNull(bulkPublishStartTime, "bulkPublishStartTime == null");
      this.bulkPublishStartTime = bulkPublishStartTime;
      return this;
    }

    /**
     * Sets the bulkPublishCompleteTime member (wire name {@code BulkPublishCompleteTime}). If
     * BulkPublishStatus is SUCCEEDED, the time the last bulk publish operation completed.
     *
     * @param bulkPublishCompleteTime the new value, not null
     * @return this builder
     */
    public Builder bulkPublishCompleteTime(Instant bulkPublishCompleteTime) {
      Objects.requireNonNull(bulkPublishCompleteTime, "bulkPublishCompleteTime == null");
      this.bulkPublishCompleteTime = bulkPublishCompleteTime;
      return this;
    }

    /**
     * Sets the bulkPublishStatus member (wire name {@code BulkPublishStatus}). Status of the last bulk
     * publish operation, valid values are: NOT_STARTED - No bulk publish has been requested for this identity
     * pool.
     *
     * @param bulkPublishStatus the new value, not null
     * @return this builder
     */
    public Builder bulkPublishStatus(BulkPublishStatus bulkPublishStatus) {
      Objects.requireNonNull(bulkPublishStatus, "bulkPublishStatus == null");
      this.bulkPublishStatus = bulkPublishStatus;
      return this;
    }

    /**
     * Sets the failureMessage member (wire name {@code FailureMessage}). If BulkPublishStatus is FAILED this
     * field will contain the error message that caused the bulk publish to fail.
     *
     * @param failureMessage the new value, not null
     * @return this builder
     */
    public Builder failureMessage(String failureMessage) {
      Objects.requireNonNull(failureMessage, "failureMessage == null");
      this.failureMessage = failureMessage;
      return this;
    }

    /**
     * Builds the value.
     *
     * @return the immutable value
     */
    public GetBulkPublishDetailsResponse build() {
      GetBulkPublishDetailsResponse value = new GetBulkPublishDetailsResponse(this);
      return value;
    }
  }
}
