package dev.offsync;

import static dev.offsync.internal.Preconditions.checkNotNull;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;

/**
 * Local data held under an identity that is not the client's current one: a user who signed out with
 * {@link SignOutMode#KEEP_LOCAL_DATA}, or an identity the identity provider switched away from without a merge.
 * Listed by {@link SyncClient#inactiveIdentities()}; nothing of it is synced until it is current again or the app
 * {@linkplain SyncClient#adoptInactiveIdentity adopts} it, and nothing is dropped unless the app
 * {@linkplain SyncClient#discardInactiveIdentity discards} it. Immutable.
 */
public final class InactiveIdentity {
  private final String identityId;
  private final List<DatasetMetadata> datasets;
  private final long pendingCount;

  /**
   * Creates the value (the engine does; apps read it).
   *
   * @param identityId the identity id, not null
   * @param datasets its local datasets, locally deleted ones included, not null
   * @param pendingCount its records with changes not acknowledged by the server, not negative
   */
  public InactiveIdentity(String identityId, List<DatasetMetadata> datasets, long pendingCount) {
    this.identityId = checkNotNull(identityId, "identityId");
    this.datasets = Collections.unmodifiableList(new ArrayList<>(checkNotNull(datasets, "datasets")));
    if (pendingCount < 0) {
      throw new IllegalArgumentException("pendingCount < 0: " + pendingCount);
    }
    this.pendingCount = pendingCount;
  }

  /** @return the identity id the data is held under */
  public String identityId() {
    return identityId;
  }

  /** @return its local datasets, ordered by name */
  public List<DatasetMetadata> datasets() {
    return datasets;
  }

  /** @return its records with local changes the server has not acknowledged (tombstones included) */
  public long pendingCount() {
    return pendingCount;
  }

  @Override
  public boolean equals(Object o) {
    if (!(o instanceof InactiveIdentity)) {
      return false;
    }
    InactiveIdentity that = (InactiveIdentity) o;
    return pendingCount == that.pendingCount && identityId.equals(that.identityId) && datasets.equals(that.datasets);
  }

  @Override
  public int hashCode() {
    return Objects.hash(identityId, datasets, pendingCount);
  }

  @Override
  public String toString() {
    return "InactiveIdentity{" + identityId + ", datasets=" + datasets.size() + ", pending=" + pendingCount + "}";
  }
}
