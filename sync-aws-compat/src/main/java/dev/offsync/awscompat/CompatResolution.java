package dev.offsync.awscompat;

import dev.offsync.Resolution;
import java.util.Objects;

/** A decided conflict: a key and the engine {@link Resolution} to apply (see {@link CompatConflict}). */
public final class CompatResolution {
  private final String key;
  private final Resolution resolution;

  CompatResolution(String key, Resolution resolution) {
    this.key = Objects.requireNonNull(key, "key == null");
    this.resolution = Objects.requireNonNull(resolution, "resolution == null");
  }

  /** @return the key */
  public String key() {
    return key;
  }

  /** @return the engine resolution */
  public Resolution resolution() {
    return resolution;
  }

  @Override
  public String toString() {
    return "CompatResolution{" + key + ", " + resolution + "}";
  }
}
