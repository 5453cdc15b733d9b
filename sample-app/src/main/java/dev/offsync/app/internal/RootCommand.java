package dev.offsync.app.internal;

import dev.offsync.app.internal.awscli.CognitoSyncCommand;
import dev.offsync.app.internal.demo.DemoCommand;
import dev.offsync.app.internal.device.DeviceCommand;
import dev.offsync.app.internal.migrate.MigrateCommand;
import dev.offsync.server.ServerCommand;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** The {@code offsync} command: dispatches to its subcommands. */
@Command(
    name = "offsync",
    mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class,
    description = {
        "Offline-first sync, wire-compatible with Amazon Cognito Sync.",
        "",
        "Start with 'offsync demo': two devices, one local server, conflicts merged, all converged."
    },
    subcommands = {
        DemoCommand.class,
        DeviceCommand.class,
        CognitoSyncCommand.class,
        ServerCommand.class,
        MigrateCommand.class
    })
public final class RootCommand implements Callable<Integer> {
  @Spec private CommandSpec spec;

  /** Creates the command; picocli fills it. */
  public RootCommand() {}

  @Override
  public Integer call() {
    throw new CommandLine.ParameterException(
        spec.commandLine(), "missing command: choose one of demo, device, cognito-sync, server, migrate");
  }
}
