package dev.offsync.awscompat;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.offsync.InvalidParameterException;
import dev.offsync.LocalStoreException;
import dev.offsync.spi.LocalDataset;
import dev.offsync.spi.LocalRecord;
import dev.offsync.spi.LocalStore;
import dev.offsync.spi.LocalTransaction;
import dev.offsync.sqlite.SqliteLocalStore;
import java.lang.reflect.Proxy;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Imports fixture AWS Android caches (built from the documented schema) into a real SQLite LocalStore. */
class AwsCacheImporterTest {
  static final String ME = "us-east-1:11111111-1111-1111-1111-111111111111";

  @TempDir Path legacyDir;
  @TempDir Path storeDir;
  private SqliteLocalStore store;
  private final AwsCacheImporter importer = AwsCacheImporter.builder().currentIdentityId(ME).build();

  @BeforeEach
  void open() {
    store = SqliteLocalStore.builder().file(storeDir.resolve("offsync.db")).build();
  }

  @AfterEach
  void close() {
    store.close();
  }

  @Test
  void importsCleanDirtyTombstonesWatermarksMergedAndHalfDoneIdentityChange() {
    Path db = fieldDevice();

    AwsCacheImportReport report = importInto(db, store);

    assertThat(report.alreadyImported()).isFalse();
    assertThat(report.datasets()).isEqualTo(6);
    assertThat(report.records()).isEqualTo(11);
    assertThat(report.dirtyRecords()).isEqualTo(7);
    assertThat(report.tombstones()).isEqualTo(2);

    LocalDataset settings = dataset(ME, "settings");
    assertThat(settings.watermark()).isEqualTo(5);
    assertThat(settings.isDeletedLocally()).isFalse();
    assertThat(settings.creationDate()).isEqualTo(Instant.ofEpochMilli(1700000000000L));
    assertThat(dataset(ME, "profile").watermark()).isEqualTo(3);
    LocalDataset trash = dataset(ME, "trash");
    assertThat(trash.isDeletedLocally()).isTrue();

    Map<String, LocalRecord> s = records(ME, "settings");
    assertThat(s.get("theme")).satisfies(r -> {
      assertThat(r.value()).isEqualTo("dark");
      assertThat(r.baseValue()).isEqualTo("dark");
      assertThat(r.syncCount()).isEqualTo(3);
      assertThat(r.isDirty()).isFalse();
      assertThat(r.lastModifiedBy()).isEqualTo("dev-a");
      assertThat(r.lastModifiedDate()).isEqualTo(Instant.ofEpochMilli(1700000300000L));
    });
    assertThat(s.get("removed")).satisfies(r -> {
      assertThat(r.isDeleted()).isTrue();
      assertThat(r.isDirty()).isFalse();
      assertThat(r.syncCount()).isEqualTo(4);
    });
    assertThat(s.get("font")).satisfies(r -> {
      assertThat(r.value()).isEqualTo("big");
      assertThat(r.isDirty()).isTrue();
      assertThat(r.syncCount()).isEqualTo(2);
      assertThat(r.deviceLastModifiedDate()).isEqualTo(Instant.ofEpochMilli(1700000900000L));
    });
    assertThat(s.get("old")).satisfies(r -> {
      assertThat(r.isDeleted()).isTrue();
      assertThat(r.isDirty()).isTrue();
      assertThat(r.syncCount()).isEqualTo(1);
    });
    assertThat(s.get("new")).satisfies(r -> {
      assertThat(r.isDirty()).isTrue();
      assertThat(r.syncCount()).isZero();
    });
    assertThat(records(ME, "trash").get("late").value()).isEqualTo("keep-me");
    assertThat(records(ME, "settings.us-east-1:old").get("color").isDirty()).isTrue();
    // the half-done identity change is finished the way AWS's changeIdentityId would have done it
    assertThat(records(ME, "settings.unknown").get("theme").value()).isEqualTo("light");
    assertThat(records(ME, "notes").get("n1").value()).isEqualTo("hello");
    List<LocalDataset> unknown = store.read(tx -> tx.datasets("unknown"));
    assertThat(unknown).isEmpty();
  }

  @Test
  void withoutIdentityUnknownRowsGoToTheLocalOwner() {
    Path db = fieldDevice();
    AwsCacheImporter noIdentity = AwsCacheImporter.builder().localOwnerId("local").build();
    try (JdbcAwsCacheSource src = JdbcAwsCacheSource.open(db)) {
      noIdentity.importInto(src, store);
    }
    assertThat(records("local", "settings").get("theme").value()).isEqualTo("light");
    assertThat(records(ME, "settings").get("theme").value()).isEqualTo("dark");
  }

  @Test
  void importingTwiceIsImportingOnce() {
    Path db = fieldDevice();
    AwsCacheImportReport first = importInto(db, store);
    Map<String, Object> before = dump(store);

    AwsCacheImportReport second = importInto(db, store);

    assertThat(second.alreadyImported()).isTrue();
    assertThat(second.fingerprint()).isEqualTo(first.fingerprint());
    assertThat(second.records()).isZero();
    assertThat(dump(store)).isEqualTo(before);
  }

  @Test
  void theLegacyFileIsNeverModified() {
    Path db = fieldDevice();
    String before = FixtureDb.snapshot(legacyDir);

    importInto(db, store);
    importInto(db, store);

    assertThat(FixtureDb.snapshot(legacyDir)).isEqualTo(before);
    assertThat(Files.exists(db)).isTrue();
  }

