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
import java.util.UUID;
import java.util.function.Supplier;

/**
 * A Cognito-Identity-compatible endpoint (awsJson1.1, {@code POST /} with {@code X-Amz-Target}).
 * {@code AWSCognitoIdentityService.GetId} creates an unauthenticated identity and {@code .GetCredentialsForIdentity}
 * issues temporary credentials scoped to it; both are unsigned, as in AWS, and refused in pools whose
 * {@code AllowUnauthenticatedIdentities} is false. The identity pool operations ({@link IdentityPools}) must be
 * signed with developer credentials (SigV4, service {@code cognito-identity}). Every other operation of the model
 * is answered with {@code UnknownOperationException}.
 */
public final class IdentityEndpoint {
  /** Target prefix of the Cognito Identity service. */
  public static final String TARGET_PREFIX = "AWSCognitoIdentityService.";

  private final Settings settings;
  private final IdentityPools pools;

  /**
   * Creates the endpoint.
   *
   * @param settings the server's settings
   */
  public IdentityEndpoint(Settings settings) {
    this.settings = settings;
    this.pools = new IdentityPools(settings);
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

  private static void rejectLogins(ObjectNode in) {
    JsonNode logins = in.get("Logins");
    if (logins != null && !logins.isNull() && logins.size() > 0) {
      throw ApiException.notAuthorized("Only unauthenticated identities are supported by this server");
    }
    if (in.hasNonNull("CustomRoleArn")) {
      throw ApiException.notAuthorized("CustomRoleArn is not supported for unauthenticated identities");
    }
  }

  private byte[] getId(ObjectNode in) {
    String poolId = Fields.poolId(Fields.string(in, "IdentityPoolId", "IdentityPoolId", true));
    rejectLogins(in);
    String region = poolId.substring(0, poolId.indexOf(':'));
    String identityId = region + ":" + UUID.randomUUID();
    settings.store().write(tx -> {
      IdentityPoolConfig pool = IdentityPools.find(tx, poolId).orElseThrow(() -> IdentityPools.poolNotFound(poolId));
      requireUnauthenticatedAllowed(pool);
      tx.createIdentityIfAbsent(poolId, identityId, settings.clock().instant());
      return null;
    });
    ObjectNode out = Json.MAPPER.createObjectNode();
    out.put("IdentityId", identityId);
    return bytes(out);
  }

  private byte[] getCredentials(ObjectNode in) {
    String identityId = Fields.identityId(Fields.string(in, "IdentityId", "IdentityId", true));
    rejectLogins(in);
    String poolId = settings.store().read(tx -> {
      String p = tx.poolOfIdentity(identityId)
          .orElseThrow(() -> ApiException.notFound("Identity '" + identityId + "' not found"));
      IdentityPoolConfig pool = IdentityPools.find(tx, p)
          .orElseThrow(() -> ApiException.notFound("Identity '" + identityId + "' not found"));
      requireUnauthenticatedAllowed(pool);
      return p;
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
