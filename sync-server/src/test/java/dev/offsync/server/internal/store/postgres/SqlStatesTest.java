package dev.offsync.server.internal.store.postgres;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.SQLException;
import org.junit.jupiter.api.Test;

/** The SQLSTATE classes that decide whether a failure is retried, tolerated or reported. */
class SqlStatesTest {

  @Test
  void everyWayOfLosingAConcurrentCreateIsTolerated() {
    // CI once failed on 42710 ("type offsync_schema already exists"): the row type's name lost the race
    assertThat(SqlStates.isConcurrentCreate(new SQLException("dup index", "23505"))).isTrue();
    assertThat(SqlStates.isConcurrentCreate(new SQLException("dup table", "42P07"))).isTrue();
    assertThat(SqlStates.isConcurrentCreate(new SQLException("dup type", "42710"))).isTrue();
  }

  @Test
  void otherFailuresOfACreateAreReported() {
    assertThat(SqlStates.isConcurrentCreate(new SQLException("permission denied", "42501"))).isFalse();
    assertThat(SqlStates.isConcurrentCreate(new SQLException("no state"))).isFalse();
  }

  @Test
  void onlySerializationFailuresAndDeadlocksAreRetried() {
    assertThat(SqlStates.isRetryable(new SQLException("conflict", "40001"))).isTrue();
    assertThat(SqlStates.isRetryable(new SQLException("deadlock", "40P01"))).isTrue();
    assertThat(SqlStates.isRetryable(new SQLException("dup", "23505"))).isFalse();
  }
}
