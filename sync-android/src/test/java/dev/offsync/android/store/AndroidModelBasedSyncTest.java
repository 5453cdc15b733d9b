package dev.offsync.android.store;

import dev.offsync.android.AndroidSqliteLocalStore;
import dev.offsync.android.robolectric.Jupiter;
import dev.offsync.model.ModelBasedSyncTest;
import dev.offsync.spi.LocalStore;
import java.util.stream.Stream;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.robolectric.RobolectricTestRunner;
import org.robolectric.RuntimeEnvironment;

/**
 * sync-core's randomized model-based test of the engine, unchanged, with every device on its own
 * {@link AndroidSqliteLocalStore} (a file in the app's database directory) inside Robolectric: seeds 1 to
 * {@value #SEEDS} (sync-core runs 200 over its in-memory store; {@code -Doffsync.model.seed=N} replays one,
 * {@code -Doffsync.model.runs} changes the count).
 */
@RunWith(RobolectricTestRunner.class)
public class AndroidModelBasedSyncTest {
  static final int SEEDS = 100;

  /** The model test over the Android store. */
  public static class OverAndroidStore extends ModelBasedSyncTest {
    private static int worlds;

    static Stream<Long> seeds() {
      return seeds(SEEDS);
    }

    @Override
    protected LocalStore newDeviceStore(int index) {
      return AndroidSqliteLocalStore.builder(RuntimeEnvironment.getApplication())
          .databaseName("model-" + (worlds++) + "-device" + index + ".db").build();
    }

    @Override
    protected void releaseDeviceStore(LocalStore store) {
      store.close();
    }
  }

  @Test
  public void devicesConvergeAndNoEditIsLostSilently() throws Throwable {
    Jupiter.run(OverAndroidStore.class, "devicesConvergeAndNoEditIsLostSilently");
  }
}
