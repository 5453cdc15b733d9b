package dev.offsync.http.migration;

import dev.offsync.http.CognitoSyncClient;
import dev.offsync.http.InvalidParameterException;
import dev.offsync.http.internal.migration.Checkpoint;
import dev.offsync.http.internal.migration.DatasetDigest;
import dev.offsync.http.internal.migration.ImportWire;
import dev.offsync.http.model.Dataset;
import dev.offsync.http.model.ListDatasetsRequest;
import dev.offsync.http.model.ListDatasetsResponse;
import dev.offsync.http.model.ListRecordsRequest;
import dev.offsync.http.model.ListRecordsResponse;
import dev.offsync.http.model.Record;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Consumer;

/**
 * Copies an identity pool's data from a Cognito-Sync-compatible source (AWS with developer credentials, or another
 * offsync server) into an offsync server, preserving every record's and dataset's sync count, dates and writer and
 * every tombstone, so that devices continue against the target with incremental syncs.
 *
 * <p>{@link #run()} does three passes: the copy (per identity: ListDatasets, then per dataset ListRecords page by page
 * into {@link ImportClient}, one page in memory at a time), a final incremental pass (per dataset, ListRecords from
 * the sync count the checkpoint recorded, catching changes made on the source during the copy, and datasets created
 * meanwhile), and {@link #verify()}. Progress is checkpointed per identity and dataset in a directory (atomic,
 * durable writes); a run killed at any point resumes where the checkpoint says, and since imports are idempotent a
 * page imported twice changes nothing.
 */
public final class PoolMigration {
  private final CognitoSyncClient source;
  private final CognitoSyncClient target;
  private final ImportClient importer;
  private final String sourcePoolId;
  private final String targetPoolId;
  private final IdentitySource identities;
  private final Checkpoint checkpoint;
  private final int pageSize;
  private final long maxImportBytes;
  private final Consumer<MigrationProgress> progress;
  private final Consumer<String> differences;
  private final long progressIntervalNanos;

  private PoolMigration(Builder b) {
    this.source = Objects.requireNonNull(b.source, "source == null");
    this.target = Objects.requireNonNull(b.target, "target == null");
    this.importer = Objects.requireNonNull(b.importer, "importer == null");
    this.sourcePoolId = Objects.requireNonNull(b.sourcePoolId, "sourcePoolId == null");
    this.targetPoolId = b.targetPoolId != null ? b.targetPoolId : b.sourcePoolId;
    this.identities = Objects.requireNonNull(b.identities, "identities == null");
    this.checkpoint = new Checkpoint(Objects.requireNonNull(b.checkpointDirectory, "checkpointDirectory == null"));
    this.pageSize = b.pageSize;
    this.maxImportBytes = b.maxImportBytes;
    this.progress = b.progress;
    this.differences = b.differences;
    this.progressIntervalNanos = b.progressInterval.toNanos();
  }

  /**
   * Returns a new builder.
   *
   * @return the builder
   */
  public static Builder builder() {
    return new Builder();
  }

  /** Counters of one pass. */
  private static final class Pass {
    final String name;
    final long total;
    final long started = System.nanoTime();
    long done;
    long skipped;
    long datasets;
    long imported;
    long unchanged;
    int held;
    long lastReport;
    long lastReportedDone = -1;

    Pass(String name, long total) {
      this.name = name;
      this.total = total;
    }
  }

  /**
   * Runs (or resumes) the migration: the copy pass unless a previous run finished it, the incremental pass, and the
   * verification.
   *
   * @return the report; {@link VerificationReport#ok()} tells whether both sides agree
   */
  public MigrationReport run() {
    long total = identities.count();
    Pass copy = new Pass("copy", total);
    if (!"done".equals(checkpoint.get("copy"))) {
      pass(copy, true);
      checkpoint.put("copy", "done");
    }
    Pass incremental = new Pass("incremental", total);
    pass(incremental, false);
    VerificationReport v = verify();
    return new MigrationReport(total, copy.skipped, copy.datasets, copy.imported, copy.unchanged,
        incremental.imported, Math.max(copy.held, incremental.held), v);
  }

