package dev.offsync.server.internal.identity;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.offsync.server.internal.auth.Principal;
import dev.offsync.server.internal.auth.TemporaryCredentials;
import dev.offsync.server.internal.http.ApiException;
import dev.offsync.server.internal.http.ErrorType;
import dev.offsync.server.internal.json.Json;
import dev.offsync.server.internal.service.Fields;
import dev.offsync.server.internal.service.Settings;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.function.Supplier;

/**
 * A Cognito-Identity-compatible endpoint (awsJson1.1, {@code POST /} with {@code X-Amz-Target}).
 * {@code AWSCognitoIdentityService.GetId} finds or creates an identity and {@code .GetCredentialsForIdentity} issues
 * temporary credentials scoped to it; both are unsigned, as in AWS, and take a {@code Logins} map of OpenID Connect
 * tokens verified by {@link IdentityLogins} (without logins: only in pools whose {@code AllowUnauthenticatedIdentities}
 * is true, and only for identities without a linked login). The identity pool operations ({@link IdentityPools}) must be
 * signed with developer credentials (SigV4, service {@code cognito-identity}). Every other operation of the model
 * is answered with {@code UnknownOperationException}.
 */
public final class IdentityEndpoint {
  /** Target prefix of the Cognito Identity service. */
  public static final String TARGET_PREFIX = "AWSCognitoIdentityService.";

  private final Settings settings;
  private final IdentityPools pools;
  private final IdentityLogins logins;

  /**
   * Creates the endpoint without OpenID Connect providers.
   *
   * @param settings the server's settings
   */
  public IdentityEndpoint(Settings settings) {
    this(settings, List.of());
  }

  /**
   * Creates the endpoint.
   *
   * @param settings the server's settings
   * @param providers the OpenID Connect providers whose tokens are accepted as logins
   */
  public IdentityEndpoint(Settings settings, List<OpenIdProvider> providers) {
    this.settings = settings;
    this.pools = new IdentityPools(settings);
    this.logins = new IdentityLogins(new LoginVerifier(providers, settings.clock()));
  }

  /**
   * Handles one call.
   *
   * @param target the {@code X-Amz-Target} header value
   * @param body the request body
   * @param signer verifies the request's SigV4 signature (service {@code cognito-identity}) and names its signer;
   *     only called for operations that must be signed
   * @param region the region of the signature's credential scope, null if unsigned (names new pools)
   * @return the JSON response body
   */
  public byte[] handle(String target, byte[] body, Supplier<Principal> signer, String region) {
    String op = target.startsWith(TARGET_PREFIX) ? target.substring(TARGET_PREFIX.length()) : "";
    boolean known = switch (op) {
      case "GetId", "GetCredentialsForIdentity", "CreateIdentityPool", "DescribeIdentityPool", "UpdateIdentityPool",
          "ListIdentityPools", "DeleteIdentityPool" -> true;
      default -> false;
    };
    if (!known) {
      throw new ApiException(ErrorType.UnknownOperationException, 400,
          "Operation " + target + " is not supported by this server");
    }
    // signed operations: the signature is checked before the body is looked at
    Principal caller = op.startsWith("Get") ? null : signer.get();
    ObjectNode in = Json.parseObject(body);
    return switch (op) {
      case "GetId" -> getId(in);
      case "GetCredentialsForIdentity" -> getCredentials(in);
      case "CreateIdentityPool" -> pools.create(in, caller, region);
      case "DescribeIdentityPool" -> pools.describe(in, caller);
      case "UpdateIdentityPool" -> pools.update(in, caller);
      case "ListIdentityPools" -> pools.list(in, caller);
      case "DeleteIdentityPool" -> pools.delete(in, caller);
      default -> throw new ApiException(ErrorType.UnknownOperationException, 400,
          "Operation " + target + " is not supported by this server");
    };
  }

  private static void rejectCustomRole(ObjectNode in) {
    if (in.hasNonNull("CustomRoleArn")) {
      throw ApiException.notAuthorized("CustomRoleArn is not supported by this server");
    }
  }

  private IdentityPoolConfig pool(String poolId) {
    return settings.store().read(tx -> IdentityPools.find(tx, poolId))
        .orElseThrow(() -> IdentityPools.poolNotFound(poolId));
  }

  private byte[] getId(ObjectNode in) {
    String poolId = Fields.poolId(Fields.string(in, "IdentityPoolId", "IdentityPoolId", true));
    // verified before any transaction: a JWKS fetch must not hold a database lock
    List<LoginVerifier.Verified> verified = logins.verify(in, pool(poolId));
    String region = poolId.substring(0, poolId.indexOf(':'));
    String candidate = region + ":" + UUID.randomUUID();
    String identityId = settings.store().write(tx -> {
      IdentityPoolConfig pool = IdentityPools.find(tx, poolId).orElseThrow(() -> IdentityPools.poolNotFound(poolId));
      Instant now = settings.clock().instant();
      if (verified.isEmpty()) {
        requireUnauthenticatedAllowed(pool);
        tx.createIdentityIfAbsent(poolId, candidate, now);
        return candidate;
      }
      return IdentityLogins.identityFor(tx, pool, verified, candidate, now);
    });
    ObjectNode out = Json.MAPPER.createObjectNode();
    out.put("IdentityId", identityId);
    return bytes(out);
  }

  private byte[] getCredentials(ObjectNode in) {
    String identityId = Fields.identityId(Fields.string(in, "IdentityId", "IdentityId", true));
    rejectCustomRole(in);
    ApiException unknown = ApiException.notFound("Identity '" + identityId + "' not found");
    IdentityPoolConfig found = settings.store().read(tx -> tx.poolOfIdentity(identityId)
        .flatMap(p -> IdentityPools.find(tx, p))).orElseThrow(() -> unknown);
    List<LoginVerifier.Verified> verified = logins.verify(in, found);
    String poolId = found.poolId();
    settings.store().write(tx -> {
      IdentityPoolConfig pool = IdentityPools.find(tx, poolId).orElseThrow(() -> unknown);
      IdentityLogins.authorize(tx, pool, identityId, verified, settings.clock().instant());
      return null;
    });
    Instant expiration = settings.clock().instant().plus(settings.credentialsTtl());
    TemporaryCredentials c = TemporaryCredentials.issue(settings.key(), poolId, identityId, expiration);
    ObjectNode out = Json.MAPPER.createObjectNode();
    out.put("IdentityId", identityId);
    ObjectNode creds = out.putObject("Credentials");
    creds.put("AccessKeyId", c.accessKeyId());
    creds.put("SecretKey", c.secretKey());
    creds.put("SessionToken", c.sessionToken());
    Json.putTime(creds, "Expiration", c.expiration());
    return bytes(out);
  }

  private static void requireUnauthenticatedAllowed(IdentityPoolConfig pool) {
    if (!pool.allowUnauthenticated()) {
      throw ApiException.notAuthorized("Unauthenticated access is not supported for this identity pool.");
    }
  }

  static byte[] bytes(JsonNode n) {
    try {
      return Json.MAPPER.writeValueAsBytes(n);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
