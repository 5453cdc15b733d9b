package dev.offsync.sqlite.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.offsync.sqlite.SqliteLocalStore;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The engine's queries use the indexes, never a scan of the records table (SQLite's own query plans). */
class QueryPlanTest {
  @TempDir Path dir;
  private Path db;

  @BeforeEach
  void createSchema() {
    db = dir.resolve("plan.db");
    SqliteLocalStore.builder().file(db).build().close();
  }

  /** The details of {@code EXPLAIN QUERY PLAN sql} (parameters bound to NULL), one step per line. */
  static String plan(Path db, String sql) throws SQLException {
    try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + db);
        PreparedStatement ps = c.prepareStatement("EXPLAIN QUERY PLAN " + sql)) {
      for (int i = 1; i <= ps.getParameterMetaData().getParameterCount(); i++) {
        ps.setNull(i, Types.NULL);
      }
      StringBuilder sb = new StringBuilder();
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          sb.append(rs.getString("detail")).append('\n');
        }
      }
      return sb.toString();
    }
  }

  @Test
  void dirtyScanUsesThePartialIndexInKeyOrder() throws Exception {
    String plan = plan(db, SqliteTransaction.DIRTY_RECORDS);
    assertThat(plan).contains("USING INDEX records_dirty (dataset_id=?)").doesNotContain("TEMP B-TREE");
    assertThat(plan(db, SqliteTransaction.CONFLICTED_RECORDS))
        .contains("USING INDEX records_conflicted (dataset_id=?)").doesNotContain("TEMP B-TREE");
  }

  @Test
  void pointAndBatchedKeyLookupsUseThePrimaryKey() throws Exception {
    assertThat(plan(db, SqliteTransaction.RECORD)).contains("USING PRIMARY KEY (dataset_id=? AND key=?)");
    assertThat(plan(db, "SELECT key, version FROM records WHERE dataset_id = ? AND key IN (?, ?, ?)"))
        .contains("USING PRIMARY KEY (dataset_id=? AND key=?)");
    assertThat(plan(db, SqliteTransaction.UPDATE_IF_VERSION)).contains("USING PRIMARY KEY (dataset_id=? AND key=?)");
    for (int bucket = 0; bucket < 4; bucket++) {
      assertThat(plan(db, SqliteTransaction.DELETE_RECORDS_IN[bucket]))
          .contains("USING PRIMARY KEY (dataset_id=? AND key=?)");
      assertThat(plan(db, SqliteTransaction.OLD_ROWS_SUM[bucket])).as("bucket " + bucket)
          .contains("USING PRIMARY KEY (dataset_id=? AND key=?)").doesNotContain("SCAN r");
    }
  }

  @Test
  void usageCountersAreReadAndMovedThroughTheDatasetRowNeverARecordScan() throws Exception {
    assertThat(plan(db, SqliteTransaction.USAGE)).contains("USING INDEX sqlite_autoindex_datasets_1 (owner=? AND name=?)")
        .doesNotContain("records");
    assertThat(plan(db, SqliteTransaction.ADJUST_USAGE)).contains("USING INTEGER PRIMARY KEY (rowid=?)")
        .doesNotContain("records");
    for (String[] byKind : SqliteTransaction.ADJUST_ONE) {
      for (int byName = 0; byName < 2; byName++) {
        String plan = plan(db, byKind[byName]);
        assertThat(plan).as(byKind[byName]).contains("USING PRIMARY KEY (dataset_id=? AND key=?)")
            .contains(byName == 0 ? "USING INTEGER PRIMARY KEY (rowid=?)"
                : "USING INDEX sqlite_autoindex_datasets_1 (owner=? AND name=?)")
            .doesNotContain("SCAN records").doesNotContain("SCAN datasets");
      }
    }
  }

  @Test
  void singleRecordWritesResolveTheDatasetThroughItsUniqueIndexAndUpdateByPrimaryKey() throws Exception {
    assertThat(plan(db, SqliteTransaction.UPDATE_IF_VERSION_BY_NAME))
        .contains("USING PRIMARY KEY (dataset_id=? AND key=?)")
        .contains("SCALAR SUBQUERY")
        .contains("USING COVERING INDEX sqlite_autoindex_datasets_1 (owner=? AND name=?)");
    for (String insert : new String[] {SqliteTransaction.UPSERT_RECORD_BY_NAME,
        SqliteTransaction.INSERT_IF_ABSENT_BY_NAME}) {
      assertThat(plan(db, insert)).contains("USING COVERING INDEX sqlite_autoindex_datasets_1 (owner=? AND name=?)")
          .doesNotContain("SCAN");
    }
  }

  @Test
  void datasetReadsAndUsageUseIndexesAndNeverSortInMemory() throws Exception {
    assertThat(plan(db, SqliteTransaction.RECORDS)).contains("USING PRIMARY KEY (dataset_id=?)")
        .doesNotContain("TEMP B-TREE");
    assertThat(plan(db, SqliteTransaction.DATASET_ID)).contains("sqlite_autoindex_datasets_1");
    assertThat(plan(db, SqliteTransaction.DATASETS)).contains("sqlite_autoindex_datasets_1")
        .doesNotContain("TEMP B-TREE");
  }
}
