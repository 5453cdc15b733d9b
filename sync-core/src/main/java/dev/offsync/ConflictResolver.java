package dev.offsync;

/**
 * Decides a {@link SyncConflict}: a record changed locally and, since the state the local edit was based
 * on, remotely, to a different value. Must be pure and synchronous: it runs inside the sync, once per
 * conflict, and must not touch the {@link Dataset}. A resolver that throws leaves that record dirty and
 * unpushed for the rest of the sync; the error appears in the {@link SyncReport} and as a
 * {@link RecordEvent.Type#FAILED} event, and the sync does not loop on it.
 *
 * <p>Built-in resolvers are in {@link ConflictResolvers}.
 */
@FunctionalInterface
public interface ConflictResolver {

  /**
   * Decides one conflict.
   *
   * @param conflict the conflict, with the local, remote and base states
   * @return the decision, never {@code null}
   */
  Resolution resolve(SyncConflict conflict);
}
