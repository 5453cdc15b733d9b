package dev.offsync.android;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import android.app.Application;
import android.app.job.JobParameters;
import android.util.Log;
import dev.offsync.IdentityProviders;
import dev.offsync.NotAuthorizedException;
import dev.offsync.SyncClient;
import dev.offsync.spi.IdentityChange;
import dev.offsync.spi.IdentityProvider;
import dev.offsync.testing.FakeRemoteStore;
import dev.offsync.testing.InMemoryLocalStore;
import io.reactivex.rxjava3.core.Observable;
import io.reactivex.rxjava3.core.Single;
import io.reactivex.rxjava3.plugins.RxJavaPlugins;
import io.reactivex.rxjava3.schedulers.Schedulers;
import io.reactivex.rxjava3.schedulers.TestScheduler;
import io.reactivex.rxjava3.subjects.SingleSubject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.After;
import org.junit.Before;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.robolectric.Robolectric;
import org.robolectric.RobolectricTestRunner;
import org.robolectric.RuntimeEnvironment;
import org.robolectric.android.controller.ServiceController;
import org.robolectric.annotation.Config;
import org.robolectric.shadow.api.Shadow;
import org.robolectric.shadows.ShadowJobService;
import org.robolectric.shadows.ShadowLog;

/**
 * {@link SyncJobService} run as the system runs it: created by Robolectric's service controller, handed real
 * {@link JobParameters} ({@link JobParams}), finishing through {@link ShadowJobService}. {@code Schedulers.io()} and
 * {@code computation()} are a {@link TestScheduler} here, so that the test sees that {@code onStartJob} returns before
 * any sync work and drives the deadline in virtual time. Every test fails if an error reached RxJavaPlugins.onError.
 */
@RunWith(RobolectricTestRunner.class)
@Config(application = SyncJobServiceTest.App.class)
public class SyncJobServiceTest {
  private static final String ID = "us-east-1:job-1";

  /** The app: provides its client, as an app does. */
  public static final class App extends Application implements SyncClientProvider {
    SyncClient client;
    SyncClientProvider provider;

    @Override
    public SyncClient syncClient() {
      return provider != null ? provider.syncClient() : client;
    }
  }

  private final TestScheduler scheduler = new TestScheduler();
  private final List<Throwable> rxErrors = Collections.synchronizedList(new ArrayList<>());
  private final FakeRemoteStore remote = new FakeRemoteStore();
  private SyncClient client;
  private ServiceController<SyncJobService> controller;
  private SyncJobService service;
  private ShadowJobService shadow;

  @Before
  public void setUp() {
    RxJavaPlugins.setErrorHandler(rxErrors::add);
    RxJavaPlugins.setIoSchedulerHandler(s -> scheduler);
    RxJavaPlugins.setComputationSchedulerHandler(s -> scheduler);
    ShadowLog.clear();
    controller = Robolectric.buildService(SyncJobService.class).create();
    service = controller.get();
    shadow = Shadow.extract(service);
  }

  @After
  public void tearDown() {
    controller.destroy();
    if (client != null) {
      client.close();
    }
    scheduler.triggerActions();
    RxJavaPlugins.reset();
    assertThat(rxErrors).as("errors that reached RxJavaPlugins.onError").isEmpty();
  }

  private void useClient(IdentityProvider identity) {
    client = SyncClient.builder().localStore(new InMemoryLocalStore()).remoteStore(remote).identityProvider(identity)
        .ioScheduler(Schedulers.trampoline()).timerScheduler(scheduler).build();
    client.dataset("settings").put("theme", "dark");
    ((App) RuntimeEnvironment.getApplication()).client = client;
  }

  private JobParameters params(BackgroundSyncOptions options) {
    return JobParams.of(BackgroundSync.jobInfo(RuntimeEnvironment.getApplication(), options));
  }

  private JobParameters params() {
    return params(BackgroundSyncOptions.builder().build());
  }

  private static List<String> log(int level) {
    List<String> lines = new ArrayList<>();
    for (ShadowLog.LogItem item : ShadowLog.getLogsForTag(SyncJobService.TAG)) {
      if (item.type == level) {
        lines.add(item.msg);
      }
    }
    return lines;
  }

  /**
   * An identity provider whose GetId answers only when the test says so: a sync that hangs until then. (Disposing
   * {@code syncAll()} detaches its caller; the engine's run is shared by every caller and goes on, so the test tells a
   * disposed job by its never hearing of the outcome.)
   */
  private static final class SlowIdentity implements IdentityProvider {
    final SingleSubject<String> answer = SingleSubject.create();

    @Override
    public String currentIdentityId() {
      return answer.getValue();
    }

    @Override
    public Single<String> identityId() {
      return answer;
    }

    @Override
    public Observable<IdentityChange> changes() {
      return Observable.never();
    }
  }

  @Test
  public void aSuccessfulSyncFinishesTheJobAfterOnStartJobReturned() {
    useClient(IdentityProviders.fixed(ID));
    App app = (App) RuntimeEnvironment.getApplication();
    List<Thread> askedOn = new ArrayList<>();
    SyncClient appClient = client;
    app.client = null;
    app.provider = () -> {
      askedOn.add(Thread.currentThread());
      return appClient;
    };

    assertThat(service.onStartJob(params())).isTrue();
    // onStartJob returned with nothing done on its (main) thread: the sync waits for the I/O scheduler
    assertThat(remote.calls(FakeRemoteStore.Operation.LIST_RECORDS)).isZero();
    assertThat(shadow.getIsJobFinished()).isFalse();
    assertThat(askedOn).as("onStartJob does not even ask for the client").isEmpty();

    scheduler.triggerActions();

    assertThat(shadow.getIsJobFinished()).isTrue();
    assertThat(shadow.getIsRescheduleNeeded()).isFalse();
    assertThat(remote.serverValues(ID, "settings")).isEqualTo(Map.of("theme", "dark"));
    // the app's provider was asked when the I/O scheduler ran, not by onStartJob
    assertThat(askedOn).hasSize(1);
  }

