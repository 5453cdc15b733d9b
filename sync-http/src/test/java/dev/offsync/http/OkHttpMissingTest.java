package dev.offsync.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * sync-http's published POM depends on the multiplatform okhttp, an empty stub under Maven: a JVM application
 * without okhttp-jvm gets a typed error naming the artifact to add, not a NoClassDefFoundError at first use.
 */
class OkHttpMissingTest {
  /** The test class path, in a loader of its own (not delegating to the test's), without or with OkHttp. */
  private static URLClassLoader loader(boolean withOkHttp) throws MalformedURLException {
    String cp = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
    List<URL> urls = new ArrayList<>();
    for (String entry : cp.split(File.pathSeparator)) {
      boolean okhttp = entry.contains("okhttp") || entry.contains("mockwebserver");
      if (!entry.isEmpty() && (withOkHttp || !okhttp)) {
        urls.add(new File(entry).toURI().toURL());
      }
    }
    return new URLClassLoader(urls.toArray(new URL[0]), ClassLoader.getPlatformClassLoader());
  }

  private static Object builder(ClassLoader loader, String type) throws Throwable {
    Method builder = Class.forName(type, true, loader).getMethod("builder");
    try {
      return builder.invoke(null);
    } catch (InvocationTargetException e) {
      throw e.getCause();
    }
  }

  private static Throwable failure(String type) throws Exception {
    try (URLClassLoader loader = loader(false)) {
      assertThat(loader.getResource("okhttp3/OkHttpClient.class")).isNull();
      try {
        builder(loader, type);
      } catch (Throwable t) {
        return t;
      }
      throw new AssertionError(type + ".builder() worked without OkHttp");
    }
  }

  @Test
  void clientBuilderWithoutOkHttpNamesTheArtifact() throws Exception {
    Throwable t = failure("dev.offsync.http.CognitoSyncClient");

    assertThat(t.getClass().getName()).isEqualTo(OkHttpMissingException.class.getName());
    assertThat(t).isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("com.squareup.okhttp3:okhttp-jvm");
  }

  @Test
  void credentialsProviderBuilderWithoutOkHttpNamesTheArtifact() throws Exception {
    Throwable t = failure("dev.offsync.http.CognitoIdentityCredentialsProvider");

    assertThat(t.getClass().getName()).isEqualTo(OkHttpMissingException.class.getName());
    assertThat(t).hasMessageContaining("com.squareup.okhttp3:okhttp-jvm");
  }

  @Test
  void theSameLoaderWithOkHttpBuilds() throws Throwable {
    try (URLClassLoader loader = loader(true)) {
      assertThat(builder(loader, "dev.offsync.http.CognitoSyncClient")).isNotNull();
      assertThat(builder(loader, "dev.offsync.http.CognitoIdentityCredentialsProvider")).isNotNull();
    }
  }
}
