package dev.offsync.engine;

import org.junit.jupiter.api.extension.ExtendWith;
import dev.offsync.testing.NoUndeliverableErrors;
import static org.assertj.core.api.Assertions.assertThat;

import dev.offsync.ConflictResolver;
import dev.offsync.Dataset;
import dev.offsync.ManualIdentityProvider;
import dev.offsync.Resolution;
import dev.offsync.SyncClient;
import dev.offsync.SyncConflict;
import dev.offsync.spi.LocalDataset;
import dev.offsync.testing.InMemoryLocalStore;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Folding a merged copy ({@code <name>.<oldId>}) into its parent while the app keeps writing. The resolver
 * runs between reading both datasets and committing the fold, so writing from inside it is exactly an app
 * write racing the fold.
 */
@ExtendWith(NoUndeliverableErrors.class)
class FoldMergedTest {
  private static final String A = "us-east-1:aaaa";
  private static final String B = "us-east-1:bbbb";
  private final Harness h = new Harness();
  private final InMemoryLocalStore store = new InMemoryLocalStore();
  private final ManualIdentityProvider identity = new ManualIdentityProvider();
  private final SyncClient client = h.client(store, identity);
  private Dataset parent;
  private Dataset merged;

  @BeforeEach
  void twoCopiesOfOneDataset() {
    identity.switchTo(A, false);
    client.dataset("d").putAll(Map.of("both", "parent", "same", "1"));
    identity.switchTo(B, false);
    client.dataset("d").putAll(Map.of("both", "merged", "same", "1"));
    identity.switchTo(A, true);
    parent = client.dataset("d");
    merged = client.dataset("d." + B);
    assertThat(merged.getAll()).containsEntry("both", "merged");
  }

  @Test
  void aWriteToTheMergedCopyDuringTheFoldIsFoldedNotDeleted() {
    boolean[] wrote = new boolean[1];
    ConflictResolver racing = conflict -> {
      if (!wrote[0]) {
        wrote[0] = true;
        merged.put("late", "written while folding");
      }
      return Resolution.useRemote();
    };

    parent.foldMerged(merged.name(), racing).test().assertComplete();

    assertThat(parent.getAll())
        .containsEntry("both", "merged")
        .containsEntry("same", "1")
        .containsEntry("late", "written while folding");
    assertThat(names(A)).containsExactly("d");
  }

  @Test
  void aChangedMergedValueDuringTheFoldIsDecidedAgainOnTheNewValue() {
    List<String> seenRemote = new ArrayList<>();
    ConflictResolver racing = conflict -> {
      seenRemote.add(conflict.remote().value());
      if (seenRemote.size() == 1) {
        merged.put("both", "merged, edited");
      }
      return Resolution.useRemote();
    };

    parent.foldMerged(merged.name(), racing).test().assertComplete();

    assertThat(seenRemote).containsExactly("merged", "merged, edited");
    assertThat(parent.get("both")).isEqualTo("merged, edited");
  }

  @Test
  void aParentWriteDuringTheFoldIsNeverOverwrittenUnseen() {
    List<String> seenLocal = new ArrayList<>();
    ConflictResolver racing = conflict -> {
      seenLocal.add(conflict.local().value());
      if (seenLocal.size() == 1) {
        parent.put("both", "app, meanwhile");
      }
      return Resolution.useLocal();
    };

    parent.foldMerged(merged.name(), racing).test().assertComplete();

    assertThat(seenLocal).containsExactly("parent", "app, meanwhile");
    assertThat(parent.get("both")).isEqualTo("app, meanwhile");
  }

  @Test
  void aResolverThatFailsLeavesBothDatasetsAsTheyWere() {
    ConflictResolver failing = conflict -> {
      throw new IllegalStateException("resolver bug");
    };

    parent.foldMerged(merged.name(), failing).test().assertError(IllegalStateException.class);

    assertThat(parent.getAll()).containsEntry("both", "parent").doesNotContainKey("late");
    assertThat(merged.getAll()).containsEntry("both", "merged");
    assertThat(names(A)).containsExactly("d", "d." + B);
  }

  @Test
  void theFoldIsPushedAndTheMergedCopyNeverReachesTheServer() {
    parent.foldMerged(merged.name(), SyncConflict -> Resolution.useRemote()).test().assertComplete();
    h.sync(parent.sync());

    assertThat(h.remote.serverValues(A, "d")).containsEntry("both", "merged").containsEntry("same", "1");
    assertThat(h.remote.serverValues(A, "d." + B)).isEmpty();
  }

  @Test
  void anIdentitySwitchDuringTheFoldFailsItWithoutWritingAnything() {
    ConflictResolver switching = conflict -> {
      identity.switchTo("us-east-1:cccc", false); // another user signs in while the resolver decides
      return Resolution.useRemote();
    };

    parent.foldMerged(merged.name(), switching).test().assertError(dev.offsync.IdentityChangedException.class);

    List<dev.offsync.spi.LocalRecord> parentRows = store.read(tx -> tx.records(A, "d"));
    assertThat(parentRows).extracting(dev.offsync.spi.LocalRecord::value).containsExactlyInAnyOrder("parent", "1");
    assertThat(names(A)).containsExactly("d", "d." + B);
    List<LocalDataset> underNewUser = store.read(tx -> tx.datasets("us-east-1:cccc"));
    assertThat(underNewUser).isEmpty(); // nothing written, nor marked for deletion, under the new user
  }

  private List<String> names(String owner) {
    List<LocalDataset> rows = store.read(tx -> tx.datasets(owner));
    List<String> out = new ArrayList<>();
    for (LocalDataset d : rows) {
      if (!d.isDeletedLocally()) {
        out.add(d.name());
      }
    }
    return out;
  }
}
