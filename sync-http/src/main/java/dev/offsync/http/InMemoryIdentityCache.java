package dev.offsync.http;

import dev.offsync.http.spi.IdentityCache;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * An {@link IdentityCache} in memory: shared by the providers of one process, lost when it exits. For tests, and for
 * a JVM app that keeps the identity id elsewhere. Thread-safe.
 */
public final class InMemoryIdentityCache implements IdentityCache {
  private final ConcurrentMap<String, String> ids = new ConcurrentHashMap<>();

  private InMemoryIdentityCache() {}

  /**
   * Returns a new, empty cache.
   *
   * @return the cache
   */
  public static InMemoryIdentityCache create() {
    return new InMemoryIdentityCache();
  }

  @Override
  public String load(String identityPoolId) {
    return ids.get(Objects.requireNonNull(identityPoolId, "identityPoolId == null"));
  }

  @Override
  public void save(String identityPoolId, String identityId) {
    ids.put(
        Objects.requireNonNull(identityPoolId, "identityPoolId == null"),
        Objects.requireNonNull(identityId, "identityId == null"));
  }

  @Override
  public void clear(String identityPoolId) {
    ids.remove(Objects.requireNonNull(identityPoolId, "identityPoolId == null"));
  }

  @Override
  public String toString() {
    return "InMemoryIdentityCache{pools=" + ids.keySet() + "}";
  }
}
