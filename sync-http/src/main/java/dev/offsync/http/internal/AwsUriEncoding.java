package dev.offsync.http.internal;

import java.nio.charset.StandardCharsets;

/**
 * AWS's URI encoding (RFC 3986 strict): every byte of the UTF-8 form except the unreserved characters
 * {@code A-Z a-z 0-9 - _ . ~} becomes {@code %XX} with upper-case hex. Used for path labels and query parameters
 * on the wire and, once more, for SigV4's canonical URI.
 */
public final class AwsUriEncoding {
  private static final char[] HEX = "0123456789ABCDEF".toCharArray();

  private AwsUriEncoding() {}

  /**
   * Encodes every character that is not unreserved, {@code /} included.
   *
   * @param value the raw text
   * @return the encoded text
   */
  public static String encode(String value) {
    return encode(value, false);
  }

  /**
   * Encodes every character that is not unreserved, keeping {@code /}.
   *
   * @param value the raw text
   * @return the encoded text
   */
  public static String encodeIgnoringSlashes(String value) {
    return encode(value, true);
  }

  private static String encode(String value, boolean keepSlash) {
    byte[] bytes = value.getBytes(StandardCharsets.UTF_8);
    StringBuilder out = null;
    for (int i = 0; i < bytes.length; i++) {
      int b = bytes[i] & 0xff;
      boolean keep = isUnreserved(b) || (keepSlash && b == '/');
      if (out == null) {
        if (keep) {
          continue;
        }
        out = new StringBuilder(bytes.length * 3);
        for (int j = 0; j < i; j++) {
          out.append((char) bytes[j]);
        }
      }
      if (keep) {
        out.append((char) b);
      } else {
        out.append('%').append(HEX[b >> 4]).append(HEX[b & 0xf]);
      }
    }
    return out == null ? value : out.toString();
  }

  private static boolean isUnreserved(int b) {
    return (b >= 'A' && b <= 'Z')
        || (b >= 'a' && b <= 'z')
        || (b >= '0' && b <= '9')
        || b == '-'
        || b == '_'
        || b == '.'
        || b == '~';
  }
}
