package dev.offsync.sqlite.crash;

import dev.offsync.spi.LocalDataset;
import dev.offsync.spi.LocalRecord;
import dev.offsync.spi.RecordWrite;
import dev.offsync.sqlite.SqliteLocalStore;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Paths;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The process {@link CrashSafetyTest} kills. It opens the database the parent prepared, commits a few
 * local edits (single-record transactions), prints {@value #COMMITTED}, then opens one big write
 * transaction of the chosen scenario, prints {@value #INSIDE} from inside it after half the rows, writes
 * the other half and waits on stdin (which the parent never writes) inside the still-open transaction,
 * until it is killed. It never commits that transaction.
 */
public final class CrashChild {
  /** Printed once the local edits are committed. */
  public static final String COMMITTED = "COMMITTED";
  /** Printed from inside the big transaction, after half of its rows were written. */
  public static final String INSIDE = "INSIDE";

  static final String OWNER = "us-east-1:crash-owner";
  static final String DS = "crash";
  /** Committed local edits the child makes before the big transaction. */
  static final int LOCAL_EDITS = 40;

  private CrashChild() {}

  static String localKey(int i) {
    return String.format("local-%03d", i);
  }

  static String localValue(int i) {
    return "edited offline #" + i;
  }

  /** The values of the pulled page (scenario page): what the server holds at sync count 2. */
  static String serverValue(int i) {
    return "server-v2-" + i;
  }

  /**
   * Runs a scenario.
   *
   * @param args database file, scenario ({@code putAll}, {@code page}, {@code ack})
   * @throws IOException never in practice
   */
  public static void main(String[] args) throws IOException {
    PrintStream out = System.out;
    SqliteLocalStore store = SqliteLocalStore.builder().file(Paths.get(args[0])).build();
    String scenario = args[1];
    for (int i = 0; i < LOCAL_EDITS; i++) {
      LocalRecord edit = LocalRecord.builder(localKey(i)).value(localValue(i)).dirty(true)
          .deviceLastModifiedDate(Instant.now()).build();
      store.write(tx -> tx.writeRecords(OWNER, DS, List.of(RecordWrite.unconditional(edit))));
    }
    out.println(COMMITTED);
    out.flush();
    store.write(tx -> {
      List<RecordWrite> writes;
      switch (scenario) {
        case "putAll":
          writes = putAll();
          break;
        case "page":
          writes = pulledPage(tx.records(OWNER, DS));
          break;
        case "ack":
          writes = pushAck(tx.dirtyRecords(OWNER, DS));
          break;
        default:
          throw new IllegalArgumentException(scenario);
      }
      int half = writes.size() / 2;
      if (!tx.writeRecords(OWNER, DS, writes.subList(0, half)).isEmpty()) {
        throw new IllegalStateException("unexpected CAS miss");
      }
      out.println(INSIDE);
      out.flush();
      tx.writeRecords(OWNER, DS, writes.subList(half, writes.size()));
      LocalDataset d = tx.dataset(OWNER, DS);
      tx.putDataset(d.newBuilder().watermark(d.watermark() + 1).lastSyncedAt(Instant.now()).build());
      try {
        // hold the transaction open until the parent kills this process
        int read = System.in.read();
        throw new IllegalStateException("stdin returned " + read + " instead of blocking");
      } catch (IOException e) {
        throw new IllegalStateException(e);
      }
    });
  }

  /** A putAll of 8,000 new dirty records of ~1 KB: large enough to spill pages into the WAL. */
  private static List<RecordWrite> putAll() {
    String kb = "x".repeat(1000);
    List<RecordWrite> writes = new ArrayList<>();
    for (int i = 0; i < 8000; i++) {
      writes.add(RecordWrite.unconditional(LocalRecord.builder(String.format("bulk-%05d", i))
          .value(i + kb).dirty(true).build()));
    }
    return writes;
  }

  /** Applying a pulled page: a CAS write over every synced row, to the server's sync-count-2 values. */
  private static List<RecordWrite> pulledPage(List<LocalRecord> current) {
    List<RecordWrite> writes = new ArrayList<>();
    for (LocalRecord r : current) {
      if (r.isDirty()) {
        continue;
      }
      int i = Integer.parseInt(r.key().substring("page-".length()));
      String v = serverValue(i);
      writes.add(RecordWrite.ifVersion(LocalRecord.builder(r.key()).value(v).baseValue(v).syncCount(2)
          .lastModifiedDate(Instant.now()).lastModifiedBy("other-device").build(), r.version()));
    }
    if (writes.size() != 1024) {
      throw new IllegalStateException("expected 1024 synced rows, found " + writes.size());
    }
    return writes;
  }

  /** Applying a push acknowledgement: every pushed ("pushed-") record becomes clean at sync count 1. */
  private static List<RecordWrite> pushAck(List<LocalRecord> dirty) {
    List<RecordWrite> writes = new ArrayList<>();
    for (LocalRecord r : dirty) {
      if (r.key().startsWith("pushed-")) {
        writes.add(RecordWrite.ifVersion(r.newBuilder().dirty(false).syncCount(1).baseValue(r.value())
            .lastModifiedDate(Instant.now()).lastModifiedBy("this-device").build(), r.version()));
      }
    }
    return writes;
  }
}
