package dev.offsync.androidcheck;

/**
 * The references the check accepts in what offsync brings into an app: all in okhttp-android's platform layer, each
 * guarded at run time by the code that makes it (checked in its bytecode). Nothing else may be missing at API 26.
 */
final class Allowed {
  private static final String P = "okhttp3/internal/platform/";

  static final AllowList LIST = new AllowList()
      .allow(P + "Android10Platform", "android/",
          "chosen only at SDK_INT >= 29 (Android10Platform.isSupported); CloseGuard is used at >= 30, ECH at >= 37")
      .allow(P + "android/Android10SocketAdapter", "",
          "used only at SDK_INT >= 29 (Android10SocketAdapter.isSupported): SSLSockets, ALPN of API 29")
      .allow(P + "android/Android17SocketAdapter", "",
          "used only at SDK_INT >= 37 (Android17SocketAdapter.isSupported): SSLSockets, ECH")
      .allow(P + "Jdk9Platform", "javax/net/ssl/SSL",
          "JVM only: PlatformRegistry returns Android10Platform or AndroidPlatform on a device, never Jdk9Platform")
      .allow(P + "android/BouncyCastleSocketAdapter", "org/bouncycastle/",
          "optional provider: touched only if Class.forName finds BouncyCastle JSSE (isSupported)")
      .allow(P + "android/ConscryptSocketAdapter", "org/conscrypt/",
          "optional provider: touched only if Class.forName finds Conscrypt (isSupported)");

  private Allowed() {}
}
