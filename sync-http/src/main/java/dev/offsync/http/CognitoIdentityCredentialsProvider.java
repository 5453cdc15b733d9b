package dev.offsync.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.offsync.http.internal.HttpRequestSpec;
import dev.offsync.http.internal.Json;
import dev.offsync.http.internal.MalformedJsonException;
import dev.offsync.http.internal.RequestRunner;
import dev.offsync.http.spi.AwsCredentials;
import dev.offsync.http.spi.CredentialsProvider;
import dev.offsync.http.spi.IdentityCache;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.regex.Pattern;
import okhttp3.HttpUrl;
import okhttp3.OkHttpClient;

/**
 * Temporary credentials for an identity of a Cognito Identity pool, the way mobile clients get them: {@code GetId}
 * (once, unless an identity id is configured) then {@code GetCredentialsForIdentity}, both awsJson1.1 calls
 * ({@code POST /} with {@code X-Amz-Target: AWSCognitoIdentityService.*}), unsigned, on a configurable endpoint
 * (AWS's, or offsync's {@code sync-server}, which serves them on its own port).
 *
 * <p>The credentials are cached until {@link Builder#refreshMargin(Duration) five minutes} before they expire. When
 * the Cognito Sync client reports them rejected as expired ({@link #invalidate(AwsCredentials)}), the next call
 * fetches fresh ones. Thread-safe: concurrent callers share one fetch.
 *
 * <p><b>An identity that no longer exists.</b> When {@code GetCredentialsForIdentity} answers
 * {@link ResourceNotFoundException} (the identity was deleted, or the identity pool was recreated), a provider whose
 * identity id came from its own {@code GetId} calls {@code GetId} once for a new identity and retries
 * {@code GetCredentialsForIdentity} once with it; if either fails, the error surfaces (there is no loop). An identity
 * id {@linkplain Builder#identityId(String) configured} by the application is pinned: it is never replaced silently,
 * and the error surfaces, unless {@link Builder#renewMissingIdentityId(boolean)} allows it (for an id the application
 * only saved from an earlier run of this provider). After a renewal {@link #identityId()} returns the new id, and
 * {@link CognitoIdentityProvider} reports the change to sync-core, which moves the vanished identity's local data to
 * the new identity.
 *
 * <p><b>Keeping the identity across restarts.</b> With an {@link Builder#identityCache(IdentityCache) identity cache}
 * (on Android, sync-android's {@code SharedPreferencesIdentityCache}), {@link Builder#build()} reads the cache, so
 * that a restarted app knows its identity at once, offline too ({@link #cachedIdentityId()}, hence the engine's
 * owner); build the provider where the local store is opened, off the main thread. An id found there is used without
 * {@code GetId} and counts as obtained by this provider (so a vanished one is renewed as above), and every id this
 * provider obtains, from {@code GetId} or a renewal, is saved before it is used. A cache that fails or holds a
 * malformed value does not fail {@code build()}: the first {@link #identityId()} or {@link #credentials()} reports
 * it, as a {@link CredentialsException}, without calling {@code GetId}. A {@linkplain Builder#identityId(String) configured} id wins: the cache is then never read. Like
 * AWS's {@code CognitoCachingCredentialsProvider}, minus the credentials: those are never stored, only kept in memory.
 */
public final class CognitoIdentityCredentialsProvider implements CredentialsProvider {
  private static final String TARGET_PREFIX = "AWSCognitoIdentityService.";
  /** Cognito Identity's {@code IdentityId} pattern. */
  private static final Pattern IDENTITY_ID = Pattern.compile("[\\w-]+:[0-9a-f-]+");
  private static final String MEDIA_TYPE = "application/x-amz-json-1.1";

