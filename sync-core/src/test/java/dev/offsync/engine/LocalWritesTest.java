package dev.offsync.engine;

import org.junit.jupiter.api.extension.ExtendWith;
import dev.offsync.testing.NoUndeliverableErrors;
import static dev.offsync.engine.Harness.ID;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.offsync.Dataset;
import dev.offsync.DatasetChange;
import dev.offsync.LimitExceededException;
import dev.offsync.Limits;
import dev.offsync.Record;
import dev.offsync.SyncClient;
import dev.offsync.ValidationException;
import dev.offsync.spi.LocalRecord;
import dev.offsync.testing.InMemoryLocalStore;
import io.reactivex.rxjava3.subscribers.TestSubscriber;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Local writes: validation before anything is stored, dirty tracking with bases, tombstones, changes. */
@ExtendWith(NoUndeliverableErrors.class)
class LocalWritesTest {
  private final Harness h = new Harness();
  private final InMemoryLocalStore store = new InMemoryLocalStore();
  private final SyncClient client = h.track(h.builder(store)
      .limits(Limits.builder().maxKeyLength(8).maxValueLength(10).maxDatasetBytes(20).maxRecordsPerDataset(3)
          .maxDatasets(2).build())
      .build());
  private final Dataset ds = client.dataset("games");

  @Test
  void datasetNamesAreValidated() {
    assertThatThrownBy(() -> client.dataset("has space")).isInstanceOf(ValidationException.class)
        .satisfies(e -> assertThat(((ValidationException) e).field()).isEqualTo("datasetName"));
    assertThatThrownBy(() -> client.dataset("")).isInstanceOf(ValidationException.class);
    StringBuilder longName = new StringBuilder();
    for (int i = 0; i < 129; i++) {
      longName.append('a');
    }
    assertThatThrownBy(() -> h.client(new InMemoryLocalStore()).dataset(longName.toString()))
        .isInstanceOf(ValidationException.class);
    assertThat(h.client(new InMemoryLocalStore()).dataset("a-Z_0.9:x").name()).isEqualTo("a-Z_0.9:x");
    // the pattern admits "." and "..", but no URL can carry them as a path segment: they could never sync
    for (String dots : new String[] {".", ".."}) {
      assertThatThrownBy(() -> client.dataset(dots)).isInstanceOf(ValidationException.class)
          .satisfies(e -> assertThat(((ValidationException) e).field()).isEqualTo("datasetName"));
    }
    assertThat(h.client(new InMemoryLocalStore()).dataset("...").name()).isEqualTo("...");
    assertThat(client.listDatasets()).extracting(m -> m.name()).doesNotContain(".", "..");
    assertThatThrownBy(() -> client.dataset(null)).isInstanceOf(NullPointerException.class)
        .hasMessage("datasetName == null");
  }

  @Test
  void keysAndValuesAreValidatedAndNothingIsStored() {
    assertThatThrownBy(() -> ds.put("", "v")).isInstanceOf(ValidationException.class);
    assertThatThrownBy(() -> ds.put("123456789", "v")).isInstanceOf(ValidationException.class)
        .satisfies(e -> assertThat(((ValidationException) e).field()).isEqualTo("key"));
    assertThatThrownBy(() -> ds.put("k", "12345678901")).isInstanceOf(ValidationException.class)
        .satisfies(e -> assertThat(((ValidationException) e).field()).isEqualTo("value"));
    assertThatThrownBy(() -> ds.put("k", null)).isInstanceOf(NullPointerException.class).hasMessage("value == null");
    assertThatThrownBy(() -> ds.put(null, "v")).isInstanceOf(NullPointerException.class).hasMessage("key == null");
    Map<String, String> batch = new LinkedHashMap<>();
    batch.put("ok", "v");
    batch.put("way-too-long-key", "v");
    assertThatThrownBy(() -> ds.putAll(batch)).isInstanceOf(ValidationException.class);
    assertThat(ds.records()).isEmpty();
    assertThat(store.writeCount()).isZero();
  }

  @Test
  void datasetLimitsAreCheckedAtomically() {
    ds.putAll(map("a", "1", "b", "2", "c", "3"));
    assertThatThrownBy(() -> ds.put("d", "4")).isInstanceOf(LimitExceededException.class);
    ds.put("a", "11"); // replacing does not add a record
    Map<String, String> tooBig = new HashMap<>();
    tooBig.put("b", "1234567890");
    tooBig.put("c", "1234567890");
    assertThatThrownBy(() -> ds.putAll(tooBig)).isInstanceOf(LimitExceededException.class);
    assertThat(ds.getAll()).containsEntry("b", "2").containsEntry("c", "3");
    ds.remove("c");
    ds.put("d", "4"); // a tombstone is not a live record
    assertThat(ds.getAll()).containsOnlyKeys("a", "b", "d");
  }

  @Test
  void theDatasetCountIsLimited() {
    client.dataset("one").put("k", "v");
    client.dataset("two").put("k", "v");
    assertThatThrownBy(() -> client.dataset("three").put("k", "v")).isInstanceOf(LimitExceededException.class);
    assertThat(client.listDatasets()).extracting(m -> m.name()).containsExactly("one", "two");
  }

