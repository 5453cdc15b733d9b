package dev.offsync.server.internal.identity;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.jwk.source.JWKSourceBuilder;
import com.nimbusds.jose.proc.BadJOSEException;
import com.nimbusds.jose.proc.JWSVerificationKeySelector;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.nimbusds.jwt.proc.DefaultJWTClaimsVerifier;
import com.nimbusds.jwt.proc.DefaultJWTProcessor;
import dev.offsync.server.internal.http.ApiException;
import java.io.IOException;
import java.net.MalformedURLException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.text.ParseException;
import java.time.Clock;
import java.util.Date;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Verifies the OpenID Connect tokens of a {@code Logins} map with nimbus-jose-jwt: a JWS signed with RS256 or ES256
 * by a key of the provider's JWKS (fetched from its URL, cached, refetched on an unknown {@code kid} at most every
 * {@link #REFETCH_INTERVAL_MS} ms; or read from a file, reread when it changes), exact {@code iss}, {@code aud}
 * among the provider's client ids, {@code exp} required and {@code nbf} honored with {@link #SKEW_SECONDS} of skew,
 * {@code sub} required, at most {@link #MAX_TOKEN_CHARS} characters. Anything else ({@code alg: none}, HMAC, unknown
 * key, ...) is a {@code NotAuthorizedException}.
 */
final class LoginVerifier {
  /** Longest token accepted (AWS allows 50000 characters per login; real ID tokens are a few KiB). */
  static final int MAX_TOKEN_CHARS = 16 * 1024;
  /** Clock skew tolerated on {@code exp}, {@code nbf} and {@code iat}. */
  static final int SKEW_SECONDS = 60;
  /** Minimum time between two JWKS fetches (unknown {@code kid}s do not hammer the provider). */
  static final long REFETCH_INTERVAL_MS = 30_000;
  private static final long CACHE_TTL_MS = 15 * 60_000;
  private static final Set<JWSAlgorithm> ALGORITHMS = Set.of(JWSAlgorithm.RS256, JWSAlgorithm.ES256);

  /** A verified login: which provider, which user. */
  record Verified(String provider, String subject) {}

  private record Trusted(OpenIdProvider provider, DefaultJWTProcessor<SecurityContext> processor) {}

  private final Map<String, Trusted> byName = new LinkedHashMap<>();

  LoginVerifier(List<OpenIdProvider> providers, Clock clock) {
    for (OpenIdProvider p : providers) {
      DefaultJWTProcessor<SecurityContext> processor = new DefaultJWTProcessor<>();
      processor.setJWSKeySelector(new JWSVerificationKeySelector<>(ALGORITHMS, source(p.jwks())));
      DefaultJWTClaimsVerifier<SecurityContext> claims = new DefaultJWTClaimsVerifier<>(
          null, new JWTClaimsSet.Builder().issuer(p.issuer()).build(), Set.of("sub", "exp", "aud"), null) {
        @Override
        protected Date currentTime() {
          return Date.from(clock.instant());
        }
      };
      claims.setMaxClockSkew(SKEW_SECONDS);
      processor.setJWTClaimsSetVerifier(claims);
      byName.put(p.name(), new Trusted(p, processor));
    }
  }

  private static JWKSource<SecurityContext> source(String jwks) {
    if (jwks.startsWith("http://") || jwks.startsWith("https://")) {
      try {
        return JWKSourceBuilder.<SecurityContext>create(URI.create(jwks).toURL())
            .cache(CACHE_TTL_MS, JWKSourceBuilder.DEFAULT_CACHE_REFRESH_TIMEOUT)
            .rateLimited(REFETCH_INTERVAL_MS)
            .refreshAheadCache(false)
            .retrying(false)
            .build();
      } catch (MalformedURLException | IllegalArgumentException e) {
        throw new IllegalArgumentException("invalid JWKS URL " + jwks, e);
      }
    }
    Path file = Path.of(jwks);
    return new JWKSource<>() {
      private FileTime loadedAt;
      private JWKSet keys = new JWKSet();

      @Override
      public synchronized List<JWK> get(com.nimbusds.jose.jwk.JWKSelector selector, SecurityContext ctx) {
        try {
          FileTime t = Files.getLastModifiedTime(file);
          if (!t.equals(loadedAt)) {
            keys = JWKSet.load(file.toFile());
            loadedAt = t;
          }
        } catch (IOException | ParseException e) {
          // keep the last good keys; a token signed by a new key fails until the file is readable
        }
        return selector.select(keys);
      }
    };
  }

  /**
   * Whether logins of this provider can be verified here.
   *
   * @param name the {@code Logins} key
   * @return true if configured
   */
  boolean knows(String name) {
    return byName.containsKey(name);
  }

  /**
   * Verifies one login against a pool.
   *
   * @param pool the pool the login is for
   * @param name the {@code Logins} key
   * @param token the {@code Logins} value
   * @return the verified login
   * @throws ApiException {@code NotAuthorizedException} if it is not a valid token of an enabled provider
   */
  Verified verify(IdentityPoolConfig pool, String name, String token) {
    Trusted t = byName.get(name);
    if (t == null || !enabled(pool, name)) {
      throw ApiException.notAuthorized("Invalid login token. The provider " + name
          + " is not configured for identity pool " + pool.poolId());
    }
    if (token == null || token.length() > MAX_TOKEN_CHARS) {
      throw ApiException.notAuthorized("Invalid login token. Token is too long.");
    }
    JWTClaimsSet claims;
    try {
      // SignedJWT.parse refuses unsecured (alg none) tokens; the key selector only offers RS256/ES256 keys
      claims = t.processor().process(SignedJWT.parse(token), null);
    } catch (ParseException e) {
      throw ApiException.notAuthorized("Invalid login token. Not a valid OpenId Connect identity token.");
    } catch (BadJOSEException | JOSEException e) {
      throw ApiException.notAuthorized("Invalid login token. " + e.getMessage());
    }
    Set<String> accepted = new HashSet<>(t.provider().clientIds());
    String supported = pool.supportedLoginProviders().get(name);
    if (supported != null) {
      accepted.add(supported);
    }
    List<String> aud = claims.getAudience();
    if (aud == null || aud.stream().noneMatch(accepted::contains)) {
      throw ApiException.notAuthorized("Invalid login token. Incorrect token audience.");
    }
    String sub = claims.getSubject();
    if (sub == null || sub.isEmpty() || sub.length() > 1024) {
      throw ApiException.notAuthorized("Invalid login token. Missing or invalid sub.");
    }
    return new Verified(name, sub);
  }

  private static boolean enabled(IdentityPoolConfig pool, String name) {
    if (pool.supportedLoginProviders().containsKey(name)) {
      return true;
    }
    return pool.openIdConnectProviderArns().stream().anyMatch(arn -> arn.endsWith(":oidc-provider/" + name));
  }
}