  private final RequestRunner runner;
  private final String identityPoolId;
  private final Map<String, String> logins;
  private final Clock clock;
  private final Duration refreshMargin;
  private final boolean renewMissingIdentityId;
  private final IdentityCache identityCache;
  /** Whether the identity id was configured by the application ({@link Builder#identityId}). */
  private final boolean pinned;
  private final List<Consumer<String>> renewalListeners = new CopyOnWriteArrayList<>();
  private final Object lock = new Object();
  private volatile String identityId;
  /** Whether the identity cache was read already (guarded by {@link #lock}). */
  private boolean cacheRead;
  /** Whether {@link #identityId} came from this provider's {@code GetId} (guarded by {@link #lock}). */
  private boolean identityIdFromGetId;
  /** The identity id that {@link #identityId} replaced because it no longer existed, or null (guarded by lock). */
  private String replacedIdentityId;
  private volatile AwsCredentials cached;

  private CognitoIdentityCredentialsProvider(Builder builder) {
    this.identityPoolId = builder.identityPoolId;
    this.identityId = builder.identityId;
    this.pinned = builder.identityId != null;
    this.logins = Collections.unmodifiableMap(new LinkedHashMap<>(builder.logins));
    this.clock = builder.clock;
    this.refreshMargin = builder.refreshMargin;
    this.renewMissingIdentityId = builder.renewMissingIdentityId;
    // a configured id is pinned: the cache is neither read nor written (not even by a renewal it allows)
    this.identityCache = builder.identityId != null ? null : builder.identityCache;
    if (identityCache != null) {
      // known at once, without the network: the engine then opens the identity's data from the start, even offline
      try {
        String cachedId = readCache();
        if (cachedId != null) {
          identityId = cachedId;
          identityIdFromGetId = true;
        }
      } catch (CredentialsException e) {
        // not read: the first identityId() or credentials() reads the cache again and reports the error
      }
    }
    HttpUrl endpoint =
        builder.endpoint != null
            ? builder.endpoint
            : HttpUrl.get("https://cognito-identity." + builder.region + ".amazonaws.com/");
    OkHttpClient base = builder.okHttpClient != null ? builder.okHttpClient : SharedHttp.CLIENT;
    OkHttpClient http =
        base.newBuilder()
            .callTimeout(builder.callTimeout.toMillis(), TimeUnit.MILLISECONDS)
            .build();
    this.runner =
        new RequestRunner(
            http,
            endpoint,
            null,
            null,
            clock,
            builder.retryPolicy,
            builder.sleeper,
            builder.userAgent,
            1024 * 1024,
            () -> ThreadLocalRandom.current().nextDouble());
  }

  /** A lazily created OkHttp client for providers that were not given one. */
  private static final class SharedHttp {
    static final OkHttpClient CLIENT =
        new OkHttpClient.Builder()
            .connectTimeout(10, TimeUnit.SECONDS)
            .readTimeout(30, TimeUnit.SECONDS)
            .writeTimeout(30, TimeUnit.SECONDS)
            .build();
  }

  /**
   * Returns a new builder; the identity pool id is required.
   *
   * @return a new builder
   * @throws OkHttpMissingException if OkHttp's classes are not on the class path
   */
  public static Builder builder() {
    OkHttpPresence.require();
    return new Builder();
  }

  /**
   * Returns the identity id: the configured one, else the one this provider obtained, else the one in the identity
   * cache, else a new one from {@code GetId} (saved to the cache).
   *
   * @return the identity id, e.g. {@code us-east-1:0f1e...}
   * @throws CredentialsException if {@code GetId} fails, or the identity cache fails or holds a malformed value
   */
  public String identityId() {
    String id = identityId;
    if (id != null) {
      return id;
    }
    synchronized (lock) {
      if (identityId == null) {
        String cachedId = readCache();
        if (cachedId != null) {
          identityId = cachedId;
        } else {
          String fresh = fetchIdentityId();
          saveToCache(fresh);
          identityId = fresh;
        }
        identityIdFromGetId = true;
      }
      return identityId;
    }
  }

  /** The id in the identity cache, read once per provider, or null (by the constructor, or under {@link #lock}). */
  private String readCache() {
    if (identityCache == null || cacheRead) {
      return null;
    }
    String id;
    try {
      id = identityCache.load(identityPoolId);
    } catch (RuntimeException e) {
      throw new CredentialsException("the identity cache could not be read: " + e.getMessage(), e);
    }
    if (id != null && id.isEmpty()) {
      throw new CredentialsException("the identity cache holds an empty identity id for " + identityPoolId, null);
    }
    cacheRead = true;
    return id;
  }

