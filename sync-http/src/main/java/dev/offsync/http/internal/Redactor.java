package dev.offsync.http.internal;

import dev.offsync.http.spi.AwsCredentials;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Removes secrets from text that may end up in exception messages or logs: the secret key and session token of
 * the credentials in use, session tokens the request carried, and anything that looks like a SigV4 signature or a
 * security-token header.
 */
public final class Redactor {
  /** What secrets are replaced with. */
  public static final String REDACTED = "<redacted>";

  private static final Pattern SIGNATURE = Pattern.compile("(?i)(Signature=)[0-9a-f]{16,}");
  private static final Pattern TOKEN_HEADER =
      Pattern.compile("(?i)(x-amz-security-token\\s*[:=]\\s*)[^\\s,;'\"&]+");
  private static final Pattern SECRET_JSON =
      Pattern.compile("(?i)(\"(?:SecretKey|SecretAccessKey|SessionToken)\"\\s*:\\s*\")[^\"]*");
  private static final int MIN_SECRET_LENGTH = 4;

  private final List<String> secrets;

  private Redactor(List<String> secrets) {
    this.secrets = secrets;
  }

  /**
   * Returns a redactor for the given credentials and extra sensitive values.
   *
   * @param credentials the credentials in use, or {@code null}
   * @param extra further values to hide
   * @return the redactor
   */
  public static Redactor of(AwsCredentials credentials, List<String> extra) {
    List<String> secrets = new ArrayList<>();
    if (credentials != null) {
      secrets.add(credentials.secretAccessKey());
      if (credentials.sessionToken() != null) {
        secrets.add(credentials.sessionToken());
      }
    }
    secrets.addAll(extra);
    // the longest first, so that a secret containing another is removed whole
    secrets.sort((a, b) -> Integer.compare(b.length(), a.length()));
    return new Redactor(secrets);
  }

  /**
   * Returns {@code text} with every secret replaced by {@link #REDACTED}.
   *
   * @param text the text, or {@code null}
   * @return the redacted text, or {@code null}
   */
  public String redact(String text) {
    if (text == null) {
      return null;
    }
    String result = text;
    for (String secret : secrets) {
      if (secret != null && secret.length() >= MIN_SECRET_LENGTH) {
        result = result.replace(secret, REDACTED);
        String encoded = AwsUriEncoding.encode(secret);
        if (!encoded.equals(secret)) {
          result = result.replace(encoded, REDACTED);
        }
      }
    }
    result = SIGNATURE.matcher(result).replaceAll("$1" + REDACTED);
    result = TOKEN_HEADER.matcher(result).replaceAll("$1" + REDACTED);
    result = SECRET_JSON.matcher(result).replaceAll("$1" + REDACTED);
    return result;
  }
}
