package dev.offsync.server.bench;

/** The shape of the benchmark's operations, the same on every path (server, raw JDBC). */
final class BenchShape {
  /** Identity pool used by the benchmark. */
  static final String POOL = "us-east-1:0d3b5a52-5d1f-4c1b-9a4e-3c1f0e0c2a11";
  /** Dataset name. */
  static final String DATASET = "bench";
  /** Records written by one UpdateRecords. */
  static final int PATCHES_PER_UPDATE = 4;
  /** Records in the dataset each ListRecords reads in full. */
  static final int RECORDS_PER_LIST = 100;
  /** Value of every record: 64 ASCII characters. */
  static final String VALUE = "v".repeat(64);

  private BenchShape() {}

  static String key(int i) {
    return "key-" + i;
  }
}
