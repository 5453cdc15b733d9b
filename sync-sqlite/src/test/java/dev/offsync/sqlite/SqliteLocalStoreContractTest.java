package dev.offsync.sqlite;

import dev.offsync.spi.LocalStore;
import dev.offsync.testing.LocalStoreContract;
import java.nio.file.Path;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.io.TempDir;

/** sync-core's whole {@link LocalStoreContract}, against a file-backed and an in-memory store. */
class SqliteLocalStoreContractTest {

  /** A database file in a temporary directory, reopened on the same file for the durability tests. */
  @Nested
  class FileBacked extends LocalStoreContract {
    @TempDir Path dir;

    @Override
    protected LocalStore createStore() {
      return SqliteLocalStore.builder().file(dir.resolve("contract.db")).build();
    }

    @Override
    protected LocalStore reopen(LocalStore closed) {
      return SqliteLocalStore.open(((SqliteLocalStore) closed).config());
    }
  }

  /** The same contract with synchronous=FULL and a single reader connection. */
  @Nested
  class FileBackedFullSync extends LocalStoreContract {
    @TempDir Path dir;

    @Override
    protected LocalStore createStore() {
      return SqliteLocalStore.builder().file(dir.resolve("contract-full.db"))
          .synchronous(Synchronous.FULL).readConnections(1).build();
    }

    @Override
    protected LocalStore reopen(LocalStore closed) {
      return SqliteLocalStore.open(((SqliteLocalStore) closed).config());
    }
  }

  /** The in-memory (private temporary) database. */
  @Nested
  class InMemory extends LocalStoreContract {
    @Override
    protected LocalStore createStore() {
      return SqliteLocalStore.builder().inMemory().build();
    }
  }
}
