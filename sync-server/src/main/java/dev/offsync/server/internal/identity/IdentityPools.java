package dev.offsync.server.internal.identity;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.offsync.server.internal.auth.Principal;
import dev.offsync.server.internal.http.ApiException;
import dev.offsync.server.internal.http.ErrorType;
import dev.offsync.server.internal.json.Json;
import dev.offsync.server.internal.service.Fields;
import dev.offsync.server.internal.service.Settings;
import dev.offsync.server.spi.PoolUsage;
import dev.offsync.server.spi.StoreTransaction;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * The identity pool operations of Cognito Identity ({@code CreateIdentityPool}, {@code DescribeIdentityPool},
 * {@code UpdateIdentityPool}, {@code ListIdentityPools}, {@code DeleteIdentityPool}), for developer credentials only,
 * and the lookup of a pool's settings for the other identity operations.
 */
final class IdentityPools {
  private static final Pattern NAME = Pattern.compile("[\\w\\s+=,.@-]+");
  private static final Pattern DEVELOPER_PROVIDER = Pattern.compile("[\\w._-]+");
  private static final Pattern PROVIDER_NAME = Pattern.compile("[\\w.;_/-]+");
  private static final Pattern PROVIDER_ID = Pattern.compile("[\\w.;_/-]+");
  private static final Pattern REGION = Pattern.compile("[a-z]{2}(-gov)?-[a-z]+-\\d");
  /** AWS's limit of {@code SupportedLoginProviders} entries. */
  private static final int MAX_LOGIN_PROVIDERS = 10;
  /** AWS's {@code MaxResults} range of {@code ListIdentityPools}. */
  private static final int MAX_RESULTS = 60;

  private final Settings settings;

  IdentityPools(Settings settings) {
    this.settings = settings;
  }

  /**
   * The live settings of a pool, read in the caller's transaction.
   *
   * @param tx the transaction
   * @param poolId the pool
   * @return its settings, empty if the pool is unknown or deleted
   */
  static Optional<IdentityPoolConfig> find(StoreTransaction tx, String poolId) {
    if (!tx.poolExists(poolId)) {
      return Optional.empty();
    }
    IdentityPoolConfig c = tx.poolDocument(poolId, IdentityPoolConfig.KIND)
        .map(body -> IdentityPoolConfig.fromDocument(poolId, body))
        .orElseGet(() -> IdentityPoolConfig.defaults(poolId));
    return c.deleted() ? Optional.empty() : Optional.of(c);
  }

  static ApiException poolNotFound(String poolId) {
    return ApiException.notFound("IdentityPool '" + poolId + "' not found.");
  }

  private static void requireDeveloper(Principal p) {
    if (!p.developer()) {
      throw ApiException.notAuthorized("Identity credentials may not manage identity pools");
    }
  }

  byte[] create(ObjectNode in, Principal caller, String region) {
    requireDeveloper(caller);
    if (region == null || !REGION.matcher(region).matches()) {
      region = "us-east-1";
    }
    String poolId = region + ":" + UUID.randomUUID();
    IdentityPoolConfig c = parse(poolId, in, null);
    settings.store().write(tx -> {
      tx.createPoolIfAbsent(poolId, settings.clock().instant());
      tx.putPoolDocument(poolId, IdentityPoolConfig.KIND, c.toDocument());
      return null;
    });
    return IdentityEndpoint.bytes(c.toJson());
  }

  byte[] describe(ObjectNode in, Principal caller) {
    requireDeveloper(caller);
    String poolId = Fields.poolId(Fields.string(in, "IdentityPoolId", "IdentityPoolId", true));
    IdentityPoolConfig c = settings.store().read(tx -> find(tx, poolId)).orElseThrow(() -> poolNotFound(poolId));
    return IdentityEndpoint.bytes(c.toJson());
  }

  byte[] update(ObjectNode in, Principal caller) {
    requireDeveloper(caller);
    String poolId = Fields.poolId(Fields.string(in, "IdentityPoolId", "IdentityPoolId", true));
    IdentityPoolConfig c = settings.store().write(tx -> {
      IdentityPoolConfig old = find(tx, poolId).orElseThrow(() -> poolNotFound(poolId));
      IdentityPoolConfig next = parse(poolId, in, old);
      tx.putPoolDocument(poolId, IdentityPoolConfig.KIND, next.toDocument());
      return next;
    });
    return IdentityEndpoint.bytes(c.toJson());
  }

  byte[] delete(ObjectNode in, Principal caller) {
    requireDeveloper(caller);
    String poolId = Fields.poolId(Fields.string(in, "IdentityPoolId", "IdentityPoolId", true));
    settings.store().write(tx -> {
      IdentityPoolConfig old = find(tx, poolId).orElseThrow(() -> poolNotFound(poolId));
      tx.putPoolDocument(poolId, IdentityPoolConfig.KIND, old.asDeleted().toDocument());
      return null;
    });
    return IdentityEndpoint.bytes(Json.MAPPER.createObjectNode());
  }

