/**
 * A migration aid for apps written against AWS's Cognito Sync Android client
 * ({@code com.amazonaws.mobileconnectors.cognito}).
 *
 * <p>{@link dev.offsync.awscompat.CognitoSyncCompat} mirrors {@code CognitoSyncManager},
 * {@link dev.offsync.awscompat.CompatDataset} mirrors {@code Dataset} and its nested
 * {@link dev.offsync.awscompat.CompatDataset.SyncCallback} mirrors {@code Dataset.SyncCallback}. The types carry a
 * {@code Compat} prefix (or are nested) on purpose: sync-core already has public {@code Dataset}, {@code Record}
 * and {@code SyncConflict}, and an IDE's auto-import must never pick the wrong one; AWS's {@code SyncConflict} is
 * therefore {@link dev.offsync.awscompat.CompatConflict}. Records are sync-core's {@link dev.offsync.Record}.
 *
 * <p>{@link dev.offsync.awscompat.AwsCacheImporter} imports AWS's on-device SQLite cache into an offsync
 * {@link dev.offsync.spi.LocalStore} in one transaction.
 */
package dev.offsync.awscompat;
