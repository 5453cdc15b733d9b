package dev.offsync.server.internal.identity;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
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

/**
 * A Cognito-Identity-compatible endpoint (awsJson1.1, {@code POST /} with {@code X-Amz-Target}) for unauthenticated
 * identities of the configured pools: {@code AWSCognitoIdentityService.GetId} creates an identity and
 * {@code .GetCredentialsForIdentity} issues temporary credentials scoped to it. Both are unsigned, as in AWS.
 */
public final class IdentityEndpoint {
  /** Target prefix of the Cognito Identity service. */
  public static final String TARGET_PREFIX = "AWSCognitoIdentityService.";

  private final Settings settings;

  /**
   * Creates the endpoint.
   *
   * @param settings the server's settings
   */
  public IdentityEndpoint(Settings settings) {
    this.settings = settings;
  }

  /**
   * Handles one call.
   *
   * @param target the {@code X-Amz-Target} header value
   * @param body the request body
   * @return the JSON response body
   */
  public byte[] handle(String target, byte[] body) {
    ObjectNode in = Json.parseObject(body);
    String op = target.startsWith(TARGET_PREFIX) ? target.substring(TARGET_PREFIX.length()) : "";
    return switch (op) {
      case "GetId" -> getId(in);
      case "GetCredentialsForIdentity" -> getCredentials(in);
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
      if (!tx.poolExists(poolId)) {
        throw ApiException.notFound("IdentityPool '" + poolId + "' not found");
      }
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
    String poolId = settings.store().read(tx -> tx.poolOfIdentity(identityId))
        .orElseThrow(() -> ApiException.notFound("Identity '" + identityId + "' not found"));
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

  private static byte[] bytes(JsonNode n) {
    try {
      return Json.MAPPER.writeValueAsBytes(n);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
