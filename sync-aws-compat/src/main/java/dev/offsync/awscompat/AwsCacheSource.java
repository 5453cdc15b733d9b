package dev.offsync.awscompat;

import java.util.List;
import java.util.Map;

/**
 * Read-only access to AWS's on-device SQLite cache: the only thing that differs between the JVM
 * ({@link JdbcAwsCacheSource}) and Android ({@code dev.offsync.android.AndroidAwsCacheSource} in sync-android).
 * {@link AwsCacheImporter} issues only {@code SELECT} and {@code PRAGMA} reads through it.
 */
public interface AwsCacheSource {
  /**
   * Runs a read-only query.
   *
   * @param sql a {@code SELECT} or {@code PRAGMA} statement without parameters
   * @return every row, as column name to value: {@link Long} for integers, {@link String} for text,
   *     {@link Double} for reals, {@code byte[]} for blobs, {@code null} for NULL
   * @throws dev.offsync.LocalStoreException if the database cannot be read
   */
  List<Map<String, Object>> query(String sql);
}
