package dev.offsync.regression;

import org.junit.jupiter.api.extension.ExtendWith;
import dev.offsync.testing.NoUndeliverableErrors;
import static dev.offsync.regression.Env.DS;
import static dev.offsync.regression.Env.ID;
import static dev.offsync.regression.Env.edited;
import static dev.offsync.regression.Env.map;
import static dev.offsync.regression.Env.synced;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.offsync.ConflictException;
import dev.offsync.ConflictResolvers;
import dev.offsync.ConflictRetriesExhaustedException;
import dev.offsync.Dataset;
import dev.offsync.DatasetMetadata;
import dev.offsync.IdentityChangedException;
import dev.offsync.InvalidParameterException;
import dev.offsync.LimitExceededException;
import dev.offsync.ManualIdentityProvider;
import dev.offsync.SyncClient;
import dev.offsync.SyncException;
import dev.offsync.SyncReport;
import dev.offsync.ValidationException;
import dev.offsync.testing.FakeRemoteStore;
import dev.offsync.testing.FakeRemoteStore.Operation;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * One test per GitHub issue of reference-clients.md §6 that applies to a client library (issue 3 is the
 * same defect as §2.6-1 and issue 17 has no established cause: see README.md). Each is named after the
 * issue.
 */
@ExtendWith(NoUndeliverableErrors.class)
class GithubIssuesRegressionTest {
  private static final String OTHER_ID = "us-east-1:bbbbbbbb-0000-0000-0000-000000000002";
  private final Env env = new Env();

  private static char[] chars(int n, char c) {
    char[] a = new char[n];
    Arrays.fill(a, c);
    return a;
  }

  /**
   * §6-1 (aws-sdk-android#3515): "exceeded the maximum retries" with no cause. When every push keeps
   * conflicting, the sync ends after the configured attempts with a typed error carrying the server's
   * message and the conflict as its cause.
   */
  @Test
  void Issue3515_exhaustedConflictRetriesCarryTheServersMessage() {
    SyncClient client = env.client(ConflictResolvers.localWins());
    Dataset ds = client.dataset(DS);
    ds.put("history2", "mine");
    int[] n = {0};
    env.remote.on(Operation.UPDATE_RECORDS).runBefore(FakeRemoteStore.ALWAYS,
        call -> env.otherDeviceWrites(DS, "history2", "theirs-" + (++n[0])));

    Throwable error = env.syncError(ds.sync());

    assertThat(error).isInstanceOf(ConflictRetriesExhaustedException.class);
    assertThat(((ConflictRetriesExhaustedException) error).attempts()).isEqualTo(5);
    assertThat(error.getMessage()).contains("Current SyncCount for: history2 is:");
    assertThat(error.getCause()).isInstanceOf(ConflictException.class);
    assertThat(env.remote.calls(Operation.UPDATE_RECORDS)).isEqualTo(5);
  }

  /**
   * §6-2 (aws-sdk-net#391): a dirty record with the remote's value but another sync count was ignored by
   * conflict detection, pushed on its stale count, and 409'd forever. It must adopt the remote count and
   * become clean, with no conflict and no push.
   */
  @Test
  void Issue391_sameValueDifferentSyncCountAdoptsRemote() {
    SyncClient client = env.client();
    Dataset ds = client.dataset(DS);
    ds.put("a", "v1");
    env.sync(ds.sync());
    ds.put("a", "same");
    env.otherDeviceWrites(DS, "a", "same");
    env.remote.resetCounters();

    SyncReport report = env.sync(ds.sync());

    assertThat(report.conflicts()).isEmpty();
    assertThat(report.recordsPushed()).isZero();
    assertThat(env.remote.calls(Operation.UPDATE_RECORDS)).isZero();
    assertThat(ds.isChanged("a")).isFalse();
    assertThat(ds.record("a").syncCount()).isEqualTo(env.remote.datasetSyncCount(ID, DS));
  }

  /**
   * §6-4 (aws-sdk-unity#48): a dataset that "won't sync" (a watermark above the server's count, "No such
   * SyncCount") with no failure event. The sync repairs it by re-reading everything; failures are terminal.
   */
  @Test
  void Unity48_aBadWatermarkIsRepairedAndFailuresAreAlwaysReported() {
    env.otherDeviceWrites(DS, "a", "1");
    env.otherDeviceWrites(DS, "b", "2"); // server count 2
    env.seedLocal(DS, 37, synced("a", "1", 1));
    SyncClient client = env.client();
    Dataset ds = client.dataset(DS);

    SyncReport report = env.sync(ds.sync());

    assertThat(ds.getAll()).isEqualTo(map("a", "1", "b", "2"));
    assertThat(ds.lastSyncCount()).isEqualTo(2);
    assertThat(report.syncCount()).isEqualTo(2);
    env.remote.on(Operation.LIST_RECORDS).failBeforeApplying(1);
    assertThat(env.syncError(ds.sync())).isInstanceOf(SyncException.class);
  }

