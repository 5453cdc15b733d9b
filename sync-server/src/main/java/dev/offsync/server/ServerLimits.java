package dev.offsync.server;

import java.util.Objects;

/**
 * Service limits of the server. Defaults are AWS's documented Cognito Sync quotas: 20 datasets per identity, 1024
 * records per dataset, 1 MB (1,048,576 bytes of UTF-8 key plus value of the live records) per dataset; and a 4 MB cap
 * on request bodies.
 */
public final class ServerLimits {
  private static final ServerLimits DEFAULTS = newBuilder().build();

  private final int maxDatasetsPerIdentity;
  private final int maxRecordsPerDataset;
  private final long maxDatasetBytes;
  private final long maxRequestBodyBytes;

  private ServerLimits(Builder b) {
    this.maxDatasetsPerIdentity = b.maxDatasetsPerIdentity;
    this.maxRecordsPerDataset = b.maxRecordsPerDataset;
    this.maxDatasetBytes = b.maxDatasetBytes;
    this.maxRequestBodyBytes = b.maxRequestBodyBytes;
  }

  /**
   * AWS's default limits.
   *
   * @return the defaults
   */
  public static ServerLimits defaults() {
    return DEFAULTS;
  }

  /**
   * A builder starting from the defaults.
   *
   * @return a builder
   */
  public static Builder newBuilder() {
    return new Builder();
  }

  /**
   * A builder starting from these limits.
   *
   * @return a builder
   */
  public Builder toBuilder() {
    Builder b = new Builder();
    b.maxDatasetsPerIdentity = maxDatasetsPerIdentity;
    b.maxRecordsPerDataset = maxRecordsPerDataset;
    b.maxDatasetBytes = maxDatasetBytes;
    b.maxRequestBodyBytes = maxRequestBodyBytes;
    return b;
  }

  /**
   * Live datasets one identity may have.
   *
   * @return the limit (default 20)
   */
  public int maxDatasetsPerIdentity() {
    return maxDatasetsPerIdentity;
  }

  /**
   * Live records one dataset may hold.
   *
   * @return the limit (default 1024)
   */
  public int maxRecordsPerDataset() {
    return maxRecordsPerDataset;
  }

  /**
   * UTF-8 bytes of key plus value over a dataset's live records.
   *
   * @return the limit (default 1,048,576)
   */
  public long maxDatasetBytes() {
    return maxDatasetBytes;
  }

  /**
   * Largest request body accepted; larger bodies are refused with 400 without being read.
   *
   * @return the cap in bytes (default 4 MiB)
   */
  public long maxRequestBodyBytes() {
    return maxRequestBodyBytes;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof ServerLimits l
        && l.maxDatasetsPerIdentity == maxDatasetsPerIdentity
        && l.maxRecordsPerDataset == maxRecordsPerDataset
        && l.maxDatasetBytes == maxDatasetBytes
        && l.maxRequestBodyBytes == maxRequestBodyBytes;
  }

  @Override
  public int hashCode() {
    return Objects.hash(maxDatasetsPerIdentity, maxRecordsPerDataset, maxDatasetBytes, maxRequestBodyBytes);
  }

  @Override
  public String toString() {
    return "ServerLimits{maxDatasetsPerIdentity=" + maxDatasetsPerIdentity + ", maxRecordsPerDataset="
        + maxRecordsPerDataset + ", maxDatasetBytes=" + maxDatasetBytes + ", maxRequestBodyBytes="
        + maxRequestBodyBytes + "}";
  }

  /** Builder of {@link ServerLimits}. */
  public static final class Builder {
    private int maxDatasetsPerIdentity = 20;
    private int maxRecordsPerDataset = 1024;
    private long maxDatasetBytes = 1024 * 1024;
    private long maxRequestBodyBytes = 4L * 1024 * 1024;

    private Builder() {}

    private static long positive(String name, long v) {
      if (v < 1) {
        throw new IllegalArgumentException(name + " must be positive: " + v);
      }
      return v;
    }

    /**
     * Sets the dataset limit per identity.
     *
     * @param v a positive number
     * @return this
     */
    public Builder maxDatasetsPerIdentity(int v) {
      this.maxDatasetsPerIdentity = (int) positive("maxDatasetsPerIdentity", v);
      return this;
    }

    /**
     * Sets the live-record limit per dataset.
     *
     * @param v a positive number
     * @return this
     */
    public Builder maxRecordsPerDataset(int v) {
      this.maxRecordsPerDataset = (int) positive("maxRecordsPerDataset", v);
      return this;
    }

    /**
     * Sets the size limit per dataset.
     *
     * @param v bytes, positive
     * @return this
     */
    public Builder maxDatasetBytes(long v) {
      this.maxDatasetBytes = positive("maxDatasetBytes", v);
      return this;
    }

    /**
     * Sets the request body cap.
     *
     * @param v bytes, positive
     * @return this
     */
    public Builder maxRequestBodyBytes(long v) {
      this.maxRequestBodyBytes = positive("maxRequestBodyBytes", v);
      return this;
    }

    /**
     * Builds the limits.
     *
     * @return the immutable limits
     */
    public ServerLimits build() {
      return new ServerLimits(this);
    }
  }
}
