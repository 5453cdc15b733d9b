package dev.offsync.awscompat;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/** Builds fixture databases from the checked-in SQL scripts (src/test/resources/awscache). */
public final class FixtureDb {
  private FixtureDb() {}

  static Path create(Path file, String... scripts) {
    try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file.toAbsolutePath());
        Statement s = c.createStatement()) {
      for (String script : scripts) {
        for (String sql : statements(script)) {
          s.execute(sql);
        }
      }
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
    return file;
  }

  /** @return the statements of a fixture script, comments dropped (also used by sync-android's tests) */
  public static List<String> statements(String script) {
    String text;
    try (InputStream in = FixtureDb.class.getResourceAsStream("/awscache/" + script)) {
      if (in == null) {
        throw new IllegalArgumentException("no script " + script);
      }
      text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    String body = text.lines().filter(l -> !l.trim().startsWith("--")).collect(Collectors.joining("\n"));
    List<String> out = new ArrayList<>();
    for (String part : body.split(";\\s*\n")) {
      if (!part.isBlank()) {
        out.add(part.trim().replaceAll(";$", ""));
      }
    }
    return out;
  }

  /** SHA-256 of every file in the directory, with names: proves the legacy files are untouched. */
  public static String snapshot(Path dir) {
    try (Stream<Path> files = Files.list(dir)) {
      MessageDigest md = MessageDigest.getInstance("SHA-256");
      StringBuilder sb = new StringBuilder();
      for (Path p : files.sorted().collect(Collectors.toList())) {
        sb.append(p.getFileName()).append('=').append(Files.getLastModifiedTime(p)).append(':');
        for (byte b : md.digest(Files.readAllBytes(p))) {
          sb.append(String.format("%02x", b & 0xff));
        }
        sb.append('\n');
      }
      return sb.toString();
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }
}
