package dev.offsync.server.testing;

import dev.offsync.server.spi.SyncStore;
import java.nio.file.Path;

/** Opens a fresh store for one test; server suites run once per factory in {@link StoreFactories#all()}. */
public interface StoreFactory {

  /**
   * Opens the store.
   *
   * @param dataDirectory the test's temporary data directory
   * @return the store (the server takes ownership)
   */
  SyncStore open(Path dataDirectory);
}
