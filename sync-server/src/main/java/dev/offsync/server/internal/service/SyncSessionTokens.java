package dev.offsync.server.internal.service;

import dev.offsync.server.internal.auth.ServerKey;
import dev.offsync.server.internal.http.ApiException;
import dev.offsync.server.spi.DatasetId;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;

/**
 * SyncSessionTokens: {@code pool|identity|dataset|expiry|nonce}, HMAC-signed with the server key. A token is valid
 * for UpdateRecords on exactly the dataset it was issued for, until it expires.
 */
public final class SyncSessionTokens {
  private static final String LABEL = "sync-session-v1";
  static final String INVALID = "SyncSessionToken not valid for these inputs";
  private static final SecureRandom RANDOM = new SecureRandom();

  private final ServerKey key;
  private final Clock clock;
  private final Duration ttl;

  /**
   * Creates the token service.
   *
   * @param key the server key
   * @param clock the clock
   * @param ttl token lifetime
   */
  public SyncSessionTokens(ServerKey key, Clock clock, Duration ttl) {
    this.key = key;
    this.clock = clock;
    this.ttl = ttl;
  }

  /**
   * Issues a token for a dataset.
   *
   * @param id the dataset
   * @return the token
   */
  public String issue(DatasetId id) {
    byte[] nonce = new byte[8];
    RANDOM.nextBytes(nonce);
    Instant expiry = clock.instant().plus(ttl);
    return key.sign(
        LABEL,
        id.poolId() + "|" + id.identityId() + "|" + id.datasetName() + "|" + expiry.toEpochMilli() + "|"
            + HexFormat.of().formatHex(nonce));
  }

  /**
   * Checks a token.
   *
   * @param id the dataset the request is for
   * @param token the token, may be null
   * @throws ApiException 400 InvalidParameterException if missing, forged, expired or for another dataset
   */
  public void check(DatasetId id, String token) {
    String payload = key.verify(LABEL, token);
    if (payload == null) {
      throw ApiException.invalid(INVALID);
    }
    String[] p = payload.split("\\|", -1);
    if (p.length != 5
        || !p[0].equals(id.poolId())
        || !p[1].equals(id.identityId())
        || !p[2].equals(id.datasetName())) {
      throw ApiException.invalid(INVALID);
    }
    long expiry;
    try {
      expiry = Long.parseLong(p[3]);
    } catch (NumberFormatException e) {
      throw ApiException.invalid(INVALID);
    }
    if (clock.millis() >= expiry) {
      throw ApiException.invalid(INVALID);
    }
  }
}
