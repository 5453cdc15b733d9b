package dev.offsync.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.offsync.ClientClosedException;
import dev.offsync.ConflictResolvers;
import dev.offsync.Dataset;
import dev.offsync.NetworkException;
import dev.offsync.SyncClient;
import dev.offsync.spi.IdentityChange;
import dev.offsync.spi.IdentityProvider;
import dev.offsync.testing.FakeRemoteStore;
import dev.offsync.testing.InMemoryLocalStore;
import dev.offsync.testing.NoUndeliverableErrors;
import io.reactivex.rxjava3.core.Observable;
import io.reactivex.rxjava3.core.Single;
import io.reactivex.rxjava3.schedulers.Schedulers;
import io.reactivex.rxjava3.subjects.PublishSubject;
import io.reactivex.rxjava3.subjects.Subject;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Closing a client (and then, as an app shutting down does, its store) while syncs are in flight, on real threads
 * and the default-like {@link Schedulers#io()}: at random points of many runs, with a remote that blocks
 * interruptibly (as HTTP does) and an identity provider that answers on another thread and announces the identity
 * late (as the Cognito one does). Every sync requested ends with exactly one outcome, a report or, if it had not
 * finished when the client closed, one {@link ClientClosedException}; and no error ever reaches
 * {@code RxJavaPlugins.onError} ({@link NoUndeliverableErrors} fails the test if one does).
 */
@ExtendWith(NoUndeliverableErrors.class)
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class CloseDuringSyncTest {
  private static final int ITERATIONS = 300;

  /** An identity provider like sync-http's Cognito one: the id from another thread, the change announced late. */
  private static final class AsyncIdentity implements IdentityProvider {
    private final String id;
    private final Subject<IdentityChange> changes = PublishSubject.<IdentityChange>create().toSerialized();
    private volatile boolean announced;

    AsyncIdentity(String id) {
      this.id = id;
    }

    @Override
    public String currentIdentityId() {
      return announced ? id : null;
    }

    @Override
    public Single<String> identityId() {
      return Single.just(id).subscribeOn(Schedulers.io()).doOnSuccess(x -> {
        if (!announced) {
          announced = true;
          changes.onNext(new IdentityChange(null, id, false));
        }
      });
    }

    @Override
    public Observable<IdentityChange> changes() {
      return changes.hide();
    }
  }

  @Test
  void closingDuringSyncsEndsEachWithOneClientClosedExceptionAndNothingUndeliverable() {
    Random random = new Random(20261202L);
    FakeRemoteStore remote = new FakeRemoteStore();
    // a blocking remote call, interrupted when its sync is disposed, fails as the HTTP client does
    for (FakeRemoteStore.Operation op : FakeRemoteStore.Operation.values()) {
      remote.on(op).runBefore(FakeRemoteStore.ALWAYS, call -> {
        try {
          Thread.sleep(0, 1000 + ThreadLocalRandom.current().nextInt(200_000));
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw new NetworkException("interrupted", e);
        }
      });
    }
    int closedDuringSync = 0;
    int succeeded = 0;
    for (int i = 0; i < ITERATIONS; i++) {
      InMemoryLocalStore store = new InMemoryLocalStore();
      SyncClient client = SyncClient.builder()
          .localStore(store)
          .remoteStore(remote)
          .identityProvider(new AsyncIdentity("us-east-1:close-" + (i % 7)))
          .conflictResolver(ConflictResolvers.lastWriterWins())
          .build(); // default schedulers: Schedulers.io() and computation()
      List<Outcome> outcomes = new ArrayList<>();
      Dataset a = client.dataset("a");
      Dataset b = client.dataset("b");
      a.put("k" + i, "v" + i);
      b.put("k", "v" + i);
      outcomes.add(Outcome.of(a.sync()));
      outcomes.add(Outcome.of(b.fullResync()));
      outcomes.add(Outcome.of(a.sync()));
      outcomes.add(Outcome.of(client.syncAll()));
      outcomes.add(Outcome.of(client.refreshDatasetMetadata()));
      outcomes.add(Outcome.of(b.foldMerged("b.merged", ConflictResolvers.lastWriterWins()).toSingleDefault(1)));
      LockSupport.parkNanos(random.nextInt(3_000_000)); // a random point of the syncs
      client.close();
      if (random.nextBoolean()) {
        store.close(); // the app shuts down: steps still running meet a closed store
      }
      outcomes.add(Outcome.of(a.sync()));
      for (Outcome outcome : outcomes) {
        assertThat(outcome.await()).as("iteration %d: finished", i).isTrue();
        assertThat(outcome.signals.get()).as("iteration %d: one outcome", i).isEqualTo(1);
        if (outcome.error == null) {
          succeeded++;
        } else {
          assertThat(outcome.error).as("iteration %d", i).isInstanceOf(ClientClosedException.class);
          closedDuringSync++;
        }
      }
    }
    System.out.printf("close during sync: %d operations succeeded, %d ended with ClientClosedException%n",
        succeeded, closedDuringSync);
    // both kinds of ending happened, or the test proved nothing
    assertThat(closedDuringSync).isGreaterThan(ITERATIONS);
    assertThat(succeeded).isGreaterThan(0);
  }

  /** The outcome of one operation: how many terminal signals it gave, and its error if any. */
  private static final class Outcome {
    final AtomicInteger signals = new AtomicInteger();
    final CountDownLatch done = new CountDownLatch(1);
    volatile Throwable error;

    static Outcome of(Single<?> operation) {
      Outcome o = new Outcome();
      operation.subscribe(x -> o.end(null), o::end);
      return o;
    }

    private void end(Throwable e) {
      error = e;
      signals.incrementAndGet();
      done.countDown();
    }

    boolean await() {
      try {
        // a signal after the first would show up here: give it a moment after the first, within the bound
        return done.await(10, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new AssertionError(e);
      }
    }
  }
}
