package dev.offsync.app.internal.device;

import java.nio.file.Path;
import java.util.Objects;

/**
 * How to open a device.
 *
 * @param name the device's name, sent as its device id (the server's {@code LastModifiedBy})
 * @param db the SQLite file
 * @param endpoint the Cognito Sync endpoint, or {@code null} when none is known (local work only)
 * @param identityEndpoint the Cognito Identity endpoint, or {@code null} for AWS's in the region
 * @param region the region
 * @param identityPoolId the identity pool, or {@code null} when none is known (local work only)
 * @param identityId the identity, or {@code null} until the first sync asks Cognito Identity for one
 */
public record DeviceSettings(
    String name, Path db, String endpoint, String identityEndpoint, String region, String identityPoolId,
    String identityId) {
  /** Rejects nulls where they are not allowed. */
  public DeviceSettings {
    Objects.requireNonNull(name, "name == null");
    Objects.requireNonNull(db, "db == null");
    Objects.requireNonNull(region, "region == null");
  }

  /**
   * Returns a copy with an identity.
   *
   * @param id the identity id
   * @return the new settings
   */
  public DeviceSettings withIdentityId(String id) {
    return new DeviceSettings(name, db, endpoint, identityEndpoint, region, identityPoolId,
        Objects.requireNonNull(id, "id == null"));
  }

  /** Whether a server is configured: an endpoint and an identity pool. */
  public boolean hasServer() {
    return endpoint != null && identityPoolId != null;
  }
}
