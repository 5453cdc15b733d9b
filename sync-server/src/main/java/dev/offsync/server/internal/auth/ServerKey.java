package dev.offsync.server.internal.auth;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The server's HMAC key, kept in the data directory ({@value #FILE_NAME}, owner-only permissions) so that tokens and
 * temporary credentials survive restarts. Every use is domain-separated by a label.
 */
public final class ServerKey {
  /** File name of the key inside the data directory. */
  public static final String FILE_NAME = "server-secret.key";

  private final byte[] key;
  /**
   * A keyed HMAC per thread: tokens are signed or checked on most requests, and Mac.getInstance plus init cost
   * several microseconds each time; Mac instances are not thread-safe.
   */
  private final ThreadLocal<Mac> macs = ThreadLocal.withInitial(this::newMac);

  private ServerKey(byte[] key) {
    this.key = key.clone();
  }

  /**
   * Loads the key from a data directory, creating it on first use.
   *
   * @param dataDirectory the data directory
   * @return the key
   */
  public static ServerKey loadOrCreate(Path dataDirectory) {
    Path file = dataDirectory.resolve(FILE_NAME);
    try {
      Files.createDirectories(dataDirectory);
      if (!Files.exists(file)) {
        byte[] fresh = new byte[32];
        new SecureRandom().nextBytes(fresh);
        Path tmp = Files.createTempFile(dataDirectory, ".server-secret", ".tmp");
        try {
          try {
            Files.setPosixFilePermissions(tmp, PosixFilePermissions.fromString("rw-------"));
          } catch (UnsupportedOperationException e) {
            // not a POSIX file system; the directory's permissions apply
          }
          Files.write(tmp, Base64.getEncoder().encode(fresh), StandardOpenOption.TRUNCATE_EXISTING);
          try {
            Files.createLink(file, tmp);
          } catch (FileAlreadyExistsException e) {
            // another process created it first; use theirs
          } catch (UnsupportedOperationException | IOException e) {
            if (!Files.exists(file)) {
              Files.move(tmp, file);
            }
          }
        } finally {
          Files.deleteIfExists(tmp);
        }
      }
      byte[] decoded = Base64.getDecoder().decode(Files.readString(file, StandardCharsets.US_ASCII).trim());
      if (decoded.length < 32) {
        throw new IllegalStateException(file + " holds a key shorter than 32 bytes");
      }
      return new ServerKey(decoded);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read or create " + file, e);
    }
  }

  /**
   * A key for tests.
   *
   * @param key the raw key bytes
   * @return the key
   */
  public static ServerKey of(byte[] key) {
    return new ServerKey(key);
  }

  /**
   * HMAC-SHA256 of {@code label || 0 || data}.
   *
   * @param label domain-separation label
   * @param data the data
   * @return the MAC
   */
  public byte[] mac(String label, byte[] data) {
    Mac mac = macs.get();
    mac.update(label.getBytes(StandardCharsets.UTF_8));
    mac.update((byte) 0);
    return mac.doFinal(data); // also resets it, keyed, for the thread's next call
  }

  private Mac newMac() {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(key, "HmacSHA256"));
      return mac;
    } catch (NoSuchAlgorithmException | InvalidKeyException e) {
      throw new IllegalStateException(e);
    }
  }

  /**
   * Signs a payload into a token {@code base64url(payload) "." base64url(mac)}.
   *
   * @param label domain-separation label
   * @param payload the payload text
   * @return the token
   */
  public String sign(String label, String payload) {
    byte[] p = payload.getBytes(StandardCharsets.UTF_8);
    Base64.Encoder enc = Base64.getUrlEncoder().withoutPadding();
    return enc.encodeToString(p) + "." + enc.encodeToString(mac(label, p));
  }

  /**
   * Verifies a token made by {@link #sign} and returns its payload.
   *
   * @param label the label it was signed with
   * @param token the token
   * @return the payload, or null if the token is malformed or its MAC does not match
   */
  public String verify(String label, String token) {
    if (token == null) {
      return null;
    }
    int dot = token.indexOf('.');
    if (dot <= 0 || dot != token.lastIndexOf('.')) {
      return null;
    }
    try {
      Base64.Decoder dec = Base64.getUrlDecoder();
      byte[] p = dec.decode(token.substring(0, dot));
      byte[] m = dec.decode(token.substring(dot + 1));
      if (!MessageDigest.isEqual(m, mac(label, p))) {
        return null;
      }
      return new String(p, StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      return null;
    }
  }
}
