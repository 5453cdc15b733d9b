package dev.offsync.http.model;

import java.util.Objects;
import java.util.regex.Pattern;

/**
 * A request to UnsubscribeFromDataset.
 *
 * <p>Immutable; create one with {@link #builder()} and derive a modified copy with {@link #newBuilder()}.
 * {@link Builder#build()} validates the model's constraints (required members, lengths, patterns, sizes) and
 * throws {@link IllegalArgumentException} naming the offending field.
 */
public final class UnsubscribeFromDatasetRequest {
  private static final Pattern DATASET_NAME_PATTERN = Pattern.compile("[a-zA-Z0-9_.:-]+");
  private static final Pattern IDENTITY_ID_PATTERN = Pattern.compile("[\\w-]+:[0-9a-f-]+");
  private static final Pattern IDENTITY_POOL_ID_PATTERN = Pattern.compile("[\\w-]+:[0-9a-f-]+");

  private final String identityPoolId;
  private final String identityId;
  private final String datasetName;
  private final String deviceId;

  private UnsubscribeFromDatasetRequest(Builder builder) {
    this.identityPoolId = builder.identityPoolId;
    this.identityId = builder.identityId;
    this.datasetName = builder.datasetName;
    this.deviceId = builder.deviceId;
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
   * Cognito. The ID of the pool to which this identity belongs.
   *
   * @return the identityPoolId member (wire name {@code IdentityPoolId}), or {@code null} when absent
   */
  public String identityPoolId() {
    return identityPoolId;
  }

  /**
   * Unique ID for this identity.
   *
   * @return the identityId member (wire name {@code IdentityId}), or {@code null} when absent
   */
  public String identityId() {
    return identityId;
  }

  /**
   * The name of the dataset from which to unsubcribe.
   *
   * @return the datasetName member (wire name {@code DatasetName}), or {@code null} when absent
   */
  public String datasetName() {
    return datasetName;
  }

  /**
   * The unique ID generated for this device by Cognito.
   *
   * @return the deviceId member (wire name {@code DeviceId}), or {@code null} when absent
   */
  public String deviceId() {
    return deviceId;
  }

  void validate(String path) {
    Validation.require(identityPoolId, path + ".identityPoolId");
    if (identityPoolId != null) {
      Validation.checkLength(identityPoolId, 1, 55, path + ".identityPoolId");
      Validation.checkPattern(identityPoolId, IDENTITY_POOL_ID_PATTERN, path + ".identityPoolId");
    }
    Validation.require(identityId, path + ".identityId");
    if (identityId != null) {
      Validation.checkLength(identityId, 1, 55, path + ".identityId");
      Validation.checkPattern(identityId, IDENTITY_ID_PATTERN, path + ".identityId");
    }
    Validation.require(datasetName, path + ".datasetName");
    if (datasetName != null) {
      Validation.checkLength(datasetName, 1, 128, path + ".datasetName");
      Validation.checkPattern(datasetName, DATASET_NAME_PATTERN, path + ".datasetName");
    }
    Validation.require(deviceId, path + ".deviceId");
    if (deviceId != null) {
      Validation.checkLength(deviceId, 1, 256, path + ".deviceId");
    }
  }

  @Override
  public boolean equals(Object other) {
    if (this == other) {
      return true;
    }
    if (!(other instanceof UnsubscribeFromDatasetRequest)) {
      return false;
    }
    UnsubscribeFromDatasetRequest that = (UnsubscribeFromDatasetRequest) other;
    return Objects.equals(identityPoolId, that.identityPoolId)
        && Objects.equals(identityId, that.identityId)
        && Objects.equals(datasetName, that.datasetName)
        && Objects.equals(deviceId, that.deviceId);
  }

  @Override
  public int hashCode() {
    return Objects.hash(identityPoolId, identityId, datasetName, deviceId);
  }

  @Override
  public String toString() {
    return "UnsubscribeFromDatasetRequest{"
        + "identityPoolId=" + identityPoolId
        + ", identityId=" + identityId
        + ", datasetName=" + datasetName
        + ", deviceId=" + deviceId
        + "}";
  }

  /** Builds {@link UnsubscribeFromDatasetRequest} values; not thread-safe. */
  public static final class Builder {
    private String identityPoolId;
    private String identityId;
    private String datasetName;
    private String deviceId;

    private Builder() {}

    private Builder(UnsubscribeFromDatasetRequest value) {
      this.identityPoolId = value.identityPoolId;
      this.identityId = value.identityId;
      this.datasetName = value.datasetName;
      this.deviceId = value.deviceId;
    }

    /**
     * Sets the identityPoolId member (wire name {@code IdentityPoolId}). Required. A name-spaced GUID (for
     * example, us-east-1:23EC4050-6AEA-7089-A2DD-08002EXAMPLE) created by Amazon Cognito. The ID of the pool
     * to which this identity belongs.
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
     * Sets the identityId member (wire name {@code IdentityId}). Required. Unique ID for this identity.
     *
     * @param identityId the new value, not null
     * @return this builder
     */
    public Builder identityId(String identityId) {
      Objects.requireNonNull(identityId, "identityId == null");
      this.identityId = identityId;
      return this;
    }

    /**
     * Sets the datasetName member (wire name {@code DatasetName}). Required. The name of the dataset from
     * which to unsubcribe.
     *
     * @param datasetName the new value, not null
     * @return this builder
     */
    public Builder datasetName(String datasetName) {
      Objects.requireNonNull(datasetName, "datasetName == null");
      this.datasetName = datasetName;
      return this;
    }

    /**
     * Sets the deviceId member (wire name {@code DeviceId}). Required. The unique ID generated for this
     * device by Cognito.
     *
     * @param deviceId the new value, not null
     * @return this builder
     */
    public Builder deviceId(String deviceId) {
      Objects.requireNonNull(deviceId, "deviceId == null");
      this.deviceId = deviceId;
      return this;
    }

    /**
     * Builds the value after validating the model's constraints.
     *
     * @return the immutable value
     * @throws IllegalArgumentException if a required member is missing or a constraint is violated; the
     *     message names the field
     */
    public UnsubscribeFromDatasetRequest build() {
      UnsubscribeFromDatasetRequest value = new UnsubscribeFromDatasetRequest(this);
      value.validate("UnsubscribeFromDatasetRequest");
      return value;
    }
  }
}
