package dev.offsync.engine;

import org.junit.jupiter.api.extension.ExtendWith;
import dev.offsync.testing.NoUndeliverableErrors;
import static org.assertj.core.api.Assertions.assertThat;

import dev.offsync.ConflictResolvers;
import dev.offsync.Dataset;
import dev.offsync.Limits;
import dev.offsync.ManualIdentityProvider;
import dev.offsync.NotAuthorizedException;
import dev.offsync.SyncClient;
import dev.offsync.SyncReport;
import dev.offsync.spi.LocalDataset;
import dev.offsync.testing.InMemoryLocalStore;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Offline-first identity: the local owner, adoption, merge re-parenting, switching back and forth. */
@ExtendWith(NoUndeliverableErrors.class)
class IdentityTest {
  private static final String A = "us-east-1:aaaa";
  private static final String B = "us-east-1:bbbb";
  private final Harness h = new Harness();
  private final InMemoryLocalStore store = new InMemoryLocalStore();
  private final ManualIdentityProvider identity = new ManualIdentityProvider();
  private final SyncClient client = h.client(store, identity);

  private List<String> names(String owner) {
    List<LocalDataset> rows = store.read(tx -> tx.datasets(owner));
    List<String> out = new java.util.ArrayList<>();
    for (LocalDataset d : rows) {
      out.add(d.name());
    }
    return out;
  }

  @Test
  void dataWrittenBeforeAnyIdentityIsAdoptedByTheFirstOne() {
    Dataset ds = client.dataset("settings");
    ds.put("theme", "dark");
    assertThat(client.ownerId()).isEqualTo("local");
    assertThat(h.syncError(ds.sync())).isInstanceOf(NotAuthorizedException.class);

    identity.switchTo(A, false);

    assertThat(client.ownerId()).isEqualTo(A);
    assertThat(names("local")).isEmpty();
    assertThat(names(A)).containsExactly("settings");
    assertThat(ds.get("theme")).isEqualTo("dark");
    h.sync(ds.sync());
    assertThat(h.remote.serverValues(A, "settings")).containsEntry("theme", "dark");
  }

  @Test
  void aMergeReparentsDatasetsAndRenamesCollisionsAsMergedCopies() {
    identity.switchTo(A, false);
    client.dataset("shared").put("k", "from-a");
    client.dataset("only-a").put("x", "1");
    h.sync(client.dataset("shared").sync());
    identity.switchTo(B, false); // a different user: A's data stays with A
    assertThat(client.dataset("shared").get("k")).isNull();
    client.dataset("shared").put("k", "from-b");
    assertThat(names(A)).containsExactly("only-a", "shared");

    identity.switchTo(A, true); // A takes over B's data (as if B was linked into A)

    assertThat(names(B)).isEmpty();
    assertThat(names(A)).containsExactly("only-a", "shared", "shared." + B);
    assertThat(client.dataset("shared." + B).get("k")).isEqualTo("from-b");
    assertThat(client.dataset("shared").get("k")).isEqualTo("from-a");
    // the merged copy starts over as a new local dataset: everything dirty on base 0
    assertThat(client.dataset("shared." + B).lastSyncCount()).isZero();
    assertThat(client.dataset("shared." + B).pendingKeys()).containsExactly("k");

    SyncReport report = h.sync(client.dataset("shared").sync());
    assertThat(report.mergedDatasetNames()).containsExactly("shared." + B);
  }

  @Test
  void switchingBackAndForthWithMergesNeverThrowsAndKeepsEveryCopy() {
    identity.switchTo(A, false);
    client.dataset("d").put("k", "a1");
    identity.switchTo(B, false);
    client.dataset("d").put("k", "b1");
    identity.switchTo(A, true);
    identity.switchTo(B, false);
    client.dataset("d").put("k", "b2");
    identity.switchTo(A, true); // "d.<B>" exists already under A

    assertThat(names(A)).containsExactly("d", "d." + B, "d." + B + ".2");
    assertThat(client.dataset("d." + B).get("k")).isEqualTo("b1");
    assertThat(client.dataset("d." + B + ".2").get("k")).isEqualTo("b2");
    assertThat(client.currentStatus().lastError()).isNull();
  }

  @Test
  void foldMergedMovesAMergedCopyIntoItsParentAndDeletesIt() {
    identity.switchTo(A, false);
    Dataset parent = client.dataset("d");
    parent.put("same", "1");
    parent.put("both", "parent");
    identity.switchTo(B, false);
    client.dataset("d").putAll(java.util.Map.of("same", "1", "both", "merged", "only", "m"));
    identity.switchTo(A, true);

    parent.foldMerged("d." + B, ConflictResolvers.remoteWins()).test().assertComplete();

    assertThat(parent.getAll()).containsEntry("same", "1").containsEntry("both", "merged").containsEntry("only", "m");
    assertThat(names(A)).containsExactly("d");
    h.sync(parent.sync());
    assertThat(h.remote.serverValues(A, "d")).containsEntry("both", "merged");
  }

  @Test
  void aMergedCopyOfALongestNameIsStillAValidNameAndIsReportedAndFoldable() {
    String longest = "n".repeat(Limits.DEFAULT.maxDatasetNameLength());
    identity.switchTo(A, false);
    client.dataset(longest).put("k", "from-a");
    identity.switchTo(B, false);
    client.dataset(longest).put("k", "from-b");
    identity.switchTo(A, true);

    List<String> copies = new java.util.ArrayList<>(names(A));
    copies.remove(longest);
    assertThat(copies).hasSize(1);
    String copy = copies.get(0);
    assertThat(copy).hasSizeLessThanOrEqualTo(Limits.DEFAULT.maxDatasetNameLength()).endsWith("." + B);
    assertThat(client.dataset(copy).get("k")).isEqualTo("from-b"); // a name the API (and the server) accepts

    SyncReport report = h.sync(client.dataset(longest).sync());
    assertThat(report.mergedDatasetNames()).containsExactly(copy);
    client.dataset(longest).foldMerged(copy, ConflictResolvers.remoteWins()).test().assertComplete();
    assertThat(client.dataset(longest).get("k")).isEqualTo("from-b");
    assertThat(names(A)).containsExactly(longest);
  }

  @Test
  void secondAndLaterCopiesOfALongestNameStayDistinctAndValid() {
    String longest = "n".repeat(Limits.DEFAULT.maxDatasetNameLength());
    identity.switchTo(A, false);
    client.dataset(longest).put("k", "a");
    for (int i = 1; i <= 3; i++) {
      identity.switchTo(B, false);
      client.dataset(longest).put("k", "b" + i);
      identity.switchTo(A, true);
    }

    List<String> all = names(A);
    assertThat(all).hasSize(4).doesNotHaveDuplicates();
    for (String name : all) {
      assertThat(client.dataset(name).get("k")).isNotNull();
    }
  }

  @Test
  void aLocalOwnerIdThatIsNoValidNameGivesValidCopyNames() {
    identity.switchTo(A, false);
    client.dataset("d").put("k", "synced"); // A already holds "d" in this store
    ManualIdentityProvider later = new ManualIdentityProvider();
    SyncClient offline = h.track(h.builder(store).identityProvider(later)
        .localOwnerId("Ann's phone (offline) \u00e9").build());
    offline.dataset("d").put("k", "offline");

    later.switchTo(A, false); // the offline data is adopted next to A's own "d"

    assertThat(names(A)).containsExactly("d", "d.Ann_s_phone__offline___");
    assertThat(offline.dataset("d.Ann_s_phone__offline___").get("k")).isEqualTo("offline");
  }
}
