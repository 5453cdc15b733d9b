package dev.offsync.server.internal.auth;

import dev.offsync.server.internal.http.ApiException;
import dev.offsync.server.internal.http.ErrorType;
import java.time.Clock;
import java.util.Map;

/**
 * Resolves the credentials of a signed request: configured developer key pairs (no session token), or temporary
 * identity credentials (session token issued by the identity endpoint, verified and expiry-checked).
 */
public final class CredentialResolverImpl implements SigV4Verifier.CredentialResolver {
  private final Map<String, String> developerKeys;
  private final ServerKey key;
  private final Clock clock;

  /**
   * Creates the resolver.
   *
   * @param developerKeys access key id to secret
   * @param key the server key
   * @param clock the clock for expiry checks
   */
  public CredentialResolverImpl(Map<String, String> developerKeys, ServerKey key, Clock clock) {
    this.developerKeys = Map.copyOf(developerKeys);
    this.key = key;
    this.clock = clock;
  }

  @Override
  public SigV4Verifier.Resolved resolve(String accessKeyId, String securityToken) {
    if (securityToken == null || securityToken.isEmpty()) {
      String secret = developerKeys.get(accessKeyId);
      if (secret == null) {
        throw new ApiException(ErrorType.UnrecognizedClientException,
            "The security token included in the request is invalid.");
      }
      return new SigV4Verifier.Resolved(secret, Principal.developer(accessKeyId));
    }
    TemporaryCredentials.Decoded d = TemporaryCredentials.decode(key, securityToken.trim());
    if (d == null || !d.accessKeyId().equals(accessKeyId)) {
      throw new ApiException(ErrorType.UnrecognizedClientException,
          "The security token included in the request is invalid.");
    }
    if (!clock.instant().isBefore(d.expiration())) {
      throw new ApiException(ErrorType.ExpiredTokenException,
          "The security token included in the request is expired");
    }
    return new SigV4Verifier.Resolved(
        d.secretKey(), Principal.identity(accessKeyId, d.poolId(), d.identityId()));
  }
}