  /**
   * §6-5 (aws-sdk-net#430, PR#532): the 409 arrived as a 400 InvalidParameterException, so the conflict
   * path never ran. A 400 whose message starts with "Current SyncCount for:" is a conflict.
   */
  @Test
  void Net430_conflictSentAs400InvalidParameterIsHandledAsAConflict() {
    SyncClient client = env.client(ConflictResolvers.localWins());
    Dataset ds = client.dataset(DS);
    ds.put("a", "v1");
    env.sync(ds.sync());
    ds.put("a", "mine");
    env.remote.on(Operation.UPDATE_RECORDS).fail(1,
        () -> new InvalidParameterException("Current SyncCount for: a is: 2 not: 1"));

    SyncReport report = env.sync(ds.sync());

    assertThat(report.attempts()).isEqualTo(2);
    assertThat(env.remote.serverValues(ID, DS)).containsEntry("a", "mine");
  }

  /**
   * §6-6 (amazon-cognito-js#31): the second sync failed with "Current SyncCount for: user is: 1 not: 0"
   * because the local base was not updated after a successful push.
   */
  @Test
  void CognitoJs31_aSecondPushUsesTheBaseTheFirstPushReturned() {
    SyncClient client = env.client();
    Dataset ds = client.dataset(DS);
    ds.put("user", "1");
    env.sync(ds.sync());
    assertThat(ds.record("user").syncCount()).isEqualTo(1);
    ds.put("user", "2");

    SyncReport second = env.sync(ds.sync());

    assertThat(second.attempts()).isEqualTo(1);
    assertThat(second.conflicts()).isEmpty();
    assertThat(env.remote.serverValues(ID, DS)).containsEntry("user", "2");
  }

  /**
   * §6-7 (amazon-cognito-js#65, #67): the latest data never arrives; users ask how to "force get all
   * records". {@code fullResync()} re-reads every record and repairs a local copy that missed some.
   */
  @Test
  void CognitoJs65_fullResyncForcesGettingAllRecords() {
    env.otherDeviceWrites(DS, "a", "1");
    env.otherDeviceWrites(DS, "b", "2");
    env.otherDeviceWrites(DS, "c", "3");
    // a local copy at watermark 3 that lost 'b' (as the JS watermark jump leaves it), with a pending edit
    env.seedLocal(DS, 3, synced("a", "1", 1), edited("c", "mine", "3", 3));
    SyncClient client = env.client();
    Dataset ds = client.dataset(DS);
    assertThat(env.sync(ds.sync()).recordsPulled()).isZero();

    env.sync(ds.fullResync());

    assertThat(ds.getAll()).isEqualTo(map("a", "1", "b", "2", "c", "mine"));
    assertThat(env.remote.serverValues(ID, DS)).isEqualTo(map("a", "1", "b", "2", "c", "mine"));
  }

  /**
   * §6-8 (amazon-cognito-js#60): the report said 0 records synced though records were applied (only the
   * last pass was counted). Counts add up across every pull of the sync, conflict retries included.
   */
  @Test
  void CognitoJs60_reportCountsRecordsOfEveryPass() {
    SyncClient client = env.client(ConflictResolvers.localWins());
    Dataset ds = client.dataset(DS);
    ds.put("z", "v1");
    env.sync(ds.sync());
    ds.put("z", "mine");
    env.otherDeviceWrites(DS, "a", "1", "b", "2", "c", "3");
    env.remote.on(Operation.UPDATE_RECORDS).runBefore(1, call -> env.otherDeviceWrites(DS, "z", "theirs"));

    SyncReport report = env.sync(ds.sync());

    assertThat(report.attempts()).isEqualTo(2);
    // the second pass re-reads from the lowest pushed base: a, b and c again, plus z
    assertThat(report.recordsPulled()).isEqualTo(3 + 4);
    assertThat(report.recordsApplied()).isEqualTo(4);
    assertThat(report.recordsPushed()).isEqualTo(1);
    assertThat(report.conflicts()).hasSize(1);
  }

