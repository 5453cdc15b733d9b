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
}
