package dev.offsync.http.model;

import java.time.Instant;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * Usage information for the identity pool.
 *
 * <p>Immutable; create one with {@link #builder()} and derive a modified copy with {@link #newBuilder()}.
 */
public final class IdentityPoolUsage {
  private static final Pattern IDENTITY_POOL_ID_PATTERN = Pattern.compile("[\\w-]+:[0-9a-f-]+");

  private final String identityPoolId;
  private final Long syncSessionsCount;
  private final Long dataStorage;
  private final Instant lastModifiedDate;

  private IdentityPoolUsage(Builder builder) {
    this.identityPoolId = builder.identityPoolId;
    this.syncSessionsCount = builder.syncSessionsCount;
    this.dataStorage = builder.dataStorage;
    this.lastModifiedDate = builder.lastModifiedDate;
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
   * Number of sync sessions for the identity pool.
   *
   * @return the syncSessionsCount member (wire name {@code SyncSessionsCount}), or {@code null} when absent
   */
  public Long syncSessionsCount() {
    return syncSessionsCount;
  }

  /**
   * Data storage information for the identity pool.
   *
   * @return the dataStorage member (wire name {@code DataStorage}), or {@code null} when absent
   */
  public Long dataStorage() {
    return dataStorage;
  }

  /**
   * Date on which the identity pool was last modified.
   *
   * @return the lastModifiedDate member (wire name {@code LastModifiedDate}), or {@code null} when absent
   */
  public Instant lastModifiedDate() {
    return lastModifiedDate;
  }

  @Override
  public boolean equals(Object other) {
    if (this == other) {
      return true;
    }
    if (!(other instanceof IdentityPoolUsage)) {
      return false;
    }
    IdentityPoolUsage that = (IdentityPoolUsage) other;
    return Objects.equals(identityPoolId, that.identityPoolId)
        && Objects.equals(syncSessionsCount, that.syncSessionsCount)
        && Objects.equals(dataStorage, that.dataStorage)
        && Objects.equals(lastModifiedDate, that.lastModifiedDate);
  }

  @Override
  public int hashCode() {
    return Objects.hash(identityPoolId, syncSessionsCount, dataStorage, lastModifiedDate);
  }

  @Override
  public String toString() {
    return "IdentityPoolUsage{"
        + "identityPoolId=" + identityPoolId
        + ", syncSessionsCount=" + syncSessionsCount
        + ", dataStorage=" + dataStorage
        + ", lastModifiedDate=" + lastModifiedDate
        + "}";
  }

  /** Builds {@link IdentityPoolUsage} values; not thread-safe. */
  public static final class Builder {
    private String identityPoolId;
    private Long syncSessionsCount;
    private Long dataStorage;
    private Instant lastModifiedDate;

    private Builder() {}

    private Builder(IdentityPoolUsage value) {
      this.identityPoolId = value.identityPoolId;
      this.syncSessionsCount = value.syncSessionsCount;
      this.dataStorage = value.dataStorage;
      this.lastModifiedDate = value.lastModifiedDate;
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
     * Sets the syncSessionsCount member (wire name {@code SyncSessionsCount}). Number of sync sessions for
     * the identity pool.
     *
     * @param syncSessionsCount the new value, not null
     * @return this builder
     */
    public Builder syncSessionsCount(Long syncSessionsCount) {
      Objects.requireNonNull(syncSessionsCount, "syncSessionsCount == null");
      this.syncSessionsCount = syncSessionsCount;
      return this;
    }

    /**
     * Sets the dataStorage member (wire name {@code DataStorage}). Data storage information for the identity
     * pool.
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
     * Sets the lastModifiedDate member (wire name {@code LastModifiedDate}). Date on which the identity pool
     * was last modified.
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
     * Builds the value.
     *
     * @return the immutable value
     */
    public IdentityPoolUsage build() {
      IdentityPoolUsage value = new IdentityPoolUsage(this);
      return value;
    }
  }
}
