/**
 * What offsync's two SQLite stores (sync-sqlite on sqlite-jdbc, sync-android on the platform's SQLite) share: the
 * schema's {@code user_version} migration steps per {@link dev.offsync.sqlite.schema.internal.Dialect}, the
 * statements both stores run ({@link dev.offsync.sqlite.schema.internal.Sql}) or the Android store alone runs
 * ({@link dev.offsync.sqlite.schema.internal.PortableSql}), and the driver-independent logic around them: the
 * unit-of-work protocol ({@link dev.offsync.sqlite.schema.internal.StoreDatabase}), the reads and dataset operations
 * of a transaction ({@link dev.offsync.sqlite.schema.internal.StoreTransaction}) and the row reader
 * ({@link dev.offsync.sqlite.schema.internal.StoredRows}) fed through one
 * {@link dev.offsync.sqlite.schema.internal.Row} adapter per driver. Internal to offsync; not API, may change in any
 * release.
 */
package dev.offsync.sqlite.schema.internal;
