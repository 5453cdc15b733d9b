package dev.offsync.engine;

import org.junit.jupiter.api.extension.ExtendWith;
import dev.offsync.testing.NoUndeliverableErrors;
import static org.assertj.core.api.Assertions.assertThat;

import dev.offsync.Dataset;
import dev.offsync.SyncClient;
import dev.offsync.SyncReport;
import dev.offsync.spi.IdentityChange;
import dev.offsync.spi.IdentityProvider;
import dev.offsync.testing.FakeRemoteStore.Operation;
import dev.offsync.testing.InMemoryLocalStore;
import io.reactivex.rxjava3.core.Observable;
import io.reactivex.rxjava3.core.Single;
import io.reactivex.rxjava3.subjects.PublishSubject;
import org.junit.jupiter.api.Test;

/**
 * The first identity of a fresh install: a provider (like sync-http's {@code CognitoIdentityProvider}) learns its id
 * during the first sync and announces "no identity → id" on its change stream, and that announcement reaches the
 * engine after the sync already adopted the id. The README's wiring (default schedulers) delivers it at any
 * moment; here it lands in the middle of the pull. It changes nothing for the running sync: no
 * IdentityChangedException.
 */
@ExtendWith(NoUndeliverableErrors.class)
class FirstIdentityTest {
  private static final String ID = Harness.ID;
  private final Harness h = new Harness();

  /** Returns its id at once from identityId(), and announces the change only when the test says so. */
  static final class LateAnnouncingProvider implements IdentityProvider {
    private final PublishSubject<IdentityChange> changes = PublishSubject.create();
    private volatile String current;

    @Override
    public String currentIdentityId() {
      return current;
    }

    @Override
    public Single<String> identityId() {
      return Single.fromCallable(() -> {
        current = ID;
        return ID;
      });
    }

    @Override
    public Observable<IdentityChange> changes() {
      return changes;
    }

    void announce() {
      changes.onNext(new IdentityChange(null, ID, false));
    }
  }

  @Test
  void theFirstIdentityAnnouncedDuringTheFirstSyncDoesNotFailIt() {
    LateAnnouncingProvider identity = new LateAnnouncingProvider();
    InMemoryLocalStore store = new InMemoryLocalStore();
    SyncClient client = h.client(store, identity);
    Dataset notes = client.dataset("notes");
    notes.put("k", "written before any identity");
    h.remote.on(Operation.LIST_RECORDS).runBefore(1, call -> identity.announce());

    SyncReport report = notes.sync().test().assertNoErrors().values().get(0);

    assertThat(report.recordsPushed()).isEqualTo(1);
    assertThat(h.remote.serverValues(ID, "notes")).containsEntry("k", "written before any identity");
    assertThat(notes.pendingKeys()).isEmpty();
  }

  @Test
  void theAnnouncementAfterTheSyncLeavesEverythingInPlace() {
    LateAnnouncingProvider identity = new LateAnnouncingProvider();
    SyncClient client = h.client(new InMemoryLocalStore(), identity);
    Dataset notes = client.dataset("notes");
    notes.put("k", "v");
    notes.sync().test().assertNoErrors();
    identity.announce();

    notes.put("k", "v2");
    notes.sync().test().assertNoErrors();
    assertThat(h.remote.serverValues(ID, "notes")).containsEntry("k", "v2");
    assertThat(client.dataset("notes").getAll()).containsEntry("k", "v2");
  }
}
