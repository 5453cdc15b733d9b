package dev.offsync.server.spi;

import java.util.Objects;

/**
 * Identifies one dataset: identity pool, identity and dataset name.
 *
 * @param poolId identity pool id, e.g. {@code us-east-1:0f1e...}
 * @param identityId identity id within the pool
 * @param datasetName dataset name
 */
public record DatasetId(String poolId, String identityId, String datasetName) {

  /**
   * Validates that no component is null.
   *
   * @param poolId identity pool id, e.g. {@code us-east-1:0f1e...}
   * @param identityId identity id within the pool
   * @param datasetName dataset name
   */
  public DatasetId {
    Objects.requireNonNull(poolId, "poolId == null");
    Objects.requireNonNull(identityId, "identityId == null");
    Objects.requireNonNull(datasetName, "datasetName == null");
  }
}
