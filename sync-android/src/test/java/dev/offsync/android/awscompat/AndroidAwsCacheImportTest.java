package dev.offsync.android.awscompat;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import android.content.Context;
import android.database.sqlite.SQLiteDatabase;
import dev.offsync.InvalidParameterException;
import dev.offsync.android.AndroidAwsCacheSource;
import dev.offsync.android.AndroidSqliteLocalStore;
import dev.offsync.awscompat.AwsCacheImportReport;
import dev.offsync.awscompat.AwsCacheImporter;
import dev.offsync.awscompat.FixtureDb;
import dev.offsync.spi.LocalDataset;
import dev.offsync.spi.LocalRecord;
import java.io.File;
import java.nio.file.Files;
import java.util.List;
import org.junit.After;
import org.junit.Before;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.robolectric.RobolectricTestRunner;
import org.robolectric.RuntimeEnvironment;

/**
 * The AWS cache import on Android's own SQLite (Robolectric): the same fixtures and mapping as sync-aws-compat's
 * JDBC tests, with {@link AndroidAwsCacheSource} as the row source and the Android store as the target.
 */
@RunWith(RobolectricTestRunner.class)
public class AndroidAwsCacheImportTest {
  private static final String ME = "us-east-1:11111111-1111-1111-1111-111111111111";

  private Context context;
  private AndroidSqliteLocalStore store;

  @Before
  public void setUp() {
    context = RuntimeEnvironment.getApplication();
    store = AndroidSqliteLocalStore.builder(context).databaseName("offsync.db").build();
  }

  @After
  public void tearDown() {
    store.close();
  }

  @Test
  public void importsTheFieldDeviceCacheOnceAndLeavesTheFileAlone() throws Exception {
    File legacy = fixture(AndroidAwsCacheSource.AWS_DATABASE_NAME, "android-schema.sql",
        "android-field-device.sql");
    String before = legacyFiles(legacy);
    AwsCacheImporter importer = AwsCacheImporter.builder().currentIdentityId(ME).build();

    AwsCacheImportReport first;
    try (AndroidAwsCacheSource src = AndroidAwsCacheSource.openIfPresent(context)) {
      first = importer.importInto(src, store);
    }
    AwsCacheImportReport second;
    try (AndroidAwsCacheSource src = AndroidAwsCacheSource.open(legacy)) {
      second = importer.importInto(src, store);
    }

    assertThat(first.datasets()).isEqualTo(6);
    assertThat(first.records()).isEqualTo(11);
    assertThat(first.dirtyRecords()).isEqualTo(7);
    assertThat(second.alreadyImported()).isTrue();
    assertThat(second.fingerprint()).isEqualTo(first.fingerprint());
    LocalDataset settings = store.read(tx -> tx.dataset(ME, "settings"));
    assertThat(settings.watermark()).isEqualTo(5);
    LocalRecord font = store.read(tx -> tx.record(ME, "settings", "font"));
    assertThat(font.value()).isEqualTo("big");
    assertThat(font.isDirty()).isTrue();
    assertThat(font.syncCount()).isEqualTo(2);
    LocalRecord removed = store.read(tx -> tx.record(ME, "settings", "removed"));
    assertThat(removed.isDeleted()).isTrue();
    assertThat(removed.isDirty()).isFalse();
    assertThat(store.read(tx -> tx.record(ME, "settings.unknown", "theme")).value()).isEqualTo("light");
    assertThat(legacyFiles(legacy)).isEqualTo(before).startsWith(legacy.getName() + "=");
  }

  @Test
  public void refusesAForeignDatabaseWithoutWriting() throws Exception {
    File legacy = fixture("other.db", "not-aws.sql");
    byte[] before = Files.readAllBytes(legacy.toPath());
    try (AndroidAwsCacheSource src = AndroidAwsCacheSource.open(legacy)) {
      assertThatThrownBy(() -> AwsCacheImporter.builder().build().importInto(src, store))
          .isInstanceOf(InvalidParameterException.class).hasMessageContaining("not an AWS Cognito Sync");
    }
    List<LocalDataset> marker = store.read(tx -> tx.datasets(AwsCacheImporter.MARKER_OWNER));
    assertThat(marker).isEmpty();
    assertThat(Files.readAllBytes(legacy.toPath())).isEqualTo(before);
  }

  @Test
  public void noAwsCacheMeansNothingToImport() {
    assertThat(AndroidAwsCacheSource.openIfPresent(context)).isNull();
    assertThat(context.getDatabasePath(AndroidAwsCacheSource.AWS_DATABASE_NAME)).doesNotExist();
  }

  /** The snapshot of the legacy file and any sibling SQLite would create for it (-journal, -wal, -shm). */
  private static String legacyFiles(File legacy) {
    StringBuilder sb = new StringBuilder();
    for (String line : FixtureDb.snapshot(legacy.getParentFile().toPath()).split("\n")) {
      if (line.startsWith(legacy.getName())) {
        sb.append(line).append('\n');
      }
    }
    return sb.toString();
  }

  /** Builds a fixture with Android's SQLite from the checked-in scripts, in the app's database directory. */
  private File fixture(String name, String... scripts) {
    File file = context.getDatabasePath(name);
    file.getParentFile().mkdirs();
    SQLiteDatabase db = SQLiteDatabase.openOrCreateDatabase(file, null);
    try {
      for (String script : scripts) {
        for (String sql : FixtureDb.statements(script)) {
          db.execSQL(sql);
        }
      }
    } finally {
      db.close();
    }
    return file;
  }
}