  private void pass(Pass p, boolean skipCopied) {
    identities.forEach(id -> {
      Checkpoint.IdentityState st = checkpoint.load(id);
      if (skipCopied && st.copied()) {
        p.skipped++;
      } else {
        String token = null;
        do {
          ListDatasetsResponse page = source.listDatasets(datasets(sourcePoolId, id, token));
          for (Dataset d : page.datasets()) {
            copyDataset(p, id, d, st);
            checkpoint.save(id, st);
          }
          token = page.nextToken();
        } while (token != null);
        st.markCopied();
        checkpoint.save(id, st);
      }
      p.done++;
      report(p, false);
    });
    report(p, true);
  }

  private static ListDatasetsRequest datasets(String pool, String id, String token) {
    ListDatasetsRequest.Builder b = ListDatasetsRequest.builder().identityPoolId(pool).identityId(id).maxResults(64);
    if (token != null) {
      b.nextToken(token);
    }
    return b.build();
  }

  private ListRecordsRequest records(String pool, String id, String name, long from, String token) {
    ListRecordsRequest.Builder b = ListRecordsRequest.builder().identityPoolId(pool).identityId(id)
        .datasetName(name).lastSyncCount(from).maxResults(pageSize);
    if (token != null) {
      b.nextToken(token);
    }
    return b.build();
  }

  private void report(Pass p, boolean last) {
    if (progress == null) {
      return;
    }
    long now = System.nanoTime();
    if (!last && p.lastReport != 0 && now - p.lastReport < progressIntervalNanos && p.done != p.total) {
      return;
    }
    if (last && p.lastReportedDone == p.done) {
      return;
    }
    p.lastReport = now;
    p.lastReportedDone = p.done;
    double seconds = Math.max(1e-3, (now - p.started) / 1e9);
    Duration eta = null;
    long copied = p.done - p.skipped;
    if (copied > 0 && p.total >= p.done) {
      eta = Duration.ofMillis((long) (seconds * 1000 * (p.total - p.done) / copied));
    }
    progress.accept(new MigrationProgress(p.name, p.done, p.total, p.imported, p.imported / seconds, eta));
  }

  private void copyDataset(Pass p, String id, Dataset d, Checkpoint.IdentityState st) {
    String name = d.datasetName();
    long from = st.through(name);
    boolean known = st.known(name);
    String token = null;
    Instant lastModified = d.lastModifiedDate();
    p.datasets++;
    while (true) {
      ListRecordsResponse r;
      try {
        r = source.listRecords(records(sourcePoolId, id, name, from, token));
      } catch (InvalidParameterException e) {
        if (from > 0 && token == null) {
          // the dataset's count fell below the checkpoint (deleted and re-created at the source): copy it anew
          from = 0;
          continue;
        }
        throw e;
      }
      if (!Boolean.TRUE.equals(r.datasetExists())) {
        return;
      }
      List<Record> records = r.records() == null ? Collections.<Record>emptyList() : r.records();
      p.held = Math.max(p.held, records.size());
      long count = r.datasetSyncCount() == null ? 0 : r.datasetSyncCount();
      for (Record rec : records) {
        if (lastModified == null || rec.lastModifiedDate().isAfter(lastModified)) {
          lastModified = rec.lastModifiedDate();
        }
      }
      if (!records.isEmpty() || count > from || !known) {
        DatasetImport.Builder meta = DatasetImport.builder().identityPoolId(targetPoolId).identityId(id)
            .datasetName(name).syncCount(count)
            .creationDate(d.creationDate() != null ? d.creationDate() : lastModified)
            .lastModifiedDate(lastModified)
            .lastModifiedBy(r.lastModifiedBy() != null ? r.lastModifiedBy() : d.lastModifiedBy());
        importChunks(p, meta, records);
        known = true;
      }
      token = r.nextToken();
      if (token == null) {
        st.setThrough(name, count);
        return;
      }
    }
  }

  private void importChunks(Pass p, DatasetImport.Builder meta, List<Record> records) {
    int start = 0;
    do {
      long bytes = 0;
      int end = start;
      while (end < records.size() && (end == start || bytes + ImportWire.size(records.get(end)) <= maxImportBytes)) {
        bytes += ImportWire.size(records.get(end));
        end++;
      }
      DatasetImport page = meta.build();
      ImportResult result = importer.importRecords(DatasetImport.builder().identityPoolId(page.identityPoolId())
          .identityId(page.identityId()).datasetName(page.datasetName()).syncCount(page.syncCount())
          .creationDate(page.creationDate()).lastModifiedDate(page.lastModifiedDate())
          .lastModifiedBy(page.lastModifiedBy()).records(records.subList(start, end)).build());
      p.imported += result.imported();
      p.unchanged += result.unchanged();
      start = end;
    } while (start < records.size());
  }

