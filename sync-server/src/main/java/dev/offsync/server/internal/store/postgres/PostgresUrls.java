package dev.offsync.server.internal.store.postgres;

import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * The database locations the server accepts with {@code --db}: {@code postgresql://host:port/db?user=..} and
 * {@code postgres://...} (libpq style, as most hosting providers print them, including {@code user:password@host}),
 * and {@code jdbc:postgresql://...} as is.
 */
public final class PostgresUrls {
  private static final Pattern PASSWORD_PARAM = Pattern.compile("(?i)([?&]password=)[^&]*");
  private static final Pattern USER_INFO = Pattern.compile("^(jdbc:postgresql://|postgres(?:ql)?://)([^@/?]+)@");

  private PostgresUrls() {}

  /**
   * Whether a {@code --db} value names a PostgreSQL database.
   *
   * @param location the value
   * @return true for the URL forms above
   */
  public static boolean isPostgres(String location) {
    Objects.requireNonNull(location, "location == null");
    String l = location.toLowerCase(Locale.ROOT);
    return l.startsWith("postgresql://") || l.startsWith("postgres://") || l.startsWith("jdbc:postgresql:");
  }

  /**
   * Turns a {@code --db} value into a configuration. User and password given here win over those in the URL.
   *
   * @param location the URL
   * @param user the user, null to take it from the URL
   * @param password the password, null to take it from the URL
   * @return the configuration with default pool size and lease
   * @throws IllegalArgumentException if the value is not a PostgreSQL URL
   */
  public static PostgresStoreConfig parse(String location, String user, String password) {
    Objects.requireNonNull(location, "location == null");
    if (!isPostgres(location)) {
      throw new IllegalArgumentException("not a PostgreSQL URL: " + redact(location));
    }
    String rest = location.toLowerCase(Locale.ROOT).startsWith("jdbc:")
        ? location.substring("jdbc:postgresql:".length())
        : location.substring(location.indexOf(':') + 1);
    String u = user;
    String p = password;
    // libpq's user:password@host is not understood by the JDBC driver: move it into the properties
    if (rest.startsWith("//")) {
      int at = rest.indexOf('@');
      int slash = rest.indexOf('/', 2);
      if (at > 0 && (slash < 0 || at < slash)) {
        String info = rest.substring(2, at);
        rest = "//" + rest.substring(at + 1);
        int colon = info.indexOf(':');
        String infoUser = decode(colon < 0 ? info : info.substring(0, colon));
        String infoPassword = colon < 0 ? null : decode(info.substring(colon + 1));
        if (u == null) {
          u = infoUser;
        }
        if (p == null) {
          p = infoPassword;
        }
      }
    }
    return PostgresStoreConfig.of("jdbc:postgresql:" + rest, u, p);
  }

  /**
   * Turns a {@code --db} value into a configuration, taking credentials in this order: the explicit values (flags),
   * {@code OFFSYNC_DB_USER} / {@code OFFSYNC_DB_PASSWORD} from the environment, the URL itself, then libpq's
   * {@code PGUSER} / {@code PGPASSWORD}.
   *
   * @param location the URL
   * @param user the user flag, may be null
   * @param password the password flag, may be null
   * @param env the environment, e.g. {@link System#getenv()}
   * @return the configuration
   * @throws IllegalArgumentException if the value is not a PostgreSQL URL
   */
  public static PostgresStoreConfig parse(String location, String user, String password, Map<String, String> env) {
    Objects.requireNonNull(env, "env == null");
    PostgresStoreConfig fromUrl = parse(location, firstNonEmpty(user, env.get("OFFSYNC_DB_USER")),
        firstNonEmpty(password, env.get("OFFSYNC_DB_PASSWORD")));
    String u = fromUrl.user();
    String p = fromUrl.password();
    if (u == null && !fromUrl.jdbcUrl().matches("(?i).*[?&]user=.*")) {
      u = firstNonEmpty(env.get("PGUSER"), null);
    }
    if (p == null && !fromUrl.jdbcUrl().matches("(?i).*[?&]password=.*")) {
      p = firstNonEmpty(env.get("PGPASSWORD"), null);
    }
    return PostgresStoreConfig.of(fromUrl.jdbcUrl(), u, p);
  }

  private static String firstNonEmpty(String a, String b) {
    if (a != null && !a.isEmpty()) {
      return a;
    }
    return b != null && !b.isEmpty() ? b : null;
  }

  private static String decode(String s) {
    return java.net.URLDecoder.decode(s, java.nio.charset.StandardCharsets.UTF_8);
  }

  /**
   * A URL safe to log: passwords (query parameter or user info) replaced by {@code ***}.
   *
   * @param url the URL
   * @return the redacted URL
   */
  public static String redact(String url) {
    Objects.requireNonNull(url, "url == null");
    String s = PASSWORD_PARAM.matcher(url).replaceAll("$1***");
    java.util.regex.Matcher m = USER_INFO.matcher(s);
    if (m.find()) {
      String info = m.group(2);
      int colon = info.indexOf(':');
      if (colon >= 0) {
        s = m.group(1) + info.substring(0, colon) + ":***@" + s.substring(m.end());
      }
    }
    return s;
  }
}
