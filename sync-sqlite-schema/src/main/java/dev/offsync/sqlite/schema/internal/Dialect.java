package dev.offsync.sqlite.schema.internal;

import java.util.List;

/**
 * Which SQLite a store's SQL is written for. Both dialects describe the same schema (same tables, columns, keys,
 * checks and partial indexes, same version numbers), so a store of either kind reads the same rows the same way;
 * they differ only where SQLite 3.18 (Android API 26) lacks a feature.
 */
public enum Dialect {
  /**
   * SQLite 3.37 or newer (sync-sqlite on sqlite-jdbc): {@code STRICT} tables with {@code ANY} columns for
   * instants, and the v3 backfill with {@code FILTER} and {@code octet_length}.
   */
  MODERN(SchemaSteps.MODERN),
  /**
   * SQLite 3.18 or newer (sync-android; API 26 devices ship 3.18): no {@code STRICT}; the instant columns have
   * no declared type (BLOB affinity, so an INTEGER stays an INTEGER and an ISO-8601 TEXT stays TEXT, exactly
   * what {@code ANY} keeps in a {@code STRICT} table; a column declared {@code ANY} in a non-STRICT table would
   * have NUMERIC affinity and could turn text into a number); the v3 backfill with correlated subqueries,
   * {@code CASE} and {@code length(CAST(x AS BLOB))}.
   */
  PORTABLE(SchemaSteps.PORTABLE);

  private final List<List<String>> steps;

  Dialect(List<List<String>> steps) {
    this.steps = steps;
  }

  /**
   * Every migration step, in order: {@code steps().get(i)} takes a database from version i to i + 1.
   *
   * @return the steps; as many as {@link SchemaSteps#CURRENT_VERSION}
   */
  public List<List<String>> steps() {
    return steps;
  }
}
