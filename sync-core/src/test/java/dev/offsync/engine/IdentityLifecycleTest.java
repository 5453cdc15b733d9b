package dev.offsync.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.offsync.Dataset;
import dev.offsync.IdentityChangedException;
import dev.offsync.IdentityProviders;
import dev.offsync.InactiveIdentity;
import dev.offsync.InvalidParameterException;
import dev.offsync.SignOutMode;
import dev.offsync.SyncClient;
import dev.offsync.SyncReport;
import dev.offsync.spi.IdentityChange;
import dev.offsync.spi.IdentityProvider;
import dev.offsync.testing.FakeRemoteStore.Operation;
import dev.offsync.testing.InMemoryLocalStore;
import dev.offsync.testing.NoUndeliverableErrors;
import io.reactivex.rxjava3.core.Observable;
import io.reactivex.rxjava3.core.Single;
import io.reactivex.rxjava3.subjects.PublishSubject;
import io.reactivex.rxjava3.subjects.Subject;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.Deque;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The identity lifecycle across restarts and users (issue 12): the store remembers the current identity per pool and
 * a restarted client resumes it; a first identity announced as a merge takes the remembered identity's data over; any
 * other identity leaves it inactive, counted and listed, never synced as someone else and never dropped; sign-out is
 * explicit and keeps the old user's data apart or wipes it. Every "restart" is a new client (and a new provider) on
 * the same store.
 */
@ExtendWith(NoUndeliverableErrors.class)
class IdentityLifecycleTest {
  private static final String POOL = "us-east-1:0f0f0f0f-0000-4000-8000-000000000001";
  private static final String A = "us-east-1:0a";
  private static final String B = "us-east-1:0b";
  private static final String C = "us-east-1:0c";
  private final Harness h = new Harness();
  private final InMemoryLocalStore store = new InMemoryLocalStore();

  /**
   * A provider with the semantics of sync-http's {@code CognitoIdentityProvider}: {@code GetId} (the next id of a
   * queue) when it has no identity, announcements of every identity it learns, {@link #resume} of a remembered id
   * (unless told it cannot), {@link #signOut}.
   */
  static final class GetIdProvider implements IdentityProvider {
    private static final Pattern IDENTITY_ID = Pattern.compile("[\\w-]+:[0-9a-f-]+");
    private final Subject<IdentityChange> changes = PublishSubject.<IdentityChange>create().toSerialized();
    private final Deque<String> getIds;
    private final boolean resumes;
    private final boolean firstIsMerge;
    private volatile String current;
    private String announced;
    int getIdCalls;

    GetIdProvider(boolean resumes, boolean firstIsMerge, String... getIds) {
      this.resumes = resumes;
      this.firstIsMerge = firstIsMerge;
      this.getIds = new ArrayDeque<>(Arrays.asList(getIds));
    }

    static GetIdProvider resuming(String... getIds) {
      return new GetIdProvider(true, false, getIds);
    }

    @Override
    public String identityPoolId() {
      return POOL;
    }

    @Override
    public String currentIdentityId() {
      return current;
    }

    @Override
    public Single<String> identityId() {
      return Single.fromCallable(() -> {
        synchronized (this) {
          if (current == null) {
            getIdCalls++;
            current = getIds.remove();
          }
          return current;
        }
      }).doOnSuccess(this::announce);
    }

    private void announce(String id) {
      IdentityChange change = null;
      synchronized (this) {
        if (!id.equals(announced)) {
          change = new IdentityChange(announced, id, announced == null && firstIsMerge);
          announced = id;
        }
      }
      if (change != null) {
        changes.onNext(change);
      }
    }

    @Override
    public Observable<IdentityChange> changes() {
      return changes;
    }

    @Override
    public void resume(String identityId) {
      if (!IDENTITY_ID.matcher(identityId).matches()) {
        throw new IllegalArgumentException("not an identity id: " + identityId);
      }
      synchronized (this) {
        if (resumes && current == null) {
          current = identityId;
          announced = identityId;
        }
      }
    }

    @Override
    public void signOut() {
      synchronized (this) {
        current = null;
      }
    }
  }

  private SyncClient start(IdentityProvider identity) {
    return h.client(store, identity);
  }

  private String remembered(String pool) {
    return store.<String>read(tx -> tx.property(pool == null ? "current-identity" : "current-identity:" + pool));
  }

  private static void restart(SyncClient client) {
    client.close();
  }

  // ---------------------------------------------------------------- the identity is remembered

