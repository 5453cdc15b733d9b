package dev.offsync.http;

/**
 * OkHttp's classes are not on the class path. sync-http depends on the multiplatform
 * {@code com.squareup.okhttp3:okhttp}: Gradle resolves it to {@code okhttp-android} or {@code okhttp-jvm}, but under
 * Maven it is an empty stub, so a Maven (JVM) application must add {@code com.squareup.okhttp3:okhttp-jvm} itself.
 */
public final class OkHttpMissingException extends IllegalStateException {
  private static final long serialVersionUID = 1L;

  /** The artifact a JVM application built with Maven must add. */
  static final String JVM_ARTIFACT = "com.squareup.okhttp3:okhttp-jvm";

  OkHttpMissingException(Throwable cause) {
    super("OkHttp is not on the class path (okhttp3.OkHttpClient not found): add the dependency " + JVM_ARTIFACT
        + ", at the version of com.squareup.okhttp3:okhttp (under Maven that artifact is an empty multiplatform"
        + " stub; Gradle picks okhttp-jvm or okhttp-android by itself)", cause);
  }
}
