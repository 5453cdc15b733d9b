package dev.offsync.server.internal.http;

import dev.offsync.server.spi.SyncStore;

/**
 * What {@code GET /ready} reports: ready once the server has started (its store opened, migrations applied, pools
 * created), not ready again from the moment a stop begins (draining), and not ready while a cheap store query fails.
 * Each instance has its own, so on several instances over one database each reports for itself.
 */
public final class Readiness {
  /** A pool id no pool has (the model's pattern forbids the spaces): the probe is one indexed look-up. */
  private static final String PROBE = "readiness probe";

  private final SyncStore store;
  private volatile boolean started;
  private volatile boolean draining;

  /**
   * Creates the state: not yet started.
   *
   * @param store the store to ping
   */
  public Readiness(SyncStore store) {
    this.store = store;
  }

  /** Marks the server started: migrations done, pools created, listening. */
  public void started() {
    started = true;
  }

  /** Marks the server draining: from now on {@code /ready} answers 503 for good. */
  public void draining() {
    draining = true;
  }

  /**
   * Whether a stop has begun.
   *
   * @return true once {@link #draining()} was called
   */
  public boolean isDraining() {
    return draining;
  }

  /**
   * Why the server is not ready.
   *
   * @return null when ready; else {@code STARTING}, {@code DRAINING} or {@code STORE_UNAVAILABLE}
   */
  public String problem() {
    if (draining) {
      return "DRAINING";
    }
    if (!started) {
      return "STARTING";
    }
    try {
      store.read(tx -> tx.poolExists(PROBE));
      return null;
    } catch (RuntimeException e) {
      return "STORE_UNAVAILABLE";
    }
  }
}
