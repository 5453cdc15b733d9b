package dev.offsync.http.model;

import java.time.Instant;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * Usage information for the identity.
 *
 * <p>Immutable; create one with {@link #builder()} and derive a modified copy with {@link #newBuilder()}.
 */
public final class IdentityUsage {
  private static final Pattern IDENTITY_ID_PATTERN = Pattern.compile("[\\w-]+:[0-9a-f-]+");
  private static final Pattern IDENTITY_POOL_ID_PATTERN = Pattern.compile("[\\w-]+:[0-9a-f-]+");

  private final String identityId;
  private final String identityPoolId;
  private final Instant lastModifiedDate;
  private final Integer datasetCount;
  private final Long dataStorage;

  private IdentityUsage(Builder builder) {
    this.identityId = builder.identityId;
    this.identityPoolId = builder.identityPoolId;
    this.lastModifiedDate = builder.lastModifiedDate;
    this.datasetCount = builder.datasetCount;
    this.dataStorage = builder.dataStorage;
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
   * @return the identityId member (wire name {@code IdentityId}), or {@code null} when absent
   */
  public String identityId() {
    return identityId;
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
   * Date on which the identity was last modified.
   *
   * @return the lastModifiedDate member (wire name {@code LastModifiedDate}), or {@code null} when absent
   */
  public Instant lastModifiedDate() {
    return lastModifiedDate;
  }

  /**
   * Number of datasets for the identity.
   *
   * @return the datasetCount member (wire name {@code DatasetCount}), or {@code null} when absent
   */
  public Integer datasetCount() {
    return datasetCount;
  }

  /**
   * Total data storage for this identity.
   *
   * @return the dataStorage member (wire name {@code DataStorage}), or {@code null} when absent
   */
  public Long dataStorage() {
    return dataStorage;
  }

  @Override
  public boolean equals(Object other) {
    if (this == other) {
      return true;
    }
    if (!(other instanceof IdentityUsage)) {
      return false;
    }
    IdentityUsage that = (IdentityUsage) other;
    return Objects.equals(identityId, that.identityId)
        && Objects.equals(identityPoolId, that.identityPoolId)
        && Objects.equals(lastModifiedDate, that.lastModifiedDate)
        && Objects.equals(datasetCount, that.datasetCount)
        && Objects.equals(dataStorage, that.dataStorage);
  }

  @Override
  public int hashCode() {
    return Objects.hash(identityId, identityPoolId, lastModifiedDate, datasetCount, dataStorage);
  }

  @Override
  public String toString() {
    return "IdentityUsage{"
        + "identityId=" + identityId
        + ", identityPoolId=" + identityPoolId
        + ", lastModifiedDate=" + lastModifiedDate
        + ", datasetCount=" + datasetCount
        + ", dataStorage=" + dataStorage
        + "}";
  }

  /** Builds {@link IdentityUsage} values; not thread-safe. */
  public static final class Builder {
    private String identityId;
    private String identityPoolId;
    private Instant lastModifiedDate;
    private Integer datasetCount;
    private Long dataStorage;

    private Builder() {}

    private Builder(IdentityUsage value) {
      this.identityId = value.identityId;
      this.identityPoolId = value.identityPoolId;
      this.lastModifiedDate = value.lastModifiedDate;
      this.datasetCount = value.datasetCount;
      this.dataStorage = value.dataStorage;
    }

    /**
     * Sets the identityId member (wire name {@code IdentityId}). A name-spaced GUID (for example,
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
     * Sets the lastModifiedDate member (wire name {@code LastModifiedDate}). Date on which the identity was
     * last modified.
     *
     * @param lastModifiedDate the new value, not null
     * @return this builder
     */
    public Builder lastModifiedDate(Instant lastModifiedDate) {
      Objects.requireNonNull(lastModifiedDate, "lastModifiedDate == null");
      this.lastModifiedDate = lastModifiedDate;
      return this;
    }

    /**
     * Sets the datasetCount member (wire name {@code DatasetCount}). Number of datasets for the identity.
     *
     * @param datasetCount the new value, not null
     * @return this builder
     */
    public Builder datasetCount(Integer datasetCount) {
      Objects.requireNonNull(datasetCount, "datasetCount == null");
      this.datasetCount = datasetCount;
      return this;
    }

    /**
     * Sets the dataStorage member (wire name {@code DataStorage}). Total data storage for this identity.
     *
     * @param dataStorage the new value, not null
     * @return this builder
     */
    public Builder dataStorage(Long dataStorage) {
      Objects.requireNonNull(dataStorage, "dataStorage == null");
      this.dataStorage = dataStorage;
      return this;
    }

    /**
     * Builds the value.
     *
     * @return the immutable value
     */
    public IdentityUsage build() {
      IdentityUsage value = new IdentityUsage(this);
      return value;
    }
  }
}