  /** §6-9 (amazon-cognito-js#49, PR#53): synchronize hung once all records were removed. */
  @Test
  void CognitoJs49_syncCompletesAfterEveryRecordWasRemoved() {
    SyncClient client = env.client();
    Dataset ds = client.dataset(DS);
    ds.put("a", "1");
    ds.put("b", "2");
    env.sync(ds.sync());
    ds.remove("a");
    ds.remove("b");

    SyncReport report = env.sync(ds.sync());

    assertThat(report.recordsPushed()).isEqualTo(2);
    assertThat(env.remote.serverValues(ID, DS)).isEmpty();
    assertThat(env.sync(ds.sync()).recordsPushed()).isZero();
    assertThat(ds.getAll()).isEmpty();
  }

  /**
   * §6-10 (amazon-cognito-js#44, #61, #58): keys removed server-side stayed locally as {@code ""}, and
   * re-adding a deleted key misbehaved. A remote removal is a tombstone; re-adding it pushes on its base.
   */
  @Test
  void CognitoJs44_remoteRemovalIsATombstoneAndTheKeyCanBeAddedAgain() {
    SyncClient client = env.client();
    Dataset ds = client.dataset(DS);
    ds.put("k", "1");
    env.sync(ds.sync());
    env.otherDeviceWrites(DS, "k", null);
    env.sync(ds.sync());
    assertThat(ds.get("k")).isNull();
    assertThat(ds.getAll()).doesNotContainKey("k");
    assertThat(ds.record("k").isDeleted()).isTrue();

    ds.put("k", "again");
    SyncReport report = env.sync(ds.sync());

    assertThat(report.attempts()).isEqualTo(1);
    assertThat(report.conflicts()).isEmpty();
    assertThat(env.remote.serverValues(ID, DS)).containsEntry("k", "again");
  }

  /**
   * §6-11 (amazon-cognito-js#6, #8): invalid values were accepted by put and the sync then failed forever
   * with "exceeded maximum retry count". Invalid writes fail at once with a typed error, storing nothing.
   */
  @Test
  void CognitoJs6_invalidWritesFailAtWriteTimeWithATypedError() {
    SyncClient client = env.client();
    Dataset ds = client.dataset(DS);
    String longKey = new String(chars(1025, 'k'));
    String longValue = new String(chars(1_048_576, 'v'));
    assertThatThrownBy(() -> ds.put("", "v")).isInstanceOf(ValidationException.class);
    assertThatThrownBy(() -> ds.put(longKey, "v")).isInstanceOf(ValidationException.class);
    assertThatThrownBy(() -> ds.put("k", longValue)).isInstanceOf(ValidationException.class);
    assertThatThrownBy(() -> client.dataset("bad name!")).isInstanceOf(ValidationException.class);
    Map<String, String> tooBig = new HashMap<>();
    tooBig.put("a", new String(chars(600_000, 'a')));
    tooBig.put("b", new String(chars(600_000, 'b')));
    assertThatThrownBy(() -> ds.putAll(tooBig)).isInstanceOf(LimitExceededException.class);
    assertThat(ds.getAll()).isEmpty();
    assertThat(ds.pendingKeys()).isEmpty();
    ds.put("ok", "fine");
    assertThat(env.sync(ds.sync()).recordsPushed()).isEqualTo(1);
  }

  /**
   * §6-12 (amazon-cognito-js#4, #34): console delete+recreate crashed, and onDatasetsMerged=true looped to
   * "exceeded maximum retry count". Both end in one pass with a report, and the merge is not retried.
   */
  @Test
  void CognitoJs4_deleteRecreateAndMergedFlowsDoNotLoop() {
    SyncClient client = env.client();
    Dataset ds = client.dataset(DS);
    ds.put("a", "1");
    env.sync(ds.sync());
    env.remote.deleteDirect(ID, DS);
    env.otherDeviceWrites(DS, "b", "console");
    env.remote.setMergedDatasetNames(ID, DS, Env.list(DS + ".us-east-1:old"));
    env.remote.resetCounters();

    SyncReport report = env.sync(ds.sync());
    SyncReport again = env.sync(ds.sync());

    assertThat(report.attempts()).isEqualTo(1);
    assertThat(report.mergedDatasetNames()).contains(DS + ".us-east-1:old");
    assertThat(again.mergedDatasetNames()).contains(DS + ".us-east-1:old");
    assertThat(ds.getAll()).isEqualTo(map("b", "console"));
    assertThat(env.remote.calls(Operation.LIST_RECORDS)).isLessThanOrEqualTo(5);
  }