  byte[] list(ObjectNode in, Principal caller) {
    requireDeveloper(caller);
    JsonNode max = in.get("MaxResults");
    if (max == null || max.isNull()) {
      throw ApiException.invalid("1 validation error detected: Value null at 'maxResults' failed to satisfy"
          + " constraint: Member must not be null");
    }
    if (!max.isIntegralNumber() || max.asLong() < 1 || max.asLong() > MAX_RESULTS) {
      throw ApiException.invalid("1 validation error detected: Value '" + max + "' at 'maxResults' failed to satisfy"
          + " constraint: Member must have value between 1 and " + MAX_RESULTS);
    }
    int limit = max.asInt();
    String token = Fields.string(in, "NextToken", "nextToken", false);
    String after = token == null ? null : Fields.poolId(token);
    List<IdentityPoolConfig> page = new ArrayList<>();
    boolean more = settings.store().read(tx -> {
      String cursor = after;
      while (true) {
        List<PoolUsage> batch = tx.listPoolUsage(cursor, limit + 1);
        for (PoolUsage u : batch) {
          if (page.size() == limit) {
            return true;
          }
          find(tx, u.poolId()).ifPresent(page::add);
        }
        if (batch.size() < limit + 1) {
          return false;
        }
        cursor = batch.get(batch.size() - 1).poolId();
      }
    });
    ObjectNode out = Json.MAPPER.createObjectNode();
    ArrayNode pools = out.putArray("IdentityPools");
    for (IdentityPoolConfig c : page) {
      pools.addObject().put("IdentityPoolId", c.poolId()).put("IdentityPoolName", c.name());
    }
    if (more && !page.isEmpty()) {
      out.put("NextToken", page.get(page.size() - 1).poolId());
    }
    return IdentityEndpoint.bytes(out);
  }

  /**
   * Reads the writable fields of {@code CreateIdentityPool} / {@code UpdateIdentityPool}.
   *
   * @param poolId the pool
   * @param in the request
   * @param old the current settings on update, null on create
   * @return the new settings
   */
  private static IdentityPoolConfig parse(String poolId, ObjectNode in, IdentityPoolConfig old) {
    String name = Fields.check("identityPoolName",
        Fields.string(in, "IdentityPoolName", "identityPoolName", true), 1, 128, NAME);
    boolean allowUnauth = bool(in, "AllowUnauthenticatedIdentities", true, false);
    boolean classic = bool(in, "AllowClassicFlow", false, false);
    String developer = Fields.string(in, "DeveloperProviderName", "developerProviderName", false);
    if (developer != null) {
      Fields.check("developerProviderName", developer, 1, 128, DEVELOPER_PROVIDER);
      if (developer.equals(IdentityPoolConfig.COGNITO_PROVIDER)) {
        throw ApiException.invalid("DeveloperProviderName may not be " + IdentityPoolConfig.COGNITO_PROVIDER);
      }
    }
    if (old != null && old.developerProviderName() != null) {
      if (developer == null) {
        developer = old.developerProviderName();
      } else if (!developer.equals(old.developerProviderName())) {
        throw ApiException.invalid("The DeveloperProviderName of an identity pool cannot be changed once set");
      }
    }
    Map<String, String> providers = new LinkedHashMap<>();
    ObjectNode p = Fields.object(in, "SupportedLoginProviders", "supportedLoginProviders");
    if (p != null) {
      if (p.size() > MAX_LOGIN_PROVIDERS) {
        throw ApiException.invalid("1 validation error detected: Value at 'supportedLoginProviders' failed to satisfy"
            + " constraint: Member must have length less than or equal to " + MAX_LOGIN_PROVIDERS);
      }
      var it = p.fields();
      while (it.hasNext()) {
        var e = it.next();
        Fields.check("supportedLoginProviders.key", e.getKey(), 1, 128, PROVIDER_NAME);
        if (!e.getValue().isTextual()) {
          throw ApiException.invalid("Invalid type for 'supportedLoginProviders." + e.getKey()
              + "': expected a string");
        }
        providers.put(e.getKey(),
            Fields.check("supportedLoginProviders.value", e.getValue().textValue(), 1, 128, PROVIDER_ID));
      }
    }
    List<String> arns = new ArrayList<>();
    JsonNode a = in.get("OpenIdConnectProviderARNs");
    if (a != null && !a.isNull()) {
      if (!a.isArray()) {
        throw ApiException.invalid("Invalid type for 'openIdConnectProviderARNs': expected a list");
      }
      for (JsonNode n : a) {
        if (!n.isTextual()) {
          throw ApiException.invalid("Invalid type for 'openIdConnectProviderARNs' member: expected a string");
        }
        arns.add(Fields.check("openIdConnectProviderARNs.member", n.textValue(), 20, 2048, null));
      }
    }
    for (String unsupported : List.of("CognitoIdentityProviders", "SamlProviderARNs")) {
      JsonNode n = in.get(unsupported);
      if (n != null && !n.isNull() && n.size() > 0) {
        throw new ApiException(ErrorType.InvalidParameterException,
            unsupported + " is not supported by this server (see docs/server.md)");
      }
    }
    return new IdentityPoolConfig(poolId, name, allowUnauth, classic, providers, developer, arns, false);
  }

  private static boolean bool(ObjectNode in, String name, boolean required, boolean dflt) {
    JsonNode n = in.get(name);
    if (n == null || n.isNull()) {
      if (required) {
        String field = Character.toLowerCase(name.charAt(0)) + name.substring(1);
        throw ApiException.invalid("1 validation error detected: Value null at '" + field
            + "' failed to satisfy constraint: Member must not be null");
      }
      return dflt;
    }
    if (!n.isBoolean()) {
      throw ApiException.invalid("Invalid type for '" + name + "': expected a boolean, found " + n.getNodeType());
    }
    return n.booleanValue();
  }
}
