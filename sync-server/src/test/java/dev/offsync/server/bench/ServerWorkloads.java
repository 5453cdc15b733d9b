package dev.offsync.server.bench;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.cognitosync.CognitoSyncClient;
import software.amazon.awssdk.services.cognitosync.model.ListRecordsResponse;
import software.amazon.awssdk.services.cognitosync.model.Operation;
import software.amazon.awssdk.services.cognitosync.model.RecordPatch;

/** UpdateRecords and ListRecords through a running server, driven by the AWS SDK for Java v2 (one client each). */
final class ServerWorkloads {
  static final String KEY_ID = "AKIABENCHMARK0001";
  static final String SECRET = "bench-secret-0001";

  private ServerWorkloads() {}

  private static CognitoSyncClient client(URI endpoint) {
    return CognitoSyncClient.builder()
        .endpointOverride(endpoint)
        .region(Region.US_EAST_1)
        .httpClient(UrlConnectionHttpClient.create())
        .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(KEY_ID, SECRET)))
        .overrideConfiguration(o -> o.retryStrategy(AwsRetryStrategy.doNotRetry()))
        .build();
  }

  private static String newIdentity() {
    return "us-east-1:" + UUID.randomUUID();
  }

  private static List<RecordPatch> patches(int n, long syncCount) {
    List<RecordPatch> out = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      out.add(RecordPatch.builder().op(Operation.REPLACE).key(BenchShape.key(i)).value(BenchShape.VALUE)
          .syncCount(syncCount).build());
    }
    return out;
  }

  /** A client on its own identity rewriting the same keys: each call is one successful UpdateRecords. */
  static BenchWorkload update(URI endpoint) {
    CognitoSyncClient c = client(endpoint);
    String identity = newIdentity();
    String token = c.listRecords(r -> r.identityPoolId(BenchShape.POOL).identityId(identity)
        .datasetName(BenchShape.DATASET)).syncSessionToken();
    return new BenchWorkload() {
      long syncCount;

      @Override
      public void run() {
        syncCount = c.updateRecords(r -> r.identityPoolId(BenchShape.POOL).identityId(identity)
            .datasetName(BenchShape.DATASET).syncSessionToken(token)
            .recordPatches(patches(BenchShape.PATCHES_PER_UPDATE, syncCount)))
            .records().get(0).syncCount();
      }

      @Override
      public void close() {
        c.close();
      }
    };
  }

  /** A client on its own identity reading its whole dataset of {@link BenchShape#RECORDS_PER_LIST} records. */
  static BenchWorkload list(URI endpoint) {
    CognitoSyncClient c = client(endpoint);
    String identity = newIdentity();
    String token = c.listRecords(r -> r.identityPoolId(BenchShape.POOL).identityId(identity)
        .datasetName(BenchShape.DATASET)).syncSessionToken();
    c.updateRecords(r -> r.identityPoolId(BenchShape.POOL).identityId(identity).datasetName(BenchShape.DATASET)
        .syncSessionToken(token).recordPatches(patches(BenchShape.RECORDS_PER_LIST, 0)));
    return new BenchWorkload() {
      @Override
      public void run() {
        ListRecordsResponse r = c.listRecords(q -> q.identityPoolId(BenchShape.POOL).identityId(identity)
            .datasetName(BenchShape.DATASET).lastSyncCount(0L));
        if (r.records().size() != BenchShape.RECORDS_PER_LIST) {
          throw new IllegalStateException("expected " + BenchShape.RECORDS_PER_LIST + " records, got "
              + r.records().size());
        }
      }

      @Override
      public void close() {
        c.close();
      }
    };
  }
}
