package dev.offsync;

import static dev.offsync.internal.Preconditions.checkArgument;

/**
 * The service limits offsync enforces when the app writes (so a write that the server would reject fails
 * at once with {@link ValidationException} or {@link LimitExceededException} and nothing is stored) and
 * when it pushes (request batching). Defaults are Amazon Cognito Sync's; change them to match a server
 * with raised quotas. Immutable.
 */
public final class Limits {
  /** Cognito Sync's limits. */
  public static final Limits DEFAULT = new Builder().build();

  private final int maxDatasetNameLength;
  private final int maxKeyLength;
  private final int maxValueLength;
  private final long maxDatasetBytes;
  private final int maxRecordsPerDataset;
  private final int maxDatasets;
  private final int maxPatchesPerRequest;
  private final long maxRequestBytes;

  private Limits(Builder b) {
    this.maxDatasetNameLength = b.maxDatasetNameLength;
    this.maxKeyLength = b.maxKeyLength;
    this.maxValueLength = b.maxValueLength;
    this.maxDatasetBytes = b.maxDatasetBytes;
    this.maxRecordsPerDataset = b.maxRecordsPerDataset;
    this.maxDatasets = b.maxDatasets;
    this.maxPatchesPerRequest = b.maxPatchesPerRequest;
    this.maxRequestBytes = b.maxRequestBytes;
  }

  /** @return a builder with Cognito Sync's limits */
  public static Builder builder() {
    return new Builder();
  }

  /** @return a builder initialised with these limits */
  public Builder newBuilder() {
    return new Builder(this);
  }

  /** @return the longest dataset name, in characters (default 128) */
  public int maxDatasetNameLength() {
    return maxDatasetNameLength;
  }

  /** @return the longest record key, in characters (default 1024) */
  public int maxKeyLength() {
    return maxKeyLength;
  }

  /** @return the longest record value, in characters (default 1,048,575) */
  public int maxValueLength() {
    return maxValueLength;
  }

  /** @return the largest dataset: UTF-8 bytes of keys and values of live records (default 1 MiB) */
  public long maxDatasetBytes() {
    return maxDatasetBytes;
  }

  /** @return the most live records per dataset (default 1024) */
  public int maxRecordsPerDataset() {
    return maxRecordsPerDataset;
  }

  /** @return the most datasets per identity (default 20) */
  public int maxDatasets() {
    return maxDatasets;
  }

  /** @return the most record patches per {@code UpdateRecords} request (default 1024) */
  public int maxPatchesPerRequest() {
    return maxPatchesPerRequest;
  }

  /** @return the byte budget (UTF-8 keys and values) of one {@code UpdateRecords} request (default 2 MiB) */
  public long maxRequestBytes() {
    return maxRequestBytes;
  }

  @Override
  public boolean equals(Object o) {
    if (!(o instanceof Limits)) {
      return false;
    }
    Limits l = (Limits) o;
    return maxDatasetNameLength == l.maxDatasetNameLength && maxKeyLength == l.maxKeyLength
        && maxValueLength == l.maxValueLength && maxDatasetBytes == l.maxDatasetBytes
        && maxRecordsPerDataset == l.maxRecordsPerDataset && maxDatasets == l.maxDatasets
        && maxPatchesPerRequest == l.maxPatchesPerRequest && maxRequestBytes == l.maxRequestBytes;
  }

  @Override
  public int hashCode() {
    return java.util.Objects.hash(maxDatasetNameLength, maxKeyLength, maxValueLength, maxDatasetBytes,
        maxRecordsPerDataset, maxDatasets, maxPatchesPerRequest, maxRequestBytes);
  }

  @Override
  public String toString() {
    return "Limits{name=" + maxDatasetNameLength + ", key=" + maxKeyLength + ", value=" + maxValueLength
        + ", datasetBytes=" + maxDatasetBytes + ", records=" + maxRecordsPerDataset + ", datasets=" + maxDatasets
        + ", patches=" + maxPatchesPerRequest + ", requestBytes=" + maxRequestBytes + "}";
  }

  /** Builds {@link Limits}. */
  public static final class Builder {
    private int maxDatasetNameLength = 128;
    private int maxKeyLength = 1024;
    private int maxValueLength = 1_048_575;
    private long maxDatasetBytes = 1_048_576;
    private int maxRecordsPerDataset = 1024;
    private int maxDatasets = 20;
    private int maxPatchesPerRequest = 1024;
    private long maxRequestBytes = 2 * 1_048_576;

    Builder() {}

    Builder(Limits l) {
      maxDatasetNameLength = l.maxDatasetNameLength;
      maxKeyLength = l.maxKeyLength;
      maxValueLength = l.maxValueLength;
      maxDatasetBytes = l.maxDatasetBytes;
      maxRecordsPerDataset = l.maxRecordsPerDataset;
      maxDatasets = l.maxDatasets;
      maxPatchesPerRequest = l.maxPatchesPerRequest;
      maxRequestBytes = l.maxRequestBytes;
    }

    /**
     * @param n the longest dataset name, at least 1
     * @return this builder
     */
    public Builder maxDatasetNameLength(int n) {
      checkArgument(n >= 1, "maxDatasetNameLength < 1: " + n);
      maxDatasetNameLength = n;
      return this;
    }

    /**
     * @param n the longest key, at least 1
     * @return this builder
     */
    public Builder maxKeyLength(int n) {
      checkArgument(n >= 1, "maxKeyLength < 1: " + n);
      maxKeyLength = n;
      return this;
    }

    /**
     * @param n the longest value, not negative
     * @return this builder
     */
    public Builder maxValueLength(int n) {
      checkArgument(n >= 0, "maxValueLength < 0: " + n);
      maxValueLength = n;
      return this;
    }

    /**
     * @param n the largest dataset in bytes, at least 1
     * @return this builder
     */
    public Builder maxDatasetBytes(long n) {
      checkArgument(n >= 1, "maxDatasetBytes < 1: " + n);
      maxDatasetBytes = n;
      return this;
    }

    /**
     * @param n the most live records per dataset, at least 1
     * @return this builder
     */
    public Builder maxRecordsPerDataset(int n) {
      checkArgument(n >= 1, "maxRecordsPerDataset < 1: " + n);
      maxRecordsPerDataset = n;
      return this;
    }

    /**
     * @param n the most datasets per identity, at least 1
     * @return this builder
     */
    public Builder maxDatasets(int n) {
      checkArgument(n >= 1, "maxDatasets < 1: " + n);
      maxDatasets = n;
      return this;
    }

    /**
     * @param n the most patches per request, at least 1
     * @return this builder
     */
    public Builder maxPatchesPerRequest(int n) {
      checkArgument(n >= 1, "maxPatchesPerRequest < 1: " + n);
      maxPatchesPerRequest = n;
      return this;
    }

    /**
     * The byte budget of one request; a single record larger than it is still sent, alone.
     *
     * @param n bytes, at least 1
     * @return this builder
     */
    public Builder maxRequestBytes(long n) {
      checkArgument(n >= 1, "maxRequestBytes < 1: " + n);
      maxRequestBytes = n;
      return this;
    }

    /** @return the limits */
    public Limits build() {
      return new Limits(this);
    }
  }
}
