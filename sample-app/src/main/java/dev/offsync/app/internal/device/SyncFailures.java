package dev.offsync.app.internal.device;

import dev.offsync.NetworkException;
import dev.offsync.ServiceException;
import dev.offsync.SyncException;
import dev.offsync.app.internal.CliFailure;
import dev.offsync.http.CredentialsException;
import dev.offsync.http.InvalidSignatureException;
import dev.offsync.http.ResourceNotFoundException;

/**
 * The one line a failed {@code offsync device} sync prints: what failed, that the edits are kept, and what to do.
 * "Run sync again later" only when repeating it may succeed unchanged ({@link SyncException#isRetryable()}: the
 * network, throttling, a server error); otherwise the fix: the secret, the identity id, the pool's Sync Trigger.
 */
final class SyncFailures {
  private SyncFailures() {}

  /**
   * Describes a failed sync.
   *
   * @param e the failure
   * @param pending the number of local edits kept
   * @param endpoint the endpoint shown
   * @param settings the device's settings
   * @param developerCredentials whether the requests were signed with the environment's developer key
   * @return the failure to report
   */
  static CliFailure describe(Throwable e, int pending, String endpoint, DeviceSettings settings,
      boolean developerCredentials) {
    String kept = pending + " local edit" + (pending == 1 ? "" : "s") + " kept";
    String message = DeviceCommand.rootMessage(e);
    if (find(e, InvalidSignatureException.class) != null) {
      return new CliFailure("the server refused the request signature: " + message + " (" + kept + "; "
          + (developerCredentials
              ? "check AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY: they must be the server's --developer-key"
              : "check the system clock and the --region") + ")", e);
    }
    if (settings.identityId() != null && find(e, ResourceNotFoundException.class) != null
        && message.contains(settings.identityId())) {
      return new CliFailure("identity " + settings.identityId() + " is unknown to the server's pool "
          + settings.identityPoolId() + " (" + kept + "; pass the right --identity-id and the edits move to it)", e);
    }
    ServiceException service = find(e, ServiceException.class);
    if (service != null && "InvalidLambdaFunctionOutputException".equals(service.errorType())) {
      return new CliFailure("the pool's Sync Trigger refused the push: " + message + " (" + kept + "; map its ARN"
          + " to a webhook with 'offsync server --lambda ARN=URL', or remove it with 'offsync cognito-sync"
          + " set-cognito-events --identity-pool-id " + settings.identityPoolId()
          + " --events {\"SyncTrigger\":\"\"}')", e);
    }
    boolean retryable = e instanceof SyncException ? ((SyncException) e).isRetryable()
        : e instanceof CredentialsException && find(e, NetworkException.class) != null;
    String hint = retryable ? "; run sync again later" : "; retrying will not help until the cause is fixed";
    if (e instanceof NetworkException) {
      return new CliFailure("cannot reach " + endpoint + ": " + message + " (" + kept + hint + ")", e);
    }
    if (e instanceof SyncException) {
      return new CliFailure("sync failed: " + e.getClass().getSimpleName() + ": " + message + " (" + kept + hint
          + ")", e);
    }
    if (e instanceof CredentialsException) {
      return new CliFailure("cannot get credentials: " + message + " (" + kept + hint + ")", e);
    }
    if (e instanceof RuntimeException) {
      throw (RuntimeException) e;
    }
    return new CliFailure("sync failed: " + e, e);
  }

  private static <T extends Throwable> T find(Throwable e, Class<T> type) {
    for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
      if (type.isInstance(t)) {
        return type.cast(t);
      }
    }
    return null;
  }
}
