package dev.offsync.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.offsync.server.testing.ServerTestSupport;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.MethodSource;
import software.amazon.awssdk.services.cognitosync.CognitoSyncClient;
import software.amazon.awssdk.services.cognitosync.model.InternalErrorException;
import software.amazon.awssdk.services.cognitosync.model.InvalidLambdaFunctionOutputException;
import software.amazon.awssdk.services.cognitosync.model.Operation;
import software.amazon.awssdk.services.cognitosync.model.RecordPatch;

/**
 * An in-process {@link dev.offsync.server.spi.SyncTrigger} (the embedding alternative to a webhook) that fails with
 * an {@code Error} is the function's failure, answered like a Lambda that threw, never a 500.
 */
@ParameterizedClass(name = "[{index}] {0}")
@MethodSource("dev.offsync.server.testing.StoreFactories#all")
@Timeout(60)
class EmbeddedSyncTriggerTest extends ServerTestSupport {
  private static final String FUNCTION = "arn:aws:lambda:us-east-1:123456789012:function:embedded";
  private static final String DATASET = "game";
  private final AtomicReference<Error> toThrow = new AtomicReference<>();

  @Override
  protected void configure(SyncServer.Builder b) {
    b.syncTrigger((arn, event) -> {
      Error e = toThrow.get();
      if (e != null) {
        throw e;
      }
      return event;
    });
  }

  private void update(CognitoSyncClient c, Identity who) {
    String token = c.listRecords(r -> r.identityPoolId(who.poolId()).identityId(who.identityId())
        .datasetName(DATASET)).syncSessionToken();
    c.updateRecords(r -> r.identityPoolId(who.poolId()).identityId(who.identityId()).datasetName(DATASET)
        .syncSessionToken(token).recordPatches(
            RecordPatch.builder().op(Operation.REPLACE).key("a").value("1").syncCount(0L).build()));
  }

  @Test
  void aTriggerFailingWithAnErrorIsInvalidLambdaFunctionOutputAndWritesNothing() {
    developer().setCognitoEvents(r -> r.identityPoolId(POOL).events(Map.of("SyncTrigger", FUNCTION)));
    Identity me = newIdentity(POOL);
    CognitoSyncClient app = syncClient(me.credentials());

    for (Error e : new Error[] {new AssertionError("a bug in the trigger"), new NoClassDefFoundError("Missing"),
        new StackOverflowError()}) {
      toThrow.set(e);
      assertThatThrownBy(() -> update(app, me)).isInstanceOf(InvalidLambdaFunctionOutputException.class);
    }
    assertThat(developer().listRecords(r -> r.identityPoolId(POOL).identityId(me.identityId())
        .datasetName(DATASET)).datasetExists()).isFalse();

    toThrow.set(null);
    update(app, me); // the same request goes through once the function works
    assertThat(developer().listRecords(r -> r.identityPoolId(POOL).identityId(me.identityId())
        .datasetName(DATASET)).records()).extracting(r -> r.value()).containsExactly("1");
  }

  @Test
  void aVirtualMachineErrorIsA500WhoseMessageNamesNoInternals() {
    developer().setCognitoEvents(r -> r.identityPoolId(POOL).events(Map.of("SyncTrigger", FUNCTION)));
    Identity me = newIdentity(POOL);
    CognitoSyncClient app = syncClient(me.credentials());
    toThrow.set(new InternalError("internal-detail-7c1f"));

    assertThatThrownBy(() -> update(app, me))
        .isInstanceOfSatisfying(InternalErrorException.class, e -> {
          assertThat(e.statusCode()).isEqualTo(500);
          assertThat(e.getMessage()).doesNotContain("internal-detail-7c1f").doesNotContain("java.lang");
        });
    assertThat(developer().listRecords(r -> r.identityPoolId(POOL).identityId(me.identityId())
        .datasetName(DATASET)).datasetExists()).isFalse();
  }
}
