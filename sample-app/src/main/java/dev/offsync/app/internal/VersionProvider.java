package dev.offsync.app.internal;

import picocli.CommandLine;

/** Prints the version the jar was built as. */
public final class VersionProvider implements CommandLine.IVersionProvider {
  /** Creates the provider; picocli instantiates it. */
  public VersionProvider() {}

  @Override
  public String[] getVersion() {
    String version = VersionProvider.class.getPackage().getImplementationVersion();
    return new String[] {"offsync " + (version == null ? "0.1.0-SNAPSHOT" : version)};
  }
}
