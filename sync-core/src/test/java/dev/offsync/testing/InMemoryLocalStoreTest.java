package dev.offsync.testing;

import static org.assertj.core.api.Assertions.assertThat;

import dev.offsync.spi.LocalStore;
import org.junit.jupiter.api.Test;

/** Runs {@link LocalStoreContract} against {@link InMemoryLocalStore}, plus its own test helpers. */
class InMemoryLocalStoreTest extends LocalStoreContract {

  @Override
  protected LocalStore createStore() {
    return new InMemoryLocalStore();
  }

  @Test
  void countsCommittedWritesAndSnapshotsDatasets() {
    InMemoryLocalStore s = (InMemoryLocalStore) store;
    s.write(tx -> {
      tx.putDataset(dataset(OWNER, DS));
      return null;
    });
    try {
      s.write(tx -> {
        throw new IllegalStateException("rolled back");
      });
    } catch (IllegalStateException expected) {
      // not committed, not counted
    }
    s.read(tx -> null);
    assertThat(s.writeCount()).isEqualTo(1);
    assertThat(s.readCount()).isEqualTo(1);
    assertThat(s.snapshot()).containsOnlyKeys(OWNER + "/" + DS);
    assertThat(s.isClosed()).isFalse();
    s.close();
    assertThat(s.isClosed()).isTrue();
  }
}
