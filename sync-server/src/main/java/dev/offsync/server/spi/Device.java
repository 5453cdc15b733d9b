package dev.offsync.server.spi;

import java.util.Objects;

/**
 * A device registered for push sync.
 *
 * @param poolId the pool
 * @param identityId the identity that registered it
 * @param deviceId the server-assigned, stable device id
 * @param platform APNS, APNS_SANDBOX, GCM or ADM
 * @param token the platform push token
 */
public record Device(String poolId, String identityId, String deviceId, String platform, String token) {

  /**
   * Validates the components.
   *
   * @param poolId the pool
   * @param identityId the identity that registered it
   * @param deviceId the server-assigned, stable device id
   * @param platform APNS, APNS_SANDBOX, GCM or ADM
   * @param token the platform push token
   */
  public Device {
    Objects.requireNonNull(poolId, "poolId == null");
    Objects.requireNonNull(identityId, "identityId == null");
    Objects.requireNonNull(deviceId, "deviceId == null");
    Objects.requireNonNull(platform, "platform == null");
    Objects.requireNonNull(token, "token == null");
  }
}
