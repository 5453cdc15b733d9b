package dev.offsync;

import static dev.offsync.internal.Preconditions.checkNotNull;

import java.util.Objects;

/**
 * A {@link ConflictResolver}'s decision for one {@link SyncConflict}. Immutable; create with the static
 * factories.
 *
 * <ul>
 *   <li>{@link #useRemote()}: take the server's record; the local edit is discarded, the record is clean.
 *   <li>{@link #useLocal()}: keep the local value and push it again on the remote sync count.
 *   <li>{@link #useValue(String)}: store and push a new value (for example a merge of both sides).
 *   <li>{@link #delete()}: delete the key and push the removal.
 *   <li>{@link #defer()}: leave the record as it is (dirty, not pushed) and list the conflict in
 *       {@link Dataset#conflicts()} until the app calls {@link Dataset#resolve(String, Resolution)}.
 * </ul>
 */
public final class Resolution {
  /** The kind of decision. */
  public enum Kind {
    /** Take the remote record. */
    USE_REMOTE,
    /** Keep the local value, rebased on the remote sync count. */
    USE_LOCAL,
    /** Store a given value, rebased on the remote sync count. */
    USE_VALUE,
    /** Delete the key, rebased on the remote sync count. */
    DELETE,
    /** Decide later; the record is not pushed until then. */
    DEFER
  }

  private static final Resolution REMOTE = new Resolution(Kind.USE_REMOTE, null);
  private static final Resolution LOCAL = new Resolution(Kind.USE_LOCAL, null);
  private static final Resolution DELETE = new Resolution(Kind.DELETE, null);
  private static final Resolution DEFER = new Resolution(Kind.DEFER, null);

  private final Kind kind;
  private final String value;

  private Resolution(Kind kind, String value) {
    this.kind = kind;
    this.value = value;
  }

  /** @return a decision to take the server's record */
  public static Resolution useRemote() {
    return REMOTE;
  }

  /** @return a decision to keep the local value (or local deletion) and push it again */
  public static Resolution useLocal() {
    return LOCAL;
  }

  /**
   * A decision to store and push {@code value}.
   *
   * @param value the new value; use {@link #delete()} to delete
   * @return the decision
   */
  public static Resolution useValue(String value) {
    return new Resolution(Kind.USE_VALUE, checkNotNull(value, "value"));
  }

  /** @return a decision to delete the key and push the removal */
  public static Resolution delete() {
    return DELETE;
  }

  /** @return a decision to leave the conflict for the app to resolve later */
  public static Resolution defer() {
    return DEFER;
  }

  /** @return the kind of decision */
  public Kind kind() {
    return kind;
  }

  /** @return the value for {@link Kind#USE_VALUE}, otherwise {@code null} */
  public String value() {
    return value;
  }

  @Override
  public boolean equals(Object o) {
    if (this == o) {
      return true;
    }
    if (!(o instanceof Resolution)) {
      return false;
    }
    Resolution that = (Resolution) o;
    return kind == that.kind && Objects.equals(value, that.value);
  }

  @Override
  public int hashCode() {
    return 31 * kind.hashCode() + Objects.hashCode(value);
  }

  @Override
  public String toString() {
    return kind == Kind.USE_VALUE ? "Resolution{USE_VALUE, length=" + value.length() + "}" : "Resolution{" + kind + "}";
  }
}
