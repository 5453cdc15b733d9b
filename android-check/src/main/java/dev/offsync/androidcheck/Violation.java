package dev.offsync.androidcheck;

import java.util.Objects;

/**
 * A reference from the shrunk program to a class, method or field that neither the program nor the Android API 26
 * signature has: on a device at API 26 it throws NoClassDefFoundError, NoSuchMethodError or NoSuchFieldError.
 */
final class Violation {
  enum Kind {
    MISSING_CLASS,
    MISSING_METHOD,
    MISSING_FIELD
  }

  final Kind kind;
  final String fromClass;
  final String fromMember;
  /** internal class name, or owner.name(desc) / owner.name#desc */
  final String target;

  Violation(Kind kind, String fromClass, String fromMember, String target) {
    this.kind = Objects.requireNonNull(kind, "kind == null");
    this.fromClass = Objects.requireNonNull(fromClass, "fromClass == null");
    this.fromMember = Objects.requireNonNull(fromMember, "fromMember == null");
    this.target = Objects.requireNonNull(target, "target == null");
  }

  @Override
  public boolean equals(Object o) {
    if (!(o instanceof Violation)) {
      return false;
    }
    Violation v = (Violation) o;
    return kind == v.kind && fromClass.equals(v.fromClass) && target.equals(v.target);
  }

  @Override
  public int hashCode() {
    return Objects.hash(kind, fromClass, target);
  }

  @Override
  public String toString() {
    return kind + " " + target + "  (from " + fromClass + "." + fromMember + ")";
  }
}
