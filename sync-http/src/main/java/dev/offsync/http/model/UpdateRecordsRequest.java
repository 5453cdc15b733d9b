package dev.offsync.http.model;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * A request to post updates to records or add and delete records for a dataset and user.
 *
 * <p>Immutable; create one with {@link #builder()} and derive a modified copy with {@link #newBuilder()}.
 * {@link Builder#build()} validates the model's constraints (required members, lengths, patterns, sizes) and
 * throws {@link IllegalArgumentException} naming the offending field.
 */
public final class UpdateRecordsRequest {
  private static final Pattern DATASET_NAME_PATTERN = Pattern.compile("[a-zA-Z0-9_.:-]+");
  private static final Pattern IDENTITY_ID_PATTERN = Pattern.compile("[\\w-]+:[0-9a-f-]+");
  private static final Pattern IDENTITY_POOL_ID_PATTERN = Pattern.compile("[\\w-]+:[0-9a-f-]+");

  private final String identityPoolId;
  private final String identityId;
  private final String datasetName;
  private final String deviceId;
  private final List<RecordPatch> recordPatches;
  private final String syncSessionToken;
  private final String clientContext;

  private UpdateRecordsRequest(Builder builder) {
    this.identityPoolId = builder.identityPoolId;
    this.identityId = builder.identityId;
    this.datasetName = builder.datasetName;
    this.deviceId = builder.deviceId;
    this.recordPatches = builder.recordPatches == null ? Collections.<RecordPatch>emptyList() : builder.recordPatches;
    this.syncSessionToken = builder.syncSessionToken;
    this.clientContext = builder.clientContext;
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
   * A name-spaced GUID (for example, us-east-1:23EC4050-6AEA-7089-A2DD-08002EXAMPLE) created by Amazon
   * Cognito. GUID generation is unique within a region.
   *
   * @return the identityId member (wire name {@code IdentityId}), or {@code null} when absent
   */
  public String identityId() {
    return identityId;
  }

  /**
   * A string of up to 128 characters. Allowed characters are a-z, A-Z, 0-9, '_' (underscore), '-' (dash), and
   * '.' (dot).
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

  /**
   * A list of patch operations.
   *
   * @return the recordPatches member (wire name {@code RecordPatches}); an unmodifiable list, empty when absent
   */
  public List<RecordPatch> recordPatches() {
    return recordPatches;
  }

  /**
   * The SyncSessionToken returned by a previous call to ListRecords for this dataset and identity.
   *
   * @return the syncSessionToken member (wire name {@code SyncSessionToken}), or {@code null} when absent
   */
  public String syncSessionToken() {
    return syncSessionToken;
  }

  /**
   * Intended to supply a device ID that will populate the lastModifiedBy field referenced in other methods.
   * The ClientContext field is not yet implemented.
   *
   * @return the clientContext member (wire name {@code ClientContext}), or {@code null} when absent
   */
  public String clientContext() {
    return clientContext;
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
    if (deviceId != null) {
      Validation.checkLength(deviceId, 1, 256, path + ".deviceId");
    }
    if (recordPatches != null) {
      for (int i = 0; i < recordPatches.size(); i++) {
        recordPatches.get(i).validate(path + ".recordPatches" + "[" + i + "]");
      }
    }
    Validation.require(syncSessionToken, path + ".syncSessionToken");
  }

  @Override
  public boolean equals(Object other) {
    if (this == other) {
      return true;
    }
    if (!(other instanceof UpdateRecordsRequest)) {
      return false;
    }
    UpdateRecordsRequest that = (UpdateRecordsRequest) other;
    return Objects.equals(identityPoolId, that.identityPoolId)
        && Objects.equals(identityId, that.identityId)
        && Objects.equals(datasetName, that.datasetName)
        && Objects.equals(deviceId, that.deviceId)
        && Objects.equals(recordPatches, that.recordPatches)
        && Objects.equals(syncSessionToken, that.syncSessionToken)
        && Objects.equals(clientContext, that.clientContext);
  }

  @Override
  public int hashCode() {
    return Objects.hash(identityPoolId, identityId, datasetName, deviceId, recordPatches, syncSessionToken, clientContext);
  }

  @Override
  public String toString() {
    return "UpdateRecordsRequest{"
        + "identityPoolId=" + identityPoolId
        + ", identityId=" + identityId
        + ", datasetName=" + datasetName
        + ", deviceId=" + deviceId
        + ", recordPatches=" + recordPatches
        + ", syncSessionToken=" + (syncSessionToken == null ? "null" : "<redacted>")
        + ", clientContext=" + clientContext
        + "}";
  }

  /** Builds {@link UpdateRecordsRequest} values; not thread-safe. */
  public static final class Builder {
    private String identityPoolId;
    private String identityId;
    private String datasetName;
    private String deviceId;
    private List<RecordPatch> recordPatches;
    private String syncSessionToken;
    private String clientContext;

    private Builder() {}

    private Builder(UpdateRecordsRequest value) {
      this.identityPoolId = value.identityPoolId;
      this.identityId = value.identityId;
      this.datasetName = value.datasetName;
      this.deviceId = value.deviceId;
      this.recordPatches = value.recordPatches;
      this.syncSessionToken = value.syncSessionToken;
      this.clientContext = value.clientContext;
    }

    /**
     * Sets the identityPoolId member (wire name {@code IdentityPoolId}). Required. A name-spaced GUID (for
     * example, us-east-1:23EC4050-6AEA-7089-A2DD-08002EXAMPLE) created by Amazon Cognito. GUID generation is
     * unique within a region.
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
     * Sets the identityId member (wire name {@code IdentityId}). Required. A name-spaced GUID (for example,
     * us-east-1:23EC4050-6AEA-7089-A2DD-08002EXAMPLE) created by Amazon Cognito. GUID generation is unique
     * within a region.
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
     * Sets the datasetName member (wire name {@code DatasetName}). Required. A string of up to 128
     * characters. Allowed characters are a-z, A-Z, 0-9, '_' (underscore), '-' (dash), and '.' (dot).
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
     * Sets the deviceId member (wire name {@code DeviceId}). The unique ID generated for this device by
     * Cognito.
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
     * Sets the recordPatches member (wire name {@code RecordPatches}). A list of patch operations.
     *
     * @param recordPatches the new value, not null
     * @return this builder
     */
    public Builder recordPatches(List<RecordPatch> recordPatches) {
      Objects.requireNonNull(recordPatches, "recordPatches == null");
      List<RecordPatch> copy = new ArrayList<>(recordPatches.size());
      for (RecordPatch element : recordPatches) {
        copy.add(Objects.requireNonNull(element, "recordPatches element == null"));
      }
      this.recordPatches = Collections.unmodifiableList(copy);
      return this;
    }

    /**
     * Sets the recordPatches member from varargs; see {@link #recordPatches(List)}.
     *
     * @param recordPatches the elements, none null
     * @return this builder
     */
    public Builder recordPatches(RecordPatch... recordPatches) {
      return recordPatches(Arrays.asList(Objects.requireNonNull(recordPatches, "recordPatches == null")));
    }

    /**
     * Sets the syncSessionToken member (wire name {@code SyncSessionToken}). Required. The SyncSessionToken
     * returned by a previous call to ListRecords for this dataset and identity.
     *
     * @param syncSessionToken the new value, not null
     * @return this builder
     */
    public Builder syncSessionToken(String syncSessionToken) {
      Objects.requireNonNull(syncSessionToken, "syncSessionToken == null");
      this.syncSessionToken = syncSessionToken;
      return this;
    }

    /**
     * Sets the clientContext member (wire name {@code ClientContext}). Intended to supply a device ID that
     * will populate the lastModifiedBy field referenced in other methods. The ClientContext field is not yet
     * implemented.
     *
     * @param clientContext the new value, not null
     * @return this builder
     */
    public Builder clientContext(String clientContext) {
      Objects.requireNonNull(clientContext, "clientContext == null");
      this.clientContext = clientContext;
      return this;
    }

    /**
     * Builds the value after validating the model's constraints.
     *
     * @return the immutable value
     * @throws IllegalArgumentException if a required member is missing or a constraint is violated; the
     *     message names the field
     */
    public UpdateRecordsRequest build() {
      UpdateRecordsRequest value = new UpdateRecordsRequest(this);
      value.validate("UpdateRecordsRequest");
      return value;
    }
  }
}
