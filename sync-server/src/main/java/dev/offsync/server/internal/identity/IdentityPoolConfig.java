package dev.offsync.server.internal.identity;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.offsync.server.internal.json.Json;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The Cognito Identity settings of one identity pool, stored as the pool document {@link #KIND} (JSON in the shape of
 * the model's {@code IdentityPool}). A pool that the server knows (configured by flags, or created by the sync API)
 * but that never got a document has the {@link #defaults} of this server: unauthenticated identities allowed, no login
 * providers, which is what the endpoint did before pools could be configured.
 *
 * @param poolId the identity pool id
 * @param name {@code IdentityPoolName}
 * @param allowUnauthenticated {@code AllowUnauthenticatedIdentities}
 * @param allowClassicFlow {@code AllowClassicFlow}
 * @param supportedLoginProviders {@code SupportedLoginProviders}: provider name to app/client id
 * @param developerProviderName {@code DeveloperProviderName}, null if none
 * @param openIdConnectProviderArns {@code OpenIdConnectProviderARNs}
 * @param deleted true once {@code DeleteIdentityPool} ran (the pool's sync data is kept, see docs/server.md)
 */
public record IdentityPoolConfig(
    String poolId,
    String name,
    boolean allowUnauthenticated,
    boolean allowClassicFlow,
    Map<String, String> supportedLoginProviders,
    String developerProviderName,
    List<String> openIdConnectProviderArns,
    boolean deleted) {

  /** The pool document kind. */
  public static final String KIND = "identity-pool";

  /** The login provider name of tokens issued by Cognito Identity itself (reserved, never a developer provider). */
  public static final String COGNITO_PROVIDER = "cognito-identity.amazonaws.com";

  /**
   * Validates and copies.
   *
   * @param poolId the identity pool id
   * @param name {@code IdentityPoolName}
   * @param allowUnauthenticated {@code AllowUnauthenticatedIdentities}
   * @param allowClassicFlow {@code AllowClassicFlow}
   * @param supportedLoginProviders {@code SupportedLoginProviders}
   * @param developerProviderName {@code DeveloperProviderName}, null if none
   * @param openIdConnectProviderArns {@code OpenIdConnectProviderARNs}
   * @param deleted true once deleted
   */
  public IdentityPoolConfig {
    Objects.requireNonNull(poolId, "poolId == null");
    Objects.requireNonNull(name, "name == null");
    supportedLoginProviders = Map.copyOf(supportedLoginProviders);
    openIdConnectProviderArns = List.copyOf(openIdConnectProviderArns);
  }

  /**
   * The settings of a pool that never got a document.
   *
   * @param poolId the pool
   * @return unauthenticated identities allowed, nothing else
   */
  public static IdentityPoolConfig defaults(String poolId) {
    return new IdentityPoolConfig(poolId, defaultName(poolId), true, false, Map.of(), null, List.of(), false);
  }

  /**
   * A valid {@code IdentityPoolName} derived from a pool id (its {@code :} is not allowed in names).
   *
   * @param poolId the pool
   * @return the name
   */
  static String defaultName(String poolId) {
    return poolId.replace(':', '_');
  }

  /**
   * This config, deleted.
   *
   * @return a copy with {@code deleted} set
   */
  public IdentityPoolConfig asDeleted() {
    return new IdentityPoolConfig(poolId, name, allowUnauthenticated, allowClassicFlow, supportedLoginProviders,
        developerProviderName, openIdConnectProviderArns, true);
  }

  /**
   * The model's {@code IdentityPool} shape (also the stored form, plus {@code Deleted}).
   *
   * @return a fresh JSON object
   */
  public ObjectNode toJson() {
    ObjectNode o = Json.MAPPER.createObjectNode();
    o.put("IdentityPoolId", poolId);
    o.put("IdentityPoolName", name);
    o.put("AllowUnauthenticatedIdentities", allowUnauthenticated);
    o.put("AllowClassicFlow", allowClassicFlow);
    ObjectNode providers = o.putObject("SupportedLoginProviders");
    new java.util.TreeMap<>(supportedLoginProviders).forEach(providers::put);
    if (developerProviderName != null) {
      o.put("DeveloperProviderName", developerProviderName);
    }
    ArrayNode arns = o.putArray("OpenIdConnectProviderARNs");
    openIdConnectProviderArns.forEach(arns::add);
    o.putArray("CognitoIdentityProviders");
    o.putArray("SamlProviderARNs");
    o.putObject("IdentityPoolTags");
    return o;
  }

  /**
   * The stored text.
   *
   * @return JSON text
   */
  String toDocument() {
    ObjectNode o = toJson();
    if (deleted) {
      o.put("Deleted", true);
    }
    try {
      return Json.MAPPER.writeValueAsString(o);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * Reads a stored document.
   *
   * @param poolId the pool
   * @param body the stored JSON text
   * @return the settings
   */
  static IdentityPoolConfig fromDocument(String poolId, String body) {
    ObjectNode o;
    try {
      o = (ObjectNode) Json.MAPPER.readTree(body);
    } catch (IOException | ClassCastException e) {
      throw new IllegalStateException("stored identity pool document of " + poolId + " is not a JSON object", e);
    }
    Map<String, String> providers = new LinkedHashMap<>();
    JsonNode p = o.path("SupportedLoginProviders");
    p.fields().forEachRemaining(e -> providers.put(e.getKey(), e.getValue().asText()));
    List<String> arns = new ArrayList<>();
    o.path("OpenIdConnectProviderARNs").forEach(n -> arns.add(n.asText()));
    return new IdentityPoolConfig(
        poolId,
        o.path("IdentityPoolName").asText(defaultName(poolId)),
        o.path("AllowUnauthenticatedIdentities").asBoolean(true),
        o.path("AllowClassicFlow").asBoolean(false),
        providers,
        o.hasNonNull("DeveloperProviderName") ? o.get("DeveloperProviderName").asText() : null,
        arns,
        o.path("Deleted").asBoolean(false));
  }
}
