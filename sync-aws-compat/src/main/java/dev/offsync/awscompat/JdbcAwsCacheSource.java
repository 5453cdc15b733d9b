package dev.offsync.awscompat;

import dev.offsync.InvalidParameterException;
import dev.offsync.LocalStoreException;
import java.io.Closeable;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Properties;

/**
 * An {@link AwsCacheSource} on a database file opened <b>read-only</b> through JDBC (xerial sqlite-jdbc must be on
 * the class path; sync-sqlite brings it). The file is never created, written or deleted.
 */
public final class JdbcAwsCacheSource implements AwsCacheSource, Closeable {
  /** SQLite's {@code SQLITE_OPEN_READONLY}, as sqlite-jdbc's {@code open_mode} property. */
  private static final String OPEN_READONLY = "1";

  private final Connection connection;

  private JdbcAwsCacheSource(Connection connection) {
    this.connection = connection;
  }

  /**
   * Opens a database file read-only.
   *
   * @param file the database, e.g. a copy of {@code databases/cognito_dataset_cache.db}
   * @return the source; close it when done
   * @throws InvalidParameterException if the file does not exist
   * @throws LocalStoreException if it cannot be opened
   */
  public static JdbcAwsCacheSource open(Path file) {
    Objects.requireNonNull(file, "file == null");
    if (!Files.isRegularFile(file)) {
      throw new InvalidParameterException("no AWS cache database at " + file);
    }
    Properties props = new Properties();
    props.setProperty("open_mode", OPEN_READONLY);
    try {
      Connection c = DriverManager.getConnection("jdbc:sqlite:" + file.toAbsolutePath(), props);
      try (Statement s = c.createStatement()) {
        s.execute("PRAGMA query_only = 1");
      }
      return new JdbcAwsCacheSource(c);
    } catch (SQLException e) {
      throw new LocalStoreException("cannot open " + file + " read-only: " + e.getMessage(), e);
    }
  }

  @Override
  public List<Map<String, Object>> query(String sql) {
    Objects.requireNonNull(sql, "sql == null");
    try (Statement s = connection.createStatement(); ResultSet rs = s.executeQuery(sql)) {
      ResultSetMetaData md = rs.getMetaData();
      List<Map<String, Object>> rows = new ArrayList<>();
      while (rs.next()) {
        Map<String, Object> row = new LinkedHashMap<>();
        for (int i = 1; i <= md.getColumnCount(); i++) {
          Object v = rs.getObject(i);
          if (v instanceof Integer) {
            v = ((Integer) v).longValue();
          }
          row.put(md.getColumnLabel(i), v);
        }
        rows.add(row);
      }
      return rows;
    } catch (SQLException e) {
      throw new LocalStoreException("cannot read the AWS cache: " + e.getMessage(), e);
    }
  }

  /** Closes the connection. */
  @Override
  public void close() {
    try {
      connection.close();
    } catch (SQLException e) {
      throw new LocalStoreException("cannot close the AWS cache: " + e.getMessage(), e);
    }
  }
}
