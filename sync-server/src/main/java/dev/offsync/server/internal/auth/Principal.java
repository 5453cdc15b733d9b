package dev.offsync.server.internal.auth;

/**
 * Who signed a request: a developer key (may act on any identity, except the device operations) or temporary
 * credentials scoped to exactly one identity.
 *
 * @param accessKeyId the access key id that signed
 * @param developer true for developer credentials
 * @param poolId for identity credentials, their pool
 * @param identityId for identity credentials, their identity
 */
public record Principal(String accessKeyId, boolean developer, String poolId, String identityId) {

  /**
   * Developer credentials.
   *
   * @param accessKeyId the key id
   * @return the principal
   */
  public static Principal developer(String accessKeyId) {
    return new Principal(accessKeyId, true, null, null);
  }

  /**
   * Identity credentials.
   *
   * @param accessKeyId the key id
   * @param poolId the pool
   * @param identityId the identity
   * @return the principal
   */
  public static Principal identity(String accessKeyId, String poolId, String identityId) {
    return new Principal(accessKeyId, false, poolId, identityId);
  }
}