  @Test
  void aCleanRowBeingChangedKeepsItsBaseAndBecomesDirty() {
    ds.put("k", "v1");
    h.sync(ds.sync());
    Record synced = ds.record("k");
    assertThat(synced.isDirty()).isFalse();

    ds.put("k", "v2");
    ds.put("k", "v3");

    LocalRecord row = store.read(tx -> tx.record(ID, "games", "k"));
    assertThat(row.value()).isEqualTo("v3");
    assertThat(row.isDirty()).isTrue();
    assertThat(row.syncCount()).isEqualTo(synced.syncCount());
    assertThat(row.baseValue()).isEqualTo("v1");
    assertThat(ds.isChanged("k")).isTrue();
    assertThat(ds.pendingKeys()).containsExactly("k");
  }

  @Test
  void removeMakesATombstoneDistinctFromEmptyAndRemoveThenPutStaysDirty() {
    ds.put("k", "v");
    h.sync(ds.sync());
    ds.put("e", "");
    assertThat(ds.get("e")).isEqualTo("");
    assertThat(ds.record("e").isDeleted()).isFalse();

    ds.remove("k");
    assertThat(ds.get("k")).isNull();
    assertThat(ds.record("k").isDeleted()).isTrue();
    assertThat(ds.record("k").isDirty()).isTrue();
    assertThat(ds.getAll()).containsOnlyKeys("e");
    assertThat(ds.records()).extracting(Record::key).containsExactly("e", "k");

    ds.put("k", "back");
    assertThat(ds.record("k").isDirty()).isTrue();
    assertThat(ds.record("k").syncCount()).isEqualTo(1);
    h.sync(ds.sync());
    assertThat(h.remote.serverValues(ID, "games")).containsEntry("k", "back").containsEntry("e", "");
  }

  @Test
  void removingANeverSyncedKeyLeavesNothingToPush() {
    ds.put("k", "v");
    ds.remove("k");
    assertThat(ds.record("k")).isNull();
    assertThat(ds.pendingKeys()).isEmpty();
  }

  @Test
  void writesEmitChangesAndSizesAreUtf8() {
    TestSubscriber<DatasetChange> changes = ds.observe().test();
    ds.put("k", "é"); // 1 + 2 bytes
    ds.put("k", "é"); // unchanged: no event
    ds.remove("k");
    changes.assertValueCount(2);
    assertThat(changes.values().get(0).source()).isEqualTo(DatasetChange.Source.LOCAL);
    assertThat(changes.values().get(0).value()).isEqualTo("é");
    assertThat(changes.values().get(1).value()).isNull();

    ds.put("a", "€"); // 1 + 3 bytes
    assertThat(ds.sizeInBytes()).isEqualTo(4);
    assertThat(ds.sizeInBytes("a")).isEqualTo(4);
    assertThat(ds.sizeInBytes("missing")).isZero();
    assertThat(ds.metadata().recordCount()).isEqualTo(1);
  }

  @Test
  void aOneRecordWriteIsOneTransaction() {
    ds.put("a", "1");
    long before = store.writeCount();
    ds.put("b", "2");
    ds.putAll(map("c", "3", "a", "4"));
    assertThat(store.writeCount() - before).isEqualTo(2);
  }

  private static Map<String, String> map(String... kv) {
    Map<String, String> m = new LinkedHashMap<>();
    for (int i = 0; i < kv.length; i += 2) {
      m.put(kv[i], kv[i + 1]);
    }
    return m;
  }


  @Test
  void thePendingCountFollowsEveryWriteWithoutRescanningTheDataset() {
    Dataset big = h.client(new InMemoryLocalStore()).dataset("notes");
    java.util.Random random = new java.util.Random(42);
    String[] keys = {"a", "b", "c", "d", "e"};
    for (int step = 0; step < 300; step++) {
      String key = keys[random.nextInt(keys.length)];
      int op = random.nextInt(5);
      if (op == 0) {
        big.remove(key);
      } else if (op == 1) {
        Map<String, String> values = new HashMap<>();
        values.put(key, "v" + random.nextInt(3));
        values.put(keys[random.nextInt(keys.length)], random.nextBoolean() ? null : "w");
        big.putAll(values);
      } else if (op == 2 && random.nextInt(4) == 0) {
        h.sync(big.sync());
      } else {
        big.put(key, "v" + random.nextInt(3));
      }
      assertThat(big.currentStatus().pendingCount()).as("step " + step).isEqualTo(big.pendingKeys().size());
    }
  }

  @Test
  void textTheServerCannotStoreIsRefusedAtWriteTime() {
    assertThatThrownBy(() -> ds.put("k", "a\u0000b")).isInstanceOf(ValidationException.class)
        .hasMessageContaining("U+0000")
        .satisfies(e -> assertThat(((ValidationException) e).field()).isEqualTo("value"));
    assertThatThrownBy(() -> ds.put("k\ud800", "v")).isInstanceOf(ValidationException.class)
        .hasMessageContaining("unpaired surrogate")
        .satisfies(e -> assertThat(((ValidationException) e).field()).isEqualTo("key"));
    assertThatThrownBy(() -> ds.put("k", "x\udc00")).isInstanceOf(ValidationException.class);
    assertThat(ds.records()).isEmpty();

    ds.put("k", "\ud83d\ude00"); // a real pair is fine
    assertThat(ds.get("k")).isEqualTo("\ud83d\ude00");
  }
}
