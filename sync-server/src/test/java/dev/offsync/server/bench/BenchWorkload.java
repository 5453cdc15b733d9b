package dev.offsync.server.bench;

/**
 * One benchmark client's operation, run in a loop on its own thread; one instance per client (not shared).
 */
interface BenchWorkload extends AutoCloseable {

  /**
   * Runs one operation (one UpdateRecords or one ListRecords, or the transaction standing for it).
   *
   * @throws Exception on any failure; the benchmark stops
   */
  void run() throws Exception;

  @Override
  default void close() throws Exception {}
}
