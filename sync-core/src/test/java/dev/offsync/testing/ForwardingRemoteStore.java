package dev.offsync.testing;

import dev.offsync.DatasetMetadata;
import dev.offsync.Platform;
import dev.offsync.spi.DatasetPage;
import dev.offsync.spi.RecordPage;
import dev.offsync.spi.RecordPatch;
import dev.offsync.spi.RemoteRecord;
import dev.offsync.spi.RemoteStore;
import io.reactivex.rxjava3.core.Completable;
import io.reactivex.rxjava3.core.Single;
import java.util.List;
import java.util.Objects;

/**
 * A {@link RemoteStore} that forwards every call, push sync's included, to another one: the base of a test's
 * decorator (a store that loses acknowledgements, records calls, injects a race), which overrides only what it
 * changes. Forwarding the push methods here ends the trap of a hand-written decorator that forgets them and silently
 * turns push sync into {@code PushSyncNotSupportedException}.
 */
public class ForwardingRemoteStore implements RemoteStore {
  private final RemoteStore delegate;

  /**
   * Creates the decorator.
   *
   * @param delegate where the calls go, not null
   */
  public ForwardingRemoteStore(RemoteStore delegate) {
    this.delegate = Objects.requireNonNull(delegate, "delegate == null");
  }

  /** @return where the calls go */
  protected final RemoteStore delegate() {
    return delegate;
  }

  @Override
  public Single<RecordPage> listRecords(String identityId, String datasetName, long lastSyncCount,
      String nextToken, int maxResults, String syncSessionToken) {
    return delegate.listRecords(identityId, datasetName, lastSyncCount, nextToken, maxResults, syncSessionToken);
  }

  @Override
  public Single<List<RemoteRecord>> updateRecords(String identityId, String datasetName, List<RecordPatch> patches,
      String syncSessionToken, String deviceId) {
    return delegate.updateRecords(identityId, datasetName, patches, syncSessionToken, deviceId);
  }

  @Override
  public Single<DatasetMetadata> describeDataset(String identityId, String datasetName) {
    return delegate.describeDataset(identityId, datasetName);
  }

  @Override
  public Single<DatasetMetadata> deleteDataset(String identityId, String datasetName) {
    return delegate.deleteDataset(identityId, datasetName);
  }

  @Override
  public Single<DatasetPage> listDatasets(String identityId, String nextToken, int maxResults) {
    return delegate.listDatasets(identityId, nextToken, maxResults);
  }

  @Override
  public Single<String> registerDevice(String identityId, Platform platform, String token) {
    return delegate.registerDevice(identityId, platform, token);
  }

  @Override
  public Completable subscribe(String identityId, String datasetName, String deviceId) {
    return delegate.subscribe(identityId, datasetName, deviceId);
  }

  @Override
  public Completable unsubscribe(String identityId, String datasetName, String deviceId) {
    return delegate.unsubscribe(identityId, datasetName, deviceId);
  }
}
