package dev.offsync.server.internal.service;

import dev.offsync.server.internal.auth.Principal;
import dev.offsync.server.internal.http.ApiException;

/** Authorizes and runs one operation call. */
public final class SyncService {
  private final DatasetOperations datasets;
  private final PoolOperations pools;
  private final PushOperations push;
  private final BulkPublisher bulk;
  private final ImportOperations imports;

  /**
   * Creates the service.
   *
   * @param settings the server's settings
   */
  public SyncService(Settings settings) {
    SyncSessionTokens sessionTokens =
        new SyncSessionTokens(settings.key(), settings.clock(), settings.syncSessionTokenTtl());
    PageTokens pageTokens = new PageTokens(settings.key());
    this.datasets = new DatasetOperations(settings, sessionTokens, pageTokens);
    this.pools = new PoolOperations(settings, pageTokens);
    this.push = new PushOperations(settings);
    this.bulk = new BulkPublisher(settings);
    this.imports = new ImportOperations(settings);
  }

  /** Start-up housekeeping: fails bulk publishes a previous stop interrupted. */
  public void recover() {
    bulk.recoverInterrupted();
  }

  /**
   * Checks that the caller may run the operation on the addressed resources.
   *
   * @param call the call
   * @throws ApiException 403 NotAuthorizedException otherwise
   */
  public static void authorize(ApiCall call) {
    Principal p = call.principal();
    Operation op = call.operation();
    if (p.developer()) {
      if (op.access() == Operation.Access.IDENTITY) {
        throw ApiException.notAuthorized(
            op.name() + " can only be called with Cognito Identity credentials, not developer credentials");
      }
      return;
    }
    if (op.access() == Operation.Access.DEVELOPER) {
      throw ApiException.notAuthorized(op.name() + " requires developer credentials");
    }
    if (!p.poolId().equals(call.path("IdentityPoolId")) || !p.identityId().equals(call.path("IdentityId"))) {
      throw ApiException.notAuthorized(
          "Access to identity '" + call.path("IdentityId") + "' is not allowed with the credentials of identity '"
              + p.identityId() + "'");
    }
  }

  /**
   * Runs an authorized call.
   *
   * @param call the call
   * @return the JSON response body
   */
  public byte[] execute(ApiCall call) {
    authorize(call);
    return switch (call.operation()) {
      case ListRecords -> datasets.listRecords(call);
      case UpdateRecords -> datasets.updateRecords(call);
      case DescribeDataset -> datasets.describeDataset(call);
      case DeleteDataset -> datasets.deleteDataset(call);
      case ListDatasets -> datasets.listDatasets(call);
      case DescribeIdentityUsage -> datasets.describeIdentityUsage(call);
      case ListIdentityPoolUsage -> pools.listIdentityPoolUsage(call);
      case DescribeIdentityPoolUsage -> pools.describeIdentityPoolUsage(call);
      case GetIdentityPoolConfiguration -> pools.getIdentityPoolConfiguration(call);
      case SetIdentityPoolConfiguration -> pools.setIdentityPoolConfiguration(call);
      case GetCognitoEvents -> pools.getCognitoEvents(call);
      case SetCognitoEvents -> pools.setCognitoEvents(call);
      case BulkPublish -> bulk.bulkPublish(call);
      case GetBulkPublishDetails -> bulk.details(call);
      case RegisterDevice -> push.registerDevice(call);
      case SubscribeToDataset -> push.subscribe(call, true);
      case UnsubscribeFromDataset -> push.subscribe(call, false);
      case ImportRecords -> imports.importRecords(call);
    };
  }
}
