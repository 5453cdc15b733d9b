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
 *
 * <p>When the credentials provider replaces an identity that no longer exists (see
 * {@link CognitoIdentityCredentialsProvider}), the change from the vanished identity to the new one is emitted at
 * once, with {@link IdentityChange#isMerge()} {@code true}: the new identity belongs to the same user and device, the
 * server has nothing of the vanished one any more, so this device's copy is all there is. sync-core then moves the
 * vanished identity's local datasets to the new identity, rebased as local-only data (every live record dirty on base
 * 0), and the next sync uploads them. (Without a merge they would stay under an identity that can never return.) A
 * sync running at that moment fails, with {@link dev.offsync.IdentityChangedException} or, when its request for the
 * vanished identity was already signed with the new identity's credentials, {@link dev.offsync.NotAuthorizedException};
 * the next one syncs as the new identity.
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

  private static CognitoIdentityProvider listeningTo(
      CognitoIdentityCredentialsProvider credentials, Scheduler scheduler) {
    CognitoIdentityProvider provider = new CognitoIdentityProvider(credentials, scheduler);
    credentials.addRenewalListener(provider::announce);
    return provider;
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
    return listeningTo(
        Objects.requireNonNull(credentials, "credentials == null"),
        Objects.requireNonNull(scheduler, "scheduler == null"));
  }

  @Override
  public String currentIdentityId() {
    return credentials.cachedIdentityId();
  }

  @Override
  public Single<String> identityId() {
    // not Single.fromCallable: a GetId interrupted because its sync was disposed (the client closed) would reach
    // RxJavaPlugins.onError as undeliverable; the sync already had its outcome, so that late error is dropped
    return Single.<String>create(emitter -> {
          String id;
          try {
            id = credentials.identityId();
          } catch (RuntimeException e) {
            emitter.tryOnError(e);
            return;
          }
          emitter.onSuccess(id);
        })
        .subscribeOn(scheduler)
        .doOnSuccess(this::announce)
        .onErrorResumeNext(e -> Single.error(RemoteErrors.toSyncError(e)));
  }

  private void announce(String id) {
    IdentityChange change = null;
    synchronized (lock) {
      // an id read just before the credentials provider replaced it is stale: never announce it again
      if (!id.equals(announced) && id.equals(credentials.cachedIdentityId())) {
        String vanished = credentials.identityIdReplacedBy(id);
        change = vanished != null ? new IdentityChange(vanished, id, true) : new IdentityChange(announced, id, false);
        announced = id;
      }
    }
    if (change != null) {
      changes.onNext(change);
    }
  }

  /** @return the credentials provider's identity pool id */
  @Override
  public String identityPoolId() {
    return credentials.identityPoolId();
  }

  /**
   * Continues with the identity the local store remembers, if the credentials provider has none yet
   * ({@link CognitoIdentityCredentialsProvider#resumeIdentityId}): no {@code GetId}, and no change is announced, since
   * the identity did not change.
   *
   * @param identityId the remembered identity id
   * @throws IllegalArgumentException if it is not an identity id
   */
  @Override
  public void resume(String identityId) {
    synchronized (lock) {
      if (credentials.resumeIdentityId(identityId) && announced == null) {
        announced = identityId;
      }
    }
  }

  /**
   * Forgets the identity ({@link CognitoIdentityCredentialsProvider#forgetIdentityId}); the next identity this
   * provider obtains is announced as a change from the forgotten one that is not a merge (another user).
   *
   * @throws UnsupportedOperationException if the credentials provider's identity id is configured
   */
  @Override
  public void signOut() {
    credentials.forgetIdentityId();
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
