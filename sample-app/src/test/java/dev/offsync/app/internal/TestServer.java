package dev.offsync.app.internal;

import dev.offsync.server.SyncServer;
import java.nio.file.Path;

/** A real sync-server on 127.0.0.1, port 0, with a developer key and one identity pool. */
public final class TestServer implements AutoCloseable {
  /** The identity pool the server serves. */
  public static final String POOL = "us-east-1:0d3b5a52-5d1f-4c1b-9a4e-3c1f0e0c2a11";
  /** The developer access key id. */
  public static final String ACCESS_KEY = "AKIDTEST";
  /** The developer secret. */
  public static final String SECRET = "test-secret";

  private final SyncServer server;

  private TestServer(SyncServer server) {
    this.server = server;
  }

  /** Starts a server storing its data in {@code dir}. */
  public static TestServer start(Path dir) {
    return new TestServer(SyncServer.builder()
        .host("127.0.0.1")
        .port(0)
        .dataDirectory(dir)
        .developerKey(ACCESS_KEY, SECRET)
        .identityPool(POOL)
        .build()
        .start());
  }

  /** Returns the base URL, e.g. {@code http://127.0.0.1:40123/}. */
  public String endpoint() {
    return server.baseUri().toString();
  }

  @Override
  public void close() {
    server.close();
  }
}