  @Test
  void aRestartBetweenTheOfflineEditAndTheFirstSyncResumesTheIdentityWithoutGetId() {
    GetIdProvider run1 = GetIdProvider.resuming(A);
    SyncClient first = start(run1);
    Dataset notes = first.dataset("notes");
    notes.put("k", "written offline");
    h.remote.on(Operation.LIST_RECORDS).failBeforeApplying(1); // the first sync got its identity, then failed
    h.syncError(notes.sync());
    assertThat(run1.getIdCalls).isEqualTo(1);
    assertThat(notes.pendingKeys()).containsExactly("k");
    restart(first);

    GetIdProvider run2 = GetIdProvider.resuming(B);
    SyncClient second = start(run2);
    assertThat(second.ownerId()).isEqualTo(A);
    SyncReport report = h.sync(second.dataset("notes").sync());

    assertThat(run2.getIdCalls).isZero();
    assertThat(report.recordsPushed()).isEqualTo(1);
    assertThat(h.remote.serverValues(A, "notes")).containsEntry("k", "written offline");
    assertThat(second.currentStatus().inactivePendingCount()).isZero();
  }

  @Test
  void aRememberedValueTheProviderRefusesIsIgnoredAndGetIdRuns() {
    store.write(tx -> {
      tx.putProperty("current-identity:" + POOL, "not an identity");
      return null;
    });
    GetIdProvider provider = GetIdProvider.resuming(A);
    SyncClient client = start(provider);
    h.sync(client.dataset("notes").sync());
    assertThat(provider.getIdCalls).isEqualTo(1);
    assertThat(remembered(POOL)).isEqualTo(A);
  }

  // ---------------------------------------------------------------- a first identity that differs

  @Test
  void aFirstIdentityAnnouncedAsAMergeTakesTheRememberedIdentitysDataOver() {
    SyncClient first = start(GetIdProvider.resuming(A));
    Dataset notes = first.dataset("notes");
    h.sync(notes.sync());
    notes.put("k", "edit of A");
    restart(first);

    // a provider that cannot resume: it gets a new id and says the new identity takes over the previous data
    GetIdProvider renewed = new GetIdProvider(false, true, B);
    SyncClient second = start(renewed);
    SyncReport report = h.sync(second.dataset("notes").sync());

    assertThat(report.identityId()).isEqualTo(B);
    assertThat(h.remote.serverValues(B, "notes")).containsEntry("k", "edit of A");
    assertThat(second.dataset("notes").pendingKeys()).isEmpty();
    assertThat(second.inactiveIdentities().blockingGet()).isEmpty();
  }

  @Test
  void aFirstIdentityThatIsNoMergeLeavesTheRememberedDataInactiveCountedListedAndAdoptable() {
    SyncClient first = start(GetIdProvider.resuming(A));
    Dataset notes = first.dataset("notes");
    h.sync(notes.sync());
    notes.put("k", "edit of A");
    notes.put("j", "another edit of A");
    restart(first);

    SyncClient second = start(IdentityProviders.fixed(B)); // the app says: this is B
    assertThat(second.currentStatus().inactivePendingCount()).isEqualTo(2);
    assertThat(second.currentStatus().pendingCount()).isZero();
    h.sync(second.dataset("notes").sync());
    assertThat(h.remote.serverValues(B, "notes")).isEmpty();
    assertThat(h.remote.serverValues(A, "notes")).doesNotContainKey("k");
    List<InactiveIdentity> inactive = second.inactiveIdentities().blockingGet();
    assertThat(inactive).extracting(InactiveIdentity::identityId).containsExactly(A);
    assertThat(inactive.get(0).pendingCount()).isEqualTo(2);
    assertThat(inactive.get(0).datasets()).extracting(m -> m.name()).containsExactly("notes");

    second.adoptInactiveIdentity(A).blockingAwait();
    assertThat(second.currentStatus().inactivePendingCount()).isZero();
    second.syncAll().test().assertNoErrors();
    assertThat(h.remote.serverValues(B, "notes")).containsEntry("k", "edit of A")
        .containsEntry("j", "another edit of A");
  }

  @Test
  void adoptingOrDiscardingAnythingButAnInactiveIdentityIsATypedError() {
    SyncClient client = start(IdentityProviders.fixed(B));
    h.sync(client.dataset("notes").sync());
    assertThatThrownBy(() -> client.adoptInactiveIdentity(B).blockingAwait())
        .isInstanceOf(InvalidParameterException.class).hasMessageContaining("current");
    assertThatThrownBy(() -> client.discardInactiveIdentity(C).blockingAwait())
        .isInstanceOf(InvalidParameterException.class);
    assertThatThrownBy(() -> client.adoptInactiveIdentity(null)).isInstanceOf(NullPointerException.class);
  }

  // ---------------------------------------------------------------- explicit sign-out

