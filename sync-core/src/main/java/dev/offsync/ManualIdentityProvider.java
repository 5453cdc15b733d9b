package dev.offsync;

import static dev.offsync.internal.Preconditions.checkNotNull;

import dev.offsync.spi.IdentityChange;
import dev.offsync.spi.IdentityProvider;
import io.reactivex.rxjava3.core.Observable;
import io.reactivex.rxjava3.core.Single;
import io.reactivex.rxjava3.subjects.PublishSubject;
import io.reactivex.rxjava3.subjects.Subject;

/**
 * An {@link IdentityProvider} the app (or a test) drives by hand: it starts with an identity or none, and
 * {@link #switchTo(String, boolean)} changes it and emits the change. Thread-safe.
 */
public final class ManualIdentityProvider implements IdentityProvider {
  private final Subject<IdentityChange> changes = PublishSubject.<IdentityChange>create().toSerialized();
  private volatile String current;

  /** Creates a provider without an identity: syncs fail with {@link NotAuthorizedException} until one is set. */
  public ManualIdentityProvider() {
    this.current = null;
  }

  /**
   * Creates a provider with an identity.
   *
   * @param identityId the identity id
   */
  public ManualIdentityProvider(String identityId) {
    this.current = checkNotNull(identityId, "identityId");
  }

  /** {@inheritDoc} */
  @Override
  public String currentIdentityId() {
    return current;
  }

  /**
   * {@inheritDoc}
   *
   * <p>Fails with {@link NotAuthorizedException} while no identity is set.
   */
  @Override
  public Single<String> identityId() {
    return Single.defer(() -> {
      String id = current;
      return id != null ? Single.just(id) : Single.error(new NotAuthorizedException("no identity yet"));
    });
  }

  /** {@inheritDoc} */
  @Override
  public Observable<IdentityChange> changes() {
    return changes;
  }

  /**
   * Switches to another identity and emits the change. No effect if {@code identityId} is already current.
   *
   * @param identityId the new identity id
   * @param merge whether the new identity takes over the previous identity's local data
   */
  public void switchTo(String identityId, boolean merge) {
    checkNotNull(identityId, "identityId");
    IdentityChange change;
    synchronized (this) {
      String previous = current;
      if (identityId.equals(previous)) {
        return;
      }
      current = identityId;
      change = new IdentityChange(previous, identityId, merge);
    }
    changes.onNext(change);
  }

  /**
   * {@inheritDoc}
   *
   * <p>Here: the provider has no identity afterwards (syncs fail with {@link NotAuthorizedException} until
   * {@link #switchTo} sets one). Nothing is emitted. A manual provider never {@linkplain #resume resumes} an identity
   * on its own: the app that drives it says which identity is current.
   */
  @Override
  public void signOut() {
    synchronized (this) {
      current = null;
    }
  }
}
