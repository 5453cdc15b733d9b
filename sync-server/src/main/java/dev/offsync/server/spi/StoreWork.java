package dev.offsync.server.spi;

/**
 * A unit of work run inside one store transaction.
 *
 * @param <T> the result type
 */
@FunctionalInterface
public interface StoreWork<T> {

  /**
   * Runs the work.
   *
   * @param tx the open transaction; valid only during this call
   * @return the result
   */
  T run(StoreTransaction tx);
}
