package dev.offsync.server;

import java.time.Duration;
import java.util.Objects;

/**
 * Service limits of the server. Defaults are AWS's documented Cognito Sync quotas: 20 datasets per identity, 1024
 * records per dataset, 1 MB (1,048,576 bytes of UTF-8 key plus value of the live records) per dataset; and a 4 MB cap
 * on request bodies.
 *
 * <p>The HTTP layer's limits bound what slow or stalled clients can hold: worker threads, open connections, the idle
 * timeout, the request header size, and the body deadline: a body must arrive within {@link #requestBodyTimeout()}
 * plus one second per {@link #minRequestBodyRate()} bytes received, else the request fails with 408
 * {@code RequestTimeoutException}. Bodies are read without holding a worker thread.
 */
public final class ServerLimits {
  private static final ServerLimits DEFAULTS = newBuilder().build();

  private final int maxDatasetsPerIdentity;
  private final int maxRecordsPerDataset;
  private final long maxDatasetBytes;
  private final long maxRequestBodyBytes;
  private final int maxThreads;
  private final int maxConnections;
  private final Duration idleTimeout;
  private final Duration requestBodyTimeout;
  private final long minRequestBodyRate;
  private final int maxRequestHeaderBytes;

  private ServerLimits(Builder b) {
    this.maxDatasetsPerIdentity = b.maxDatasetsPerIdentity;
    this.maxRecordsPerDataset = b.maxRecordsPerDataset;
    this.maxDatasetBytes = b.maxDatasetBytes;
    this.maxRequestBodyBytes = b.maxRequestBodyBytes;
    this.maxThreads = b.maxThreads;
    this.maxConnections = b.maxConnections;
    this.idleTimeout = b.idleTimeout;
    this.requestBodyTimeout = b.requestBodyTimeout;
    this.minRequestBodyRate = b.minRequestBodyRate;
    this.maxRequestHeaderBytes = b.maxRequestHeaderBytes;
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
    b.maxThreads = maxThreads;
    b.maxConnections = maxConnections;
    b.idleTimeout = idleTimeout;
    b.requestBodyTimeout = requestBodyTimeout;
    b.minRequestBodyRate = minRequestBodyRate;
    b.maxRequestHeaderBytes = maxRequestHeaderBytes;
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

  /**
   * Maximum number of HTTP worker threads (they run operations; bodies and headers are read without one).
   *
   * @return the limit (default 64)
   */
  public int maxThreads() {
    return maxThreads;
  }

  /**
   * Open connections accepted at once; past it the server stops accepting until one closes.
   *
   * @return the limit (default 2048)
   */
  public int maxConnections() {
    return maxConnections;
  }

  /**
   * How long a connection may go without any byte read or written before it is closed (between keep-alive requests,
   * inside slow headers, inside a slow body, for a client that does not read its answer).
   *
   * @return the timeout (default 30 s)
   */
  public Duration idleTimeout() {
    return idleTimeout;
  }

  /**
   * The grace period of the body deadline: a request's body must be complete within this plus one second per
   * {@link #minRequestBodyRate()} bytes received so far; else 408 {@code RequestTimeoutException}.
   *
   * @return the grace period (default 10 s)
   */
  public Duration requestBodyTimeout() {
    return requestBodyTimeout;
  }

  /**
   * The minimum body data rate, in bytes per second, a client must sustain after the {@link #requestBodyTimeout()}.
   *
   * @return the rate (default 4096 bytes/s)
   */
  public long minRequestBodyRate() {
    return minRequestBodyRate;
  }

  /**
   * Largest request line plus headers accepted; larger ones get 431.
   *
   * @return the limit in bytes (default 8192)
   */
  public int maxRequestHeaderBytes() {
    return maxRequestHeaderBytes;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof ServerLimits l
        && l.maxDatasetsPerIdentity == maxDatasetsPerIdentity
        && l.maxRecordsPerDataset == maxRecordsPerDataset
        && l.maxDatasetBytes == maxDatasetBytes
        && l.maxRequestBodyBytes == maxRequestBodyBytes
        && l.maxThreads == maxThreads
        && l.maxConnections == maxConnections
        && l.idleTimeout.equals(idleTimeout)
        && l.requestBodyTimeout.equals(requestBodyTimeout)
        && l.minRequestBodyRate == minRequestBodyRate
        && l.maxRequestHeaderBytes == maxRequestHeaderBytes;
  }

  @Override
  public int hashCode() {
    return Objects.hash(maxDatasetsPerIdentity, maxRecordsPerDataset, maxDatasetBytes, maxRequestBodyBytes,
        maxThreads, maxConnections, idleTimeout, requestBodyTimeout, minRequestBodyRate, maxRequestHeaderBytes);
  }

  @Override
  public String toString() {
    return "ServerLimits{maxDatasetsPerIdentity=" + maxDatasetsPerIdentity + ", maxRecordsPerDataset="
        + maxRecordsPerDataset + ", maxDatasetBytes=" + maxDatasetBytes + ", maxRequestBodyBytes="
        + maxRequestBodyBytes + ", maxThreads=" + maxThreads + ", maxConnections=" + maxConnections
        + ", idleTimeout=" + idleTimeout + ", requestBodyTimeout=" + requestBodyTimeout + ", minRequestBodyRate="
        + minRequestBodyRate + ", maxRequestHeaderBytes=" + maxRequestHeaderBytes + "}";
  }

  /** Builder of {@link ServerLimits}. */
  public static final class Builder {
    private int maxDatasetsPerIdentity = 20;
    private int maxRecordsPerDataset = 1024;
    private long maxDatasetBytes = 1024 * 1024;
    private long maxRequestBodyBytes = 4L * 1024 * 1024;
    private int maxThreads = 64;
    private int maxConnections = 2048;
    private Duration idleTimeout = Duration.ofSeconds(30);
    private Duration requestBodyTimeout = Duration.ofSeconds(10);
    private long minRequestBodyRate = 4096;
    private int maxRequestHeaderBytes = 8192;

    private Builder() {}

    private static Duration positive(String name, Duration d) {
      Objects.requireNonNull(d, name + " == null");
      if (d.isNegative() || d.isZero()) {
        throw new IllegalArgumentException(name + " must be positive: " + d);
      }
      return d;
    }

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
     * Sets the number of HTTP worker threads.
     *
     * @param v at least 8
     * @return this
     */
    public Builder maxThreads(int v) {
      if (v < 8) {
        throw new IllegalArgumentException("maxThreads must be at least 8: " + v);
      }
      this.maxThreads = v;
      return this;
    }

    /**
     * Sets the cap on open connections.
     *
     * @param v a positive number
     * @return this
     */
    public Builder maxConnections(int v) {
      this.maxConnections = (int) positive("maxConnections", v);
      return this;
    }

    /**
     * Sets the connection idle timeout.
     *
     * @param d positive
     * @return this
     */
    public Builder idleTimeout(Duration d) {
      this.idleTimeout = positive("idleTimeout", d);
      return this;
    }

    /**
     * Sets the grace period of the body deadline.
     *
     * @param d positive
     * @return this
     */
    public Builder requestBodyTimeout(Duration d) {
      this.requestBodyTimeout = positive("requestBodyTimeout", d);
      return this;
    }

    /**
     * Sets the minimum body data rate.
     *
     * @param bytesPerSecond positive
     * @return this
     */
    public Builder minRequestBodyRate(long bytesPerSecond) {
      this.minRequestBodyRate = positive("minRequestBodyRate", bytesPerSecond);
      return this;
    }

    /**
     * Sets the request header size limit.
     *
     * @param v bytes, at least 1024
     * @return this
     */
    public Builder maxRequestHeaderBytes(int v) {
      if (v < 1024) {
        throw new IllegalArgumentException("maxRequestHeaderBytes must be at least 1024: " + v);
      }
      this.maxRequestHeaderBytes = v;
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
