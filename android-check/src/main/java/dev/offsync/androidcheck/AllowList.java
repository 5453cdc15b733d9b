package dev.offsync.androidcheck;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * References the check accepts although the Android API 26 signature or the app's class path lacks them: only those
 * that are guarded at run time by the code that makes them, each with its reason. An entry matches a violation
 * whose referencing class starts with {@code from} and whose referenced class or member starts with {@code target}
 * (internal names, '/'-separated). An entry that matched nothing is reported, so the list cannot silently rot.
 */
final class AllowList {
  /** One accepted kind of reference, and why it is safe. */
  static final class Entry {
    final String from;
    final String target;
    final String reason;
    int hits;

    Entry(String from, String target, String reason) {
      this.from = Objects.requireNonNull(from, "from == null");
      this.target = Objects.requireNonNull(target, "target == null");
      this.reason = Objects.requireNonNull(reason, "reason == null");
    }

    boolean matches(Violation v) {
      return v.fromClass.startsWith(from) && v.target.startsWith(target);
    }

    @Override
    public String toString() {
      return from + "* -> " + target + "*: " + reason + " (" + hits + " references)";
    }
  }

  private final List<Entry> entries = new ArrayList<>();

  AllowList allow(String from, String target, String reason) {
    entries.add(new Entry(from, target, reason));
    return this;
  }

  /** The entry accepting this violation (counting it), or null. */
  Entry match(Violation v) {
    for (Entry e : entries) {
      if (e.matches(v)) {
        e.hits++;
        return e;
      }
    }
    return null;
  }

  List<Entry> entries() {
    return entries;
  }

  static AllowList none() {
    return new AllowList();
  }
}
