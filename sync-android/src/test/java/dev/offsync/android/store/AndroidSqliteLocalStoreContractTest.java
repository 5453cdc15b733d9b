package dev.offsync.android.store;

import dev.offsync.android.AndroidSqliteLocalStore;
import dev.offsync.android.robolectric.Jupiter;
import dev.offsync.spi.LocalStore;
import dev.offsync.testing.LocalStoreContract;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.robolectric.ParameterizedRobolectricTestRunner;
import org.robolectric.RuntimeEnvironment;

/**
 * sync-core's {@link LocalStoreContract}, unchanged, against {@link AndroidSqliteLocalStore} on Robolectric's native
 * SQLite: a file-backed store (with {@code reopen}, so the durability cases run) and an in-memory one.
 */
@RunWith(ParameterizedRobolectricTestRunner.class)
public class AndroidSqliteLocalStoreContractTest {
  private static final AtomicInteger NAMES = new AtomicInteger();

  /** The contract on a database file in the app's database directory. */
  public static class FileStore extends LocalStoreContract {
    @Override
    protected LocalStore createStore() {
      return AndroidSqliteLocalStore.builder(RuntimeEnvironment.getApplication())
          .databaseName("contract-" + NAMES.incrementAndGet() + ".db").build();
    }

    @Override
    protected LocalStore reopen(LocalStore closed) {
      return ((AndroidSqliteLocalStore) closed).newBuilder().build();
    }
  }

  /** The contract on an in-memory store (a private temporary file, deleted on close). */
  public static class InMemoryStore extends LocalStoreContract {
    @Override
    protected LocalStore createStore() {
      return AndroidSqliteLocalStore.builder(RuntimeEnvironment.getApplication()).inMemory().build();
    }
  }

  private final String method;

  public AndroidSqliteLocalStoreContractTest(String method) {
    this.method = method;
  }

  @ParameterizedRobolectricTestRunner.Parameters(name = "{0}")
  public static List<Object[]> methods() {
    return Jupiter.testMethods(LocalStoreContract.class);
  }

  @Test
  public void onAFile() throws Throwable {
    Jupiter.run(FileStore.class, method);
  }

  @Test
  public void inMemory() throws Throwable {
    Jupiter.run(InMemoryStore.class, method);
  }
}
