package dev.offsync.android;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import android.content.Context;
import android.content.ContextWrapper;
import android.content.SharedPreferences;
import java.io.File;
import java.lang.reflect.Constructor;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.robolectric.RobolectricTestRunner;
import org.robolectric.RuntimeEnvironment;

/**
 * {@link SharedPreferencesIdentityCache} on Android's real SharedPreferences implementation (Robolectric runs the
 * framework's code, writing XML files under the app's data directory).
 */
@RunWith(RobolectricTestRunner.class)
public class SharedPreferencesIdentityCacheTest {
  private static final String POOL = "us-east-1:4a7c0f0e-1111-2222-3333-444455556666";
  private static final String OTHER_POOL = "eu-west-1:4a7c0f0e-1111-2222-3333-444455556666";
  private static final String ID = "us-east-1:0f1e2d3c-4b5a-6978-8796-a5b4c3d2e1f0";

  private final Context context = RuntimeEnvironment.getApplication();

  private File file() {
    return new File(context.getDataDir(), "shared_prefs/" + SharedPreferencesIdentityCache.DEFAULT_FILE_NAME + ".xml");
  }

  /**
   * A context whose preferences are read afresh from the file, as in a new process (the framework keeps one
   * SharedPreferences instance per file and process, so a second {@code getSharedPreferences} would not read it).
   */
  private Context newProcess() throws Exception {
    Class<?> impl = Class.forName("android.app.SharedPreferencesImpl");
    Constructor<?> constructor = impl.getDeclaredConstructor(File.class, int.class);
    constructor.setAccessible(true);
    SharedPreferences fresh = (SharedPreferences) constructor.newInstance(file(), Context.MODE_PRIVATE);
    return new ContextWrapper(context) {
      @Override
      public Context getApplicationContext() {
        return this;
      }

      @Override
      public SharedPreferences getSharedPreferences(String name, int mode) {
        assertThat(name).isEqualTo(SharedPreferencesIdentityCache.DEFAULT_FILE_NAME);
        assertThat(mode).isEqualTo(Context.MODE_PRIVATE);
        return fresh;
      }
    };
  }

  @Test
  public void aSavedIdSurvivesARestart() throws Exception {
    SharedPreferencesIdentityCache cache = SharedPreferencesIdentityCache.create(context);
    assertThat(cache.load(POOL)).isNull();

    cache.save(POOL, ID);

    // commit(): on disk when save returns
    assertThat(new String(Files.readAllBytes(file().toPath()), StandardCharsets.UTF_8)).contains(ID);
    assertThat(SharedPreferencesIdentityCache.create(newProcess()).load(POOL)).isEqualTo(ID);
    assertThat(SharedPreferencesIdentityCache.create(context).load(POOL)).isEqualTo(ID);
  }

  @Test
  public void poolsAreKeptApartAndClearForgetsOne() throws Exception {
    SharedPreferencesIdentityCache cache = SharedPreferencesIdentityCache.create(context);
    cache.save(POOL, ID);
    cache.save(OTHER_POOL, "eu-west-1:00000000-0000-0000-0000-000000000001");

    cache.clear(POOL);
    cache.clear(POOL); // nothing saved: nothing to do

    SharedPreferencesIdentityCache restarted = SharedPreferencesIdentityCache.create(newProcess());
    assertThat(restarted.load(POOL)).isNull();
    assertThat(restarted.load(OTHER_POOL)).isEqualTo("eu-west-1:00000000-0000-0000-0000-000000000001");
  }

  @Test
  public void aForeignValueIsAClearErrorUntilCleared() {
    SharedPreferences prefs =
        context.getSharedPreferences(SharedPreferencesIdentityCache.DEFAULT_FILE_NAME, Context.MODE_PRIVATE);
    prefs.edit().putInt("identityId." + POOL, 7).putString("identityId." + OTHER_POOL, "secret-ish <junk>").commit();
    SharedPreferencesIdentityCache cache = SharedPreferencesIdentityCache.create(context);

    assertThatThrownBy(() -> cache.load(POOL)).isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("Integer").hasMessageContaining("identityId." + POOL)
        .hasMessageContaining("clear(identityPoolId)");
    assertThatThrownBy(() -> cache.load(OTHER_POOL)).isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("String").hasMessageNotContaining("junk");

    cache.clear(POOL);
    assertThat(cache.load(POOL)).isNull();
  }

  @Test
  public void aNamedFileIsUsedAndArgumentsAreChecked() {
    SharedPreferencesIdentityCache cache = SharedPreferencesIdentityCache.create(context, "my.identity");
    cache.save(POOL, ID);
    assertThat(context.getSharedPreferences("my.identity", Context.MODE_PRIVATE).getString("identityId." + POOL, null))
        .isEqualTo(ID);
    assertThat(SharedPreferencesIdentityCache.create(context).load(POOL)).isNull();

    assertThatThrownBy(() -> SharedPreferencesIdentityCache.create(context, ""))
        .isInstanceOf(dev.offsync.InvalidParameterException.class);
    assertThatThrownBy(() -> cache.load(null)).isInstanceOf(NullPointerException.class)
        .hasMessage("identityPoolId == null");
    assertThatThrownBy(() -> cache.save(POOL, null)).isInstanceOf(NullPointerException.class)
        .hasMessage("identityId == null");
  }
}