  /**
   * §6-13 (aws-sdk-android-samples#79, aws-sdk-unity#30, #13): "UNIQUE constraint failed" when switching
   * identities back and forth. Re-parenting never collides and never throws; every copy stays reachable.
   */
  @Test
  void Samples79_switchingIdentitiesBackAndForthNeverCollides() {
    ManualIdentityProvider identity = new ManualIdentityProvider(ID);
    SyncClient client = env.builder(env.store).identityProvider(identity).build();
    client.dataset(DS).put("who", "first");
    identity.switchTo(OTHER_ID, false);
    client.dataset(DS).put("who", "second");
    identity.switchTo(ID, false);
    // the other identity takes over ID's data: both have "settings"
    identity.switchTo(OTHER_ID, true);
    identity.switchTo(ID, false);
    client.dataset(DS).put("who", "third");
    // again: "settings" and "settings.<ID>" both exist already under OTHER_ID
    identity.switchTo(OTHER_ID, true);

    assertThat(client.ownerId()).isEqualTo(OTHER_ID);
    List<String> names = client.listDatasets().stream().map(DatasetMetadata::name).collect(Collectors.toList());
    assertThat(names).doesNotHaveDuplicates();
    assertThat(names).contains(DS, DS + "." + ID);
    assertThat(client.dataset(DS).get("who")).isEqualTo("second");
    List<String> values = new ArrayList<>();
    for (String name : names) {
      values.add(client.dataset(name).get("who"));
    }
    assertThat(values).containsExactlyInAnyOrder("first", "second", "third");
  }

  /**
   * §6-14 (aws-sdk-net#415, #360, #413): the identity changed mid-sync and the old identity's watermark was
   * used against the new one. The sync aborts with a typed error and commits nothing for either identity.
   */
  @Test
  void Net415_identityChangeMidSyncAbortsWithoutCommitting() {
    ManualIdentityProvider identity = new ManualIdentityProvider(ID);
    SyncClient client = env.builder(env.store).identityProvider(identity).build();
    env.otherDeviceWrites(DS, "a", "1");
    env.otherDeviceWrites(DS, "b", "2");
    env.remote.on(Operation.LIST_RECORDS).runBefore(1, call -> identity.switchTo(OTHER_ID, false));

    Throwable error = env.syncError(client.dataset(DS).sync());

    assertThat(error).isInstanceOf(IdentityChangedException.class);
    assertThat(client.ownerId()).isEqualTo(OTHER_ID);
    assertThat(client.dataset(DS).getAll()).isEmpty();
    assertThat(client.dataset(DS).lastSyncCount()).isZero();
    assertThat(env.remote.serverValues(OTHER_ID, DS)).isEmpty();
    SyncReport report = env.sync(client.dataset(DS).sync());
    assertThat(report.identityId()).isEqualTo(OTHER_ID);
    assertThat(client.dataset(DS).getAll()).isEmpty();
  }

  /**
   * §6-15 (aws-sdk-net#382, aws-sdk-ios#658): with several users on one device, the previous identity's data
   * was pushed to the new one. Without a merge, it stays with its owner until that owner returns.
   */
  @Test
  void Net382_previousIdentitysDataIsNeverPushedToTheNextUser() {
    ManualIdentityProvider identity = new ManualIdentityProvider(ID);
    SyncClient client = env.builder(env.store).identityProvider(identity).build();
    client.dataset(DS).put("secret", "of-first-user");
    identity.switchTo(OTHER_ID, false);
    assertThat(client.dataset(DS).get("secret")).isNull();
    client.dataset(DS).put("mine", "second-user");

    env.sync(client.dataset(DS).sync());
    assertThat(env.remote.serverValues(OTHER_ID, DS)).isEqualTo(map("mine", "second-user"));

    identity.switchTo(ID, false);
    assertThat(client.dataset(DS).get("secret")).isEqualTo("of-first-user");
    env.sync(client.dataset(DS).sync());
    assertThat(env.remote.serverValues(ID, DS)).isEqualTo(map("secret", "of-first-user"));
  }

  /**
   * §6-16 (amazon-cognito-js#17): offline at start there is no identity id, the dataset cannot be opened,
   * and data is orphaned once an id is issued. Data written before any identity is adopted by the first.
   */
  @Test
  void CognitoJs17_dataWrittenBeforeAnyIdentityIsAdoptedByTheFirst() {
    ManualIdentityProvider identity = new ManualIdentityProvider();
    SyncClient client = env.builder(env.store).identityProvider(identity).build();
    Dataset ds = client.dataset(DS);
    ds.put("offline", "edit");
    assertThat(ds.get("offline")).isEqualTo("edit");

    identity.switchTo(ID, false);

    assertThat(client.ownerId()).isEqualTo(ID);
    assertThat(client.dataset(DS).get("offline")).isEqualTo("edit");
    env.sync(client.dataset(DS).sync());
    assertThat(env.remote.serverValues(ID, DS)).isEqualTo(map("offline", "edit"));
  }
}
