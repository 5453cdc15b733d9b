package dev.offsync.server.internal.identity;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.offsync.server.internal.http.ApiException;
import dev.offsync.server.internal.http.ErrorType;
import dev.offsync.server.spi.StoreTransaction;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The {@code Logins} of {@code GetId} and {@code GetCredentialsForIdentity}: parsed, verified ({@link LoginVerifier})
 * before any transaction, then resolved to an identity inside one. Rules (AWS's): the same login always maps to the
 * same identity; an identity with a linked login gets credentials only when the request carries one of its logins;
 * without logins, only pools that allow unauthenticated identities serve identities that have no linked login.
 */
final class IdentityLogins {
  /** AWS's limit of {@code Logins} entries. */
  private static final int MAX_LOGINS = 10;

  private final LoginVerifier verifier;

  IdentityLogins(LoginVerifier verifier) {
    this.verifier = verifier;
  }

  /**
   * Reads and verifies a request's {@code Logins}.
   *
   * @param in the request
   * @param pool the pool they are for
   * @return the verified logins, empty if the request has none
   */
  List<LoginVerifier.Verified> verify(ObjectNode in, IdentityPoolConfig pool) {
    JsonNode logins = in.get("Logins");
    if (logins == null || logins.isNull()) {
      return List.of();
    }
    if (!logins.isObject()) {
      throw ApiException.invalid("Invalid type for 'logins': expected a map");
    }
    if (logins.size() > MAX_LOGINS) {
      throw ApiException.invalid("1 validation error detected: Value at 'logins' failed to satisfy constraint:"
          + " Member must have length less than or equal to " + MAX_LOGINS);
    }
    List<LoginVerifier.Verified> out = new ArrayList<>();
    var it = logins.fields();
    while (it.hasNext()) {
      var e = it.next();
      if (!e.getValue().isTextual()) {
        throw ApiException.invalid("Invalid type for 'logins." + e.getKey() + "': expected a string");
      }
      out.add(verifier.verify(pool, e.getKey(), e.getValue().textValue()));
    }
    return out;
  }

  /**
   * {@code GetId}: the identity of the logins, creating one and linking the logins if none has them.
   *
   * @param tx a write transaction
   * @param pool the pool
   * @param logins verified logins, not empty
   * @param candidate the id to use for a new identity
   * @param now the time
   * @return the identity
   */
  static String identityFor(StoreTransaction tx, IdentityPoolConfig pool, List<LoginVerifier.Verified> logins,
      String candidate, Instant now) {
    Set<String> owners = owners(tx, pool, logins);
    if (owners.size() > 1) {
      throw conflict();
    }
    String identityId = owners.isEmpty() ? candidate : owners.iterator().next();
    linkAll(tx, pool, logins, identityId, now);
    tx.createIdentityIfAbsent(pool.poolId(), identityId, now);
    return identityId;
  }

  /**
   * {@code GetCredentialsForIdentity}: checks that the request may act as the identity, linking new logins to it.
   *
   * @param tx a write transaction
   * @param pool the identity's pool
   * @param identityId the identity
   * @param logins verified logins, maybe empty
   * @param now the time
   */
  static void authorize(StoreTransaction tx, IdentityPoolConfig pool, String identityId,
      List<LoginVerifier.Verified> logins, Instant now) {
    Map<String, String> linked = tx.loginsOf(pool.poolId(), identityId);
    if (logins.isEmpty()) {
      if (!linked.isEmpty()) {
        throw notMatching();
      }
      if (!pool.allowUnauthenticated()) {
        throw ApiException.notAuthorized("Unauthenticated access is not supported for this identity pool.");
      }
      return;
    }
    Set<String> owners = owners(tx, pool, logins);
    owners.remove(identityId);
    if (!owners.isEmpty()) {
      throw conflict();
    }
    linkAll(tx, pool, logins, identityId, now);
  }

  private static Set<String> owners(StoreTransaction tx, IdentityPoolConfig pool,
      List<LoginVerifier.Verified> logins) {
    Set<String> owners = new LinkedHashSet<>();
    for (LoginVerifier.Verified v : logins) {
      tx.identityOfLogin(pool.poolId(), v.provider(), v.subject()).ifPresent(owners::add);
    }
    return owners;
  }

  private static void linkAll(StoreTransaction tx, IdentityPoolConfig pool, List<LoginVerifier.Verified> logins,
      String identityId, Instant now) {
    for (LoginVerifier.Verified v : logins) {
      if (!tx.linkLogin(pool.poolId(), v.provider(), v.subject(), identityId, now)) {
        String owner = tx.identityOfLogin(pool.poolId(), v.provider(), v.subject()).orElseThrow();
        if (!owner.equals(identityId)) {
          // another instance linked it a moment ago
          throw conflict();
        }
      }
    }
  }

  private static ApiException notMatching() {
    return ApiException.notAuthorized(
        "Logins don't match. Please include at least one valid login for this identity or identity pool.");
  }

  private static ApiException conflict() {
    return new ApiException(ErrorType.ResourceConflictException,
        "A login of this request is already linked to another identity (identity merges are not supported yet)");
  }
}
