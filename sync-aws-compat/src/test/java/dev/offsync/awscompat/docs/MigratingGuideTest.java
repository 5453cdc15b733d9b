package dev.offsync.awscompat.docs;

import static org.assertj.core.api.Assertions.assertThat;

import dev.offsync.SyncClient;
import dev.offsync.awscompat.CognitoSyncCompat;
import dev.offsync.awscompat.FixtureDb;
import dev.offsync.sqlite.SqliteLocalStore;
import dev.offsync.testing.FakeRemoteStore;
import dev.offsync.testing.NoUndeliverableErrors;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * docs/migrating.md: every {@code ```java} block is, line for line, in {@link MigratingExample} (compiled), and the
 * example runs. ({@code ```java aws} blocks are AWS's code, shown for comparison, not compiled.)
 */
@ExtendWith(NoUndeliverableErrors.class)
class MigratingGuideTest {
  private static final Path DOC = Paths.get("..", "docs", "migrating.md");
  private static final Path EXAMPLE = Paths.get("src", "test", "java", "dev", "offsync", "awscompat", "docs",
      "MigratingExample.java");
  private static final Pattern JAVA_BLOCK = Pattern.compile("```java\\n(.*?)```", Pattern.DOTALL);
  private static final String ID = "us-east-1:11111111-1111-1111-1111-111111111111";

  @TempDir Path dir;

  @Test
  void everyJavaSnippetIsInTheCompiledExample() throws IOException {
    String doc = Files.readString(DOC, StandardCharsets.UTF_8);
    String example = normalize(Files.readString(EXAMPLE, StandardCharsets.UTF_8));
    Matcher m = JAVA_BLOCK.matcher(doc);
    int n = 0;
    while (m.find()) {
      n++;
      assertThat(example).as("docs/migrating.md snippet not in MigratingExample:%n%s", m.group(1))
          .contains(normalize(m.group(1)));
    }
    assertThat(n).isGreaterThanOrEqualTo(4);
    assertThat(doc).contains("```java aws");
  }

  @Test
  void theExampleRuns() {
    FakeRemoteStore remote = new FakeRemoteStore();
    Path legacy = dir.resolve("cognito_dataset_cache.db");
    createFixture(legacy);
    try (SqliteLocalStore store = SqliteLocalStore.builder().file(dir.resolve("offsync.db")).build()) {
      assertThat(MigratingExample.importOnUpdate(legacy, store, ID).records()).isEqualTo(11);
      assertThat(MigratingExample.importOnUpdate(dir.resolve("none.db"), store, ID)).isNull();
      try (SyncClient client = MigratingExample.buildClient(store, remote, ID)) {
        List<String> log = new CopyOnWriteArrayList<>();
        MigratingExample.saveTheme(CognitoSyncCompat.wrap(client), log);
        Awaitility.await().atMost(30, TimeUnit.SECONDS).until(() -> !log.isEmpty());
        assertThat(log).hasSize(1);
        assertThat(log.get(0)).startsWith("synced");
        assertThat(remote.serverValues(ID, "settings")).containsEntry("theme", "dark")
            .containsEntry("font", "big");
        assertThat(MigratingExample.saveThemeWithTheEngine(client).recordsPushed()).isZero();
      }
    }
  }

  private static void createFixture(Path file) {
    try (java.sql.Connection c = java.sql.DriverManager.getConnection("jdbc:sqlite:" + file);
        java.sql.Statement s = c.createStatement()) {
      List<String> all = new ArrayList<>(FixtureDb.statements("android-schema.sql"));
      all.addAll(FixtureDb.statements("android-field-device.sql"));
      for (String sql : all) {
        s.execute(sql);
      }
    } catch (java.sql.SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  private static String normalize(String text) {
    return text.lines().map(String::strip).filter(l -> !l.isEmpty()).collect(Collectors.joining("\n"));
  }
}
