package dev.offsync.app.bench;

import dev.offsync.http.internal.SigV4Signer;
import dev.offsync.http.spi.AwsCredentials;
import dev.offsync.server.internal.auth.Principal;
import dev.offsync.server.internal.auth.SigV4Verifier;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.AbstractMap.SimpleImmutableEntry;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * CPU cost of the per-request pieces that are not I/O, measured in-process on one thread: the client's SigV4
 * signature and the server's verification of it, for an UpdateRecords-shaped request with a ~1 KB body. These bound
 * how much of a round trip signing can explain.
 */
final class RequestCosts {
  private RequestCosts() {}

  /** Microseconds per call of sign and of verify. */
  static double[] measure(String pool, String accessKey, String secret, long millis) {
    Instant now = Instant.now();
    String path = "/identitypools/" + pool.replace(":", "%3A") + "/identities/" + pool.replace(":", "%3A")
        + "/datasets/bench";
    byte[] body = ("{\"RecordPatches\":[{\"Op\":\"replace\",\"Key\":\"k\",\"Value\":\"" + "v".repeat(900)
        + "\",\"SyncCount\":7}],\"SyncSessionToken\":\"" + "t".repeat(120) + "\"}").getBytes(StandardCharsets.UTF_8);
    List<Map.Entry<String, String>> headers = new ArrayList<>();
    headers.add(new SimpleImmutableEntry<>("Host", "127.0.0.1:8080"));
    headers.add(new SimpleImmutableEntry<>("Content-Type", "application/json"));
    SigV4Signer signer = new SigV4Signer("cognito-sync", "us-east-1");
    AwsCredentials credentials = AwsCredentials.create(accessKey, secret);
    SigV4Verifier verifier = new SigV4Verifier("cognito-sync", Clock.fixed(now, java.time.ZoneOffset.UTC),
        Duration.ofMinutes(5), (id, token) -> new SigV4Verifier.Resolved(secret, Principal.developer(id)));

    Map<String, String> auth = signer.sign("POST", path, List.of(), headers, body, credentials, now);
    Map<String, List<String>> received = new HashMap<>();
    for (Map.Entry<String, String> h : headers) {
      received.put(h.getKey().toLowerCase(Locale.ROOT), List.of(h.getValue()));
    }
    auth.forEach((k, v) -> received.put(k.toLowerCase(Locale.ROOT), List.of(v)));
    received.put("user-agent", List.of("offsync-bench"));
    received.put("content-length", List.of(Integer.toString(body.length)));

    double sign = perCall(millis, () -> signer.sign("POST", path, List.of(), headers, body, credentials, now));
    double verify = perCall(millis, () -> verifier.verify("POST", path, null, received, body));
    return new double[] {sign, verify};
  }

  private static double perCall(long millis, Runnable op) {
    for (int i = 0; i < 20_000; i++) {
      op.run();
    }
    long n = 0;
    long t0 = System.nanoTime();
    long end = t0 + millis * 1_000_000L;
    long t;
    do {
      for (int i = 0; i < 1000; i++) {
        op.run();
      }
      n += 1000;
      t = System.nanoTime();
    } while (t < end);
    return (t - t0) / 1e3 / n;
  }
}
