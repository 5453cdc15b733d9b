package dev.offsync.app.internal.demo;

import dev.offsync.ConflictException;
import dev.offsync.DatasetMetadata;
import dev.offsync.Platform;
import dev.offsync.spi.DatasetPage;
import dev.offsync.spi.RecordPage;
import dev.offsync.spi.RecordPatch;
import dev.offsync.spi.RemoteRecord;
import dev.offsync.spi.RemoteStore;
import io.reactivex.rxjava3.core.Completable;
import io.reactivex.rxjava3.core.Single;
import io.reactivex.rxjava3.schedulers.Schedulers;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A remote store that stages a race for the demo: when armed, the next push first lets another device's write
 * land on the server (on an I/O thread), so this push arrives with a stale sync count and meets the server's 409.
 * It also remembers the last conflict the server answered, for the transcript.
 */
final class StagedRace implements RemoteStore {
  private final RemoteStore delegate;
  private final AtomicReference<Runnable> armed = new AtomicReference<>();
  private final AtomicReference<ConflictException> lastConflict = new AtomicReference<>();

  StagedRace(RemoteStore delegate) {
    this.delegate = Objects.requireNonNull(delegate, "delegate == null");
  }

  /** Runs {@code otherWriter} right before the next push reaches the server. */
  void beforeNextPush(Runnable otherWriter) {
    armed.set(Objects.requireNonNull(otherWriter, "otherWriter == null"));
  }

  /** Returns and forgets the last 409 the server answered, or {@code null}. */
  ConflictException takeLastConflict() {
    return lastConflict.getAndSet(null);
  }

  @Override
  public Single<List<RemoteRecord>> updateRecords(String identityId, String datasetName, List<RecordPatch> patches,
      String syncSessionToken, String deviceId) {
    return Single.defer(() -> {
      Runnable race = armed.getAndSet(null);
      Completable before = race == null ? Completable.complete()
          : Completable.fromRunnable(race).subscribeOn(Schedulers.io());
      return before.andThen(delegate.updateRecords(identityId, datasetName, patches, syncSessionToken, deviceId))
          .doOnError(e -> {
            if (e instanceof ConflictException) {
              lastConflict.set((ConflictException) e);
            }
          });
    });
  }

  @Override
  public Single<RecordPage> listRecords(String identityId, String datasetName, long lastSyncCount, String nextToken,
      int maxResults, String syncSessionToken) {
    return delegate.listRecords(identityId, datasetName, lastSyncCount, nextToken, maxResults, syncSessionToken);
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
