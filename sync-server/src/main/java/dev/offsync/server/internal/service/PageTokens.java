package dev.offsync.server.internal.service;

import dev.offsync.server.internal.auth.ServerKey;
import dev.offsync.server.internal.http.ApiException;

/**
 * Opaque, signed NextTokens. A token names the position after the last returned item and the listing it belongs to;
 * a token from another listing, or one that was altered, is rejected with InvalidParameterException.
 */
public final class PageTokens {
  private static final String LABEL = "next-token-v1";
  private final ServerKey key;

  /**
   * Creates the token codec.
   *
   * @param key the server key
   */
  public PageTokens(ServerKey key) {
    this.key = key;
  }

  /**
   * Encodes a position.
   *
   * @param scope which listing (e.g. {@code records|pool|identity|dataset})
   * @param position the position within it
   * @return the token
   */
  public String encode(String scope, String position) {
    return key.sign(LABEL, scope + "\n" + position);
  }

  /**
   * Decodes a position.
   *
   * @param scope which listing the request is for
   * @param token the token, may be null
   * @return the position, or null when no token was given
   */
  public String decode(String scope, String token) {
    if (token == null || token.isEmpty()) {
      return null;
    }
    String payload = key.verify(LABEL, token);
    if (payload == null || !payload.startsWith(scope + "\n")) {
      throw ApiException.invalid("Invalid NextToken: it was not issued for this listing");
    }
    return payload.substring(scope.length() + 1);
  }
}
