package dev.offsync.http.model;

import java.util.Objects;
import java.util.regex.Pattern;

/**
 * A request to delete the specific dataset.
 *
 * <p>Immutable; create one with {@link #builder()} and derive a modified copy with {@link #newBuilder()}.
 * {@link Builder#build()} validates the model's constraints (required members, lengths, patterns, sizes) and
 * throws {@link IllegalArgumentException} naming the offending field.
 */
public final class DeleteDatasetRequest {
  private static final Pattern DATASET_NAME_PATTERN = Pattern.compile("[a-zA-Z0-9_.:-]+");
  private static final Pattern IDENTITY_ID_PATTERN = Pattern.compile("[\\w-]+:[0-9a-f-]+");
  private static final Pattern IDENTITY_POOL_ID_PATTERN = Pattern.compile("[\\w-]+:[0-9a-f-]+");

  private final String identityPoolId;
  private final String identityId;
  private final String datasetName;

  private DeleteDatasetRequest(Builder builder) {
    this.identityPoolId = builder.identityPoolId;
    this.identityId = builder.identityId;
    this.datasetName = builder.datasetName;
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
  }

  @Override
  public boolean equals(Object other) {
    if (this == other) {
      return true;
    }
    if (!(other instanceof DeleteDatasetRequest)) {
      return false;
    }
    DeleteDatasetRequest that = (DeleteDatasetRequest) other;
    return Objects.equals(identityPoolId, that.identityPoolId)
        && Objects.equals(identityId, that.identityId)
        && Objects.equals(datasetName, that.datasetName);
  }

  @Override
  public int hashCode() {
    return Objects.hash(identityPoolId, identityId, datasetName);
  }

  @Override
  public String toString() {
    return "DeleteDatasetRequest{"
        + "identityPoolId=" + identityPoolId
        + ", identityId=" + identityId
        + ", datasetName=" + datasetName
        + "}";
  }

  /** Builds {@link DeleteDatasetRequest} values; not thread-safe. */
  public static final class Builder {
    private String identityPoolId;
    private String identityId;
    private String datasetName;

    private Builder() {}

    private Builder(DeleteDatasetRequest value) {
      this.identityPoolId = value.identityPoolId;
      this.identityId = value.identityId;
      this.datasetName = value.datasetName;
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
     * Builds the value after validating the model's constraints.
     *
     * @return the immutable value
     * @throws IllegalArgumentException if a required member is missing or a constraint is violated; the
     *     message names the field
     */
    public DeleteDatasetRequest build() {
      DeleteDatasetRequest value = new DeleteDatasetRequest(this);
      value.validate("DeleteDatasetRequest");
      return value;
    }
  }
}
