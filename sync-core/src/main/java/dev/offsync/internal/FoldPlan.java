package dev.offsync.internal;

import dev.offsync.ConflictResolver;
import dev.offsync.Limits;
import dev.offsync.Resolution;
import dev.offsync.SyncConflict;
import dev.offsync.spi.LocalRecord;
import dev.offsync.spi.LocalTransaction;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What a fold of a merged copy into its parent dataset read: every row of the merged copy and the parent's
 * rows for the merged copy's live keys. {@link #stillHolds} proves, row by row, that nobody wrote any of
 * them since, so decisions made on this snapshot may be committed.
 */
final class FoldPlan {
  private final List<LocalRecord> merged;
  private final Map<String, LocalRecord> parent;

  private FoldPlan(List<LocalRecord> merged, Map<String, LocalRecord> parent) {
    this.merged = merged;
    this.parent = parent;
  }

  static FoldPlan read(LocalTransaction tx, String owner, String mergedName, String parentName) {
    List<LocalRecord> merged = tx.records(owner, mergedName);
    return new FoldPlan(merged, tx.records(owner, parentName, liveKeys(merged)));
  }

  private static List<String> liveKeys(List<LocalRecord> rows) {
    List<String> keys = new ArrayList<>();
    for (LocalRecord r : rows) {
      if (!r.isDeleted()) {
        keys.add(r.key());
      }
    }
    return keys;
  }

  /**
   * The writes into the parent: a merged value where the parent has none (or a tombstone), and the
   * resolver's decision where both hold different values ({@code null} value = remove; a deferral keeps the
   * parent's value, so no write). A value the resolver chose is validated like an app's {@code put}: one that
   * could never be pushed fails the fold with a {@link dev.offsync.ValidationException} before anything is
   * written.
   */
  Map<String, String> decide(String parentName, ConflictResolver resolver, Limits limits) {
    Map<String, String> updates = new LinkedHashMap<>();
    for (LocalRecord m : merged) {
      if (m.isDeleted()) {
        continue;
      }
      LocalRecord p = parent.get(m.key());
      if (p == null || p.isDeleted()) {
        updates.put(m.key(), m.value());
      } else if (!Objects.equals(p.value(), m.value())) {
        Resolution r = resolver.resolve(
            new SyncConflict(parentName, Records.toRecord(p), Records.toRecord(m), null, 0));
        Preconditions.checkNotNull(r, "resolution");
        switch (r.kind()) {
          case USE_REMOTE:
            updates.put(m.key(), m.value());
            break;
          case USE_VALUE:
            updates.put(m.key(), Validation.value(r.value(), limits));
            break;
          case DELETE:
            updates.put(m.key(), null);
            break;
          default:
            break;
        }
      }
    }
    return updates;
  }

  /** Whether every row this plan read is still there, unchanged, and no row was added. */
  boolean stillHolds(LocalTransaction tx, String owner, String mergedName, String parentName) {
    List<LocalRecord> mergedNow = tx.records(owner, mergedName);
    if (!sameRows(merged, mergedNow)) {
      return false;
    }
    Map<String, LocalRecord> parentNow = tx.records(owner, parentName, liveKeys(merged));
    return sameRows(new ArrayList<>(parent.values()), new ArrayList<>(parentNow.values()));
  }

  /**
   * Whole-row equality, not only the version: a never-synced row removed and written again starts over at
   * version 1, so only its value would tell the two apart.
   */
  private static boolean sameRows(List<LocalRecord> before, List<LocalRecord> now) {
    if (before.size() != now.size()) {
      return false;
    }
    Map<String, LocalRecord> byKey = new HashMap<>();
    for (LocalRecord r : before) {
      byKey.put(r.key(), r);
    }
    for (LocalRecord r : now) {
      if (!r.equals(byKey.get(r.key()))) {
        return false;
      }
    }
    return true;
  }
}
