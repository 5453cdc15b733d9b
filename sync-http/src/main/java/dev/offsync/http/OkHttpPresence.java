package dev.offsync.http;

/** Fails fast, with the artifact to add, where OkHttp's classes would otherwise be missing at first use. */
final class OkHttpPresence {
  private static volatile boolean present;

  private OkHttpPresence() {}

  /** Throws {@link OkHttpMissingException} unless okhttp3.OkHttpClient can be loaded by sync-http's loader. */
  static void require() {
    if (present) {
      return;
    }
    try {
      Class.forName("okhttp3.OkHttpClient", false, OkHttpPresence.class.getClassLoader());
      present = true;
    } catch (ClassNotFoundException | LinkageError e) {
      throw new OkHttpMissingException(e);
    }
  }
}