  /**
   * Compares every identity's datasets on both sides: which datasets exist, their sync counts, and per dataset the
   * record count, live count and a hash of every record's key, value and sync count. A dataset that differs is then
   * compared record by record (one dataset in memory). Every difference is passed to the difference listener and
   * returned.
   *
   * @return the report
   */
  public VerificationReport verify() {
    List<String> found = new ArrayList<>();
    long[] counts = {0, 0};
    Pass p = new Pass("verify", identities.count());
    identities.forEach(id -> {
      Set<String> src = datasetNames(source, sourcePoolId, id);
      Set<String> tgt = datasetNames(target, targetPoolId, id);
      Set<String> all = new TreeSet<>(src);
      all.addAll(tgt);
      for (String name : all) {
        counts[0]++;
        String where = "identity " + id + " dataset " + name + ": ";
        if (!tgt.contains(name)) {
          difference(found, where + "missing on the target");
          continue;
        }
        if (!src.contains(name)) {
          difference(found, where + "on the target only");
          continue;
        }
        DatasetDigest a = new DatasetDigest();
        DatasetDigest b = new DatasetDigest();
        long ca = digest(source, sourcePoolId, id, name, a, p);
        long cb = digest(target, targetPoolId, id, name, b, p);
        counts[1] += a.records();
        p.imported = counts[1];
        if (ca != cb || a.records() != b.records() || a.live() != b.live() || !a.hash().equals(b.hash())) {
          difference(found, where + "source syncCount " + ca + ", " + a.records() + " records (" + a.live()
              + " live), hash " + a.hash() + "; target syncCount " + cb + ", " + b.records() + " records ("
              + b.live() + " live), hash " + b.hash());
          detail(found, where, id, name);
        }
      }
      p.done++;
      report(p, false);
    });
    report(p, true);
    return new VerificationReport(counts[0], counts[1], found);
  }

  private void difference(List<String> found, String line) {
    found.add(line);
    if (differences != null) {
      differences.accept(line);
    }
  }

  private static Set<String> datasetNames(CognitoSyncClient c, String pool, String id) {
    Set<String> names = new TreeSet<>();
    String token = null;
    do {
      ListDatasetsResponse page = c.listDatasets(datasets(pool, id, token));
      for (Dataset d : page.datasets()) {
        names.add(d.datasetName());
      }
      token = page.nextToken();
    } while (token != null);
    return names;
  }

  private long digest(CognitoSyncClient c, String pool, String id, String name, DatasetDigest digest, Pass p) {
    return scan(c, pool, id, name, p, digest::add);
  }

  private long scan(CognitoSyncClient c, String pool, String id, String name, Pass p, Consumer<Record> sink) {
    String token = null;
    long count = 0;
    do {
      ListRecordsResponse r = c.listRecords(records(pool, id, name, 0, token));
      List<Record> records = r.records() == null ? Collections.<Record>emptyList() : r.records();
      p.held = Math.max(p.held, records.size());
      records.forEach(sink);
      count = r.datasetSyncCount() == null ? 0 : r.datasetSyncCount();
      token = r.nextToken();
    } while (token != null);
    return count;
  }

  private void detail(List<String> found, String where, String id, String name) {
    Map<String, Record> a = new TreeMap<>();
    Map<String, Record> b = new TreeMap<>();
    Pass ignored = new Pass("detail", 0);
    scan(source, sourcePoolId, id, name, ignored, r -> a.put(r.key(), r));
    scan(target, targetPoolId, id, name, ignored, r -> b.put(r.key(), r));
    Set<String> keys = new TreeSet<>(a.keySet());
    keys.addAll(b.keySet());
    for (String k : keys) {
      Record x = a.get(k);
      Record y = b.get(k);
      if (y == null) {
        difference(found, where + "record " + k + " missing on the target");
      } else if (x == null) {
        difference(found, where + "record " + k + " on the target only");
      } else if (!Objects.equals(x.value(), y.value()) || !Objects.equals(x.syncCount(), y.syncCount())) {
        difference(found, where + "record " + k + ": source syncCount " + x.syncCount()
            + (x.value() == null ? " (deleted)" : "") + ", target syncCount " + y.syncCount()
            + (y.value() == null ? " (deleted)" : "") + (Objects.equals(x.value(), y.value()) ? "" : ", values differ"));
      }
    }
  }

