package dev.offsync.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.offsync.server.testing.CapturingStreamSink;
import dev.offsync.server.testing.CapturingStreamSink.Published;
import dev.offsync.server.testing.RawClient;
import dev.offsync.server.testing.ServerTestSupport;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.MethodSource;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.services.cognitosync.CognitoSyncClient;
import software.amazon.awssdk.services.cognitosync.model.Operation;
import software.amazon.awssdk.services.cognitosync.model.StreamingStatus;

/** Imported writes are not Cognito Streams changes: a streaming pool publishes only what devices write after. */
@ParameterizedClass(name = "[{index}] {0}")
@MethodSource("dev.offsync.server.testing.StoreFactories#all")
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class ImportStreamsTest extends ServerTestSupport {
  private static final String IDENTITY = "us-east-1:11111111-2222-3333-4444-555555555555";
  private final CapturingStreamSink sink = new CapturingStreamSink();

  @Override
  protected void configure(SyncServer.Builder b) {
    b.streamSink(sink).streamRetryBackoff(Duration.ofMillis(1), Duration.ofMillis(20));
  }

  @Test
  void anImportPublishesNothingAndTheNextWriteIsPublishedWithTheImportedNumbering() throws Exception {
    developer().setIdentityPoolConfiguration(r -> r.identityPoolId(POOL)
        .cognitoStreams(s -> s.streamName("changes").roleArn("arn:aws:iam::123456789012:role/streams")
            .streamingStatus(StreamingStatus.ENABLED)));
    RawClient.Reply imported = raw().signed(AwsBasicCredentials.create(DEV_KEY, DEV_SECRET), clock, "POST",
        "/identitypools/" + POOL.replace(":", "%3A") + "/identities/" + IDENTITY.replace(":", "%3A")
            + "/datasets/settings/import",
        "{\"Dataset\":{\"SyncCount\":7,\"CreationDate\":1600000000,\"LastModifiedDate\":1600000700},"
            + "\"Records\":[{\"Key\":\"theme\",\"Value\":\"dark\",\"SyncCount\":7,\"LastModifiedDate\":1600000700}]}");
    assertThat(imported.status()).as(imported.body()).isEqualTo(200);
    CognitoSyncClient dev = developer();
    String token = dev.listRecords(r -> r.identityPoolId(POOL).identityId(IDENTITY).datasetName("settings"))
        .syncSessionToken();
    dev.updateRecords(r -> r.identityPoolId(POOL).identityId(IDENTITY).datasetName("settings")
        .syncSessionToken(token).recordPatches(p -> p.op(Operation.REPLACE).key("theme").value("light")
            .syncCount(7L)));
    // the outbox keeps each dataset's commit order: had the import been queued, it would come first
    List<Published> lines = sink.take(1);
    assertThat(lines.get(0).json().get("syncCount").asLong()).isEqualTo(8L);
    assertThat(lines.get(0).json().at("/kinesisSyncRecords/0/value").asText()).isEqualTo("light");
    assertThat(sink.untaken()).isZero();
  }
}
