package dev.offsync.app.internal;

/** The exit codes of every {@code offsync} command. */
public final class ExitCodes {
  /** Success. */
  public static final int OK = 0;
  /** A failure at run time: the network, the service, the local file. */
  public static final int FAILURE = 1;
  /** A usage error: unknown option, missing or malformed argument. */
  public static final int USAGE = 2;

  private ExitCodes() {}
}
