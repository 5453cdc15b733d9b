package dev.offsync.http;

import dev.offsync.spi.IdentityChange;
import dev.offsync.spi.IdentityProvider;
import io.reactivex.rxjava3.core.Observable;
import io.reactivex.rxjava3.core.Scheduler;
import io.reactivex.rxjava3.core.Single;
import io.reactivex.rxjava3.schedulers.Schedulers;
import io.reactivex.rxjava3.subjects.PublishSubject;
import io.reactivex.rxjava3.subjects.Subject;
import java.util.Objects;

/**
 * sync-core's {@link IdentityProvider} backed by a {@link CognitoIdentityCredentialsProvider}: the identity id comes
 * from Cognito Identity's {@code GetId} (on the given I/O {@link Scheduler}), and the first time it is learnt the
 * change from "no identity" to it is emitted on {@link #changes()}. Failures are sync-core's typed errors
 * ({@link dev.offsync.NetworkException}, {@link dev.offsync.NotAuthorizedException}, ...). Thread-safe.
 */
public final class CognitoIdentityProvider implements IdentityProvider {
  private final CognitoIdentityCredentialsProvider credentials;
  private final Scheduler scheduler;
  private final Subject<IdentityChange> changes = PublishSubject.<IdentityChange>create().toSerialized();
  private final Object lock = new Object();
  private String announced;

  private CognitoIdentityProvider(CognitoIdentityCredentialsProvider credentials, Scheduler scheduler) {
    this.credentials = credentials;
    this.scheduler = scheduler;
  }

  /**
   * Returns a provider whose {@code GetId} calls run on {@link Schedulers#io()}.
   *
   * @param credentials the Cognito Identity credentials provider, not null
   * @return the identity provider
   */
  public static CognitoIdentityProvider create(CognitoIdentityCredentialsProvider credentials) {
    return create(credentials, Schedulers.io());
  }

  /**
   * Returns a provider whose {@code GetId} calls run on {@code scheduler}.
   *
   * @param credentials the Cognito Identity credentials provider, not null
   * @param scheduler where the blocking call runs, not null
   * @return the identity provider
   */
  public static CognitoIdentityProvider create(
      CognitoIdentityCredentialsProvider credentials, Scheduler scheduler) {
    return new CognitoIdentityProvider(
        Objects.requireNonNull(credentials, "credentials == null"),
        Objects.requireNonNull(scheduler, "scheduler == null"));
  }

  @Override
  public String currentIdentityId() {
    return credentials.cachedIdentityId();
  }

  @Override
  public Single<String> identityId() {
    return Single.fromCallable(credentials::identityId)
        .subscribeOn(scheduler)
        .doOnSuccess(this::announce)
        .onErrorResumeNext(e -> Single.error(RemoteErrors.toSyncError(e)));
  }

  private void announce(String id) {
    IdentityChange change = null;
    synchronized (lock) {
      if (!id.equals(announced)) {
        change = new IdentityChange(announced, id, false);
        announced = id;
      }
    }
    if (change != null) {
      changes.onNext(change);
    }
  }

  @Override
  public Observable<IdentityChange> changes() {
    return changes.hide();
  }

  @Override
  public String toString() {
    return "CognitoIdentityProvider{" + credentials + "}";
  }
}
