package dev.offsync.http;

import static dev.offsync.http.Fixtures.IDENTITY;
import static dev.offsync.http.Fixtures.POOL;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.offsync.ConflictException;
import dev.offsync.DatasetNotFoundException;
import dev.offsync.NetworkException;
import dev.offsync.ServiceException;
import dev.offsync.ThrottledException;
import dev.offsync.spi.RecordPatch;
import io.reactivex.rxjava3.core.Single;
import io.reactivex.rxjava3.schedulers.Schedulers;
import java.net.InetAddress;
import java.time.Duration;
import java.time.Instant;
import java.util.Collections;
import java.util.concurrent.TimeUnit;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.SocketEffect;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** CognitoSyncRemoteStore turns the client's failures into sync-core's typed errors, as the SPI demands. */
class RemoteStoreErrorMappingTest {
  private final MockWebServer server = new MockWebServer();
  private CognitoSyncClient client;
  private CognitoSyncRemoteStore store;

  @BeforeEach
  void start() throws Exception {
    server.start(InetAddress.getLoopbackAddress(), 0);
    client =
        Fixtures.client(server, new RecordingSleeper())
            .retryPolicy(RetryPolicy.none())
            // bounds the one stalled response; generous enough that no prompt answer times out on a loaded machine
            .readTimeout(Duration.ofSeconds(2))
            .build();
    store = CognitoSyncRemoteStore.create(client, POOL, Schedulers.trampoline());
  }

  @AfterEach
  void stop() {
    client.close();
    server.close();
  }

  private Throwable failureOf(Single<?> single) {
    Throwable error = catchThrowable(() -> single.timeout(30, TimeUnit.SECONDS).blockingGet());
    assertThat(error).as("the call fails").isNotNull();
    return error;
  }

  private Throwable describe(MockResponse response) {
    server.enqueue(response);
    return failureOf(store.describeDataset(IDENTITY, "d"));
  }

  @Test
  void serviceErrorsBecomeSyncCoreErrors() {
    assertThat(describe(Fixtures.error(409, "ResourceConflictException", "Current SyncCount for: k is: 2 not: 1")))
        .isInstanceOf(ConflictException.class)
        .hasMessage("Current SyncCount for: k is: 2 not: 1");
    assertThat(describe(Fixtures.error(400, "InvalidParameterException", "Current SyncCount for: k is: 2 not: 1")))
        .isInstanceOf(ConflictException.class);
    assertThat(describe(Fixtures.error(400, "InvalidParameterException", "No such SyncCount")))
        .isInstanceOf(dev.offsync.InvalidParameterException.class);
    assertThat(describe(Fixtures.error(400, "LimitExceededException", "too many")))
        .isInstanceOf(dev.offsync.LimitExceededException.class);
    assertThat(describe(Fixtures.error(403, "NotAuthorizedException", "no")))
        .isInstanceOf(dev.offsync.NotAuthorizedException.class);
    assertThat(describe(Fixtures.error(403, "InvalidSignatureException", "bad signature")))
        .isInstanceOf(dev.offsync.NotAuthorizedException.class);
    assertThat(describe(Fixtures.error(404, "ResourceNotFoundException", "gone")))
        .isInstanceOf(DatasetNotFoundException.class);
    Throwable throttled =
        describe(new MockResponse.Builder(Fixtures.error(429, "TooManyRequestsException", "slow"))
            .addHeader("Retry-After", "7").build());
    assertThat(throttled).isInstanceOf(ThrottledException.class);
    assertThat(((ThrottledException) throttled).retryAfter()).isEqualTo(Duration.ofSeconds(7));
    Throwable internal = describe(Fixtures.error(500, "InternalErrorException", "oops"));
    assertThat(internal).isInstanceOf(ServiceException.class);
    assertThat(((ServiceException) internal).isRetryable()).isTrue();
    assertThat(((ServiceException) internal).statusCode()).isEqualTo(500);
    assertThat(describe(Fixtures.json(200, "{\"Dataset\":"))).isInstanceOf(ServiceException.class);
  }

  @Test
  void wellFormedJsonMissingWhatTheStoreNeedsIsAServiceException() {
    // valid JSON, so the client accepts it, but the store cannot build sync-core's value from it
    assertThat(describe(Fixtures.json(200, "{}")))
        .isInstanceOf(ServiceException.class)
        .hasMessageContaining("DescribeDataset returned no Dataset");
    server.enqueue(Fixtures.json(200, "{\"Datasets\":[{\"NumRecords\":1}]}"));
    assertThat(failureOf(store.listDatasets(IDENTITY, null, 64))).isInstanceOf(ServiceException.class);
    server.enqueue(Fixtures.json(200, "{\"Records\":[{\"Value\":\"v\",\"SyncCount\":1}]}"));
    assertThat(failureOf(store.listRecords(IDENTITY, "d", 0, null, 1024, null)))
        .isInstanceOf(ServiceException.class);
  }

  @Test
  void ioFailuresAreNetworkErrors() {
    assertThat(describe(new MockResponse.Builder().onResponseStart(SocketEffect.Stall.INSTANCE).build()))
        .isInstanceOf(NetworkException.class);
  }

  @Test
  void argumentsTheModelRejectsFailTheSingleWithoutAnyRequest() {
    Single<?> call =
        store.updateRecords(
            IDENTITY,
            "bad name!",
            Collections.singletonList(RecordPatch.replace("k", "v", 0, Instant.EPOCH)),
            "token",
            null);
    assertThat(failureOf(call))
        .isInstanceOf(dev.offsync.InvalidParameterException.class)
        .hasMessageContaining("datasetName");
    assertThat(server.getRequestCount()).isZero();
  }

  @Test
  void pagesMapAllMembers() throws Exception {
    server.enqueue(Fixtures.json(200, "{\"Records\":[{\"Key\":\"a\",\"Value\":\"1\",\"SyncCount\":2},"
        + "{\"Key\":\"b\",\"SyncCount\":3}],\"NextToken\":\"n\",\"DatasetSyncCount\":3,\"DatasetExists\":true,"
        + "\"DatasetDeletedAfterRequestedSyncCount\":false,\"MergedDatasetNames\":[\"m\"],\"SyncSessionToken\":\"s\"}"));
    dev.offsync.spi.RecordPage page =
        store.listRecords(IDENTITY, "d", 1, null, 1024, null).blockingGet();
    assertThat(page.records()).extracting(r -> r.key()).containsExactly("a", "b");
    assertThat(page.records().get(1).isDeleted()).isTrue();
    assertThat(page.nextToken()).isEqualTo("n");
    assertThat(page.datasetSyncCount()).isEqualTo(3L);
    assertThat(page.datasetExists()).isTrue();
    assertThat(page.mergedDatasetNames()).containsExactly("m");
    assertThat(page.syncSessionToken()).isEqualTo("s");
    assertThat(server.takeRequest().getTarget()).endsWith("/records?lastSyncCount=1&maxResults=1024");

    server.enqueue(Fixtures.json(200, "{\"Datasets\":[{\"DatasetName\":\"x\",\"NumRecords\":2,\"DataStorage\":9}],"
        + "\"NextToken\":\"t2\"}"));
    dev.offsync.spi.DatasetPage datasets = store.listDatasets(IDENTITY, "t1", 64).blockingGet();
    assertThat(datasets.datasets()).extracting(d -> d.recordCount()).containsExactly(2L);
    assertThat(datasets.nextToken()).isEqualTo("t2");
    assertThat(server.takeRequest().getTarget()).endsWith("/datasets?nextToken=t1&maxResults=64");
  }
}
