package dev.offsync.http.internal;

import dev.offsync.http.spi.AwsCredentials;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * AWS Signature Version 4 ({@code AWS4-HMAC-SHA256}) for header-signed requests, matching AWS's rules for every
 * service but S3: the canonical URI is the wire path encoded once more (so {@code %3A} becomes {@code %253A}),
 * query parameters are sorted by encoded name then value, header values are trimmed with inner whitespace runs
 * collapsed, and the payload hash is the SHA-256 of the body (of the empty string without body). A session token is
 * sent and signed as {@code X-Amz-Security-Token}. Immutable and thread-safe.
 */
public final class SigV4Signer {
  /** The algorithm name in the {@code Authorization} header. */
  public static final String ALGORITHM = "AWS4-HMAC-SHA256";

  private static final DateTimeFormatter AMZ_DATE =
      DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'", Locale.ROOT).withZone(ZoneOffset.UTC);
  private static final List<String> UNSIGNED_HEADERS =
      java.util.Arrays.asList("connection", "x-amzn-trace-id", "user-agent", "expect");
  private static final char[] HEX = "0123456789abcdef".toCharArray();

  // Mac.getInstance and MessageDigest.getInstance look up the provider on every call (several microseconds each);
  // the instances are not thread-safe, so each calling thread keeps its own.
  private static final ThreadLocal<Mac> HMAC =
      new ThreadLocal<Mac>() {
        @Override
        protected Mac initialValue() {
          try {
            return Mac.getInstance("HmacSHA256");
          } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 unavailable", e);
          }
        }
      };
  private static final ThreadLocal<MessageDigest> SHA256 =
      new ThreadLocal<MessageDigest>() {
        @Override
        protected MessageDigest initialValue() {
          try {
            return MessageDigest.getInstance("SHA-256");
          } catch (GeneralSecurityException e) {
            throw new IllegalStateException("SHA-256 unavailable", e);
          }
        }
      };

  private final String service;
  private final String region;
  /** The last derived signing key: it depends only on the secret and the day, so it is reused until either changes. */
  private volatile SigningKey signingKey;

  /**
   * Creates a signer.
   *
   * @param service the signing name, e.g. {@code cognito-sync}
   * @param region the region, e.g. {@code us-east-1}
   */
  public SigV4Signer(String service, String region) {
    this.service = Objects.requireNonNull(service, "service == null");
    this.region = Objects.requireNonNull(region, "region == null");
  }

  /**
   * Signs a request.
   *
   * @param method the HTTP method
   * @param encodedPath the path exactly as sent (percent-encoded)
   * @param queryParameters the decoded query parameters
   * @param headers the headers to sign, {@code Host} included (names in any case; repeated names allowed)
   * @param body the body, or {@code null}
   * @param credentials the credentials
   * @param now the signing time
   * @return the headers to add ({@code X-Amz-Date}, {@code X-Amz-Security-Token} if any, {@code Authorization})
   */
  public Map<String, String> sign(
      String method,
      String encodedPath,
      List<Map.Entry<String, String>> queryParameters,
      List<Map.Entry<String, String>> headers,
      byte[] body,
      AwsCredentials credentials,
      Instant now) {
    String amzDate = AMZ_DATE.format(now);
    String date = amzDate.substring(0, 8);
    List<Map.Entry<String, String>> all = new ArrayList<>(headers);
    all.add(entry("X-Amz-Date", amzDate));
    if (credentials.sessionToken() != null) {
      all.add(entry("X-Amz-Security-Token", credentials.sessionToken()));
    }
    TreeMap<String, List<String>> canonicalHeaders = new TreeMap<>();
    for (Map.Entry<String, String> header : all) {
      String name = header.getKey().toLowerCase(Locale.ROOT);
      if (UNSIGNED_HEADERS.contains(name)) {
        continue;
      }
      canonicalHeaders.computeIfAbsent(name, k -> new ArrayList<>()).add(compact(header.getValue()));
    }
    StringBuilder headerBlock = new StringBuilder();
    StringBuilder signedHeaders = new StringBuilder();
    for (Map.Entry<String, List<String>> header : canonicalHeaders.entrySet()) {
      headerBlock.append(header.getKey()).append(':').append(String.join(",", header.getValue())).append('\n');
      if (signedHeaders.length() > 0) {
        signedHeaders.append(';');
      }
      signedHeaders.append(header.getKey());
    }
    String canonicalRequest =
        method
            + '\n'
            + canonicalUri(encodedPath)
            + '\n'
            + canonicalQuery(queryParameters)
            + '\n'
            + headerBlock
            + '\n'
            + signedHeaders
            + '\n'
            + hex(sha256(body == null ? new byte[0] : body));
    String scope = date + '/' + region + '/' + service + "/aws4_request";
    String stringToSign =
        ALGORITHM
            + '\n'
            + amzDate
            + '\n'
            + scope
            + '\n'
            + hex(sha256(canonicalRequest.getBytes(StandardCharsets.UTF_8)));
    String signature = hex(hmac(signingKey(credentials.secretAccessKey(), date), stringToSign));
    Map<String, String> result = new LinkedHashMap<>();
    result.put("X-Amz-Date", amzDate);
    if (credentials.sessionToken() != null) {
      result.put("X-Amz-Security-Token", credentials.sessionToken());
    }
    result.put(
        "Authorization",
        ALGORITHM
            + " Credential="
            + credentials.accessKeyId()
            + '/'
            + scope
            + ", SignedHeaders="
            + signedHeaders
            + ", Signature="
            + signature);
    return Collections.unmodifiableMap(result);
  }

  private byte[] signingKey(String secret, String date) {
    SigningKey cached = signingKey;
    if (cached != null && cached.date.equals(date) && cached.secret.equals(secret)) {
      return cached.key;
    }
    byte[] key = hmac(("AWS4" + secret).getBytes(StandardCharsets.UTF_8), date);
    key = hmac(key, region);
    key = hmac(key, service);
    key = hmac(key, "aws4_request");
    signingKey = new SigningKey(secret, date, key);
    return key;
  }

  /** A derived signing key with the secret and day it was derived from. */
  private static final class SigningKey {
    final String secret;
    final String date;
    final byte[] key;

    SigningKey(String secret, String date, byte[] key) {
      this.secret = secret;
      this.date = date;
      this.key = key;
    }
  }

  private static Map.Entry<String, String> entry(String name, String value) {
    return new java.util.AbstractMap.SimpleImmutableEntry<>(name, value);
  }

  static String canonicalUri(String encodedPath) {
    if (encodedPath == null || encodedPath.isEmpty()) {
      return "/";
    }
    String value = AwsUriEncoding.encodeIgnoringSlashes(encodedPath);
    return value.startsWith("/") ? value : "/" + value;
  }

  static String canonicalQuery(List<Map.Entry<String, String>> parameters) {
    TreeMap<String, List<String>> sorted = new TreeMap<>();
    for (Map.Entry<String, String> parameter : parameters) {
      sorted
          .computeIfAbsent(AwsUriEncoding.encode(parameter.getKey()), k -> new ArrayList<>())
          .add(AwsUriEncoding.encode(parameter.getValue() == null ? "" : parameter.getValue()));
    }
    StringBuilder out = new StringBuilder();
    for (Map.Entry<String, List<String>> parameter : sorted.entrySet()) {
      List<String> values = parameter.getValue();
      Collections.sort(values);
      for (String value : values) {
        if (out.length() > 0) {
          out.append('&');
        }
        out.append(parameter.getKey()).append('=').append(value);
      }
    }
    return out.toString();
  }

  /** Trims and collapses every run of whitespace into one space. */
  static String compact(String value) {
    StringBuilder out = new StringBuilder(value.length());
    boolean pendingSpace = false;
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      if (c == ' ' || c == '\t' || c == '\n' || c == '\u000b' || c == '\r' || c == '\f') {
        pendingSpace = out.length() > 0;
      } else {
        if (pendingSpace) {
          out.append(' ');
          pendingSpace = false;
        }
        out.append(c);
      }
    }
    return out.toString();
  }

  /**
   * Returns the lower-case hex SHA-256 of {@code bytes}.
   *
   * @param bytes the input
   * @return the digest in hex
   */
  public static String sha256Hex(byte[] bytes) {
    return hex(sha256(bytes));
  }

  private static byte[] sha256(byte[] bytes) {
    return SHA256.get().digest(bytes);
  }

  private static byte[] hmac(byte[] key, String data) {
    try {
      Mac mac = HMAC.get();
      mac.init(new SecretKeySpec(key, "HmacSHA256"));
      return mac.doFinal(data.getBytes(StandardCharsets.UTF_8));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA256 unavailable", e);
    }
  }

  private static String hex(byte[] bytes) {
    char[] out = new char[bytes.length * 2];
    for (int i = 0; i < bytes.length; i++) {
      out[2 * i] = HEX[(bytes[i] >> 4) & 0xf];
      out[2 * i + 1] = HEX[bytes[i] & 0xf];
    }
    return new String(out);
  }
}