  /** Builder of {@link PoolMigration}. */
  public static final class Builder {
    private CognitoSyncClient source;
    private CognitoSyncClient target;
    private ImportClient importer;
    private String sourcePoolId;
    private String targetPoolId;
    private IdentitySource identities;
    private Path checkpointDirectory;
    private int pageSize = 1024;
    private long maxImportBytes = 1024 * 1024;
    private Consumer<MigrationProgress> progress;
    private Consumer<String> differences;
    private Duration progressInterval = Duration.ofMillis(200);

    private Builder() {}

    /**
     * Sets the least time between two progress reports of a pass (default 200 ms; zero reports every identity).
     *
     * @param progressInterval not negative
     * @return this
     */
    public Builder progressInterval(Duration progressInterval) {
      Objects.requireNonNull(progressInterval, "progressInterval == null");
      if (progressInterval.isNegative()) {
        throw new IllegalArgumentException("progressInterval < 0: " + progressInterval);
      }
      this.progressInterval = progressInterval;
      return this;
    }

    /**
     * Sets the source client (developer credentials).
     *
     * @param source the client
     * @return this
     */
    public Builder source(CognitoSyncClient source) {
      this.source = Objects.requireNonNull(source, "source == null");
      return this;
    }

    /**
     * Sets the target's client (developer credentials), used to verify.
     *
     * @param target the client
     * @return this
     */
    public Builder target(CognitoSyncClient target) {
      this.target = Objects.requireNonNull(target, "target == null");
      return this;
    }

    /**
     * Sets the target's import client (developer credentials).
     *
     * @param importer the client
     * @return this
     */
    public Builder importer(ImportClient importer) {
      this.importer = Objects.requireNonNull(importer, "importer == null");
      return this;
    }

    /**
     * Sets the source pool.
     *
     * @param sourcePoolId the pool id
     * @return this
     */
    public Builder sourcePoolId(String sourcePoolId) {
      this.sourcePoolId = Objects.requireNonNull(sourcePoolId, "sourcePoolId == null");
      return this;
    }

    /**
     * Sets the target pool (default: the source pool's id).
     *
     * @param targetPoolId the pool id
     * @return this
     */
    public Builder targetPoolId(String targetPoolId) {
      this.targetPoolId = Objects.requireNonNull(targetPoolId, "targetPoolId == null");
      return this;
    }

    /**
     * Sets where identity ids come from.
     *
     * @param identities the source of ids
     * @return this
     */
    public Builder identities(IdentitySource identities) {
      this.identities = Objects.requireNonNull(identities, "identities == null");
      return this;
    }

    /**
     * Sets the checkpoint directory (created if missing; reuse it to resume).
     *
     * @param checkpointDirectory the directory
     * @return this
     */
    public Builder checkpointDirectory(Path checkpointDirectory) {
      this.checkpointDirectory = Objects.requireNonNull(checkpointDirectory, "checkpointDirectory == null");
      return this;
    }

    /**
     * Sets ListRecords' page size, the most records held at once (1 to 1024, default 1024).
     *
     * @param pageSize the size
     * @return this
     */
    public Builder pageSize(int pageSize) {
      if (pageSize < 1 || pageSize > 1024) {
        throw new IllegalArgumentException("pageSize must be 1 to 1024: " + pageSize);
      }
      this.pageSize = pageSize;
      return this;
    }

    /**
     * Sets the largest import body aimed at (default 1 MiB; a page is split into several imports above it).
     *
     * @param maxImportBytes positive
     * @return this
     */
    public Builder maxImportBytes(long maxImportBytes) {
      if (maxImportBytes < 1) {
        throw new IllegalArgumentException("maxImportBytes must be positive: " + maxImportBytes);
      }
      this.maxImportBytes = maxImportBytes;
      return this;
    }

    /**
     * Receives progress (at most once per {@link #progressInterval} in a pass, and at each pass's end).
     *
     * @param progress the listener
     * @return this
     */
    public Builder progress(Consumer<MigrationProgress> progress) {
      this.progress = Objects.requireNonNull(progress, "progress == null");
      return this;
    }

    /**
     * Receives each difference the verification finds, as it is found.
     *
     * @param differences the listener
     * @return this
     */
    public Builder differences(Consumer<String> differences) {
      this.differences = Objects.requireNonNull(differences, "differences == null");
      return this;
    }

    /**
     * Builds the migration.
     *
     * @return the migration
     */
    public PoolMigration build() {
      return new PoolMigration(this);
    }
  }
}
