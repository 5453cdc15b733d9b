package dev.offsync.app.internal.device;

import dev.offsync.DatasetMetadata;
import dev.offsync.NetworkException;
import dev.offsync.spi.DatasetPage;
import dev.offsync.spi.RecordPage;
import dev.offsync.spi.RecordPatch;
import dev.offsync.spi.RemoteRecord;
import dev.offsync.spi.RemoteStore;
import io.reactivex.rxjava3.core.Single;
import java.util.List;
import java.util.Objects;

/**
 * The remote store of a device that has no server configured yet: local reads and writes work, every remote call
 * fails like an unreachable network, saying what is missing.
 */
final class NoServerRemoteStore implements RemoteStore {
  private final String missing;

  NoServerRemoteStore(String missing) {
    this.missing = Objects.requireNonNull(missing, "missing == null");
  }

  private <T> Single<T> fail() {
    return Single.error(new NetworkException("no server configured: " + missing));
  }

  @Override
  public Single<RecordPage> listRecords(String identityId, String datasetName, long lastSyncCount, String nextToken,
      int maxResults, String syncSessionToken) {
    return fail();
  }

  @Override
  public Single<List<RemoteRecord>> updateRecords(String identityId, String datasetName, List<RecordPatch> patches,
      String syncSessionToken, String deviceId) {
    return fail();
  }

  @Override
  public Single<DatasetMetadata> describeDataset(String identityId, String datasetName) {
    return fail();
  }

  @Override
  public Single<DatasetMetadata> deleteDataset(String identityId, String datasetName) {
    return fail();
  }

  @Override
  public Single<DatasetPage> listDatasets(String identityId, String nextToken, int maxResults) {
    return fail();
  }
}
