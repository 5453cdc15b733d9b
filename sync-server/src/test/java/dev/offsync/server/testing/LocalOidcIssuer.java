package dev.offsync.server.testing;

import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.PlainJWT;
import com.nimbusds.jwt.SignedJWT;
import com.sun.net.httpserver.HttpServer;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

/**
 * A local OpenID Connect issuer for tests: an RSA and an EC key generated per instance, its JWKS served on
 * 127.0.0.1, and tokens minted on demand (good or hostile).
 */
public final class LocalOidcIssuer implements AutoCloseable {
  /** The client id (audience) of the test app. */
  public static final String CLIENT_ID = "offsync-test-app";

  private final HttpServer http;
  private final RSAKey rsa;
  private final ECKey ec;
  private final AtomicInteger jwksFetches = new AtomicInteger();

  private LocalOidcIssuer() {
    try {
      rsa = new RSAKeyGenerator(2048).keyID("rsa-1").generate();
      ec = new ECKeyGenerator(Curve.P_256).keyID("ec-1").generate();
      http = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
    byte[] jwks = new JWKSet(List.of(rsa.toPublicJWK(), ec.toPublicJWK())).toString(true)
        .getBytes(StandardCharsets.UTF_8);
    http.createContext("/jwks.json", ex -> {
      jwksFetches.incrementAndGet();
      ex.getResponseHeaders().add("Content-Type", "application/json");
      ex.sendResponseHeaders(200, jwks.length);
      try (OutputStream o = ex.getResponseBody()) {
        o.write(jwks);
      }
    });
    http.start();
  }

  /**
   * Starts an issuer.
   *
   * @return the running issuer
   */
  public static LocalOidcIssuer start() {
    return new LocalOidcIssuer();
  }

  /** @return the issuer URL, the tokens' {@code iss} */
  public String issuer() {
    return "http://127.0.0.1:" + http.getAddress().getPort();
  }

  /** @return the {@code Logins} key: the issuer without scheme */
  public String name() {
    return "127.0.0.1:" + http.getAddress().getPort();
  }

  /** @return the JWKS URL */
  public String jwksUrl() {
    return issuer() + "/jwks.json";
  }

  /** @return how often the JWKS was fetched */
  public int jwksFetches() {
    return jwksFetches.get();
  }

  /** @return the public keys as a JWKS document */
  public String jwksJson() {
    return new JWKSet(List.of(rsa.toPublicJWK(), ec.toPublicJWK())).toString(true);
  }

  /**
   * The claims of a good token for a user, valid for an hour from {@code now}.
   *
   * @param sub the user
   * @param now the server's time
   * @return the claims builder
   */
  public JWTClaimsSet.Builder claims(String sub, Instant now) {
    return new JWTClaimsSet.Builder().issuer(issuer()).subject(sub).audience(CLIENT_ID)
        .issueTime(Date.from(now)).expirationTime(Date.from(now.plus(Duration.ofHours(1))));
  }

  /**
   * A good RS256 token.
   *
   * @param sub the user
   * @param now the server's time
   * @return the compact token
   */
  public String token(String sub, Instant now) {
    return rs256(claims(sub, now).build(), "rsa-1");
  }

  /**
   * A token with adjusted claims, RS256.
   *
   * @param sub the user
   * @param now the server's time
   * @param adjust changes the claims
   * @return the compact token
   */
  public String token(String sub, Instant now, Consumer<JWTClaimsSet.Builder> adjust) {
    JWTClaimsSet.Builder b = claims(sub, now);
    adjust.accept(b);
    return rs256(b.build(), "rsa-1");
  }

  /**
   * RS256 with the issuer's key, under the given {@code kid}.
   *
   * @param claims claims
   * @param kid key id put in the header
   * @return the compact token
   */
  public String rs256(JWTClaimsSet claims, String kid) {
    try {
      SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(kid)
          .type(JOSEObjectType.JWT).build(), claims);
      jwt.sign(new RSASSASigner(rsa));
      return jwt.serialize();
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  /**
   * ES256 with the issuer's EC key.
   *
   * @param claims claims
   * @return the compact token
   */
  public String es256(JWTClaimsSet claims) {
    try {
      SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.ES256).keyID("ec-1").build(), claims);
      jwt.sign(new ECDSASigner(ec));
      return jwt.serialize();
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  /**
   * The classic key-confusion attack: HS256 keyed with the RSA public key's encoding, under the RSA key's kid.
   *
   * @param claims claims
   * @return the compact token
   */
  public String hs256WithPublicKey(JWTClaimsSet claims) {
    try {
      SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.HS256).keyID("rsa-1").build(), claims);
      jwt.sign(new MACSigner(rsa.toPublicKey().getEncoded()));
      return jwt.serialize();
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  /**
   * An unsecured token ({@code alg: none}).
   *
   * @param claims claims
   * @return the compact token
   */
  public static String none(JWTClaimsSet claims) {
    return new PlainJWT(claims).serialize();
  }

  /**
   * A token signed by a key this issuer never published, under a kid it never published.
   *
   * @param claims claims
   * @return the compact token
   */
  public static String foreignKey(JWTClaimsSet claims) {
    try {
      RSAKey other = new RSAKeyGenerator(2048).keyID("rsa-unknown").generate();
      SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID("rsa-unknown").build(), claims);
      jwt.sign(new RSASSASigner(other));
      return jwt.serialize();
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  @Override
  public void close() {
    http.stop(0);
  }

}
