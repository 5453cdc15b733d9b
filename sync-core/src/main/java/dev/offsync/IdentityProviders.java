package dev.offsync;

import static dev.offsync.internal.Preconditions.checkNotNull;

import dev.offsync.spi.IdentityChange;
import dev.offsync.spi.IdentityProvider;
import io.reactivex.rxjava3.core.Observable;
import io.reactivex.rxjava3.core.Single;

/** Ready-made {@link IdentityProvider}s. */
public final class IdentityProviders {
  private IdentityProviders() {}

  /**
   * A provider with one identity that never changes (for developer-authenticated or single-user setups,
   * and tests).
   *
   * @param identityId the identity id
   * @return the provider
   */
  public static IdentityProvider fixed(String identityId) {
    checkNotNull(identityId, "identityId");
    return new IdentityProvider() {
      @Override
      public String currentIdentityId() {
        return identityId;
      }

      @Override
      public Single<String> identityId() {
        return Single.just(identityId);
      }

      @Override
      public Observable<IdentityChange> changes() {
        return Observable.never();
      }

      @Override
      public String toString() {
        return "IdentityProviders.fixed(" + identityId + ")";
      }
    };
  }

  /**
   * A provider driven by hand ({@link ManualIdentityProvider#switchTo}).
   *
   * @return a provider without an identity yet
   */
  public static ManualIdentityProvider manual() {
    return new ManualIdentityProvider();
  }
}
