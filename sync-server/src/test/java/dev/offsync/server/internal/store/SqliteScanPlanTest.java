package dev.offsync.server.internal.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * ListRecords pages must be an index range over {@code records_by_sync_count}, not a filter over every
 * record of the dataset: its cost must follow the page, not the dataset.
 */
class SqliteScanPlanTest {

  @Test
  void pagingWalksTheSyncCountIndexAsARange(@TempDir Path dir) throws Exception {
    SqliteSyncStore.openInDirectory(dir).close(); // creates and migrates the schema
    Path file;
    try (java.util.stream.Stream<Path> files = java.nio.file.Files.list(dir)) {
      file = files.filter(p -> p.toString().endsWith(".db")).findFirst().orElseThrow();
    }
    try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file)) {
      for (boolean withCursor : new boolean[] {false, true}) {
        String plan = plan(c, SqliteTransaction.scanSql(withCursor));
        assertThat(plan).as("plan of the %s page", withCursor ? "next" : "first")
            .contains("records_by_sync_count")
            .containsPattern("sync_count>\\?|\\(sync_count,key\\)>\\(\\?,\\?\\)")
            .doesNotContain("USE TEMP B-TREE");
      }
    }
  }

  @Test
  void theOutboxReadWalksTheOrderIndexWhateverTheSkippedStreams(@TempDir Path dir) throws Exception {
    SqliteSyncStore.openInDirectory(dir).close();
    Path file;
    try (java.util.stream.Stream<Path> files = java.nio.file.Files.list(dir)) {
      file = files.filter(p -> p.toString().endsWith(".db")).findFirst().orElseThrow();
    }
    try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file)) {
      for (int skipped : new int[] {0, 1, 3}) {
        assertThat(plan(c, JdbcTransaction.outboxSql(skipped))).as("plan with %d skipped streams", skipped)
            .contains("stream_outbox_in_order")
            .doesNotContain("USE TEMP B-TREE");
      }
    }
  }

  private static String plan(Connection c, String sql) throws Exception {
    List<String> rows = new ArrayList<>();
    try (PreparedStatement ps = c.prepareStatement("EXPLAIN QUERY PLAN " + sql)) {
      int params = ps.getParameterMetaData().getParameterCount();
      for (int i = 1; i <= params; i++) {
        ps.setString(i, "x");
      }
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          rows.add(rs.getString("detail"));
        }
      }
    }
    return String.join(" | ", rows);
  }
}
