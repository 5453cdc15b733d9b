package dev.offsync.server.internal.auth;

import dev.offsync.server.internal.http.ApiException;
import dev.offsync.server.internal.http.ErrorType;
import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Verifies AWS Signature Version 4 ({@code AWS4-HMAC-SHA256}) request signatures for one signing service.
 *
 * <ul>
 *   <li>The client's own {@code SignedHeaders} are honoured (the Java SDK, the CLI and Android sign different sets);
 *       {@code host} must be among them.
 *   <li>The canonical URI is built from the path <em>exactly as received</em>, each segment URI-encoded once more
 *       (AWS's non-S3 rule: {@code %3A} becomes {@code %253A}); a signature over the singly-encoded path is accepted
 *       too, for clients that sign the decoded path.
 *   <li>The payload hash is computed by the server from the body; {@code x-amz-content-sha256} is optional, and must
 *       match the body when present.
 *   <li>{@code x-amz-date} (or {@code Date}) must be within the allowed clock skew (5 minutes) of the server clock,
 *       and the credential scope's date must be that date.
 * </ul>
 */
public final class SigV4Verifier {
  private static final String ALGORITHM = "AWS4-HMAC-SHA256";
  private static final DateTimeFormatter AMZ_DATE =
      DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);
  private static final DateTimeFormatter SCOPE_DATE = DateTimeFormatter.ofPattern("yyyyMMdd").withZone(ZoneOffset.UTC);
  private static final HexFormat HEX = HexFormat.of();

  /** Looks up the secret of an access key id. */
  @FunctionalInterface
  public interface CredentialResolver {
    /**
     * Resolves the credentials of a request.
     *
     * @param accessKeyId the key id from the {@code Credential=} scope
     * @param securityToken the {@code x-amz-security-token} header, or null
     * @return the secret and the principal
     * @throws ApiException 403 when unknown, expired or mismatched
     */
    Resolved resolve(String accessKeyId, String securityToken);
  }

  /**
   * The outcome of credential resolution.
   *
   * @param secretKey the secret to verify the signature with
   * @param principal who the credentials belong to
   */
  public record Resolved(String secretKey, Principal principal) {}

  /** Bound on cached signing keys (one per access key, day and region); the cache is dropped when it is full. */
  private static final int MAX_CACHED_KEYS = 1024;
  // Mac.getInstance and MessageDigest.getInstance look up the provider on every call (several microseconds each);
  // the instances are not thread-safe, so each request thread keeps its own.
  private static final ThreadLocal<Mac> HMAC = ThreadLocal.withInitial(() -> {
    try {
      return Mac.getInstance("HmacSHA256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  });
  private static final ThreadLocal<MessageDigest> SHA256 = ThreadLocal.withInitial(() -> {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  });

  /** A derived signing key and the secret it was derived from (the cache is keyed without the secret). */
  private record SigningKey(String secret, byte[] key) {}

  private final String service;
  private final Clock clock;
  private final Duration maxSkew;
  private final CredentialResolver resolver;
  private final ConcurrentHashMap<String, SigningKey> signingKeys = new ConcurrentHashMap<>();

  /**
   * Creates a verifier.
   *
   * @param service signing service name, e.g. {@code cognito-sync}
   * @param clock the server clock
   * @param maxSkew allowed difference between the request date and the clock
   * @param resolver credential lookup
   */
  public SigV4Verifier(String service, Clock clock, Duration maxSkew, CredentialResolver resolver) {
    this.service = Objects.requireNonNull(service, "service == null");
    this.clock = Objects.requireNonNull(clock, "clock == null");
    this.maxSkew = Objects.requireNonNull(maxSkew, "maxSkew == null");
    this.resolver = Objects.requireNonNull(resolver, "resolver == null");
  }

  private static ApiException incomplete(String message) {
    return new ApiException(ErrorType.IncompleteSignatureException, message);
  }

  /**
   * Verifies a request.
   *
   * @param method HTTP method
   * @param rawPath the path as received, still percent-encoded
   * @param rawQuery the query as received, or null
   * @param headers header values by lower-case name
   * @param body the complete body
   * @return the principal that signed
   * @throws ApiException a 403 error on any failure
   */
  public Principal verify(
      String method, String rawPath, String rawQuery, Map<String, List<String>> headers, byte[] body) {
    String authorization = first(headers, "authorization");
    if (authorization == null || authorization.isBlank()) {
      throw new ApiException(ErrorType.MissingAuthenticationTokenException, "Missing Authentication Token");
    }
    authorization = authorization.trim();
    if (!authorization.startsWith(ALGORITHM + " ")) {
      throw incomplete("Unsupported authorization algorithm; only " + ALGORITHM + " is accepted");
    }
    String credential = null;
    String signedHeaders = null;
    String signature = null;
    for (String part : authorization.substring(ALGORITHM.length()).split(",")) {
      String p = part.trim();
      int eq = p.indexOf('=');
      if (eq <= 0) {
        continue;
      }
      String name = p.substring(0, eq).trim();
      String value = p.substring(eq + 1).trim();
      switch (name) {
        case "Credential" -> credential = value;
        case "SignedHeaders" -> signedHeaders = value;
        case "Signature" -> signature = value;
        default -> {
          // ignore unknown components, as AWS does
        }
      }
    }
    if (credential == null || signedHeaders == null || signature == null) {
      throw incomplete(
          "Authorization header requires 'Credential', 'SignedHeaders' and 'Signature' parameters");
    }
    String[] scope = credential.split("/");
    if (scope.length != 5 || !"aws4_request".equals(scope[4])) {
      throw incomplete("Credential should be scoped to a valid region, service and aws4_request: " + credential);
    }
    String accessKeyId = scope[0];
    String scopeDate = scope[1];
    String region = scope[2];
    if (!service.equals(scope[3])) {
      throw new ApiException(
          ErrorType.InvalidSignatureException,
          "Credential should be scoped to correct service: '" + service + "'.");
    }

    String amzDate = first(headers, "x-amz-date");
    Instant requestTime;
    try {
      if (amzDate != null) {
        requestTime = Instant.from(AMZ_DATE.parse(amzDate.trim()));
      } else {
        String date = first(headers, "date");
        if (date == null) {
          throw incomplete("Authorization requires an 'X-Amz-Date' or 'Date' header");
        }
        requestTime = Instant.from(DateTimeFormatter.RFC_1123_DATE_TIME.parse(date.trim()));
        amzDate = AMZ_DATE.format(requestTime);
      }
    } catch (DateTimeParseException e) {
      throw incomplete("Unparseable request date: " + (amzDate != null ? amzDate : first(headers, "date")));
    }
    Instant now = clock.instant();
    if (Duration.between(requestTime, now).abs().compareTo(maxSkew) > 0) {
      boolean past = requestTime.isBefore(now);
      throw new ApiException(
          ErrorType.InvalidSignatureException,
          "Signature "
              + (past ? "expired: " : "not yet current: ")
              + AMZ_DATE.format(requestTime)
              + " is now "
              + (past ? "earlier than " : "later than ")
              + AMZ_DATE.format(past ? now.minus(maxSkew) : now.plus(maxSkew))
              + " ("
              + AMZ_DATE.format(now)
              + (past ? " - " : " + ")
              + maxSkew.toMinutes()
              + " min.)");
    }
    if (!scopeDate.equals(SCOPE_DATE.format(requestTime))) {
      throw new ApiException(
          ErrorType.InvalidSignatureException,
          "Date in Credential scope does not match YYYYMMDD from ISO-8601 version of date from HTTP: '"
              + scopeDate
              + "' != '"
              + SCOPE_DATE.format(requestTime)
              + "'");
    }

    List<String> signed = List.of(signedHeaders.split(";"));
    if (!signed.contains("host")) {
      throw incomplete("'Host' must be a signed header");
    }
    for (String h : signed) {
      if (h.isEmpty() || !h.equals(h.toLowerCase(Locale.ROOT)) || !headers.containsKey(h)) {
        throw incomplete("Signed header '" + h + "' is missing from the request");
      }
    }

    String payloadHash = HEX.formatHex(sha256(body));
    String declared = first(headers, "x-amz-content-sha256");
    if (declared != null && !declared.trim().equalsIgnoreCase(payloadHash)) {
      throw new ApiException(
          ErrorType.InvalidSignatureException,
          "The provided 'x-amz-content-sha256' header does not match what was computed.");
    }

    Resolved resolved = resolver.resolve(accessKeyId, first(headers, "x-amz-security-token"));

    StringBuilder canonicalHeaders = new StringBuilder();
    for (String h : signed) {
      List<String> values = headers.get(h);
      List<String> trimmed = new ArrayList<>(values.size());
      for (String v : values) {
        trimmed.add(collapseSpaces(v.trim()));
      }
      canonicalHeaders.append(h).append(':').append(String.join(",", trimmed)).append('\n');
    }
    String canonicalQuery = canonicalQuery(rawQuery);
    String credentialScope = scopeDate + "/" + region + "/" + service + "/aws4_request";
    byte[] signingKey = signingKey(accessKeyId, resolved.secretKey(), scopeDate, region);
    byte[] provided;
    try {
      provided = HEX.parseHex(signature.toLowerCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw incomplete("Signature is not hexadecimal");
    }
    String doubleEncoded = canonicalUri(rawPath, true);
    // the singly-encoded variant is only needed when the usual, doubly-encoded one does not match
    for (int attempt = 0; attempt < 2; attempt++) {
      String uri = doubleEncoded;
      if (attempt == 1) {
        uri = canonicalUri(rawPath, false);
        if (uri.equals(doubleEncoded)) {
          break;
        }
      }
      String canonicalRequest =
          method + "\n" + uri + "\n" + canonicalQuery + "\n" + canonicalHeaders + "\n" + signedHeaders + "\n"
              + payloadHash;
      String stringToSign =
          ALGORITHM + "\n" + amzDate.trim() + "\n" + credentialScope + "\n"
              + HEX.formatHex(sha256(canonicalRequest.getBytes(StandardCharsets.UTF_8)));
      byte[] expected = hmac(signingKey, stringToSign);
      if (MessageDigest.isEqual(expected, provided)) {
        return resolved.principal();
      }
    }
    throw new ApiException(
        ErrorType.InvalidSignatureException,
        "The request signature we calculated does not match the signature you provided. Check your AWS Secret Access"
            + " Key and signing method. Consult the service documentation for details.");
  }

  private static String first(Map<String, List<String>> headers, String name) {
    List<String> v = headers.get(name);
    return v == null || v.isEmpty() ? null : v.get(0);
  }

  /**
   * The canonical URI of a raw path.
   *
   * @param rawPath the path as received
   * @param reEncode true for AWS's non-S3 rule (encode the received, already encoded segments again); false to
   *     encode the decoded segments once
   * @return the canonical URI
   */
  static String canonicalUri(String rawPath, boolean reEncode) {
    if (rawPath == null || rawPath.isEmpty()) {
      return "/";
    }
    String[] segments = rawPath.split("/", -1);
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < segments.length; i++) {
      if (i > 0) {
        sb.append('/');
      }
      String s = reEncode ? segments[i] : percentDecode(segments[i]);
      sb.append(uriEncode(s));
    }
    String out = sb.toString();
    return out.startsWith("/") ? out : "/" + out;
  }

  static String canonicalQuery(String rawQuery) {
    if (rawQuery == null || rawQuery.isEmpty()) {
      return "";
    }
    List<String[]> pairs = new ArrayList<>();
    for (String p : rawQuery.split("&")) {
      if (p.isEmpty()) {
        continue;
      }
      int eq = p.indexOf('=');
      String name = eq < 0 ? p : p.substring(0, eq);
      String value = eq < 0 ? "" : p.substring(eq + 1);
      pairs.add(new String[] {uriEncode(formDecode(name)), uriEncode(formDecode(value))});
    }
    pairs.sort((a, b) -> {
      int c = a[0].compareTo(b[0]);
      return c != 0 ? c : a[1].compareTo(b[1]);
    });
    StringBuilder sb = new StringBuilder();
    for (String[] p : pairs) {
      if (sb.length() > 0) {
        sb.append('&');
      }
      sb.append(p[0]).append('=').append(p[1]);
    }
    return sb.toString();
  }

  /** Percent-decodes, leaving {@code +} alone (path rule); malformed escapes stay as they are. */
  static String percentDecode(String s) {
    if (s.indexOf('%') < 0) {
      return s;
    }
    java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream(s.length());
    int literal = 0; // start of the run of characters copied as they are (UTF-8 encoded in one go)
    for (int i = 0; i < s.length(); i++) {
      if (s.charAt(i) == '%' && i + 2 < s.length() && isHex(s.charAt(i + 1)) && isHex(s.charAt(i + 2))) {
        if (literal < i) {
          out.writeBytes(s.substring(literal, i).getBytes(StandardCharsets.UTF_8));
        }
        out.write(Character.digit(s.charAt(i + 1), 16) << 4 | Character.digit(s.charAt(i + 2), 16));
        i += 2;
        literal = i + 1;
      }
    }
    if (literal < s.length()) {
      out.writeBytes(s.substring(literal).getBytes(StandardCharsets.UTF_8));
    }
    return out.toString(StandardCharsets.UTF_8);
  }

  /**
   * Decodes one path segment (percent-decoding; {@code +} stays).
   *
   * @param segment the raw segment
   * @return the decoded text
   */
  public static String decodePathSegment(String segment) {
    return percentDecode(segment);
  }

  /**
   * Decodes one query name or value ({@code +} is a space, then percent-decoding).
   *
   * @param s the raw text
   * @return the decoded text
   */
  public static String decodeQueryComponent(String s) {
    return formDecode(s);
  }

  /** Query decoding: {@code +} is a space, then percent-decoding. */
  static String formDecode(String s) {
    return percentDecode(s.replace('+', ' '));
  }

  private static boolean isHex(char c) {
    return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
  }

  /** RFC 3986 encoding of everything but unreserved characters, upper-case hex. */
  static String uriEncode(String s) {
    StringBuilder sb = new StringBuilder(s.length() + 8);
    for (byte b : s.getBytes(StandardCharsets.UTF_8)) {
      int c = b & 0xff;
      if ((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')
          || c == '-' || c == '_' || c == '.' || c == '~') {
        sb.append((char) c);
      } else {
        sb.append('%').append(Character.toUpperCase(Character.forDigit(c >> 4, 16)))
            .append(Character.toUpperCase(Character.forDigit(c & 0xf, 16)));
      }
    }
    return sb.toString();
  }

  /**
   * Collapses each run of whitespace (space, tab, CR, LF, VT, FF) to one space, as SigV4's canonical header values
   * require and AWS's signers do; a value with a tab inside must verify like the signer canonicalized it.
   */
  static String collapseSpaces(String v) {
    StringBuilder sb = new StringBuilder(v.length());
    boolean inRun = false;
    for (int i = 0; i < v.length(); i++) {
      char c = v.charAt(i);
      if (c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\u000b' || c == '\f') {
        if (!inRun) {
          sb.append(' ');
          inRun = true;
        }
      } else {
        sb.append(c);
        inRun = false;
      }
    }
    return sb.toString();
  }

  /**
   * The SigV4 signing key for a secret, day and region. Deriving it takes four HMACs, and it only changes daily, so
   * it is cached per access key, day and region (and used only if the secret is still the one it was derived from).
   */
  private byte[] signingKey(String accessKeyId, String secret, String date, String region) {
    String cacheKey = accessKeyId + '/' + date + '/' + region;
    SigningKey cached = signingKeys.get(cacheKey);
    if (cached != null && cached.secret().equals(secret)) {
      return cached.key();
    }
    byte[] k = hmac(("AWS4" + secret).getBytes(StandardCharsets.UTF_8), date);
    k = hmac(k, region);
    k = hmac(k, service);
    k = hmac(k, "aws4_request");
    if (signingKeys.size() >= MAX_CACHED_KEYS) {
      signingKeys.clear();
    }
    signingKeys.put(cacheKey, new SigningKey(secret, k));
    return k;
  }

  private static byte[] hmac(byte[] key, String data) {
    try {
      Mac mac = HMAC.get();
      mac.init(new SecretKeySpec(key, "HmacSHA256"));
      return mac.doFinal(data.getBytes(StandardCharsets.UTF_8));
    } catch (InvalidKeyException e) {
      throw new IllegalStateException(e);
    }
  }

  private static byte[] sha256(byte[] data) {
    return SHA256.get().digest(data);
  }
}