  @Test
  void refusesADatabaseThatIsNotAwsCacheAndTouchesNeither() {
    Path db = FixtureDb.create(legacyDir.resolve("cognito_dataset_cache.db"), "not-aws.sql");
    String before = FixtureDb.snapshot(legacyDir);

    assertThatThrownBy(() -> importInto(db, store)).isInstanceOf(InvalidParameterException.class)
        .hasMessageContaining("not an AWS Cognito Sync Android cache").hasMessageContaining("identity_id");

    assertThat(FixtureDb.snapshot(legacyDir)).isEqualTo(before);
    assertThat(dump(store)).isEmpty();
  }

  @Test
  void refusesAnotherSchemaVersion() {
    Path db = FixtureDb.create(legacyDir.resolve("v1.db"), "android-schema.sql", "android-field-device.sql");
    try (java.sql.Connection c = java.sql.DriverManager.getConnection("jdbc:sqlite:" + db);
        java.sql.Statement st = c.createStatement()) {
      st.execute("PRAGMA user_version = 3");
    } catch (java.sql.SQLException e) {
      throw new IllegalStateException(e);
    }
    assertThatThrownBy(() -> importInto(db, store)).isInstanceOf(InvalidParameterException.class)
        .hasMessageContaining("user_version is 3");
    assertThat(dump(store)).isEmpty();
  }

  @Test
  void refusesARowBreakingTheSchemaBeforeWritingAnything() {
    Path db = FixtureDb.create(legacyDir.resolve("bad.db"), "android-schema.sql", "android-bad-row.sql");
    assertThatThrownBy(() -> importInto(db, store)).isInstanceOf(InvalidParameterException.class)
        .hasMessageContaining("modified 2").hasMessageContaining("key b");
    assertThat(dump(store)).isEmpty();
  }

  @Test
  void refusesAMissingFileWithoutCreatingIt() {
    Path missing = legacyDir.resolve("absent.db");
    assertThatThrownBy(() -> JdbcAwsCacheSource.open(missing)).isInstanceOf(InvalidParameterException.class);
    assertThat(Files.exists(missing)).isFalse();
  }

  /** One transaction: a failure after some datasets were written leaves the store as it was. */
  @Test
  void aFailureHalfwayImportsNothing() {
    Path db = fieldDevice();
    AtomicInteger writes = new AtomicInteger();
    LocalStore failing = new LocalStore() {
      @Override
      public <T> T read(Work<T> work) {
        return store.read(work);
      }

      @Override
      public <T> T write(Work<T> work) {
        return store.write(tx -> work.run(failAfter(tx, 3, writes)));
      }

      @Override
      public void close() {}
    };
    assertThatThrownBy(() -> importInto(db, failing)).isInstanceOf(LocalStoreException.class)
        .hasMessageContaining("disk full");
    assertThat(writes.get()).isEqualTo(4);
    assertThat(dump(store)).isEmpty();

    // and a retry then imports everything
    assertThat(importInto(db, store).datasets()).isEqualTo(6);
  }

  /** A dataset the store already has (the app ran offsync before) is never overwritten. */
  @Test
  void existingDatasetsAreLeftAlone() {
    store.write(tx -> {
      tx.putDataset(LocalDataset.builder(ME, "profile").watermark(9).build());
      tx.writeRecords(ME, "profile", List.of(dev.offsync.spi.RecordWrite.unconditional(
          LocalRecord.builder("name").value("Bob").dirty(true).build())));
      return null;
    });
    AwsCacheImportReport report = importInto(fieldDevice(), store);
    assertThat(report.skippedDatasets()).containsExactly(ME + "/profile");
    assertThat(records(ME, "profile").get("name").value()).isEqualTo("Bob");
    assertThat(dataset(ME, "profile").watermark()).isEqualTo(9);
  }

  private Path fieldDevice() {
    return FixtureDb.create(legacyDir.resolve("cognito_dataset_cache.db"), "android-schema.sql",
        "android-field-device.sql");
  }

  private AwsCacheImportReport importInto(Path db, LocalStore target) {
    try (JdbcAwsCacheSource src = JdbcAwsCacheSource.open(db)) {
      return importer.importInto(src, target);
    }
  }

  private LocalDataset dataset(String owner, String name) {
    LocalDataset d = store.read(tx -> tx.dataset(owner, name));
    assertThat(d).as(owner + "/" + name).isNotNull();
    return d;
  }

  private Map<String, LocalRecord> records(String owner, String name) {
    Map<String, LocalRecord> out = new TreeMap<>();
    for (LocalRecord r : store.read(tx -> tx.records(owner, name))) {
      out.put(r.key(), r);
    }
    return out;
  }

  /** Every dataset and record of the owners the fixtures use, the marker included. */
  static Map<String, Object> dump(LocalStore s) {
    Map<String, Object> out = new TreeMap<>();
    for (String owner : List.of(ME, "unknown", "local", AwsCacheImporter.MARKER_OWNER)) {
      s.read(tx -> {
        for (LocalDataset d : tx.datasets(owner)) {
          out.put(owner + "/" + d.name(), d);
          for (LocalRecord r : tx.records(owner, d.name())) {
            out.put(owner + "/" + d.name() + "/" + r.key(), r);
          }
        }
        return null;
      });
    }
    return out;
  }

  /** A transaction whose writeRecords fails on the {@code n+1}th call. */
  private static LocalTransaction failAfter(LocalTransaction tx, int n, AtomicInteger calls) {
    return (LocalTransaction) Proxy.newProxyInstance(LocalTransaction.class.getClassLoader(),
        new Class<?>[] {LocalTransaction.class}, (proxy, method, args) -> {
          if (method.getName().equals("writeRecords") && calls.incrementAndGet() > n) {
            throw new LocalStoreException("disk full");
          }
          try {
            return method.invoke(tx, args);
          } catch (java.lang.reflect.InvocationTargetException e) {
            throw e.getCause();
          }
        });
  }
}
