package dev.offsync.http.migration;

import dev.offsync.http.internal.migration.ListIdentitiesSource;
import dev.offsync.http.spi.CredentialsProvider;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.function.Consumer;

/** Where a migration's identity ids come from; streamed, never held all at once. */
public interface IdentitySource {

  /**
   * Passes every identity id to {@code sink}, in a stable order.
   *
   * @param sink receives each id
   */
  void forEach(Consumer<String> sink);

  /**
   * Counts the identities (by streaming them once), for progress and ETA.
   *
   * @return the count
   */
  default long count() {
    long[] n = {0};
    forEach(id -> n[0]++);
    return n[0];
  }

  /**
   * A file of identity ids, one a line; blank lines and lines starting with {@code #} are skipped.
   *
   * @param file the file
   * @return the source
   */
  static IdentitySource fromFile(Path file) {
    Objects.requireNonNull(file, "file == null");
    return sink -> {
      try (BufferedReader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
        String line;
        while ((line = r.readLine()) != null) {
          String id = line.trim();
          if (!id.isEmpty() && !id.startsWith("#")) {
            sink.accept(id);
          }
        }
      } catch (IOException e) {
        throw new UncheckedIOException("cannot read identities file " + file, e);
      }
    };
  }

  /**
   * A fixed list of identity ids.
   *
   * @param ids the ids
   * @return the source
   */
  static IdentitySource of(Collection<String> ids) {
    List<String> copy = new ArrayList<>(ids);
    return copy::forEach;
  }

  /**
   * Cognito Identity's {@code ListIdentities} on the source (JSON 1.1, signed for {@code cognito-identity} with
   * developer credentials), paged 60 at a time.
   *
   * @param endpoint the Cognito Identity endpoint, e.g. {@code https://cognito-identity.eu-west-1.amazonaws.com/}
   * @param region the signing region
   * @param credentials developer credentials
   * @param identityPoolId the pool
   * @return the source
   */
  static IdentitySource listIdentities(String endpoint, String region, CredentialsProvider credentials,
      String identityPoolId) {
    return new ListIdentitiesSource(endpoint, region, credentials, identityPoolId);
  }
}