  @Test
  void signOutKeepingDataHoldsItApartAndTheNextUserStartsClean() {
    GetIdProvider provider = GetIdProvider.resuming(A, B);
    SyncClient client = start(provider);
    Dataset notes = client.dataset("notes");
    h.sync(notes.sync());
    notes.put("k", "edit of A, never synced");

    client.signOut(SignOutMode.KEEP_LOCAL_DATA).blockingAwait();

    assertThat(client.currentStatus().inactivePendingCount()).isEqualTo(1);
    assertThat(client.dataset("notes").get("k")).isNull(); // nobody is signed in: A's data is not shown
    client.dataset("notes").put("x", "written before the next user is known");
    SyncReport report = h.sync(client.dataset("notes").sync());
    assertThat(report.identityId()).isEqualTo(B);
    assertThat(provider.getIdCalls).isEqualTo(2);
    assertThat(h.remote.serverValues(B, "notes")).containsOnlyKeys("x");
    assertThat(client.inactiveIdentities().blockingGet()).extracting(InactiveIdentity::identityId).containsExactly(A);
    restart(client);

    GetIdProvider later = GetIdProvider.resuming(C);
    SyncClient again = start(later);
    assertThat(again.ownerId()).isEqualTo(B); // the store remembers the last user, not the signed-out one
    assertThat(again.currentStatus().inactivePendingCount()).isEqualTo(1);
    assertThat(later.getIdCalls).isZero();
  }

  @Test
  void signOutWipingDataDeletesItAndForgetsTheIdentity() {
    GetIdProvider provider = GetIdProvider.resuming(A, B);
    SyncClient client = start(provider);
    Dataset notes = client.dataset("notes");
    h.sync(notes.sync());
    notes.put("k", "edit of A");

    client.signOut(SignOutMode.WIPE_LOCAL_DATA).blockingAwait();

    assertThat(client.currentStatus().pendingCount()).isZero();
    assertThat(client.currentStatus().inactivePendingCount()).isZero();
    assertThat(store.snapshot()).isEmpty();
    assertThat(remembered(POOL)).isNull();
    restart(client);

    GetIdProvider next = GetIdProvider.resuming(C);
    SyncClient again = start(next);
    h.sync(again.dataset("notes").sync());
    assertThat(next.getIdCalls).isEqualTo(1);
    assertThat(h.remote.serverValues(C, "notes")).isEmpty();
  }

  @Test
  void signOutEndsARunningSyncWithoutCommittingAnythingMore() {
    GetIdProvider provider = GetIdProvider.resuming(A, B);
    SyncClient client = start(provider);
    Dataset notes = client.dataset("notes");
    h.sync(notes.sync());
    h.remote.putDirect(A, "notes", java.util.Collections.singletonMap("r", "remote"));
    h.remote.on(Operation.LIST_RECORDS).runBefore(1,
        call -> client.signOut(SignOutMode.KEEP_LOCAL_DATA).blockingAwait());

    Throwable error = h.syncError(notes.sync());

    assertThat(error).isInstanceOf(IdentityChangedException.class);
    assertThat(store.<Object>read(tx -> tx.record(A, "notes", "r"))).isNull();
  }

  @Test
  void signOutWithAProviderThatCannotForgetFailsAndChangesNothing() {
    SyncClient client = start(IdentityProviders.fixed(A));
    Dataset notes = client.dataset("notes");
    h.sync(notes.sync());
    notes.put("k", "edit");

    assertThatThrownBy(() -> client.signOut(SignOutMode.WIPE_LOCAL_DATA).blockingAwait())
        .isInstanceOf(UnsupportedOperationException.class);

    assertThat(notes.get("k")).isEqualTo("edit");
    assertThat(client.currentStatus().pendingCount()).isEqualTo(1);
    assertThat(remembered(null)).isEqualTo(A);
    assertThatThrownBy(() -> client.signOut(null)).isInstanceOf(NullPointerException.class);
  }

  @Test
  void discardingAnInactiveIdentityDeletesOnlyItsData() {
    SyncClient first = start(GetIdProvider.resuming(A));
    first.dataset("notes").put("k", "edit of A");
    h.sync(first.dataset("notes").sync());
    first.dataset("notes").put("k", "unsynced edit of A");
    restart(first);
    SyncClient second = start(IdentityProviders.fixed(B));
    second.dataset("notes").put("mine", "B's");

    second.discardInactiveIdentity(A).blockingAwait();

    assertThat(second.inactiveIdentities().blockingGet()).isEmpty();
    assertThat(second.currentStatus().inactivePendingCount()).isZero();
    assertThat(second.dataset("notes").get("mine")).isEqualTo("B's");
    assertThat(h.remote.serverValues(A, "notes")).containsEntry("k", "edit of A");
  }
}