  /** Saves a new identity id before it is used, so that no restart can lose it (called under {@link #lock}). */
  private void saveToCache(String id) {
    if (identityCache == null) {
      return;
    }
    try {
      identityCache.save(identityPoolId, id);
    } catch (RuntimeException e) {
      throw new CredentialsException("the identity cache could not save the new identity id: " + e.getMessage(), e);
    }
  }

  /**
   * Returns the identity id if it is known, without any I/O: the configured one, the one in the identity cache when
   * the provider was built, or the one this provider obtained.
   *
   * @return the identity id, or {@code null} if it has not been obtained yet
   */
  public String cachedIdentityId() {
    return identityId;
  }

  /**
   * Continues with {@code identityId}, an identity an earlier run of this provider obtained, if this provider has no
   * identity yet: no {@code GetId}, no I/O. sync-core's engine calls this (through {@link CognitoIdentityProvider})
   * with the identity the local store remembers for the pool, so a restarted app keeps its identity and its pending
   * edits even without an {@linkplain Builder#identityCache identity cache}. The id counts as obtained by this
   * provider: if it no longer exists, it is renewed as the class documentation says. Ignored when the provider has an
   * identity already (configured, from the cache, or obtained).
   *
   * @param identityId the identity id, not null
   * @return whether this provider now uses {@code identityId}
   * @throws IllegalArgumentException if {@code identityId} is not an identity id ({@code <region>:<id>}, at most 55
   *     characters, as Cognito Identity's model says)
   */
  public boolean resumeIdentityId(String identityId) {
    Objects.requireNonNull(identityId, "identityId == null");
    if (identityId.length() > 55 || !IDENTITY_ID.matcher(identityId).matches()) {
      throw new IllegalArgumentException("not an identity id: " + identityId);
    }
    synchronized (lock) {
      if (this.identityId != null) {
        return identityId.equals(this.identityId);
      }
      this.identityId = identityId;
      identityIdFromGetId = true;
      return true;
    }
  }

  /**
   * Forgets the identity (obtained, resumed or from the cache) and its credentials, and clears the identity cache, so
   * that the next {@link #identityId()} calls {@code GetId} again: what a sign-out needs
   * ({@code SyncClient.signOut} calls it through {@link CognitoIdentityProvider}). The logins stay as configured.
   *
   * @throws UnsupportedOperationException if the identity id was {@linkplain Builder#identityId configured} (pinned)
   * @throws CredentialsException if the identity cache cannot be cleared (the identity is then kept)
   */
  public void forgetIdentityId() {
    if (pinned) {
      throw new UnsupportedOperationException("the identity id " + identityId + " is configured, it cannot be forgotten");
    }
    synchronized (lock) {
      if (identityCache != null) {
        try {
          identityCache.clear(identityPoolId);
        } catch (RuntimeException e) {
          throw new CredentialsException("the identity cache could not be cleared: " + e.getMessage(), e);
        }
      }
      cacheRead = true; // cleared: nothing to read any more
      identityId = null;
      identityIdFromGetId = false;
      replacedIdentityId = null;
      cached = null;
    }
  }

  /**
   * Returns the identity pool id.
   *
   * @return the pool id
   */
  public String identityPoolId() {
    return identityPoolId;
  }

