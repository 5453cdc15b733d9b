package dev.offsync.server.spi;

import java.time.Instant;
import java.util.Objects;

/**
 * Usage figures of one identity pool.
 *
 * @param poolId the pool
 * @param syncSessionsCount number of committed sync sessions (UpdateRecords calls that wrote) in the pool
 * @param dataStorage bytes of live records over every dataset of the pool
 * @param lastModifiedDate last change to any dataset of the pool, null if none
 */
public record PoolUsage(String poolId, long syncSessionsCount, long dataStorage, Instant lastModifiedDate) {

  /**
   * Validates the required components.
   *
   * @param poolId the pool
   * @param syncSessionsCount number of committed sync sessions (UpdateRecords calls that wrote) in the pool
   * @param dataStorage bytes of live records over every dataset of the pool
   * @param lastModifiedDate last change to any dataset of the pool, null if none
   */
  public PoolUsage {
    Objects.requireNonNull(poolId, "poolId == null");
  }
}
