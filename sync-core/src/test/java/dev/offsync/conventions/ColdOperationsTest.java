package dev.offsync.conventions;

import static org.assertj.core.api.Assertions.assertThat;

import dev.offsync.Dataset;
import dev.offsync.SyncClient;
import io.reactivex.rxjava3.annotations.CheckReturnValue;
import io.reactivex.rxjava3.core.Completable;
import io.reactivex.rxjava3.core.Maybe;
import io.reactivex.rxjava3.core.Single;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Every cold operation of the API (a public method of {@link SyncClient} or {@link Dataset} returning a
 * {@link Single}, {@link Completable} or {@link Maybe}: nothing happens until it is subscribed) carries
 * {@link CheckReturnValue}, so that an IDE or Error Prone flags {@code dataset.sync();} never subscribed.
 */
class ColdOperationsTest {
  @Test
  void everyColdOperationCarriesCheckReturnValue() {
    List<String> cold = new ArrayList<>();
    List<String> unmarked = new ArrayList<>();
    for (Class<?> type : new Class<?>[] {SyncClient.class, Dataset.class}) {
      for (Method m : type.getDeclaredMethods()) {
        Class<?> r = m.getReturnType();
        if (Modifier.isPublic(m.getModifiers())
            && (r == Single.class || r == Completable.class || r == Maybe.class)) {
          cold.add(type.getSimpleName() + "." + m.getName());
          if (!m.isAnnotationPresent(CheckReturnValue.class)) {
            unmarked.add(type.getSimpleName() + "." + m.getName());
          }
        }
      }
    }
    assertThat(cold).contains("Dataset.sync", "Dataset.fullResync", "Dataset.syncOnConnectivity",
        "Dataset.foldMerged", "Dataset.subscribe", "Dataset.unsubscribe", "SyncClient.syncAll",
        "SyncClient.refreshDatasetMetadata", "SyncClient.registerDevice", "SyncClient.handlePushNotification");
    assertThat(unmarked).as("cold operations without @CheckReturnValue").isEmpty();
  }
}
