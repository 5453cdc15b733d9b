package dev.offsync.app.internal.device;

import dev.offsync.ConflictResolver;
import dev.offsync.ConflictResolvers;
import dev.offsync.Dataset;
import dev.offsync.SyncException;
import dev.offsync.ValidationException;
import dev.offsync.app.internal.CliContext;
import dev.offsync.app.internal.CliFailure;
import dev.offsync.app.internal.Credentials;
import dev.offsync.http.CredentialsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;
import java.util.concurrent.Callable;
import java.util.function.Function;
import java.util.regex.Pattern;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;
import picocli.CommandLine.Spec;

/**
 * {@code offsync device}: an offline-first device on a SQLite file. Edits work without a network and are synced
 * later; the connection settings and the device's identity are remembered beside the file.
 */
@Command(
    name = "device",
    mixinStandardHelpOptions = true,
    sortOptions = false,
    description = {
        "An offline-first device on a SQLite file, synced with a Cognito-Sync-compatible endpoint (AWS or "
            + "'offsync server').",
        "put/get/rm/ls work offline; sync pulls, merges and pushes. --endpoint, --region and --identity-pool are "
            + "remembered beside the file (FILE.offsync.json) with the device's identity, so later commands need "
            + "only --db.",
        "Credentials: AWS_ACCESS_KEY_ID / AWS_SECRET_ACCESS_KEY from the environment, else Cognito Identity "
            + "(the endpoint's own for 'offsync server')."
    },
    subcommands = {
        PutCommand.class,
        GetCommand.class,
        RmCommand.class,
        LsCommand.class,
        SyncCommand.class,
        StatusCommand.class,
        ConflictsCommand.class,
        ResolveCommand.class
    })
public final class DeviceCommand implements Callable<Integer> {
  private static final Pattern DATASET_NAME = Pattern.compile("[a-zA-Z0-9_.:-]{1,128}");

  private final CliContext context;

  @Spec private CommandSpec spec;

  @Option(names = "--db", paramLabel = "FILE", scope = ScopeType.INHERIT,
      description = "The device's SQLite file (created if absent).")
  Path db;

  @Option(names = "--endpoint", paramLabel = "URL", scope = ScopeType.INHERIT,
      description = "The Cognito Sync endpoint, e.g. http://127.0.0.1:8080 for 'offsync server'.")
  String endpoint;

  @Option(names = "--region", paramLabel = "REGION", scope = ScopeType.INHERIT,
      description = "The signing region (default: remembered, $AWS_REGION, or the identity pool's prefix).")
  String region;

  @Option(names = "--identity-pool", paramLabel = "ID", scope = ScopeType.INHERIT,
      description = "The identity pool, e.g. us-east-1:0d3b5a52-5d1f-4c1b-9a4e-3c1f0e0c2a11.")
  String identityPool;

  @Option(names = "--identity-id", paramLabel = "ID", scope = ScopeType.INHERIT,
      description = "Use this identity (default: remembered, else a new one from Cognito Identity at the first "
          + "sync).")
  String identityId;

  @Option(names = "--identity-endpoint", paramLabel = "URL", scope = ScopeType.INHERIT,
      description = "The Cognito Identity endpoint (default: --endpoint).")
  String identityEndpoint;

  @Option(names = "--dataset", paramLabel = "NAME", scope = ScopeType.INHERIT, defaultValue = "default",
      description = "The dataset (default: ${DEFAULT-VALUE}).")
  String dataset;

  /**
   * Creates the command.
   *
   * @param context the environment
   */
  public DeviceCommand(CliContext context) {
    this.context = Objects.requireNonNull(context, "context == null");
  }

  @Override
  public Integer call() {
    throw new CommandLine.ParameterException(spec.commandLine(),
        "missing command: choose one of put, get, rm, ls, sync, status, conflicts, resolve");
  }

  /** What a subcommand needs from its device. */
  enum Needs {
    /** Local reads and writes only. */
    LOCAL,
    /** A server and an identity: sync. */
    SERVER
  }

