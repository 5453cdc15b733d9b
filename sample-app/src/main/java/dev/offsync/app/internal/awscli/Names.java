package dev.offsync.app.internal.awscli;

import java.util.Objects;

/** Converts the model's PascalCase names to the AWS CLI's kebab-case and to Java's lowerCamelCase. */
public final class Names {
  private Names() {}

  /**
   * Converts {@code IdentityPoolId} to {@code identity-pool-id}; runs of capitals stay together
   * ({@code SNSTopic} becomes {@code sns-topic}).
   *
   * @param pascal a PascalCase name
   * @return the kebab-case name
   */
  public static String kebab(String pascal) {
    Objects.requireNonNull(pascal, "pascal == null");
    StringBuilder out = new StringBuilder(pascal.length() + 8);
    for (int i = 0; i < pascal.length(); i++) {
      char c = pascal.charAt(i);
      if (Character.isUpperCase(c)) {
        boolean afterLower = i > 0 && !Character.isUpperCase(pascal.charAt(i - 1));
        boolean endsRun = i > 0
            && Character.isUpperCase(pascal.charAt(i - 1))
            && i + 1 < pascal.length()
            && Character.isLowerCase(pascal.charAt(i + 1));
        if (out.length() > 0 && (afterLower || endsRun)) {
          out.append('-');
        }
        out.append(Character.toLowerCase(c));
      } else {
        out.append(c);
      }
    }
    return out.toString();
  }

  /**
   * Converts {@code IdentityPoolId} to {@code identityPoolId}, the name of the accessor and builder method in
   * sync-http's model types.
   *
   * @param pascal a PascalCase name
   * @return the lowerCamelCase name
   */
  public static String lowerCamel(String pascal) {
    Objects.requireNonNull(pascal, "pascal == null");
    if (pascal.isEmpty()) {
      return pascal;
    }
    return Character.toLowerCase(pascal.charAt(0)) + pascal.substring(1);
  }
}