  /**
   * Returns cached credentials, or fetches new ones when none are cached or they expire within the refresh margin.
   * If the identity no longer exists, it may be replaced by a new one first (see the class documentation).
   *
   * @return the credentials
   * @throws CredentialsException if Cognito Identity refuses or cannot be reached
   */
  @Override
  public AwsCredentials credentials() {
    AwsCredentials current = cached;
    if (isFresh(current)) {
      return current;
    }
    String renewed = null;
    try {
      synchronized (lock) {
        if (isFresh(cached)) {
          return cached;
        }
        String id = identityId();
        try {
          cached = fetchCredentials(id);
        } catch (CredentialsException e) {
          if (!(e.getCause() instanceof ResourceNotFoundException) || !(identityIdFromGetId || renewMissingIdentityId)) {
            throw e;
          }
          // the identity is gone (deleted, or the pool was recreated): one GetId, one retry, never more
          String fresh;
          try {
            fresh = fetchIdentityId();
          } catch (CredentialsException getIdFailed) {
            getIdFailed.addSuppressed(e);
            throw getIdFailed;
          }
          saveToCache(fresh);
          identityId = fresh;
          identityIdFromGetId = true;
          replacedIdentityId = id;
          renewed = fresh;
          cached = fetchCredentials(fresh);
        }
        return cached;
      }
    } finally {
      if (renewed != null) {
        for (Consumer<String> listener : renewalListeners) {
          listener.accept(renewed);
        }
      }
    }
  }

  /**
   * Registers {@code listener} to be told, outside the provider's lock, the new identity id each time a vanished
   * identity is replaced. For {@link CognitoIdentityProvider}.
   */
  void addRenewalListener(Consumer<String> listener) {
    renewalListeners.add(Objects.requireNonNull(listener, "listener == null"));
  }

  /**
   * The identity id that {@code currentId} replaced because it no longer existed.
   *
   * @return the vanished id, or null if {@code currentId} is not the current id or did not replace one
   */
  String identityIdReplacedBy(String currentId) {
    synchronized (lock) {
      return currentId.equals(identityId) ? replacedIdentityId : null;
    }
  }

  /**
   * Drops {@code rejected} from the cache (if it is still cached) so that the next {@link #credentials()} fetches
   * new credentials.
   *
   * @param rejected the credentials the service rejected, not null
   */
  @Override
  public void invalidate(AwsCredentials rejected) {
    Objects.requireNonNull(rejected, "rejected == null");
    synchronized (lock) {
      if (rejected.equals(cached)) {
        cached = null;
      }
    }
  }

  private boolean isFresh(AwsCredentials credentials) {
    if (credentials == null) {
      return false;
    }
    Instant expiration = credentials.expiration();
    return expiration == null || Instant.now(clock).isBefore(expiration.minus(refreshMargin));
  }

  private String fetchIdentityId() {
    ObjectNode body = Json.newObject();
    body.put("IdentityPoolId", identityPoolId);
    putLogins(body);
    JsonNode response = call("GetId", body);
    String id = Json.string(response, "IdentityId");
    if (id == null || id.isEmpty()) {
      throw new CredentialsException("GetId returned no IdentityId", null);
    }
    return id;
  }

  private AwsCredentials fetchCredentials(String id) {
    ObjectNode body = Json.newObject();
    body.put("IdentityId", id);
    putLogins(body);
    JsonNode response = call("GetCredentialsForIdentity", body);
    JsonNode credentials = response.get("Credentials");
    try {
      if (credentials == null || !credentials.isObject()) {
        throw new MalformedJsonException("no Credentials object", null);
      }
      String accessKeyId = Json.string(credentials, "AccessKeyId");
      String secretKey = Json.string(credentials, "SecretKey");
      String sessionToken = Json.string(credentials, "SessionToken");
      Instant expiration = Json.instant(credentials, "Expiration");
      if (accessKeyId == null || secretKey == null || sessionToken == null || expiration == null) {
        throw new MalformedJsonException(
            "Credentials must have AccessKeyId, SecretKey, SessionToken and Expiration", null);
      }
      return AwsCredentials.builder()
          .accessKeyId(accessKeyId)
          .secretAccessKey(secretKey)
          .sessionToken(sessionToken)
          .expiration(expiration)
          .build();
    } catch (MalformedJsonException | IllegalArgumentException e) {
      throw new CredentialsException(
          "GetCredentialsForIdentity returned malformed credentials: " + e.getMessage(), null);
    }
  }

  private void putLogins(ObjectNode body) {
    if (!logins.isEmpty()) {
      ObjectNode node = body.putObject("Logins");
      for (Map.Entry<String, String> login : logins.entrySet()) {
        node.put(login.getKey(), login.getValue());
      }
    }
  }

