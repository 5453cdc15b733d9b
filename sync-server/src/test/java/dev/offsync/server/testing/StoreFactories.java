package dev.offsync.server.testing;

import dev.offsync.server.SyncStores;
import dev.offsync.server.postgres.EmbeddedPostgresDatabase;
import java.util.stream.Stream;
import org.junit.jupiter.api.Named;

/**
 * Every store implementation the server suites run against. A new store (e.g. PostgreSQL) is tested by adding one
 * named factory here.
 */
public final class StoreFactories {
  private StoreFactories() {}

  /**
   * The factories, as a {@code @MethodSource} for {@code @ParameterizedClass} suites.
   *
   * @return named factories
   */
  public static Stream<Named<StoreFactory>> all() {
    return Stream.of(
        // both through the public factory an embedding application uses
        Named.of("sqlite", SyncStores::sqlite),
        // one embedded PostgreSQL per test JVM; a fresh schema per test data directory
        Named.of("postgresql", EmbeddedPostgresDatabase::publicStoreFor));
  }
}
