package dev.offsync.awscompat.docs;

import dev.offsync.ConflictResolvers;
import dev.offsync.Dataset;
import dev.offsync.Record;
import dev.offsync.SyncClient;
import dev.offsync.SyncReport;
import dev.offsync.awscompat.AwsCacheImportReport;
import dev.offsync.awscompat.AwsCacheImporter;
import dev.offsync.awscompat.CognitoSyncCompat;
import dev.offsync.awscompat.CompatConflict;
import dev.offsync.awscompat.CompatDataset;
import dev.offsync.awscompat.CompatResolution;
import dev.offsync.awscompat.CompatSyncException;
import dev.offsync.awscompat.JdbcAwsCacheSource;
import dev.offsync.spi.LocalStore;
import dev.offsync.spi.RemoteStore;
import dev.offsync.IdentityProviders;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** The code of docs/migrating.md, compiled and run by {@link MigratingGuideTest}. */
final class MigratingExample {
  private MigratingExample() {}

  static SyncClient buildClient(LocalStore store, RemoteStore remote, String identityId) {
    SyncClient client = SyncClient.builder()
        .localStore(store)
        .remoteStore(remote)
        .identityProvider(IdentityProviders.fixed(identityId))
        // AWS semantics: every conflict goes to SyncCallback.onConflict
        .conflictResolver(ConflictResolvers.deferAll())
        .build();
    return client;
  }

  static void saveTheme(CognitoSyncCompat syncManager, List<String> log) {
    CompatDataset dataset = syncManager.openOrCreateDataset("settings");
    dataset.put("theme", "dark");
    dataset.synchronize(new CompatDataset.SyncCallback() {
      @Override
      public void onSuccess(CompatDataset dataset, List<Record> updatedRecords) {
        log.add("synced, " + updatedRecords.size() + " records pulled");
      }

      @Override
      public boolean onConflict(CompatDataset dataset, List<CompatConflict> conflicts) {
        List<CompatResolution> resolved = new ArrayList<>();
        for (CompatConflict conflict : conflicts) {
          resolved.add(conflict.resolveWithLocalRecord());
        }
        dataset.resolve(resolved);
        return true;
      }

      @Override
      public boolean onDatasetDeleted(CompatDataset dataset, String datasetName) {
        return true;
      }

      @Override
      public boolean onDatasetsMerged(CompatDataset dataset, List<String> datasetNames) {
        return true;
      }

      @Override
      public void onFailure(CompatSyncException exception) {
        log.add("failed: " + exception.reason());
      }
    });
  }

  static SyncReport saveThemeWithTheEngine(SyncClient client) {
    Dataset settings = client.dataset("settings");
    settings.put("theme", "dark");
    SyncReport report = settings.sync().blockingGet();
    return report;
  }

  static AwsCacheImportReport importOnUpdate(Path awsCache, LocalStore store, String identityId) {
    if (!Files.isRegularFile(awsCache)) {
      return null;
    }
    try (JdbcAwsCacheSource source = JdbcAwsCacheSource.open(awsCache)) {
      return AwsCacheImporter.builder()
          .currentIdentityId(identityId)
          .build()
          .importInto(source, store);
    }
  }
}