  @Test
  public void aRetryableFailureFinishesTheJobAskingForARetry() {
    useClient(IdentityProviders.fixed(ID));
    remote.on(FakeRemoteStore.Operation.LIST_RECORDS).failBeforeApplying(FakeRemoteStore.ALWAYS);

    service.onStartJob(params());
    scheduler.triggerActions();

    assertThat(shadow.getIsJobFinished()).isTrue();
    assertThat(shadow.getIsRescheduleNeeded()).isTrue();
    assertThat(log(Log.INFO)).singleElement().asString().contains("retried with backoff", "NetworkException");
    assertThat(client.dataset("settings").isChanged("theme")).as("the edit stays pending").isTrue();
  }

  @Test
  public void aNonRetryableFailureFinishesTheJobWithoutARetryAndLogsIt() {
    useClient(IdentityProviders.fixed(ID));
    remote.on(FakeRemoteStore.Operation.LIST_RECORDS)
        .fail(FakeRemoteStore.ALWAYS, () -> new NotAuthorizedException("fake: access denied"));

    service.onStartJob(params());
    scheduler.triggerActions();

    assertThat(shadow.getIsJobFinished()).isTrue();
    assertThat(shadow.getIsRescheduleNeeded()).isFalse();
    assertThat(log(Log.WARN)).singleElement().asString()
        .contains("not retried", "NotAuthorizedException", "fake: access denied");
  }

  @Test
  public void aJobStoppedMidSyncDisposesTheSyncAndAsksToBeRescheduled() {
    SlowIdentity identity = new SlowIdentity();
    useClient(identity);

    service.onStartJob(params());
    scheduler.triggerActions();
    assertThat(identity.answer.hasObservers()).as("the sync is waiting for the identity").isTrue();

    assertThat(service.onStopJob(params())).isTrue(); // reschedule

    identity.answer.onSuccess(ID); // the engine's run goes on and ends...
    scheduler.advanceTimeBy(1, TimeUnit.HOURS);
    assertThat(remote.serverValues(ID, "settings")).isEqualTo(Map.of("theme", "dark"));
    // ...but the stopped job was detached from it: it never finishes a job the system took back
    assertThat(shadow.getIsJobFinished()).as("a stopped job is not finished by the service").isFalse();
    assertThat(log(Log.INFO)).singleElement().asString().contains("stopped by the system");
  }

  @Test
  public void aRunPastItsDeadlineIsDisposedAndRetried() {
    SlowIdentity identity = new SlowIdentity();
    useClient(identity);

    service.onStartJob(params(BackgroundSyncOptions.builder().runDeadline(Duration.ofMinutes(2)).build()));
    scheduler.triggerActions();
    scheduler.advanceTimeBy(119, TimeUnit.SECONDS);
    assertThat(shadow.getIsJobFinished()).isFalse();

    scheduler.advanceTimeBy(1, TimeUnit.SECONDS);

    assertThat(shadow.getIsJobFinished()).isTrue();
    assertThat(shadow.getIsRescheduleNeeded()).isTrue();
    assertThat(log(Log.INFO)).singleElement().asString().contains("retried with backoff", "TimeoutException");
    identity.answer.onSuccess(ID); // the late outcome is not reported a second time
    scheduler.triggerActions();
    assertThat(log(Log.INFO)).hasSize(1);
    assertThat(log(Log.WARN)).isEmpty();
  }

  @Test
  public void aStopAfterTheRunFinishedChangesNothing() {
    useClient(IdentityProviders.fixed(ID));
    service.onStartJob(params());
    scheduler.triggerActions();
    assertThat(service.onStopJob(params())).isTrue();
    assertThat(shadow.getIsJobFinished()).isTrue();
    assertThat(shadow.getIsRescheduleNeeded()).isFalse();
    assertThat(log(Log.INFO)).isEmpty();
  }

  @Test
  public void destroyingTheServiceDetachesARunningSync() {
    SlowIdentity identity = new SlowIdentity();
    useClient(identity);
    service.onStartJob(params());
    scheduler.triggerActions();

    controller.destroy();
    identity.answer.onSuccess(ID);
    scheduler.triggerActions();

    assertThat(shadow.getIsJobFinished()).isFalse();
    controller = Robolectric.buildService(SyncJobService.class).create(); // for tearDown
  }

  @Test
  @Config(application = Application.class)
  public void anApplicationWithoutTheProviderIsATypedError() {
    assertThatThrownBy(() -> service.onStartJob(params()))
        .isInstanceOf(MissingSyncClientProviderException.class)
        .hasMessageContaining("android.app.Application")
        .hasMessageContaining("SyncClientProvider");
    assertThat(shadow.getIsJobFinished()).isFalse();
  }

  @Test
  public void aProviderReturningNoClientFailsTheRunWithTheTypedErrorWithoutRetry() {
    ((App) RuntimeEnvironment.getApplication()).client = null;
    assertThat(service.onStartJob(params())).isTrue(); // asked off the main thread: nothing happened yet

    scheduler.triggerActions();

    assertThat(shadow.getIsJobFinished()).isTrue();
    assertThat(shadow.getIsRescheduleNeeded()).isFalse();
    assertThat(log(Log.WARN)).singleElement().asString()
        .contains("MissingSyncClientProviderException", "syncClient() returned null");
  }
}
