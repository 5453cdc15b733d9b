package dev.offsync.android;

import android.content.Context;
import android.content.SharedPreferences;
import dev.offsync.http.spi.IdentityCache;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * sync-http's {@link IdentityCache} in the app's private {@link SharedPreferences} ({@code MODE_PRIVATE}, file
 * {@value #DEFAULT_FILE_NAME} unless named), one key per identity pool, so that a restarted app keeps its Cognito
 * identity, like AWS's {@code CognitoCachingCredentialsProvider}. Only the identity id is stored, never credentials.
 *
 * <pre>{@code
 * CognitoIdentityCredentialsProvider credentials = CognitoIdentityCredentialsProvider.builder()
 *     .identityPoolId(POOL)
 *     .identityCache(SharedPreferencesIdentityCache.create(context))
 *     .build();
 * }</pre>
 *
 * <p><b>Durable writes.</b> {@link #save} and {@link #clear} use {@link SharedPreferences.Editor#commit()}, which
 * returns once the file is written, not {@code apply()}, which writes later: an id that {@code GetId} returned must be
 * on disk before any data is synced under it, or a process killed right after (the system ends background work at
 * any moment) would come back with no id, call {@code GetId} again, get a new identity and strand the previous one's
 * data. The provider reads the cache when it is built (build it where the {@code SyncClient} and its local store are
 * built: off the main thread, e.g. in {@link SyncClientProvider#syncClient()}) and writes it on the I/O thread that
 * has just called {@code GetId}; the preferences file is opened on first use, not by {@link #create}.
 *
 * <p><b>Foreign values.</b> A value under the pool's key that is not a string shaped like a Cognito identity id
 * ({@code region:hex-and-dashes}, e.g. written by another part of the app into the same file) is an error, not
 * ignored: ignoring it would silently take a new identity. {@link #load} throws an {@link IllegalStateException}
 * naming the file and key (the provider reports it as a {@code CredentialsException}); {@link #clear} removes it.
 * (A file that cannot be parsed at all is discarded by Android itself, and reads as empty.)
 */
public final class SharedPreferencesIdentityCache implements IdentityCache {
  /** The preferences file used by {@link #create(Context)}. */
  public static final String DEFAULT_FILE_NAME = "dev.offsync.identity";

  private static final String KEY_PREFIX = "identityId.";
  /** Cognito Identity's IdentityId pattern. */
  private static final Pattern IDENTITY_ID = Pattern.compile("[\\w-]+:[0-9a-f-]+");

  private final Context context;
  private final String fileName;
  private volatile SharedPreferences preferences;

  private SharedPreferencesIdentityCache(Context context, String fileName) {
    this.context = context;
    this.fileName = fileName;
  }

  /**
   * A cache in the private preferences file {@value #DEFAULT_FILE_NAME}. No I/O: the file is opened on first use.
   *
   * @param context any context of the app (its application context is kept), not null
   * @return the cache
   */
  public static SharedPreferencesIdentityCache create(Context context) {
    return create(context, DEFAULT_FILE_NAME);
  }

  /**
   * A cache in the private preferences file {@code fileName}. No I/O: the file is opened on first use.
   *
   * @param context any context of the app (its application context is kept), not null
   * @param fileName the preferences file name, not empty, not null
   * @return the cache
   * @throws dev.offsync.InvalidParameterException if the file name is empty
   */
  public static SharedPreferencesIdentityCache create(Context context, String fileName) {
    Objects.requireNonNull(context, "context == null");
    Objects.requireNonNull(fileName, "fileName == null");
    if (fileName.isEmpty()) {
      throw new dev.offsync.InvalidParameterException("fileName is empty");
    }
    Context app = context.getApplicationContext();
    return new SharedPreferencesIdentityCache(app != null ? app : context, fileName);
  }

  /**
   * {@inheritDoc}
   *
   * @throws IllegalStateException if the pool's key holds a value that is not an identity id
   */
  @Override
  public String load(String identityPoolId) {
    String key = key(identityPoolId);
    Object value = preferences().getAll().get(key);
    if (value == null) {
      return null;
    }
    if (!(value instanceof String) || !IDENTITY_ID.matcher((String) value).matches()) {
      // the value itself is not logged: it is foreign, and may be anything
      throw new IllegalStateException("the preferences file " + fileName + " holds a "
          + value.getClass().getSimpleName() + " under " + key + " that is not a Cognito identity id;"
          + " clear(identityPoolId) removes it (a new identity is then obtained)");
    }
    return (String) value;
  }

  /**
   * {@inheritDoc}
   *
   * @throws IllegalStateException if the file could not be written
   */
  @Override
  public void save(String identityPoolId, String identityId) {
    String key = key(identityPoolId);
    Objects.requireNonNull(identityId, "identityId == null");
    if (!preferences().edit().putString(key, identityId).commit()) {
      throw new IllegalStateException("could not write the identity id to the preferences file " + fileName);
    }
  }

  /**
   * {@inheritDoc}
   *
   * @throws IllegalStateException if the file could not be written
   */
  @Override
  public void clear(String identityPoolId) {
    String key = key(identityPoolId);
    if (!preferences().edit().remove(key).commit()) {
      throw new IllegalStateException("could not remove the identity id from the preferences file " + fileName);
    }
  }

  private static String key(String identityPoolId) {
    return KEY_PREFIX + Objects.requireNonNull(identityPoolId, "identityPoolId == null");
  }

  private SharedPreferences preferences() {
    SharedPreferences p = preferences;
    if (p == null) {
      p = context.getSharedPreferences(fileName, Context.MODE_PRIVATE);
      preferences = p;
    }
    return p;
  }

  @Override
  public String toString() {
    return "SharedPreferencesIdentityCache{" + fileName + "}";
  }
}
