package dev.offsync.server.spi;

import java.time.Instant;
import java.util.Objects;

/**
 * Usage figures of one identity.
 *
 * @param poolId the pool
 * @param identityId the identity
 * @param datasetCount number of live datasets
 * @param dataStorage bytes of live records over the identity's datasets
 * @param lastModifiedDate last change to any of its datasets, null if none
 */
public record IdentityUsage(
    String poolId, String identityId, int datasetCount, long dataStorage, Instant lastModifiedDate) {

  /**
   * Validates the required components.
   *
   * @param poolId the pool
   * @param identityId the identity
   * @param datasetCount number of live datasets
   * @param dataStorage bytes of live records over the identity's datasets
   * @param lastModifiedDate last change to any of its datasets, null if none
   */
  public IdentityUsage {
    Objects.requireNonNull(poolId, "poolId == null");
    Objects.requireNonNull(identityId, "identityId == null");
  }
}
