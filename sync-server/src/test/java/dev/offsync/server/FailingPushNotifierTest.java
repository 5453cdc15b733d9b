package dev.offsync.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.offsync.server.testing.ServerTestSupport;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.MethodSource;
import software.amazon.awssdk.services.cognitosync.CognitoSyncClient;
import software.amazon.awssdk.services.cognitosync.model.Operation;
import software.amazon.awssdk.services.cognitosync.model.Platform;
import software.amazon.awssdk.services.cognitosync.model.RecordPatch;

/**
 * A push notifier runs after the change committed: whatever its bug (an exception or an {@code Error} such as a
 * failed assertion), the UpdateRecords is acknowledged, so the client does not take a committed write for a failed
 * one.
 */
@ParameterizedClass(name = "[{index}] {0}")
@MethodSource("dev.offsync.server.testing.StoreFactories#all")
@Timeout(60)
class FailingPushNotifierTest extends ServerTestSupport {
  private final AtomicInteger calls = new AtomicInteger();

  @Override
  protected void configure(SyncServer.Builder b) {
    b.pushNotifier(n -> {
      calls.incrementAndGet();
      throw new AssertionError("a bug in the notifier");
    });
  }

  @Test
  void aNotifierFailingWithAnErrorDoesNotFailTheCommittedUpdate() {
    Identity me = newIdentity(POOL);
    CognitoSyncClient app = syncClient(me.credentials());
    String device = app.registerDevice(r -> r.identityPoolId(POOL).identityId(me.identityId())
        .platform(Platform.GCM).token("push-token")).deviceId();
    app.subscribeToDataset(r -> r.identityPoolId(POOL).identityId(me.identityId()).datasetName("d")
        .deviceId(device));
    String token = app.listRecords(r -> r.identityPoolId(POOL).identityId(me.identityId()).datasetName("d"))
        .syncSessionToken();

    var written = app.updateRecords(r -> r.identityPoolId(POOL).identityId(me.identityId()).datasetName("d")
        .syncSessionToken(token).recordPatches(
            RecordPatch.builder().op(Operation.REPLACE).key("k").value("v").syncCount(0L).build()));

    assertThat(written.records()).extracting(rec -> rec.key()).containsExactly("k");
    assertThat(calls.get()).isEqualTo(1);
  }
}
