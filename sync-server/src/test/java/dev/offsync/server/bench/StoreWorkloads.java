package dev.offsync.server.bench;

import dev.offsync.server.spi.DatasetId;
import dev.offsync.server.spi.DatasetState;
import dev.offsync.server.spi.StoreException;
import dev.offsync.server.spi.StoredRecord;
import dev.offsync.server.spi.SyncStore;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * UpdateRecords and ListRecords as the service runs them against a {@link SyncStore} (the same sequence of store
 * primitives in one transaction), in process: the store's own cost without HTTP, JSON or SigV4.
 */
final class StoreWorkloads {
  private StoreWorkloads() {}

  private static DatasetId newDataset() {
    return new DatasetId(BenchShape.POOL, "us-east-1:" + UUID.randomUUID(), BenchShape.DATASET);
  }

  private static long write(SyncStore store, DatasetId id, int patches) {
    List<String> keys = new ArrayList<>(patches);
    for (int i = 0; i < patches; i++) {
      keys.add(BenchShape.key(i));
    }
    return store.write(tx -> {
      if (!tx.poolExists(id.poolId())) {
        throw new StoreException("no pool");
      }
      Optional<DatasetState> found = tx.dataset(id);
      Map<String, StoredRecord> current = tx.records(id, keys);
      long count = found.map(DatasetState::syncCount).orElse(0L);
      for (StoredRecord r : current.values()) {
        if (r.syncCount() != count) {
          throw new IllegalStateException("conflict on " + r.key());
        }
      }
      if (found.isEmpty()) {
        tx.countLiveDatasets(id.poolId(), id.identityId());
      }
      Instant now = Instant.now();
      long next = count + 1;
      List<StoredRecord> records = new ArrayList<>(patches);
      for (String k : keys) {
        records.add(new StoredRecord(k, BenchShape.VALUE, next, now, id.identityId(), null));
      }
      tx.putRecords(id, records);
      tx.putDataset(found.map(DatasetState::toBuilder).orElseGet(() -> DatasetState.newBuilder(id).creationDate(now))
          .live(true).syncCount(next).lastModifiedDate(now).lastModifiedBy(id.identityId()).numRecords(patches)
          .dataStorage((long) patches * (keys.get(0).length() + BenchShape.VALUE.length())).build());
      tx.createIdentityIfAbsent(id.poolId(), id.identityId(), now);
      tx.addSyncSessions(id.poolId(), 1);
      tx.subscribers(id);
      return next;
    });
  }

  /** One client's UpdateRecords, on its own identity. */
  static BenchWorkload update(SyncStore store) {
    DatasetId id = newDataset();
    return () -> write(store, id, BenchShape.PATCHES_PER_UPDATE);
  }

  /** One client's ListRecords of its whole dataset. */
  static BenchWorkload list(SyncStore store) {
    DatasetId id = newDataset();
    write(store, id, BenchShape.RECORDS_PER_LIST);
    return () -> {
      int rows = store.read(tx -> {
        if (!tx.poolExists(id.poolId())) {
          throw new StoreException("no pool");
        }
        tx.dataset(id).orElseThrow();
        int[] n = {0};
        tx.scanRecords(id, 0, null, 1025, r -> n[0]++);
        return n[0];
      });
      if (rows != BenchShape.RECORDS_PER_LIST) {
        throw new IllegalStateException("expected " + BenchShape.RECORDS_PER_LIST + " rows, got " + rows);
      }
    };
  }
}