  /**
   * Opens the device, runs {@code work} on it and closes it. Checks the arguments first, so a usage error never
   * touches the file; remembers the connection settings once the work succeeded.
   *
   * @param sub the subcommand's spec, for usage errors
   * @param needs whether the work talks to the server
   * @param resolver the conflict resolver
   * @param work the work
   * @return the work's result
   */
  <T> T run(CommandSpec sub, Needs needs, ConflictResolver resolver, Function<Session, T> work) {
    if (db == null) {
      throw new CommandLine.ParameterException(sub.commandLine(), "Missing required option: '--db=FILE'");
    }
    if (!DATASET_NAME.matcher(dataset).matches()) {
      throw new CommandLine.ParameterException(sub.commandLine(), "invalid dataset name '" + dataset
          + "': use 1 to 128 characters of a-z, A-Z, 0-9, '_', '-', '.' and ':'");
    }
    if (dataset.equals(".") || dataset.equals("..")) {
      // refused before anything is stored or asked of the server: no URL can carry it, so it could never sync
      throw new CommandLine.ParameterException(sub.commandLine(), "invalid dataset name '" + dataset
          + "': '.' and '..' cannot be dataset names (URLs cannot carry them)");
    }
    if (Files.isDirectory(db)) {
      throw new CommandLine.ParameterException(sub.commandLine(), "--db " + db + " is a directory");
    }
    DeviceState state = DeviceState.load(db);
    DeviceSettings settings = settings(state);
    if (needs == Needs.SERVER) {
      if (settings.endpoint() == null) {
        throw new CommandLine.ParameterException(sub.commandLine(),
            "no server known for " + db + ": pass --endpoint URL (and --identity-pool ID)");
      }
      if (settings.identityPoolId() == null) {
        throw new CommandLine.ParameterException(sub.commandLine(),
            "no identity pool known for " + db + ": pass --identity-pool ID");
      }
      if (settings.identityId() == null) {
        settings = settings.withIdentityId(newIdentity(settings));
        // remembered at once: the first sync hands the local data to this identity, even if the sync then fails
        state.connection(settings.endpoint(), settings.identityEndpoint(), settings.region(),
            settings.identityPoolId());
        state.identityId(settings.identityId());
        state.identityConfirmed(true); // Cognito Identity just created it
        state.save();
      }
    }
    String previous = state.identityId();
    String adoptFrom = null;
    if (settings.identityId() != null && !settings.identityId().equals(previous)) {
      // a new --identity-id: opening the device hands the local data to it, so it is remembered at once (status
      // then shows the edits, and the next sync pushes them), unconfirmed until a sync succeeds as it. An
      // unconfirmed id it replaces (a typo, say) hands its data on: nothing stays under an id that never synced.
      if (previous != null && !state.identityConfirmed()) {
        adoptFrom = previous;
      }
      if (needs == Needs.SERVER) {
        state.connection(settings.endpoint(), settings.identityEndpoint(), settings.region(),
            settings.identityPoolId());
      }
      state.identityId(settings.identityId());
      state.identityConfirmed(false);
      state.save();
    }
    T result;
    try (Device device = Device.opener(settings, context).resolver(resolver).adoptFrom(adoptFrom).open()) {
      Dataset ds = device.dataset(dataset);
      result = work.apply(new Session(device, ds, state));
    } catch (ValidationException e) {
      throw new CommandLine.ParameterException(sub.commandLine(), e.getMessage());
    } catch (dev.offsync.LimitExceededException e) {
      throw new CliFailure("refused: " + e.getMessage() + " (nothing was stored)", e);
    } catch (dev.offsync.LocalStoreException e) {
      throw new CliFailure("cannot use " + db + ": " + e.getMessage(), e);
    }
    state.connection(settings.endpoint(), settings.identityEndpoint(), settings.region(), settings.identityPoolId());
    if (needs == Needs.SERVER) {
      state.identityConfirmed(true); // the server accepted it
    }
    state.save();
    return result;
  }

  private DeviceSettings settings(DeviceState state) {
    String ep = endpoint != null ? endpoint : state.endpoint();
    String idEp = identityEndpoint != null ? identityEndpoint : state.identityEndpoint();
    String pool = identityPool != null ? identityPool : state.identityPoolId();
    String id = identityId != null ? identityId : state.identityId();
    String r = region != null ? region : state.region();
    if (r == null) {
      r = context.env("AWS_REGION");
    }
    if (r == null && pool != null && pool.indexOf(':') > 0) {
      r = pool.substring(0, pool.indexOf(':'));
    }
    if (r == null) {
      r = "us-east-1";
    }
    String name = db.getFileName().toString();
    int dot = name.lastIndexOf('.');
    return new DeviceSettings(dot > 0 ? name.substring(0, dot) : name, db, ep, idEp, r, pool, id);
  }

  private String newIdentity(DeviceSettings settings) {
    try {
      return Device.identityProvider(settings).identityId();
    } catch (CredentialsException e) {
      String where = settings.identityEndpoint() != null ? settings.identityEndpoint() : settings.endpoint();
      throw new CliFailure("cannot get an identity from Cognito Identity at " + where + ": "
          + rootMessage(e) + " (local edits are kept)", e);
    }
  }

  /**
   * Describes a failed sync in one line.
   *
   * @param e the failure
   * @param pending the number of local edits kept
   * @return the failure to report
   */
  CliFailure syncFailure(Throwable e, int pending) {
    return SyncFailures.describe(e, pending, endpointShown(), settings(DeviceState.load(db)), developerCredentials());
  }

  private String endpointShown() {
    DeviceState state = DeviceState.load(db);
    return endpoint != null ? endpoint : state.endpoint() != null ? state.endpoint() : "the server";
  }

  static String rootMessage(Throwable e) {
    Throwable t = e;
    String message = e.getMessage();
    while (t.getCause() != null && t.getCause() != t) {
      t = t.getCause();
      if (t.getMessage() != null) {
        message = t.getMessage();
      }
    }
    return message == null ? e.getClass().getSimpleName() : message;
  }

  /** Whether credentials come from the environment. */
  boolean developerCredentials() {
    return Credentials.inEnvironment(context);
  }

  /** Returns the dataset name. */
  String datasetName() {
    return dataset;
  }

  /** The default resolver of device commands: defer every conflict to the user. */
  static ConflictResolver deferring() {
    return ConflictResolvers.deferAll();
  }

  /**
   * An open device, its dataset and its remembered state, handed to a subcommand's work.
   *
   * @param device the device
   * @param dataset the dataset
   * @param state the remembered state (saved after the work)
   */
  record Session(Device device, Dataset dataset, DeviceState state) {}
}
