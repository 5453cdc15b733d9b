package dev.offsync.spi;

import io.reactivex.rxjava3.core.Observable;
import io.reactivex.rxjava3.core.Single;

/**
 * Where the client learns which identity it syncs as (for Cognito: the identity id from Cognito
 * Identity). Offline-first: the client works without any identity; local data is then kept under a
 * stable local owner and adopted by the first identity.
 */
public interface IdentityProvider {

  /**
   * The identity id known right now, without any I/O.
   *
   * @return the cached identity id, or {@code null} if none is known yet
   */
  String currentIdentityId();

  /**
   * Obtains the identity id, fetching it if needed (for Cognito: {@code GetId}). Cold. A provider that
   * learns a new id this way must also emit the change on {@link #changes()}.
   *
   * @return the identity id; fails with offsync's typed errors ({@link dev.offsync.NetworkException} etc.)
   */
  Single<String> identityId();

  /**
   * Identity changes, as they happen. Hot: subscribers see changes after they subscribe. Never
   * completes while the provider is in use.
   *
   * @return the stream of changes
   */
  Observable<IdentityChange> changes();

  /**
   * The identity pool this provider's identities belong to. The local store remembers the current identity per
   * pool (see {@link #resume(String)}); a provider whose identities are not scoped by a pool returns {@code null}
   * (the default), and the store keeps one current identity for all such providers.
   *
   * @return the identity pool id, or {@code null}
   */
  default String identityPoolId() {
    return null;
  }

  /**
   * Offers the identity the local store recorded as current for this provider's pool when the app last ran, before
   * the client first needs an identity (on the client's I/O scheduler; no I/O expected here). A provider that has no
   * identity yet and can continue with a known one adopts it, so a restarted app keeps its identity (and its
   * pending edits) instead of obtaining a new one; it then reports it from {@link #currentIdentityId()} without
   * emitting a change. A provider that already has an identity, or cannot adopt one, ignores the call (the
   * default). If the resumed identity turns out not to exist any more, the provider handles that as it handles any
   * vanished identity (for Cognito: a new one, announced as a merge).
   *
   * @param identityId the identity id the store remembers, not null
   * @throws IllegalArgumentException if {@code identityId} is not a valid identity id for this provider (the client
   *     then ignores the remembered value)
   */
  default void resume(String identityId) {}

  /**
   * Forgets the current identity, so that the next {@link #identityId()} obtains another one (for Cognito: a new
   * {@code GetId}, with whatever logins the provider then has). Called by {@code SyncClient.signOut} on the client's
   * I/O scheduler; may block on storage. A provider that cannot forget its identity (e.g. one fixed by the app)
   * throws {@link UnsupportedOperationException}, the default.
   *
   * @throws UnsupportedOperationException if this provider's identity cannot be forgotten
   */
  default void signOut() {
    throw new UnsupportedOperationException(getClass().getSimpleName() + " cannot forget its identity");
  }
}
