package dev.offsync.spi;

import static dev.offsync.internal.Preconditions.checkNotNull;

import java.util.Objects;

/**
 * The identity the client syncs as has changed. Immutable.
 *
 * <p>{@link #isMerge()} says what happens to the previous identity's local data: {@code true} when the
 * new identity now owns it (an unauthenticated identity that signed in and was linked or merged by the
 * identity service), so the client re-parents it under the new identity (colliding datasets as
 * {@code <name>.<previousId>}); {@code false} when a different user signed in, so the previous
 * identity's data stays where it is, invisible to the new one, until that identity returns. Data kept
 * under the client's local owner (written before any identity existed) is always adopted by the first
 * identity.
 */
public final class IdentityChange {
  private final String previousId;
  private final String currentId;
  private final boolean merge;

  /**
   * Creates the change.
   *
   * @param previousId the previous identity id, or {@code null} if there was none
   * @param currentId the new identity id
   * @param merge whether the new identity takes over the previous identity's data
   */
  public IdentityChange(String previousId, String currentId, boolean merge) {
    this.previousId = previousId;
    this.currentId = checkNotNull(currentId, "currentId");
    this.merge = merge;
  }

  /** @return the previous identity id, or {@code null} if there was none */
  public String previousId() {
    return previousId;
  }

  /** @return the new identity id */
  public String currentId() {
    return currentId;
  }

  /** @return whether the new identity takes over the previous identity's local data */
  public boolean isMerge() {
    return merge;
  }

  @Override
  public boolean equals(Object o) {
    if (!(o instanceof IdentityChange)) {
      return false;
    }
    IdentityChange that = (IdentityChange) o;
    return merge == that.merge && Objects.equals(previousId, that.previousId) && currentId.equals(that.currentId);
  }

  @Override
  public int hashCode() {
    return Objects.hash(previousId, currentId, merge);
  }

  @Override
  public String toString() {
    return "IdentityChange{" + previousId + " -> " + currentId + (merge ? ", merge" : "") + "}";
  }
}
