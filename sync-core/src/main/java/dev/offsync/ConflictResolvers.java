package dev.offsync;

import static dev.offsync.internal.Preconditions.checkNotNull;

import java.time.Instant;
import java.util.function.BiFunction;

/** Built-in {@link ConflictResolver}s. */
public final class ConflictResolvers {
  private ConflictResolvers() {}

  /**
   * A three-way merge of one record's value. Any argument may be {@code null} (absent or deleted).
   */
  @FunctionalInterface
  public interface MergeFunction {
    /**
     * Merges.
     *
     * @param base the value both edits started from, or {@code null}
     * @param local the local value, or {@code null} if deleted locally
     * @param remote the remote value, or {@code null} if deleted remotely
     * @return the merged value, or {@code null} to delete the key
     */
    String merge(String base, String local, String remote);
  }

  private static final ConflictResolver REMOTE_WINS = conflict -> Resolution.useRemote();
  private static final ConflictResolver LOCAL_WINS = conflict -> Resolution.useLocal();
  private static final ConflictResolver DEFER = conflict -> Resolution.defer();
  private static final ConflictResolver LAST_WRITER_WINS = conflict -> {
    Instant local = conflict.local().deviceLastModifiedDate();
    Instant remote = conflict.remote().deviceLastModifiedDate();
    if (remote == null) {
      remote = conflict.remote().lastModifiedDate();
    }
    if (local == null || remote == null) {
      return Resolution.useRemote();
    }
    return local.isAfter(remote) ? Resolution.useLocal() : Resolution.useRemote();
  };

  /** @return a resolver that always takes the server's record (the local edit is discarded) */
  public static ConflictResolver remoteWins() {
    return REMOTE_WINS;
  }

  /** @return a resolver that always keeps the local edit and pushes it over the server's record */
  public static ConflictResolver localWins() {
    return LOCAL_WINS;
  }

  /** @return a resolver that defers every conflict to the app ({@link Dataset#conflicts()}) */
  public static ConflictResolver deferAll() {
    return DEFER;
  }

  /**
   * Last writer wins, on <em>device</em> clocks recorded on both sides: the local record's
   * {@link Record#deviceLastModifiedDate()} (this device's clock when the app wrote it) against the
   * remote record's {@link Record#deviceLastModifiedDate()} (the writing device's clock, which it sent
   * with its push and the server echoes). If the remote side has no device date, the server's
   * {@link Record#lastModifiedDate()} is used instead. The strictly later local write wins; a tie or a
   * missing date goes to the remote side.
   *
   * <p>Honest caveat: device clocks can be wrong or skewed, so "last" means "last according to the
   * writers' own clocks", not real time. Use a merge or a domain-specific resolver where that matters.
   *
   * @return the resolver
   */
  public static ConflictResolver lastWriterWins() {
    return LAST_WRITER_WINS;
  }

  /**
   * A resolver that merges the local and remote values with {@code merge}; a {@code null} result deletes
   * the key.
   *
   * @param merge (local value, remote value) to merged value; the values are {@code null} when deleted
   * @return the resolver
   */
  public static ConflictResolver merge(BiFunction<String, String, String> merge) {
    checkNotNull(merge, "merge");
    return threeWayMerge((base, local, remote) -> merge.apply(local, remote));
  }

  /**
   * A resolver that merges base, local and remote values with {@code merge}; a {@code null} result
   * deletes the key. If the result equals the remote value the remote record is taken as is.
   *
   * @param merge the three-way merge
   * @return the resolver
   */
  public static ConflictResolver threeWayMerge(MergeFunction merge) {
    checkNotNull(merge, "merge");
    return conflict -> {
      String merged = merge.merge(conflict.baseValue(), conflict.local().value(), conflict.remote().value());
      if (merged == null) {
        return conflict.remote().isDeleted() ? Resolution.useRemote() : Resolution.delete();
      }
      if (merged.equals(conflict.remote().value())) {
        return Resolution.useRemote();
      }
      return Resolution.useValue(merged);
    };
  }
}
