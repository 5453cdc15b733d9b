package dev.offsync.app.internal.awscli;

import java.util.Objects;

/**
 * One member of a structure shape in the service model: its PascalCase name, the shape it refers to and where
 * it travels on the wire.
 *
 * @param name the member name, e.g. {@code IdentityPoolId}
 * @param shapeName the name of the member's shape
 * @param documentation the member's documentation, HTML stripped, possibly empty
 * @param location {@code uri}, {@code querystring}, {@code header}, or empty for the JSON body
 */
public record MemberRef(String name, String shapeName, String documentation, String location) {
  /** Rejects nulls. */
  public MemberRef {
    Objects.requireNonNull(name, "name == null");
    Objects.requireNonNull(shapeName, "shapeName == null");
    Objects.requireNonNull(documentation, "documentation == null");
    Objects.requireNonNull(location, "location == null");
  }
}
