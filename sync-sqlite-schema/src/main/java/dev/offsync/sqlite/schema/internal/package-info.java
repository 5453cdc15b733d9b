/**
 * The SQL shared by offsync's two SQLite stores (sync-sqlite on sqlite-jdbc, sync-android on the platform's
 * SQLite): the schema's {@code user_version} migration steps per {@link dev.offsync.sqlite.schema.internal.Dialect},
 * and the statements both stores run ({@link dev.offsync.sqlite.schema.internal.Sql}) or the Android store alone
 * runs ({@link dev.offsync.sqlite.schema.internal.PortableSql}). Internal to offsync; not API, may change in any
 * release.
 */
package dev.offsync.sqlite.schema.internal;
