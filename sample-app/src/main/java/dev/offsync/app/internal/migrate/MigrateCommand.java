package dev.offsync.app.internal.migrate;

import dev.offsync.app.internal.CliContext;
import dev.offsync.app.internal.CliFailure;
import dev.offsync.app.internal.ExitCodes;
import dev.offsync.http.CognitoSyncClient;
import dev.offsync.http.EnvironmentCredentialsProvider;
import dev.offsync.http.StaticCredentialsProvider;
import dev.offsync.http.migration.IdentitySource;
import dev.offsync.http.migration.ImportClient;
import dev.offsync.http.migration.MigrationReport;
import dev.offsync.http.migration.PoolMigration;
import dev.offsync.http.migration.VerificationReport;
import dev.offsync.http.spi.CredentialsProvider;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code offsync migrate}: a pool's data from a Cognito-Sync-compatible source into an offsync server. */
@Command(name = "migrate", mixinStandardHelpOptions = true,
    description = {
        "Copies an identity pool's datasets from a Cognito-Sync-compatible endpoint (AWS with developer credentials,"
            + " or another offsync server) into an offsync server, keeping every sync count, date, writer and"
            + " tombstone, so that devices continue against the target with incremental syncs.",
        "Source credentials: AWS_ACCESS_KEY_ID / AWS_SECRET_ACCESS_KEY (/ AWS_SESSION_TOKEN). Target credentials"
            + " (developer key of the offsync server): OFFSYNC_TARGET_ACCESS_KEY_ID /"
            + " OFFSYNC_TARGET_SECRET_ACCESS_KEY, else the source's.",
        "Resumable: run it again with the same --checkpoint after a crash or a kill. Ends with a verification pass;"
            + " exits 1 if any dataset differs (every difference is printed).",
        "See docs/migrating-server.md."
    })
public final class MigrateCommand implements Callable<Integer> {
  /** The target credentials' access key variable. */
  public static final String TARGET_KEY = "OFFSYNC_TARGET_ACCESS_KEY_ID";
  /** The target credentials' secret variable. */
  public static final String TARGET_SECRET = "OFFSYNC_TARGET_SECRET_ACCESS_KEY";

  private final CliContext context;
  @Spec private CommandSpec spec;

  @Option(names = "--source-endpoint", paramLabel = "URL",
      description = "The source's Cognito Sync endpoint (default: AWS's in --source-region).")
  private String sourceEndpoint;

  @Option(names = "--source-region", paramLabel = "REGION", defaultValue = "us-east-1",
      description = "The source's region, for signing (default: ${DEFAULT-VALUE}).")
  private String sourceRegion;

  @Option(names = "--pool", required = true, paramLabel = "POOL_ID", description = "The source identity pool.")
  private String pool;

  @Option(names = "--target-pool", paramLabel = "POOL_ID",
      description = "The target identity pool (default: the same id; it must be configured on the target).")
  private String targetPool;

  @Option(names = "--target-endpoint", required = true, paramLabel = "URL",
      description = "The target offsync server, e.g. http://127.0.0.1:8080/.")
  private String targetEndpoint;

  @Option(names = "--target-region", paramLabel = "REGION", defaultValue = "us-east-1",
      description = "The target's signing region (default: ${DEFAULT-VALUE}).")
  private String targetRegion;

  @ArgGroup(exclusive = true)
  private Identities identities = new Identities();

  /** Where the identity ids come from. */
  static final class Identities {
    @Option(names = "--identities-file", paramLabel = "FILE",
        description = "A file of identity ids, one a line (instead of Cognito Identity's ListIdentities).")
    Path file;

    @Option(names = "--identity-endpoint", paramLabel = "URL",
        description = "The source's Cognito Identity endpoint for ListIdentities (default: AWS's in --source-region).")
    String endpoint;
  }

  @Option(names = "--checkpoint", required = true, paramLabel = "DIR",
      description = "The checkpoint directory (created; reuse it to resume).")
  private Path checkpoint;