  private JsonNode call(String operation, ObjectNode body) {
    HttpRequestSpec.Builder spec =
        HttpRequestSpec.builder(operation, "POST")
            .header("X-Amz-Target", TARGET_PREFIX + operation)
            .body(Json.toBytes(body), MEDIA_TYPE);
    for (String token : logins.values()) {
      spec.sensitive(token); // an error message echoing a login token must not carry it on
    }
    try {
      return runner.execute(spec.build(), node -> node, null);
    } catch (CognitoSyncException e) {
      throw new CredentialsException(
          "Cognito Identity " + operation + " failed: " + e.getMessage(), e);
    }
  }

  @Override
  public String toString() {
    return "CognitoIdentityCredentialsProvider{identityPoolId="
        + identityPoolId
        + ", identityId="
        + identityId
        + ", logins="
        + logins.keySet()
        + "}";
  }

  /** Configures a {@link CognitoIdentityCredentialsProvider}; not thread-safe. */
  public static final class Builder {
    private HttpUrl endpoint;
    private String region = "us-east-1";
    private String identityPoolId;
    private String identityId;
    private boolean renewMissingIdentityId;
    private IdentityCache identityCache;
    private final Map<String, String> logins = new LinkedHashMap<>();
    private OkHttpClient okHttpClient;
    private Clock clock = Clock.systemUTC();
    private Duration refreshMargin = Duration.ofMinutes(5);
    private Duration callTimeout = Duration.ofSeconds(30);
    private RetryPolicy retryPolicy = RetryPolicy.defaults();
    private Sleeper sleeper = Sleeper.system();
    private String userAgent = CognitoSyncClient.DEFAULT_USER_AGENT;

    private Builder() {}

    /**
     * Sets the Cognito Identity endpoint. Defaults to {@code https://cognito-identity.<region>.amazonaws.com/}.
     *
     * @param endpoint an http or https URL, not null
     * @return this builder
     */
    public Builder endpoint(String endpoint) {
      Objects.requireNonNull(endpoint, "endpoint == null");
      this.endpoint = HttpUrl.get(endpoint);
      return this;
    }

    /**
     * Sets the region of the default endpoint. Defaults to {@code us-east-1}.
     *
     * @param region not null
     * @return this builder
     */
    public Builder region(String region) {
      this.region = Objects.requireNonNull(region, "region == null");
      return this;
    }

    /**
     * Sets the identity pool. Required.
     *
     * @param identityPoolId e.g. {@code us-east-1:0f1e...}, not null
     * @return this builder
     */
    public Builder identityPoolId(String identityPoolId) {
      this.identityPoolId = Objects.requireNonNull(identityPoolId, "identityPoolId == null");
      return this;
    }

    /**
     * Sets an identity id obtained earlier, so that {@code GetId} is skipped and the same identity is reused. The id is
     * pinned: if Cognito Identity no longer knows it, {@link #credentials()} fails with a
     * {@link CredentialsException} caused by {@link ResourceNotFoundException}, unless
     * {@link #renewMissingIdentityId(boolean)} allows a new one.
     *
     * @param identityId not null
     * @return this builder
     */
    public Builder identityId(String identityId) {
      this.identityId = Objects.requireNonNull(identityId, "identityId == null");
      return this;
    }

    /**
     * Sets whether a {@linkplain #identityId(String) configured} identity id that Cognito Identity no longer knows
     * ({@code GetCredentialsForIdentity} answers {@link ResourceNotFoundException}) may be replaced by a new one from
     * {@code GetId}, as an id this provider obtained itself always is. Allow it for an id saved from an earlier run
     * (the usual cache of a mobile app); leave it off for an id that must not change. Defaults to {@code false}.
     *
     * @param allow whether a configured identity id may be replaced
     * @return this builder
     */
    public Builder renewMissingIdentityId(boolean allow) {
      this.renewMissingIdentityId = allow;
      return this;
    }

