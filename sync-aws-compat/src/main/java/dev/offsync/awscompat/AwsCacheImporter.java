package dev.offsync.awscompat;

import dev.offsync.awscompat.internal.AndroidCacheMapping;
import dev.offsync.awscompat.internal.AndroidCacheSchema;
import dev.offsync.spi.LocalDataset;
import dev.offsync.spi.LocalRecord;
import dev.offsync.spi.LocalStore;
import dev.offsync.spi.RecordWrite;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;

/**
 * Imports AWS Android's on-device cache ({@code cognito_dataset_cache.db}) into an offsync {@link LocalStore},
 * so that an app update switching to offsync keeps every unsynced edit and does not re-download what the device
 * already has. Run it before the first {@link dev.offsync.SyncClient} on the store syncs.
 *
 * <ul>
 *   <li><b>One transaction</b>: every dataset and record is written in one {@link LocalStore#write}, or none.</li>
 *   <li><b>Refuses</b> a database that is not AWS's documented schema (wrong {@code user_version}, missing table or
 *       column, a row breaking the conventions) with {@link dev.offsync.InvalidParameterException}, before
 *       writing anything. The legacy database is only ever read (see {@link AwsCacheSource}).</li>
 *   <li><b>Idempotent</b>: the import writes a marker into the store (dataset {@value #MARKER_DATASET} of the
 *       reserved owner {@value #MARKER_OWNER}, never an identity id); a store holding it is not written again.
 *       {@link dev.offsync.SyncClient#wipeData()} removes the marker with everything else, so import on app update
 *       only, not after a wipe.</li>
 *   <li><b>Never overwrites</b>: a dataset the store already has is left alone and listed in
 *       {@link AwsCacheImportReport#skippedDatasets()}.</li>
 * </ul>
 * The mapping of rows (clean records with their sync counts as bases, dirty edits and deletes, tombstones,
 * watermarks, {@code unknown} identity, merged datasets) is described in docs/migrating.md.
 */
public final class AwsCacheImporter {
  /** The reserved owner of the import marker. */
  public static final String MARKER_OWNER = "offsync-import";
  /** The marker dataset's name. */
  public static final String MARKER_DATASET = "aws-android-cache";

  private final String currentIdentityId;
  private final String localOwnerId;

  private AwsCacheImporter(Builder b) {
    this.currentIdentityId = b.currentIdentityId;
    this.localOwnerId = b.localOwnerId;
  }

  /** @return a builder */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * Reads {@code source} and writes it into {@code store} in one transaction (or does nothing if the store
   * already holds an import).
   *
   * @param source the legacy database, read only
   * @param store the offsync store
   * @return what was imported
   * @throws dev.offsync.InvalidParameterException if the database is not AWS Android's cache
   * @throws dev.offsync.LocalStoreException if either database fails
   */
  public AwsCacheImportReport importInto(AwsCacheSource source, LocalStore store) {
    Objects.requireNonNull(source, "source == null");
    Objects.requireNonNull(store, "store == null");
    AndroidCacheSchema.check(source);
    AndroidCacheMapping.Plan plan = AndroidCacheMapping.plan(source, currentIdentityId, localOwnerId);
    return store.write(tx -> {
      LocalRecord marker = tx.record(MARKER_OWNER, MARKER_DATASET, "fingerprint");
      if (marker != null) {
        return new AwsCacheImportReport(true, String.valueOf(marker.value()), 0, 0, 0, 0,
            Collections.emptyList());
      }
      int datasets = 0;
      int records = 0;
      int dirty = 0;
      int tombstones = 0;
      List<String> skipped = new ArrayList<>();
      for (AndroidCacheMapping.Entry e : plan.entries.values()) {
        LocalDataset ds = e.dataset;
        if (tx.dataset(ds.owner(), ds.name()) != null) {
          skipped.add(ds.owner() + "/" + ds.name());
          continue;
        }
        tx.putDataset(ds);
        List<RecordWrite> writes = new ArrayList<>();
        for (LocalRecord r : e.records) {
          writes.add(RecordWrite.ifVersion(r, RecordWrite.ABSENT));
          dirty += r.isDirty() ? 1 : 0;
          tombstones += r.isDeleted() ? 1 : 0;
        }
        if (!tx.writeRecords(ds.owner(), ds.name(), writes).isEmpty()) {
          throw new dev.offsync.LocalStoreException("records appeared in " + ds.owner() + "/" + ds.name()
              + " during the import; nothing was imported");
        }
        datasets++;
        records += writes.size();
      }
      tx.putDataset(LocalDataset.builder(MARKER_OWNER, MARKER_DATASET).build());
      tx.writeRecords(MARKER_OWNER, MARKER_DATASET, Collections.singletonList(RecordWrite.unconditional(
          LocalRecord.builder("fingerprint").value(plan.fingerprint).baseValue(plan.fingerprint).build())));
      return new AwsCacheImportReport(false, plan.fingerprint, datasets, records, dirty, tombstones, skipped);
    });
  }

  /** Configures an {@link AwsCacheImporter}. */
  public static final class Builder {
    private String currentIdentityId;
    private String localOwnerId = "local";

    Builder() {}

    /**
     * The identity the app has now (AWS's cached identity id), if any: AWS's {@code unknown} rows are moved to
     * it, as AWS's identity-change listener would have done.
     *
     * @param identityId the identity id, or {@code null} if none yet
     * @return this builder
     */
    public Builder currentIdentityId(String identityId) {
      this.currentIdentityId = identityId;
      return this;
    }

    /**
     * The owner of AWS's {@code unknown} rows when there is no current identity: the
     * {@link dev.offsync.SyncClient.Builder#localOwnerId(String)} of the client (default {@code "local"}).
     *
     * @param localOwnerId the owner id
     * @return this builder
     */
    public Builder localOwnerId(String localOwnerId) {
      this.localOwnerId = Objects.requireNonNull(localOwnerId, "localOwnerId == null");
      return this;
    }

    /** @return the importer */
    public AwsCacheImporter build() {
      return new AwsCacheImporter(this);
    }
  }
}
