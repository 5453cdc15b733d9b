package dev.offsync.app.internal.awscli;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * A shape of the service model: a structure, list, map or scalar, with its constraints.
 *
 * <p>Immutable; built by {@link ServiceModel}.
 */
public final class Shape {
  private final String name;
  private final String type;
  private final Map<String, MemberRef> members;
  private final Set<String> required;
  private final String listMember;
  private final String mapKey;
  private final String mapValue;
  private final List<String> enumValues;
  private final Long min;
  private final Long max;
  private final Pattern pattern;

  Shape(
      String name,
      String type,
      Map<String, MemberRef> members,
      Set<String> required,
      String listMember,
      String mapKey,
      String mapValue,
      List<String> enumValues,
      Long min,
      Long max,
      String pattern) {
    this.name = Objects.requireNonNull(name, "name == null");
    this.type = Objects.requireNonNull(type, "type == null");
    this.members = Collections.unmodifiableMap(new LinkedHashMap<>(members));
    this.required = Set.copyOf(required);
    this.listMember = listMember;
    this.mapKey = mapKey;
    this.mapValue = mapValue;
    this.enumValues = List.copyOf(enumValues);
    this.min = min;
    this.max = max;
    this.pattern = pattern == null ? null : Pattern.compile(pattern);
  }

  /** Returns the shape name, e.g. {@code RecordPatch}. */
  public String name() {
    return name;
  }

  /** Returns the model type: structure, list, map, string, long, integer, boolean, timestamp, ... */
  public String type() {
    return type;
  }

  /** Returns the members of a structure in model order; empty for other types. */
  public Map<String, MemberRef> members() {
    return members;
  }

  /** Returns the names of a structure's required members. */
  public Set<String> required() {
    return required;
  }

  /** Returns the element shape name of a list, or {@code null}. */
  public String listMember() {
    return listMember;
  }

  /** Returns the key shape name of a map, or {@code null}. */
  public String mapKey() {
    return mapKey;
  }

  /** Returns the value shape name of a map, or {@code null}. */
  public String mapValue() {
    return mapValue;
  }

  /** Returns the allowed values of an enum string; empty when unrestricted. */
  public List<String> enumValues() {
    return enumValues;
  }

  /** Returns the minimum length, size or value, or {@code null}. */
  public Long min() {
    return min;
  }

  /** Returns the maximum length, size or value, or {@code null}. */
  public Long max() {
    return max;
  }

  /** Returns the pattern a string must match, or {@code null}. */
  public Pattern pattern() {
    return pattern;
  }

  /** Whether values of this shape are scalars (neither structure, list nor map). */
  public boolean isScalar() {
    return !isStructure() && !isList() && !isMap();
  }

  /** Whether this is a structure. */
  public boolean isStructure() {
    return "structure".equals(type);
  }

  /** Whether this is a list. */
  public boolean isList() {
    return "list".equals(type);
  }

  /** Whether this is a map. */
  public boolean isMap() {
    return "map".equals(type);
  }

  @Override
  public String toString() {
    return "Shape{" + name + ": " + type + "}";
  }
}
