package dev.offsync.sqlite.crash;

import dev.offsync.ConflictException;
import dev.offsync.spi.LocalDataset;
import dev.offsync.spi.LocalRecord;
import dev.offsync.spi.LocalStore;
import dev.offsync.spi.RecordPage;
import dev.offsync.spi.RecordPatch;
import dev.offsync.spi.RecordWrite;
import dev.offsync.spi.RemoteRecord;
import dev.offsync.spi.RemoteStore;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * A minimal pull-then-push sync of one dataset, written with the store operations the engine uses
 * (pulled pages applied with compare-and-set together with the watermark, dirty scan, push, CAS
 * acknowledgement). sync-core's engine was not available when the crash tests were written; this
 * stands in for it to show that a store reopened after a kill converges with the server. Conflicts
 * (dirty row, different remote value) keep the local value and adopt the remote sync count.
 */
final class StoreLevelSync {
  private StoreLevelSync() {}

  /**
   * Syncs until nothing is dirty, at most {@code maxRounds} rounds.
   *
   * @return the number of rounds used
   */
  static int sync(LocalStore store, RemoteStore remote, String owner, String ds, int maxRounds) {
    for (int round = 1; round <= maxRounds; round++) {
      String session = pull(store, remote, owner, ds);
      List<LocalRecord> dirty = store.read(tx -> tx.dirtyRecords(owner, ds));
      if (dirty.isEmpty()) {
        return round;
      }
      List<RecordPatch> patches = dirty.stream()
          .map(r -> r.isDeleted()
              ? RecordPatch.remove(r.key(), r.syncCount(), r.deviceLastModifiedDate())
              : RecordPatch.replace(r.key(), r.value(), r.syncCount(), r.deviceLastModifiedDate()))
          .collect(Collectors.toList());
      List<RemoteRecord> written;
      try {
        written = remote.updateRecords(owner, ds, patches, session, "this-device").blockingGet();
      } catch (ConflictException stale) {
        continue; // pull again: the conflicting rows come back with their server sync counts
      }
      Map<String, LocalRecord> pushed = dirty.stream().collect(Collectors.toMap(LocalRecord::key, r -> r));
      store.write(tx -> {
        List<RecordWrite> acks = new ArrayList<>();
        for (RemoteRecord r : written) {
          LocalRecord was = pushed.get(r.key());
          if (was != null) {
            acks.add(RecordWrite.ifVersion(was.newBuilder().dirty(false).syncCount(r.syncCount())
                .baseValue(r.value()).lastModifiedDate(r.lastModifiedDate())
                .lastModifiedBy(r.lastModifiedBy()).build(), was.version()));
          }
        }
        return tx.writeRecords(owner, ds, acks);
      });
    }
    throw new AssertionError("no convergence after " + maxRounds + " rounds");
  }

  private static String pull(LocalStore store, RemoteStore remote, String owner, String ds) {
    long watermark = store.read(tx -> tx.dataset(owner, ds)).watermark();
    String token = null;
    String session = null;
    do {
      RecordPage page = remote.listRecords(owner, ds, watermark, token, RemoteStore.MAX_RECORDS_PER_PAGE, session)
          .blockingGet();
      boolean last = page.nextToken() == null;
      store.write(tx -> {
        List<String> keys = page.records().stream().map(RemoteRecord::key).collect(Collectors.toList());
        Map<String, LocalRecord> local = new HashMap<>(tx.records(owner, ds, keys));
        List<RecordWrite> writes = new ArrayList<>();
        for (RemoteRecord r : page.records()) {
          LocalRecord l = local.get(r.key());
          long expected = l == null ? RecordWrite.ABSENT : l.version();
          LocalRecord applied;
          if (l == null || !l.isDirty() || Objects.equals(l.value(), r.value())) {
            applied = LocalRecord.builder(r.key()).value(r.value()).baseValue(r.value())
                .syncCount(r.syncCount()).dirty(false).lastModifiedDate(r.lastModifiedDate())
                .lastModifiedBy(r.lastModifiedBy()).deviceLastModifiedDate(r.deviceLastModifiedDate()).build();
          } else {
            applied = l.newBuilder().syncCount(r.syncCount()).baseValue(r.value()).build();
          }
          writes.add(RecordWrite.ifVersion(applied, expected));
        }
        if (!tx.writeRecords(owner, ds, writes).isEmpty()) {
          throw new IllegalStateException("a row changed under the pull");
        }
        if (last) {
          LocalDataset d = tx.dataset(owner, ds);
          tx.putDataset(d.newBuilder().watermark(page.datasetSyncCount()).build());
        }
        return null;
      });
      token = page.nextToken();
      session = page.syncSessionToken();
    } while (token != null);
    return session;
  }
}