    /**
     * Sets where the identity id is kept across restarts of the app (see the class documentation): {@link #build()}
     * reads it (storage I/O: build off the main thread), a cached id is used without {@code GetId}, and every new id
     * is saved before it is used. Ignored, never read nor written, when
     * an {@link #identityId(String) identity id} is configured. Defaults to none: every new provider calls
     * {@code GetId}.
     *
     * @param identityCache the cache, not null
     * @return this builder
     */
    public Builder identityCache(IdentityCache identityCache) {
      this.identityCache = Objects.requireNonNull(identityCache, "identityCache == null");
      return this;
    }

    /**
     * Adds a login (identity provider name to token) for authenticated identities.
     *
     * @param provider e.g. {@code graph.facebook.com}, not null
     * @param token the provider's token, not null
     * @return this builder
     */
    public Builder login(String provider, String token) {
      logins.put(
          Objects.requireNonNull(provider, "provider == null"),
          Objects.requireNonNull(token, "token == null"));
      return this;
    }

    /**
     * Sets the OkHttp client (sharing its pool and dispatcher). Defaults to a shared client of this class.
     *
     * @param okHttpClient not null
     * @return this builder
     */
    public Builder okHttpClient(OkHttpClient okHttpClient) {
      this.okHttpClient = Objects.requireNonNull(okHttpClient, "okHttpClient == null");
      return this;
    }

    /**
     * Sets the clock that decides when cached credentials are stale. Defaults to {@link Clock#systemUTC()}.
     *
     * @param clock not null
     * @return this builder
     */
    public Builder clock(Clock clock) {
      this.clock = Objects.requireNonNull(clock, "clock == null");
      return this;
    }

    /**
     * Sets how long before expiry cached credentials are replaced. Defaults to 5 minutes.
     *
     * @param refreshMargin not negative, not null
     * @return this builder
     */
    public Builder refreshMargin(Duration refreshMargin) {
      Objects.requireNonNull(refreshMargin, "refreshMargin == null");
      if (refreshMargin.isNegative()) {
        throw new IllegalArgumentException("refreshMargin < 0: " + refreshMargin);
      }
      this.refreshMargin = refreshMargin;
      return this;
    }

    /**
     * Sets the limit of one Cognito Identity call attempt. Defaults to 30 s.
     *
     * @param callTimeout not negative, not null
     * @return this builder
     */
    public Builder callTimeout(Duration callTimeout) {
      Objects.requireNonNull(callTimeout, "callTimeout == null");
      if (callTimeout.isNegative()) {
        throw new IllegalArgumentException("callTimeout < 0: " + callTimeout);
      }
      this.callTimeout = callTimeout;
      return this;
    }

    /**
     * Sets the retry policy of the Cognito Identity calls. Defaults to {@link RetryPolicy#defaults()}.
     *
     * @param retryPolicy not null
     * @return this builder
     */
    public Builder retryPolicy(RetryPolicy retryPolicy) {
      this.retryPolicy = Objects.requireNonNull(retryPolicy, "retryPolicy == null");
      return this;
    }

    /**
     * Sets how the provider waits between retries. Defaults to {@link Sleeper#system()}.
     *
     * @param sleeper not null
     * @return this builder
     */
    public Builder sleeper(Sleeper sleeper) {
      this.sleeper = Objects.requireNonNull(sleeper, "sleeper == null");
      return this;
    }

    /**
     * Sets the {@code User-Agent} header.
     *
     * @param userAgent not null
     * @return this builder
     */
    public Builder userAgent(String userAgent) {
      this.userAgent = Objects.requireNonNull(userAgent, "userAgent == null");
      return this;
    }

    /**
     * Builds the provider; no network call is made until credentials or the identity id are needed (the identity
     * cache, if any, is read now).
     *
     * @return the provider
     * @throws IllegalStateException if no identity pool id was set
     */
    public CognitoIdentityCredentialsProvider build() {
      if (identityPoolId == null) {
        throw new IllegalStateException("identityPoolId is required");
      }
      return new CognitoIdentityCredentialsProvider(this);
    }
  }
}
