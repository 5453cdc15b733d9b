package dev.offsync.app.internal;

import java.util.Map;
import java.util.Objects;

/**
 * What the commands take from their surroundings, injected so that tests control it: the environment variables
 * (credentials, region).
 *
 * @param environment the environment variables, e.g. {@code System.getenv()}
 */
public record CliContext(Map<String, String> environment) {
  /** Copies the environment and rejects nulls. */
  public CliContext {
    Objects.requireNonNull(environment, "environment == null");
    environment = Map.copyOf(environment);
  }

  /**
   * Returns an environment variable.
   *
   * @param name the variable name
   * @return its value, or {@code null} when unset or empty
   */
  public String env(String name) {
    Objects.requireNonNull(name, "name == null");
    String value = environment.get(name);
    return value == null || value.isEmpty() ? null : value;
  }
}
