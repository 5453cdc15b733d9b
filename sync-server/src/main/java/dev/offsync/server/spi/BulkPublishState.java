package dev.offsync.server.spi;

import java.time.Instant;
import java.util.Objects;

/**
 * The last bulk publish of an identity pool.
 *
 * @param poolId the pool
 * @param status its status
 * @param startTime when it started, null if never
 * @param completeTime when it ended, null while running
 * @param failureMessage why it failed, null unless FAILED
 */
public record BulkPublishState(
    String poolId, BulkPublishStatus status, Instant startTime, Instant completeTime, String failureMessage) {

  /**
   * Validates the required components.
   *
   * @param poolId the pool
   * @param status its status
   * @param startTime when it started, null if never
   * @param completeTime when it ended, null while running
   * @param failureMessage why it failed, null unless FAILED
   */
  public BulkPublishState {
    Objects.requireNonNull(poolId, "poolId == null");
    Objects.requireNonNull(status, "status == null");
  }
}
