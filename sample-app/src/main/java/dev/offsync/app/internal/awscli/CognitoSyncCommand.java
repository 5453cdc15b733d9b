package dev.offsync.app.internal.awscli;

import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * {@code offsync cognito-sync}: the 17 Cognito Sync operations with the AWS CLI's syntax; the operations are added
 * from the service model by {@link OperationCommands}.
 */
@Command(
    name = "cognito-sync",
    mixinStandardHelpOptions = true,
    description = {
        "The Amazon Cognito Sync API with the syntax of 'aws cognito-sync': one command per operation, options named "
            + "after the request members, --cli-input-json, --generate-cli-skeleton, --endpoint-url, --region.",
        "Output as the AWS CLI prints it: --output json (the default), text or table (or $AWS_DEFAULT_OUTPUT), "
            + "after an optional JMESPath --query, e.g. --query \"Records[?Key=='theme'].Value\" --output text.",
        "Credentials: AWS_ACCESS_KEY_ID / AWS_SECRET_ACCESS_KEY (/ AWS_SESSION_TOKEN) from the environment; "
            + "without them, requests that name --identity-pool-id and --identity-id use Cognito Identity "
            + "credentials from the same endpoint."
    })
public final class CognitoSyncCommand implements Callable<Integer> {
  @Spec private CommandSpec spec;

  /** Creates the command; picocli fills it. */
  public CognitoSyncCommand() {}

  @Override
  public Integer call() {
    throw new CommandLine.ParameterException(
        spec.commandLine(), "missing operation: choose one of " + String.join(", ", spec.subcommands().keySet()));
  }
}
