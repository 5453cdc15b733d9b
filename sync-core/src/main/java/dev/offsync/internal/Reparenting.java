package dev.offsync.internal;

import dev.offsync.spi.LocalDataset;
import dev.offsync.spi.LocalRecord;
import dev.offsync.spi.LocalTransaction;
import dev.offsync.spi.RecordWrite;
import java.util.ArrayList;
import java.util.List;

/**
 * Moving local data between owners inside one transaction, collision-safe: what an identity change, an adoption of
 * an inactive identity and a rebuilt dataset do to the store. A name the target owner has already goes to a merged
 * copy {@code <name>.<from>}; a moved dataset whose sync state belonged to another identity starts over as
 * local-only data. Pure functions over a {@link LocalTransaction}, no engine state. Not API.
 */
final class Reparenting {
  private Reparenting() {}

  /**
   * Moves every dataset of {@code from} under {@code to}. A name already taken under {@code to} moves to
   * {@code <name>.<from>} (or {@code <name>.<from>.<n>} if that is taken too). With {@code rebase}, and
   * for every renamed copy, the moved dataset starts over as a local-only dataset: watermark 0, every live
   * record dirty on base 0, tombstones dropped, since its sync state belonged to the old identity.
   */
  static void reparent(LocalTransaction tx, String from, String to, boolean rebase, int maxName) {
    if (from.equals(to)) {
      return;
    }
    for (LocalDataset ds : tx.datasets(from)) {
      String target = ds.name();
      boolean renamed = false;
      if (tx.dataset(to, target) != null) {
        target = mergedCopyName(ds.name(), from, 1, maxName);
        int n = 2;
        while (tx.dataset(to, target) != null) {
          target = mergedCopyName(ds.name(), from, n++, maxName);
        }
        renamed = true;
      }
      tx.moveDataset(from, ds.name(), to, target);
      if (rebase || renamed) {
        resetAsNew(tx, to, target);
      }
    }
  }

  /**
   * The name of the {@code n}-th merged copy of dataset {@code name} from owner {@code from}:
   * {@code <name>.<from>}, then {@code <name>.<from>.<n>}. It is always a valid dataset name, so the copy can
   * be synced: characters a name may not hold ({@code [a-zA-Z0-9_.:-]} only; a custom local owner id may have
   * others) become {@code _}, and a name that would be longer than {@code maxLength} keeps its suffix and
   * loses the end of {@code name} (the suffix itself is cut to half the limit, for very long owner ids).
   */
  static String mergedCopyName(String name, String from, int n, int maxLength) {
    StringBuilder suffix = new StringBuilder(".");
    for (int i = 0; i < from.length(); i++) {
      char c = from.charAt(i);
      boolean allowed = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
          || c == '_' || c == '.' || c == ':' || c == '-';
      suffix.append(allowed ? c : '_');
    }
    String counter = n > 1 ? "." + n : "";
    int maxSuffix = Math.max(1, maxLength / 2 - counter.length());
    if (suffix.length() > maxSuffix) {
      suffix.setLength(maxSuffix);
    }
    suffix.append(counter);
    int keep = Math.min(name.length(), maxLength - suffix.length());
    return name.substring(0, keep) + suffix;
  }

  /**
   * Whether {@code candidate} is a name {@link #mergedCopyName} gives a merged copy of {@code parent}:
   * {@code <parent>.<...>}, or, when the parent's name had to be shortened, a name of exactly
   * {@code maxLength} characters made of a proper prefix of the parent's name (at least the half of
   * {@code maxLength} that a suffix leaves) and a suffix starting with a dot. The prefix is matched as such, not
   * as the longest common one: the parent's own name may have a dot right where it was cut.
   */
  static boolean isMergedCopyName(String parent, String candidate, int maxLength) {
    if (candidate.length() > parent.length() && candidate.startsWith(parent)
        && candidate.charAt(parent.length()) == '.') {
      return true;
    }
    if (candidate.length() != maxLength) {
      return false;
    }
    // a suffix is at most maxLength / 2 characters long (mergedCopyName), so at least the rest of the parent stays
    int shortest = Math.max(1, maxLength - maxLength / 2);
    for (int keep = Math.min(parent.length(), candidate.length()) - 1; keep >= shortest; keep--) {
      if (candidate.charAt(keep) == '.' && candidate.regionMatches(0, parent, 0, keep)) {
        return true;
      }
    }
    return false;
  }

  /**
   * Makes a dataset local-only: watermark 0, live records dirty on base 0 with no deferred conflict (its
   * remote side belonged to the old dataset), tombstones removed.
   */
  static void resetAsNew(LocalTransaction tx, String owner, String name) {
    resetAsNew(tx, owner, name, false);
  }

  /**
   * {@link #resetAsNew(LocalTransaction, String, String)}, optionally keeping the pending removals (dirty
   * tombstones) as removals on base 0: after a remote deletion whose dataset was re-created, such a removal is
   * the app's edit of whatever the new dataset holds for the key (a conflict when the pull brings it), and it goes
   * when a full listing shows the new dataset has no such key.
   */
  static void resetAsNew(LocalTransaction tx, String owner, String name, boolean keepPendingRemovals) {
    LocalDataset ds = tx.dataset(owner, name);
    if (ds == null) {
      return;
    }
    List<RecordWrite> writes = new ArrayList<>();
    List<String> drop = new ArrayList<>();
    for (LocalRecord r : tx.records(owner, name)) {
      if (r.isDeleted() && keepPendingRemovals && r.isDirty()) {
        writes.add(RecordWrite.unconditional(
            r.newBuilder().syncCount(0).baseValue(null).pendingConflict(null).build()));
      } else if (r.isDeleted()) {
        drop.add(r.key());
      } else {
        writes.add(RecordWrite.unconditional(
            r.newBuilder().syncCount(0).baseValue(null).dirty(true).pendingConflict(null).build()));
      }
    }
    tx.deleteRecords(owner, name, drop);
    if (!writes.isEmpty()) {
      tx.writeRecords(owner, name, writes);
    }
    tx.putDataset(ds.newBuilder().watermark(0).deletedLocally(false).build());
  }
}
