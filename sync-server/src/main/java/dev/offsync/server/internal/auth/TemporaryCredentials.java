package dev.offsync.server.internal.auth;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.Base64;

/**
 * Stateless temporary credentials for one identity, as GetCredentialsForIdentity returns them. The session token is a
 * signed statement of (access key id, pool, identity, expiry); the secret key is derived from it with the server key,
 * so verifying a request needs no lookup.
 *
 * @param accessKeyId the access key id ({@code ASIA...})
 * @param secretKey the secret access key
 * @param sessionToken the session token
 * @param expiration when they expire
 */
public record TemporaryCredentials(String accessKeyId, String secretKey, String sessionToken, Instant expiration) {
  private static final String LABEL = "identity-credentials-v1";
  private static final SecureRandom RANDOM = new SecureRandom();
  private static final char[] ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567".toCharArray();

  /**
   * Issues credentials.
   *
   * @param key the server key
   * @param poolId the pool
   * @param identityId the identity
   * @param expiration expiry time
   * @return the credentials
   */
  public static TemporaryCredentials issue(ServerKey key, String poolId, String identityId, Instant expiration) {
    StringBuilder akid = new StringBuilder("ASIA");
    for (int i = 0; i < 16; i++) {
      akid.append(ALPHABET[RANDOM.nextInt(ALPHABET.length)]);
    }
    String payload = akid + "|" + poolId + "|" + identityId + "|" + expiration.toEpochMilli();
    return new TemporaryCredentials(
        akid.toString(), secretFor(key, payload), key.sign(LABEL, payload), expiration);
  }

  private static String secretFor(ServerKey key, String payload) {
    return Base64.getEncoder()
        .withoutPadding()
        .encodeToString(key.mac(LABEL + "-secret", payload.getBytes(StandardCharsets.UTF_8)))
        .replace('+', 'A')
        .replace('/', 'B');
  }

  /**
   * Decodes a session token.
   *
   * @param key the server key
   * @param sessionToken the token from {@code x-amz-security-token}
   * @return the credentials it stands for, or null if it is not one of ours
   */
  public static Decoded decode(ServerKey key, String sessionToken) {
    String payload = key.verify(LABEL, sessionToken);
    if (payload == null) {
      return null;
    }
    String[] p = payload.split("\\|", -1);
    if (p.length != 4) {
      return null;
    }
    long expiry;
    try {
      expiry = Long.parseLong(p[3]);
    } catch (NumberFormatException e) {
      return null;
    }
    return new Decoded(p[0], secretFor(key, payload), p[1], p[2], Instant.ofEpochMilli(expiry));
  }

  /**
   * What a valid session token stands for.
   *
   * @param accessKeyId the access key id it was issued with
   * @param secretKey the derived secret
   * @param poolId the pool
   * @param identityId the identity
   * @param expiration expiry time
   */
  public record Decoded(String accessKeyId, String secretKey, String poolId, String identityId, Instant expiration) {}
}
