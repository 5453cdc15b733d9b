package dev.offsync.server.postgres;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.offsync.server.internal.store.postgres.PostgresMigrations;
import dev.offsync.server.internal.store.postgres.PostgresSyncStore;
import dev.offsync.server.spi.BulkPublishState;
import dev.offsync.server.spi.BulkPublishStatus;
import dev.offsync.server.spi.DatasetId;
import dev.offsync.server.spi.DatasetState;
import dev.offsync.server.spi.StoreException;
import dev.offsync.server.spi.StoredRecord;
import dev.offsync.server.testing.OutboxChecks;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Store-level behaviour of the PostgreSQL store that the HTTP suites cannot reach directly. */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class PostgresSyncStoreTest {
  private static final String POOL = "us-east-1:0d3b5a52-5d1f-4c1b-9a4e-3c1f0e0c2a11";
  private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");

  private static Connection connect(String schema) throws SQLException {
    return DriverManager.getConnection(EmbeddedPostgresDatabase.jdbcUrl(schema), "postgres", "");
  }

  @Test
  void migratesAnOlderSchemaKeepingItsData() throws Exception {
    String schema = EmbeddedPostgresDatabase.newSchema();
    try (Connection c = connect(schema);
        Statement s = c.createStatement()) {
      // a database left by a v1 server (before the multi-instance tables)
      PostgresMigrations.migrate(c, 1);
      s.execute("INSERT INTO pools (pool_id, created_ms) VALUES ('" + POOL + "', 1)");
      s.execute("INSERT INTO datasets VALUES ('" + POOL + "', 'us-east-1:a', 'd', true, 7, 0, 1, 2, 'dev', 1, 5)");
      s.execute("INSERT INTO records VALUES ('" + POOL + "', 'us-east-1:a', 'd', 'k', 'vvvv', 7, 2, 'dev', NULL)");
      s.execute("INSERT INTO bulk_publish VALUES ('" + POOL + "', 'IN_PROGRESS', 1, NULL, NULL)");
      assertThat(PostgresMigrations.version(c)).isEqualTo(1);
    }
    try (PostgresSyncStore store = PostgresSyncStore.open(EmbeddedPostgresDatabase.config(schema))) {
      DatasetId id = new DatasetId(POOL, "us-east-1:a", "d");
      Optional<DatasetState> d = store.read(tx -> tx.dataset(id));
      assertThat(d).get().extracting(DatasetState::syncCount).isEqualTo(7L);
      assertThat(store.<Map<String, StoredRecord>>read(tx -> tx.records(id, List.of("k")))).containsKey("k");
      // a publish from before v2 has no owner: the start-up recovery may take it over
      assertThat(store.<List<BulkPublishState>>read(tx -> tx.bulkPublishes(BulkPublishStatus.IN_PROGRESS))).hasSize(1);
    }
    try (Connection c = connect(schema)) {
      assertThat(PostgresMigrations.version(c)).isEqualTo(PostgresMigrations.CURRENT_VERSION);
    }
  }

  @Test
  void aVersionTwoDatabaseGainsTheStreamOutboxKeepingItsData() throws Exception {
    String schema = EmbeddedPostgresDatabase.newSchema();
    try (Connection c = connect(schema);
        Statement s = c.createStatement()) {
      PostgresMigrations.migrate(c, 2);
      s.execute("INSERT INTO pools (pool_id, created_ms) VALUES ('" + POOL + "', 1)");
      s.execute("INSERT INTO pool_sync_sessions VALUES ('" + POOL + "', 0, 3)");
      s.execute("INSERT INTO datasets VALUES ('" + POOL + "', 'us-east-1:a', 'd', true, 7, 0, 1, 2, 'dev', 1, 5)");
      s.execute("INSERT INTO records VALUES ('" + POOL + "', 'us-east-1:a', 'd', 'k', 'vvvv', 7, 2, 'dev', NULL)");
      s.execute("INSERT INTO server_secrets (name, secret)"
          + " VALUES ('server-key', '\\x00112233445566778899aabbccddeeff')");
      assertThat(PostgresMigrations.version(c)).isEqualTo(2);
    }
    try (PostgresSyncStore store = PostgresSyncStore.open(EmbeddedPostgresDatabase.config(schema))) {
      DatasetId id = new DatasetId(POOL, "us-east-1:a", "d");
      assertThat(store.<java.util.Optional<DatasetState>>read(tx -> tx.dataset(id))).get().extracting(DatasetState::syncCount).isEqualTo(7L);
      assertThat(store.<Map<String, StoredRecord>>read(tx -> tx.records(id, List.of("k"))).get("k").value())
          .isEqualTo("vvvv");
      assertThat(store.<java.util.Optional<dev.offsync.server.spi.PoolUsage>>read(tx -> tx.poolUsage(POOL))).get().extracting(u -> u.syncSessionsCount()).isEqualTo(3L);
      assertThat(store.sharedSecret("server-key", 16)).get().extracting(b -> b.length).isEqualTo(16);
      OutboxChecks.roundTrip(store, POOL);
    }
    try (Connection c = connect(schema)) {
      assertThat(PostgresMigrations.version(c)).isEqualTo(PostgresMigrations.CURRENT_VERSION);
    }
  }

  @Test
  void refusesASchemaNewerThanItsCode() throws Exception {
    String schema = EmbeddedPostgresDatabase.newSchema();
    PostgresSyncStore.open(EmbeddedPostgresDatabase.config(schema)).close();
    try (Connection c = connect(schema);
        Statement s = c.createStatement()) {
      s.execute("UPDATE offsync_schema SET version = 99");
    }
    assertThatThrownBy(() -> PostgresSyncStore.open(EmbeddedPostgresDatabase.config(schema)))
        .isInstanceOf(StoreException.class)
        .hasMessageContaining("newer");
  }

  @Test
  void instancesOpeningOneDatabaseAtOnceMigrateItOnce() throws Exception {
    // several rounds on fresh schemas, all instances released at once: the race on creating the version table
    // (PostgreSQL reports it as 23505, 42P07 or 42710 depending on timing) must never fail an instance
    int instances = 6;
    for (int round = 0; round < 5; round++) {
      String schema = EmbeddedPostgresDatabase.newSchema();
      ExecutorService pool = Executors.newFixedThreadPool(instances);
      CyclicBarrier start = new CyclicBarrier(instances);
      try {
        List<Future<PostgresSyncStore>> opened = new ArrayList<>();
        for (int i = 0; i < instances; i++) {
          opened.add(pool.submit(() -> {
            start.await(30, TimeUnit.SECONDS);
            return PostgresSyncStore.open(EmbeddedPostgresDatabase.config(schema));
          }));
        }
        for (Future<PostgresSyncStore> f : opened) {
          f.get(60, TimeUnit.SECONDS).close();
        }
      } finally {
        pool.shutdownNow();
      }
      try (Connection c = connect(schema)) {
        assertThat(PostgresMigrations.version(c)).isEqualTo(PostgresMigrations.CURRENT_VERSION);
      }
    }
  }

  @Test
  void anInstanceThatLosesTheRaceToCreateTheVersionTableStillOpens() throws Exception {
    // deterministic form of the start-up race: another session has created the version table but not yet
    // committed; our CREATE ... IF NOT EXISTS blocks on the catalog, then fails with a duplicate when it commits
    String schema = EmbeddedPostgresDatabase.newSchema();
    ExecutorService pool = Executors.newSingleThreadExecutor();
    try (Connection other = connect(schema)) {
      other.setAutoCommit(false);
      try (Statement s = other.createStatement()) {
        s.execute("CREATE TABLE offsync_schema (id INTEGER NOT NULL PRIMARY KEY CHECK (id = 1),"
            + " version INTEGER NOT NULL)");
      }
      Future<PostgresSyncStore> opening = pool.submit(() -> PostgresSyncStore.open(EmbeddedPostgresDatabase.config(schema)));
      awaitABlockedLockRequest(other, opening);
      other.commit();
      opening.get(60, TimeUnit.SECONDS).close();
    } finally {
      pool.shutdownNow();
    }
    try (Connection c = connect(schema)) {
      assertThat(PostgresMigrations.version(c)).isEqualTo(PostgresMigrations.CURRENT_VERSION);
    }
  }

  /** Polls pg_locks (bounded) until some session waits for a lock, i.e. the opening instance is blocked. */
  private static void awaitABlockedLockRequest(Connection observer, Future<?> opening) throws Exception {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    try (Connection c = DriverManager.getConnection(EmbeddedPostgresDatabase.jdbcUrl("public"), "postgres", "");
        Statement s = c.createStatement()) {
      while (System.nanoTime() < deadline) {
        if (opening.isDone()) {
          opening.get(); // surfaces the failure, if it failed without waiting
          throw new AssertionError("the instance opened while the other session's CREATE was uncommitted");
        }
        try (ResultSet rs = s.executeQuery("SELECT count(*) FROM pg_locks WHERE NOT granted")) {
          rs.next();
          if (rs.getInt(1) > 0) {
            return;
          }
        }
      }
    }
    throw new AssertionError("the opening instance never blocked on the uncommitted CREATE");
  }

  @Test
  void concurrentReadModifyWriteOnOneDatasetNeverLosesAnUpdate() throws Exception {
    DatasetId id = new DatasetId(POOL, "us-east-1:counter", "c");
    int threads = 12;
    int perThread = 25;
    try (PostgresSyncStore store = EmbeddedPostgresDatabase.storeFor(java.nio.file.Path.of("/rmw/" + System.nanoTime()))) {
      store.write(tx -> tx.createPoolIfAbsent(POOL, T0));
      ExecutorService pool = Executors.newFixedThreadPool(threads);
      try {
        List<Future<?>> done = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
          done.add(pool.submit(() -> {
            for (int i = 0; i < perThread; i++) {
              store.write(tx -> {
                Optional<DatasetState> found = tx.dataset(id);
                Map<String, StoredRecord> cur = tx.records(id, List.of("n"));
                long n = cur.containsKey("n") ? Long.parseLong(cur.get("n").value()) : 0;
                long count = found.map(DatasetState::syncCount).orElse(0L) + 1;
                tx.putRecords(id, List.of(new StoredRecord("n", Long.toString(n + 1), count, T0, "t", null)));
                tx.putDataset(found.map(DatasetState::toBuilder).orElseGet(() -> DatasetState.newBuilder(id)
                        .creationDate(T0)).live(true).syncCount(count).lastModifiedDate(T0).numRecords(1)
                    .build());
                tx.addSyncSessions(POOL, 1);
                return null;
              });
            }
            return null;
          }));
        }
        for (Future<?> f : done) {
          f.get(90, TimeUnit.SECONDS);
        }
      } finally {
        pool.shutdownNow();
      }
      long total = (long) threads * perThread;
      assertThat(store.read(tx -> tx.records(id, List.of("n"))).get("n").value()).isEqualTo(Long.toString(total));
      assertThat(store.read(tx -> tx.dataset(id)).orElseThrow().syncCount()).isEqualTo(total);
      assertThat(store.read(tx -> tx.poolUsage(POOL)).orElseThrow().syncSessionsCount()).isEqualTo(total);
    }
  }

  @Test
  void deadlocksAreRetriedInsideTheStore() throws Exception {
    // two writers locking two identities in opposite orders: PostgreSQL kills one with 40P01, the store re-runs it
    try (PostgresSyncStore store = EmbeddedPostgresDatabase.storeFor(java.nio.file.Path.of("/dl/" + System.nanoTime()))) {
      store.write(tx -> tx.createPoolIfAbsent(POOL, T0));
      java.util.concurrent.CyclicBarrier bothLocked = new java.util.concurrent.CyclicBarrier(2);
      ExecutorService pool = Executors.newFixedThreadPool(2);
      try {
        List<Future<Integer>> done = new ArrayList<>();
        for (String[] order : new String[][] {{"us-east-1:a", "us-east-1:b"}, {"us-east-1:b", "us-east-1:a"}}) {
          done.add(pool.submit(() -> {
            int[] attempts = {0};
            store.write(tx -> {
              attempts[0]++;
              tx.createIdentityIfAbsent(POOL, order[0], T0);
              if (attempts[0] == 1) {
                try {
                  bothLocked.await(30, TimeUnit.SECONDS);
                } catch (Exception e) {
                  throw new IllegalStateException(e);
                }
              }
              tx.createIdentityIfAbsent(POOL, order[1], T0);
              return null;
            });
            return attempts[0];
          }));
        }
        int total = done.get(0).get(60, TimeUnit.SECONDS) + done.get(1).get(60, TimeUnit.SECONDS);
        // the deadlock's victim runs again: 3 attempts. PostgreSQL's row locks are not granted in queue order, so
        // on a loaded machine the victim's re-run can take its first row back before the survivor wakes, and the
        // two deadlock once more (CI saw 4 attempts). Either way both writers succeed, and every attempt beyond
        // one per writer is a retry the store made and counted.
        assertThat(total).isGreaterThanOrEqualTo(3);
        assertThat(store.retriedTransactions()).isEqualTo(total - 2);
      } finally {
        pool.shutdownNow();
      }
      assertThat(store.<Boolean>read(tx -> tx.identityExists(POOL, "us-east-1:a") && tx.identityExists(POOL, "us-east-1:b")))
          .isTrue();
    }
  }

  @Test
  void sharedSecretIsTheSameForEveryInstance() {
    String schema = EmbeddedPostgresDatabase.newSchema();
    try (PostgresSyncStore a = PostgresSyncStore.open(EmbeddedPostgresDatabase.config(schema));
        PostgresSyncStore b = PostgresSyncStore.open(EmbeddedPostgresDatabase.config(schema))) {
      byte[] key = a.sharedSecret("server-key", 32).orElseThrow();
      assertThat(key).hasSize(32);
      assertThat(b.sharedSecret("server-key", 32).orElseThrow()).isEqualTo(key);
      assertThat(b.sharedSecret("other", 32).orElseThrow()).isNotEqualTo(key);
    }
  }

  @Test
  void aBulkPublishBelongsToItsLiveInstanceAndFailsWhenThatInstanceIsGone() {
    String schema = EmbeddedPostgresDatabase.newSchema();
    try (PostgresSyncStore b = PostgresSyncStore.open(EmbeddedPostgresDatabase.config(schema)
        .withInstanceLease(Duration.ofSeconds(30)))) {
      PostgresSyncStore a = PostgresSyncStore.open(EmbeddedPostgresDatabase.config(schema));
      a.write(tx -> tx.createPoolIfAbsent(POOL, T0));
      a.write(tx -> {
        tx.putBulkPublish(new BulkPublishState(POOL, BulkPublishStatus.IN_PROGRESS, T0, null, null));
        return null;
      });
      // a is alive: b sees the publish running and leaves it alone at start-up recovery
      assertThat(b.<Optional<BulkPublishState>>read(tx -> tx.bulkPublish(POOL))).get().extracting(BulkPublishState::status)
          .isEqualTo(BulkPublishStatus.IN_PROGRESS);
      assertThat(b.<List<BulkPublishState>>read(tx -> tx.bulkPublishes(BulkPublishStatus.IN_PROGRESS))).isEmpty();
      // a stops without finishing: its publish reads as FAILED everywhere, and may be taken over
      a.close();
      BulkPublishState seen = b.read(tx -> tx.bulkPublish(POOL)).orElseThrow();
      assertThat(seen.status()).isEqualTo(BulkPublishStatus.FAILED);
      assertThat(seen.failureMessage()).contains("Interrupted");
      assertThat(b.<List<BulkPublishState>>read(tx -> tx.bulkPublishes(BulkPublishStatus.IN_PROGRESS))).hasSize(1);
      assertThat(b.<List<BulkPublishState>>read(tx -> tx.bulkPublishes(BulkPublishStatus.FAILED))).hasSize(1);
    }
  }

  @Test
  void keysPageInCodePointOrderLikeSqlite() {
    try (PostgresSyncStore store = EmbeddedPostgresDatabase.storeFor(java.nio.file.Path.of("/order/" + System.nanoTime()))) {
      DatasetId id = new DatasetId(POOL, "us-east-1:o", "d");
      List<String> keys = List.of("b", "B", "a", "é", "Z", "_", "aa", "\uD83D\uDE00", "ß");
      List<StoredRecord> recs = new ArrayList<>();
      for (String k : keys) {
        recs.add(new StoredRecord(k, k, 1, T0, null, null));
      }
      store.write(tx -> {
        tx.putRecords(id, recs);
        return null;
      });
      List<String> scanned = new ArrayList<>();
      store.read(tx -> {
        tx.scanRecords(id, 0, null, 100, r -> scanned.add(r.key()));
        return null;
      });
      List<String> expected = new ArrayList<>(keys);
      expected.sort((x, y) -> java.util.Arrays.compareUnsigned(
          x.getBytes(java.nio.charset.StandardCharsets.UTF_8), y.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
      assertThat(scanned).containsExactlyElementsOf(expected);
      List<String> afterA = new ArrayList<>();
      store.read(tx -> {
        tx.scanRecords(id, 1, "a", 100, r -> afterA.add(r.key()));
        return null;
      });
      assertThat(afterA).containsExactlyElementsOf(expected.subList(expected.indexOf("a") + 1, expected.size()));
    }
  }

  @Test
  void readsSeeOneSnapshot() throws Exception {
    try (PostgresSyncStore store = EmbeddedPostgresDatabase.storeFor(java.nio.file.Path.of("/snap/" + System.nanoTime()))) {
      store.write(tx -> tx.createPoolIfAbsent(POOL, T0));
      boolean[] sawNew = {false};
      store.read(tx -> {
        assertThat(tx.poolExists("us-east-1:00000000-0000-4000-8000-000000000001")).isFalse();
        store.write(w -> w.createPoolIfAbsent("us-east-1:00000000-0000-4000-8000-000000000001", T0));
        sawNew[0] = tx.poolExists("us-east-1:00000000-0000-4000-8000-000000000001");
        return null;
      });
      assertThat(sawNew[0]).isFalse();
      assertThat(store.<Boolean>read(tx -> tx.poolExists("us-east-1:00000000-0000-4000-8000-000000000001"))).isTrue();
    }
  }

  @Test
  void countsPoolsWithoutResultSetSurprises() throws Exception {
    String schema = EmbeddedPostgresDatabase.newSchema();
    try (PostgresSyncStore store = PostgresSyncStore.open(EmbeddedPostgresDatabase.config(schema))) {
      store.write(tx -> tx.createPoolIfAbsent(POOL, T0));
      assertThat(store.<Boolean>write(tx -> tx.createPoolIfAbsent(POOL, T0))).isFalse();
    }
    try (Connection c = connect(schema);
        Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM store_instances")) {
      rs.next();
      assertThat(rs.getInt(1)).as("a closed store leaves the instance registry").isZero();
    }
  }
}