  @Option(names = "--page-size", paramLabel = "N", defaultValue = "1024",
      description = "ListRecords page size, the most records held at once (default: ${DEFAULT-VALUE}).")
  private int pageSize;

  @Option(names = "--progress-interval", paramLabel = "MILLIS", defaultValue = "1000",
      description = "Least time between two progress lines (default: ${DEFAULT-VALUE}).")
  private long progressMillis;

  @Option(names = "--verify-only", description = "Only run the verification pass.")
  private boolean verifyOnly;

  /**
   * Creates the command with its surroundings.
   *
   * @param context the environment
   */
  public MigrateCommand(CliContext context) {
    this.context = Objects.requireNonNull(context, "context == null");
  }

  private CredentialsProvider sourceCredentials() {
    if (context.env(EnvironmentCredentialsProvider.ACCESS_KEY_ID) == null
        || context.env(EnvironmentCredentialsProvider.SECRET_ACCESS_KEY) == null) {
      throw new CliFailure("migrate needs the source's developer credentials in AWS_ACCESS_KEY_ID and"
          + " AWS_SECRET_ACCESS_KEY");
    }
    return EnvironmentCredentialsProvider.fromMap(context.environment());
  }

  private CredentialsProvider targetCredentials(CredentialsProvider source) {
    String key = context.env(TARGET_KEY);
    String secret = context.env(TARGET_SECRET);
    if (key == null && secret == null) {
      return source;
    }
    if (key == null || secret == null) {
      throw new CliFailure("set both " + TARGET_KEY + " and " + TARGET_SECRET + ", or neither");
    }
    return StaticCredentialsProvider.create(key, secret);
  }

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    CredentialsProvider src = sourceCredentials();
    CredentialsProvider tgt = targetCredentials(src);
    CognitoSyncClient.Builder sb = CognitoSyncClient.builder().region(sourceRegion).credentialsProvider(src);
    if (sourceEndpoint != null) {
      sb.endpoint(sourceEndpoint);
    }
    IdentitySource ids = identities.file != null ? IdentitySource.fromFile(identities.file)
        : IdentitySource.listIdentities(identities.endpoint != null ? identities.endpoint
            : "https://cognito-identity." + sourceRegion + ".amazonaws.com/", sourceRegion, src, pool);
    try (CognitoSyncClient source = sb.build();
        CognitoSyncClient target = CognitoSyncClient.builder().endpoint(targetEndpoint).region(targetRegion)
            .credentialsProvider(tgt).build();
        ImportClient importer = ImportClient.builder().endpoint(targetEndpoint).region(targetRegion)
            .credentialsProvider(tgt).build()) {
      PoolMigration.Builder b = PoolMigration.builder().source(source).target(target).importer(importer)
          .sourcePoolId(pool).identities(ids).checkpointDirectory(checkpoint).pageSize(pageSize)
          .progressInterval(Duration.ofMillis(progressMillis))
          .progress(p -> out.println("progress " + p.line()))
          .differences(d -> out.println("DIFFERENCE " + d));
      if (targetPool != null) {
        b.targetPoolId(targetPool);
      }
      PoolMigration migration = b.build();
      VerificationReport v;
      if (verifyOnly) {
        v = migration.verify();
      } else {
        MigrationReport r = migration.run();
        out.println("copied: " + r.identities() + " identities (" + r.identitiesSkipped()
            + " already copied by an earlier run), " + r.datasets() + " datasets, " + r.recordsImported()
            + " records imported, " + r.recordsUnchanged() + " already there, " + r.incrementalRecords()
            + " caught by the incremental pass");
        v = r.verification();
      }
      out.println("verified: " + v.datasets() + " datasets, " + v.records() + " records, "
          + v.differences().size() + " differences");
      out.flush();
      return v.ok() ? ExitCodes.OK : ExitCodes.FAILURE;
    }
  }
}
