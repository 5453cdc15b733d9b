package dev.offsync.server.internal.identity;

import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * An OpenID Connect identity provider the server trusts (the counterpart of an IAM OIDC provider in AWS): its issuer,
 * where its signing keys are (a JWKS URL, or a JWKS file for air-gapped setups), and the client ids (token
 * audiences) it issues tokens for. A pool enables it by listing an ARN ending in {@code oidc-provider/<name>} in
 * {@code OpenIdConnectProviderARNs}, or its {@link #name} as a key of {@code SupportedLoginProviders} (whose value is
 * then one more accepted client id).
 *
 * @param issuer the exact {@code iss} of its tokens, e.g. {@code https://issuer.example.com/realms/app}
 * @param jwks an {@code http(s)://} URL of its JWKS, or a path to a JWKS file
 * @param clientIds the accepted audiences
 */
public record OpenIdProvider(String issuer, String jwks, Set<String> clientIds) {

  /**
   * Validates and copies.
   *
   * @param issuer the exact {@code iss}
   * @param jwks JWKS URL or file
   * @param clientIds the accepted audiences
   */
  public OpenIdProvider {
    Objects.requireNonNull(issuer, "issuer == null");
    Objects.requireNonNull(jwks, "jwks == null");
    clientIds = Set.copyOf(clientIds);
    if (issuer.isBlank()) {
      throw new IllegalArgumentException("issuer is blank");
    }
  }

  /**
   * The name logins use as the key of a {@code Logins} map, as AWS derives it: the issuer without its
   * {@code https://} (or {@code http://}) scheme and trailing slash.
   *
   * @return e.g. {@code issuer.example.com/realms/app}
   */
  public String name() {
    String n = issuer;
    for (String scheme : List.of("https://", "http://")) {
      if (n.startsWith(scheme)) {
        n = n.substring(scheme.length());
      }
    }
    return n.endsWith("/") ? n.substring(0, n.length() - 1) : n;
  }
}
