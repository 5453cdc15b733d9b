package dev.offsync.awscompat;

import dev.offsync.DatasetMetadata;
import dev.offsync.SyncClient;
import java.util.List;
import java.util.Objects;

/**
 * AWS's {@code CognitoSyncManager} on top of an offsync {@link SyncClient}. The client is built by the app (local
 * store, remote store, identity provider, ...); to get AWS's conflict behaviour build it with
 * {@link dev.offsync.ConflictResolvers#deferAll()} so that conflicts reach
 * {@link CompatDataset.SyncCallback#onConflict}. This facade owns nothing: closing the client is the app's.
 */
public final class CognitoSyncCompat {
  private final SyncClient client;

  private CognitoSyncCompat(SyncClient client) {
    this.client = client;
  }

  /**
   * Wraps a client.
   *
   * @param client the engine client
   * @return the facade
   */
  public static CognitoSyncCompat wrap(SyncClient client) {
    return new CognitoSyncCompat(Objects.requireNonNull(client, "client == null"));
  }

  /** @return the engine client behind the facade */
  public SyncClient unwrap() {
    return client;
  }

  /**
   * Opens a dataset handle; the dataset exists locally from its first write. Every handle of a name shares one
   * state and one sync at a time (AWS created independent instances that could sync concurrently).
   *
   * @param datasetName the name (1..128 of {@code [A-Za-z0-9_.:-]})
   * @return the handle
   * @throws dev.offsync.ValidationException if the name is invalid
   */
  public CompatDataset openOrCreateDataset(String datasetName) {
    return new CompatDataset(client.dataset(datasetName));
  }

  /** @return the datasets stored locally for the current identity */
  public List<DatasetMetadata> listDatasets() {
    return client.listDatasets();
  }

  /**
   * Fetches every dataset's metadata from the server (all pages) and stores it locally. Blocks on the network
   * like AWS's call: never call it on the main thread.
   *
   * @return the refreshed metadata
   * @throws CompatSyncException ({@link CompatSyncException.Reason#SYNC_FAILED}) if the request fails
   */
  public List<DatasetMetadata> refreshDatasetMetadata() {
    try {
      return client.refreshDatasetMetadata().blockingGet();
    } catch (RuntimeException e) {
      throw new CompatSyncException(CompatSyncException.Reason.SYNC_FAILED, "refreshDatasetMetadata failed: " + e,
          e);
    }
  }

  /** Deletes every local dataset and record of every identity (AWS also cleared the credentials provider). */
  public void wipeData() {
    client.wipeData();
  }
}
