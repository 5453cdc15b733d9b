package dev.offsync.server.testing;

import static org.assertj.core.api.Assertions.assertThat;

import dev.offsync.server.spi.DatasetId;
import dev.offsync.server.spi.StreamOutboxEntry;
import dev.offsync.server.spi.SyncStore;
import java.time.Instant;
import java.util.List;
import java.util.Set;

/** Store-level checks of the Cognito Streams outbox primitives, the same on every store. */
public final class OutboxChecks {
  private OutboxChecks() {}

  /**
   * Appends, lists in order, deletes, and takes and gives back the lease.
   *
   * @param store an open store
   * @param poolId a pool of it
   */
  public static void roundTrip(SyncStore store, String poolId) {
    Instant t = Instant.parse("2026-01-01T00:00:00Z");
    DatasetId a = new DatasetId(poolId, "us-east-1:a", "d");
    DatasetId b = new DatasetId(poolId, "us-east-1:b", "d");
    StreamOutboxEntry a2 = new StreamOutboxEntry(a, 2, false, t, "s", "{\"n\":\"a2\"}");
    StreamOutboxEntry a2deleted = new StreamOutboxEntry(a, 2, true, t, "s", "{\"n\":\"a2-deleted\"}");
    StreamOutboxEntry a1 = new StreamOutboxEntry(a, 1, false, t, "s", "{\"n\":\"a1\"}");
    StreamOutboxEntry b1 = new StreamOutboxEntry(b, 1, false, t.minusMillis(1), "other", "{\"n\":\"b1\u00e9\"}");
    store.write(tx -> {
      tx.appendStreamOutbox(a2deleted);
      tx.appendStreamOutbox(a2);
      tx.appendStreamOutbox(a1);
      tx.appendStreamOutbox(b1);
      return null;
    });
    assertThat(store.<List<StreamOutboxEntry>>read(tx -> tx.streamOutbox(10, Long.MAX_VALUE, Set.of()))).containsExactly(b1, a1, a2, a2deleted);
    assertThat(store.<List<StreamOutboxEntry>>read(tx -> tx.streamOutbox(2, Long.MAX_VALUE, Set.of()))).containsExactly(b1, a1);
    assertThat(store.<List<StreamOutboxEntry>>read(tx -> tx.streamOutbox(10, Long.MAX_VALUE, Set.of("other"))))
        .as("a skipped stream's rows are left out").containsExactly(a1, a2, a2deleted);
    assertThat(store.<List<StreamOutboxEntry>>read(tx -> tx.streamOutbox(2, Long.MAX_VALUE, Set.of("s")))).containsExactly(b1);
    assertThat(store.<List<StreamOutboxEntry>>read(tx -> tx.streamOutbox(10, Long.MAX_VALUE, Set.of("s", "other", "third"))))
        .isEmpty();
    // the byte budget: b1's line is 12 UTF-8 bytes (11 chars), a1's and a2's 10, a2deleted's 18
    assertThat(store.<List<StreamOutboxEntry>>read(tx -> tx.streamOutbox(10, 1, Set.of())))
        .as("the first record whatever its size").containsExactly(b1);
    assertThat(store.<List<StreamOutboxEntry>>read(tx -> tx.streamOutbox(10, 12, Set.of())))
        .as("nothing more once the budget is reached, in UTF-8 bytes").containsExactly(b1);
    assertThat(store.<List<StreamOutboxEntry>>read(tx -> tx.streamOutbox(10, 13, Set.of())))
        .as("a record is added while the lines before it are under the budget").containsExactly(b1, a1);
    assertThat(store.<List<StreamOutboxEntry>>read(tx -> tx.streamOutbox(10, 23, Set.of())))
        .containsExactly(b1, a1, a2);
    assertThat(store.<List<StreamOutboxEntry>>read(tx -> tx.streamOutbox(10, 33, Set.of())))
        .containsExactly(b1, a1, a2, a2deleted);
    assertThat(store.<List<StreamOutboxEntry>>read(tx -> tx.streamOutbox(2, 1000, Set.of())))
        .as("the row limit still applies").containsExactly(b1, a1);
    assertThat(store.<List<StreamOutboxEntry>>read(tx -> tx.streamOutbox(10, 11, Set.of("other"))))
        .as("skipped streams' lines do not count").containsExactly(a1, a2);

    assertThat(store.<Boolean>write(tx -> tx.acquireStreamLease("one", t, t.plusSeconds(30)))).isTrue();
    assertThat(store.<Boolean>write(tx -> tx.acquireStreamLease("two", t.plusSeconds(29), t.plusSeconds(59))))
        .as("held by another until it expires").isFalse();
    assertThat(store.<Boolean>write(tx -> tx.acquireStreamLease("one", t.plusSeconds(1), t.plusSeconds(31))))
        .as("renewed by its holder").isTrue();
    assertThat(store.<Boolean>write(tx -> tx.acquireStreamLease("two", t.plusSeconds(32), t.plusSeconds(62))))
        .as("taken over after expiry").isTrue();
    store.write(tx -> {
      tx.releaseStreamLease("one"); // no longer the holder: no effect
      return null;
    });
    assertThat(store.<Boolean>write(tx -> tx.acquireStreamLease("one", t.plusSeconds(33), t.plusSeconds(63))))
        .isFalse();
    store.write(tx -> {
      tx.releaseStreamLease("two");
      return null;
    });
    assertThat(store.<Boolean>write(tx -> tx.acquireStreamLease("one", t.plusSeconds(33), t.plusSeconds(63))))
        .as("free after release").isTrue();

    store.write(tx -> {
      tx.deleteStreamOutbox(List.of(b1, a1, a1));
      return null;
    });
    assertThat(store.<List<StreamOutboxEntry>>read(tx -> tx.streamOutbox(10, Long.MAX_VALUE, Set.of()))).containsExactly(a2, a2deleted);
    store.write(tx -> {
      tx.deleteStreamOutbox(List.of(a2, a2deleted));
      tx.releaseStreamLease("one");
      return null;
    });
    assertThat(store.<List<StreamOutboxEntry>>read(tx -> tx.streamOutbox(10, Long.MAX_VALUE, Set.of()))).isEmpty();
  }
}
