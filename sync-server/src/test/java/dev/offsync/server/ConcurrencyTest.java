package dev.offsync.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.offsync.server.testing.ServerTestSupport;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.MethodSource;
import software.amazon.awssdk.services.cognitosync.CognitoSyncClient;
import software.amazon.awssdk.services.cognitosync.model.ListRecordsResponse;
import software.amazon.awssdk.services.cognitosync.model.Record;
import software.amazon.awssdk.services.cognitosync.model.RecordPatch;
import software.amazon.awssdk.services.cognitosync.model.ResourceConflictException;

/** Lost updates and paging under concurrent writers. */
@ParameterizedClass(name = "[{index}] {0}")
@MethodSource("dev.offsync.server.testing.StoreFactories#all")
class ConcurrencyTest extends ServerTestSupport {
  private static final String IDENTITY = "us-east-1:11111111-2222-3333-4444-555555555555";

  @Test
  @Timeout(120)
  void sixteenThreadsIncrementingOneCounterEndAtTheExactTotal() throws Exception {
    int threads = 16;
    int incrementsEach = 10;
    AtomicInteger conflicts = new AtomicInteger();
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    try {
      List<Future<?>> futures = new ArrayList<>();
      for (int t = 0; t < threads; t++) {
        CognitoSyncClient client = developer();
        futures.add(pool.submit(() -> {
          for (int i = 0; i < incrementsEach; i++) {
            while (true) {
              ListRecordsResponse r = client.listRecords(q -> q.identityPoolId(POOL).identityId(IDENTITY)
                  .datasetName("counter"));
              Record current = r.records().stream().filter(x -> x.key().equals("n")).findFirst().orElse(null);
              long value = current == null ? 0 : Long.parseLong(current.value());
              long count = current == null ? 0 : current.syncCount();
              try {
                client.updateRecords(u -> u.identityPoolId(POOL).identityId(IDENTITY).datasetName("counter")
                    .syncSessionToken(r.syncSessionToken())
                    .recordPatches(RecordsApiTest.put("n", Long.toString(value + 1), count)));
                break;
              } catch (ResourceConflictException e) {
                conflicts.incrementAndGet();
              }
            }
          }
          return null;
        }));
      }
      for (Future<?> f : futures) {
        f.get(100, TimeUnit.SECONDS);
      }
    } finally {
      pool.shutdownNow();
    }
    ListRecordsResponse end = developer().listRecords(q -> q.identityPoolId(POOL).identityId(IDENTITY)
        .datasetName("counter"));
    assertThat(end.records()).singleElement().satisfies(r -> {
      assertThat(r.value()).isEqualTo(Integer.toString(threads * incrementsEach));
      assertThat(r.syncCount()).isEqualTo(threads * incrementsEach);
    });
    assertThat(end.datasetSyncCount()).isEqualTo(threads * incrementsEach); // exactly +1 per successful write
    assertThat(conflicts.get()).isPositive(); // the threads really did race
  }

  @Test
  void pagingNeverSkipsOrRepeatsWhileOthersCommitBetweenPages() {
    CognitoSyncClient c = developer();
    Map<String, Long> counts = new HashMap<>();
    List<RecordPatch> seed = new ArrayList<>();
    for (int i = 0; i < 100; i++) {
      seed.add(RecordsApiTest.put(String.format("k%03d", i), "v0", 0));
    }
    write(c, counts, seed);

    Map<String, String> client = new HashMap<>();
    Set<String> seenVersions = new HashSet<>();
    long previousCount = 0;
    String next = null;
    long datasetSyncCount = 0;
    int page = 0;
    do {
      String token = next;
      ListRecordsResponse r = c.listRecords(q -> q.identityPoolId(POOL).identityId(IDENTITY).datasetName("ds")
          .lastSyncCount(0L).maxResults(7).nextToken(token));
      for (Record rec : r.records()) {
        assertThat(seenVersions.add(rec.key() + "@" + rec.syncCount())).as("repeated " + rec.key()).isTrue();
        assertThat(rec.syncCount()).isGreaterThanOrEqualTo(previousCount);
        previousCount = rec.syncCount();
        if (rec.value() == null) {
          client.remove(rec.key());
        } else {
          client.put(rec.key(), rec.value());
        }
      }
      datasetSyncCount = r.datasetSyncCount();
      next = r.nextToken();
      page++;
      // between pages another writer rewrites a key not yet listed, one already listed, removes one, adds one
      if (page < 12) {
        String ahead = String.format("k%03d", 99 - page);
        String behind = String.format("k%03d", page);
        String removed = String.format("k%03d", 50 + page);
        write(c, counts, List.of(
            RecordsApiTest.put(ahead, "v" + page, counts.get(ahead)),
            RecordsApiTest.put(behind, "v" + page, counts.get(behind)),
            RecordsApiTest.remove(removed, counts.get(removed)),
            RecordsApiTest.put("new" + page, "n", 0)));
      }
    } while (next != null);

    // the client's view after the last page equals the server's state at that page's DatasetSyncCount
    ListRecordsResponse all = c.listRecords(q -> q.identityPoolId(POOL).identityId(IDENTITY).datasetName("ds"));
    assertThat(all.datasetSyncCount()).isEqualTo(datasetSyncCount);
    Map<String, String> server = new HashMap<>();
    for (Record rec : all.records()) {
      if (rec.value() != null) {
        server.put(rec.key(), rec.value());
      }
    }
    assertThat(client).isEqualTo(server);
    assertThat(server).containsKeys("new1", "new11", "k000", "k099").doesNotContainKey("k051");
    assertThat(server.get("k098")).isEqualTo("v1");
  }

  private void write(CognitoSyncClient c, Map<String, Long> counts, List<RecordPatch> patches) {
    String token = c.listRecords(q -> q.identityPoolId(POOL).identityId(IDENTITY).datasetName("ds"))
        .syncSessionToken();
    for (Record r : c.updateRecords(u -> u.identityPoolId(POOL).identityId(IDENTITY).datasetName("ds")
        .syncSessionToken(token).recordPatches(patches)).records()) {
      counts.put(r.key(), r.syncCount());
    }
  }
}
